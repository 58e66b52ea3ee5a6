import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { SummitsRepository } from '../summits/summits.repository';
import { checkInQrCode, summitInvitation } from './registrations.messages';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';

declare module 'fastify' {
  interface FastifyInstance {
    registrations: RegistrationsService;
  }
}

/** How often offers past their deadline are passed on to the next in line. */
const EXPIRY_SWEEP_MS = 60_000;

export default fp(
  async function registrations(app: FastifyInstance, { config }: { config: Config }) {
    const service = new RegistrationsService(
      app.db,
      new RegistrationsRepository(app.db),
      new SummitsRepository(app.db),
      app.outbox,
      config,
      app.clock,
      app.summits,
    );
    app.decorate('registrations', service);
    const calendar = app.calendar;
    app.outbox.renderers.define(summitInvitation((summitId, attendee) => calendar.invitation(summitId, attendee)));
    app.outbox.renderers.define(checkInQrCode);
    app.summits.onCapacityChanged((summitId) => service.refill(summitId));
    const sweep = setInterval(() => {
      service.expireOffers().catch((error: unknown) => app.log.error({ err: error }, 'offer expiry failed'));
    }, EXPIRY_SWEEP_MS);
    sweep.unref();
    app.addHook('onClose', async () => clearInterval(sweep));
  },
  { name: 'registrations', dependencies: ['database', 'outbox', 'summits'] },
);
