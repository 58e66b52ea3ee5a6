import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

declare module 'fastify' {
  interface FastifyInstance {
    reminders: RemindersService;
  }
}

/** How often the scheduler plans and runs reminders. */
const TICK_MS = 30_000;

export default fp(
  async function reminders(app: FastifyInstance, { config }: { config: Config }) {
    const service = new RemindersService(
      app.db,
      new RemindersRepository(app.db),
      app.summits,
      app.calendar,
      app.outbox,
      config,
      app.clock,
    );
    app.decorate('reminders', service);
    app.summits.onPublished(({ state, changes }) => service.scheduleChangeNotice(state, changes));

    let running: Promise<unknown> | null = null;
    const tick = () => {
      if (running) return;
      running = service
        .plan()
        .then(() => service.runDue())
        .catch((error: unknown) => app.log.error({ err: error }, 'reminder scheduler failed'))
        .finally(() => (running = null));
    };
    const timer = setInterval(tick, TICK_MS);
    timer.unref();
    // Reminders missed while the server was down go out now, if still useful.
    app.addHook('onReady', async () => tick());
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'reminders', dependencies: ['database', 'outbox', 'summits', 'calendar'] },
);
