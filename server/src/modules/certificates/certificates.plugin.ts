import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { CreditsLedger } from './certificates.ledger';
import { EvaluationsService } from './certificates.evaluation';
import { CERTIFICATES_AVAILABLE, CertificateMail } from './certificates.mail';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesService } from './certificates.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** Credits earned from verified attendance, certificates, their verification, revocation and re-issue. */
    certificates: CertificatesService;
    /** The evaluation attendees fill before their certificate, and its results. */
    evaluations: EvaluationsService;
  }
}

export default fp(
  async function certificates(app: FastifyInstance, { config }: { config: Config }) {
    const ledger = new CreditsLedger(app.db, new CertificatesRepository(app.db), app.summits, config, app.clock);
    app.decorate('certificates', new CertificatesService(ledger));
    app.decorate('evaluations', new EvaluationsService(ledger, app.registrations.repository));

    const mail = new CertificateMail(ledger, app.reminders, app.outbox, config);
    app.reminders.handle(CERTIFICATES_AVAILABLE, (job, now) => mail.run(job, now));
    // A publication plans the mail in its own transaction; a change of the accreditation (which needs none) plans it
    // once committed, here or on another instance, in the background.
    app.summits.onPublished(({ state }) => mail.plan(ledger.of(state.summit, state.agenda.sessions)));
    const planning = new Set<Promise<void>>();
    app.summits.onStale((summitId) => {
      if (!summitId) return;
      const planned = mail
        .planSummit(summitId)
        .catch((error: unknown) => app.log.error({ err: error, summitId }, 'planning certificate mail failed'))
        .finally(() => planning.delete(planned));
      planning.add(planned);
    });
    app.addHook('onClose', async () => {
      await Promise.all(planning);
    });
  },
  { name: 'certificates', dependencies: ['database', 'summits', 'registrations', 'outbox', 'reminders'] },
);
