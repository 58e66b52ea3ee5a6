import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import nodemailer from 'nodemailer';
import { SIGN_IN_LINK_MINUTES } from '@apoc/shared';
import { deleteEndedSignIns } from '../auth/auth.retention';
import type { Config } from '../../config';
import { AttachmentRenderers } from './outbox.attachments';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { OutboxWorker } from './outbox.worker';

export interface Outbox {
  repository: OutboxRepository;
  /** Draws attachments deferred to delivery; features register theirs when they load. */
  renderers: AttachmentRenderers;
  /** Call after committing a transaction that queued mail, so it leaves now rather than at the next poll. */
  kick(): void;
  /** The admins' view of the queue: counts, messages, retries. */
  service: OutboxService;
}

/** How often the retention sweep runs. */
const RETENTION_EVERY_MS = 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    outbox: Outbox;
    /** Runs the retention sweep now (it also runs every minute); tests call it after moving the clock. */
    retain(): Promise<void>;
  }
}

/**
 * The outbox and, when SMTP_URL is set, its delivery worker. Without SMTP_URL, mail stays queued and
 * is read in the development mailbox: the embedded default needs no mail server.
 */
/** nodemailer's waits, in milliseconds, where SMTP_URL does not set them. */
const BOUNDED_WAITS = [
  ['connectionTimeout', '10000'],
  ['greetingTimeout', '10000'],
  ['socketTimeout', '30000'],
] as const;

export default fp(
  async function outbox(app: FastifyInstance, { config }: { config: Config }) {
    const repository = new OutboxRepository(app.db, app.clock);
    const renderers = new AttachmentRenderers();
    let worker: OutboxWorker | null = null;
    if (config.smtpUrl) {
      const smtp = new URL(config.smtpUrl);
      // Bounded waits: a mail server that hangs must not hold a delivery (or shutdown) for minutes. An SMTP_URL
      // that gives its own (`?greetingTimeout=30000`) keeps it: a slow relay may need longer.
      for (const [wait, ms] of BOUNDED_WAITS) if (!smtp.searchParams.has(wait)) smtp.searchParams.set(wait, ms);
      // One connection kept open for the next message: greeting, EHLO and (with TLS) the handshake cost a
      // mail server 100 ms or more per connection, which paced an announcement to hundreds of members at
      // about ten messages a second. An SMTP_URL that says `pool=false` opens a connection per message.
      if (!smtp.searchParams.has('pool')) smtp.searchParams.set('pool', 'true');
      const transport = nodemailer.createTransport(smtp.toString());
      worker = new OutboxWorker(
        repository,
        transport,
        renderers,
        { from: config.mailFrom, ...config.outbox },
        app.log,
        app.clock,
      );
      app.addHook('onReady', async () => worker?.start());
      // Registered after the database plugin, so this runs before the database closes.
      app.addHook('onClose', async () => worker?.stop());
    }
    const kick = () => worker?.kick();
    const service = new OutboxService(repository, kick, config.smtpUrl !== null, app.clock);
    app.decorate('outbox', { repository, renderers, kick, service });

    // Retention: what the platform no longer needs is removed, at start-up and every minute after. Sign-in
    // links leave the outbox once they have expired; sent mail keeps its metadata only after RETENTION_DAYS.
    const retain = async () => {
      const now = app.clock();
      const retentionStart = new Date(now.getTime() - config.retentionDays * 86_400_000);
      const purged = await repository.purgeBodies(
        now,
        retentionStart,
        new Date(now.getTime() - SIGN_IN_LINK_MINUTES * 60_000),
      );
      const forgotten = await deleteEndedSignIns(app.db, retentionStart);
      if (purged + forgotten.links + forgotten.signIns > 0) {
        app.log.info({ purgedBodies: purged, ...forgotten }, 'retention: removed what is no longer needed');
      }
    };
    let retention: NodeJS.Timeout | null = null;
    app.decorate('retain', retain);
    app.addHook('onReady', async () => {
      await retain();
      retention = setInterval(() => {
        retain().catch((error: unknown) => app.log.error({ err: error }, 'retention failed'));
      }, RETENTION_EVERY_MS).unref();
    });
    app.addHook('onClose', async () => {
      if (retention) clearInterval(retention);
    });
  },
  { name: 'outbox', dependencies: ['database'] },
);
