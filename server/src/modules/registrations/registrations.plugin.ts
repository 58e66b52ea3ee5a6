import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { checkInQrCode, summitInvitation } from './registrations.messages';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsCore } from './registrations.core';
import { RegistrationDesk } from './registrations.desk';
import { RegistrationsService } from './registrations.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** Members' registrations, and the waitlist moving on. */
    registrations: RegistrationsService;
    /** The organisers' side: overview, audit log, approvals, quotas, check-in. */
    registrationDesk: RegistrationDesk;
  }
}

/** How often offers past their deadline are passed on to the next in line. */
const EXPIRY_SWEEP_MS = 60_000;

export default fp(
  async function registrations(app: FastifyInstance, { config }: { config: Config }) {
    const core = new RegistrationsCore(
      app.db,
      new RegistrationsRepository(app.db),
      app.summits.repository,
      app.outbox,
      config,
      app.clock,
      app.summits,
    );
    const service = new RegistrationsService(core);
    app.decorate('registrations', service);
    app.decorate('registrationDesk', new RegistrationDesk(core));
    const calendar = app.calendar;
    app.outbox.renderers.define(
      summitInvitation((summitId, attendee, language) => calendar.invitation(summitId, attendee, language), app.clock),
    );
    app.outbox.renderers.define(checkInQrCode);
    app.summits.onCapacityChanged((summitId) => service.refill(summitId));
    const sweep = setInterval(() => {
      service.expireOffers().catch((error: unknown) => app.log.error({ err: error }, 'offer expiry failed'));
    }, EXPIRY_SWEEP_MS);
    sweep.unref();
    app.addHook('onClose', async () => clearInterval(sweep));
  },
  { name: 'registrations', dependencies: ['database', 'outbox', 'summits', 'calendar'] },
);
