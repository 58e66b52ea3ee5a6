import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { AttachmentRenderers, RenderedAttachment } from './outbox.attachments';
import type { ClaimedMessage, OutboxRepository, StoredAttachment } from './outbox.repository';

export interface OutboxWorkerOptions {
  from: string;
  /** First retry delay; each further attempt doubles it, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often to look for due messages when nothing wakes the worker sooner. */
  pollMs: number;
  /** A claim older than this belongs to a worker that died mid-delivery. */
  leaseMs: number;
}

/** SMTP reply codes 5xx are permanent: the server will never accept this message as it is. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** The domain of the sender's address, to end each message's Message-ID with. */
function senderDomain(from: string): string {
  return /@([^\s@<>]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}

function describe(error: unknown): string {
  const { responseCode, code, message } = error as { responseCode?: number; code?: string; message?: string };
  // The SMTP reply may quote the recipient's address: keep the code and the first words only.
  const summary = (message ?? String(error)).replace(/[^\s@<>]+@[^\s@<>]+/g, '[address]').slice(0, 300);
  return [responseCode, code, summary].filter(Boolean).join(' ');
}

/**
 * Delivers the outbox through nodemailer, one message at a time, retrying with exponential backoff.
 * A message is marked sent only after the SMTP server accepted it; a crash between the two sends it
 * again after the lease expires (at least once), never zero times.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeAgain = false;
  private stopped = false;
  private readonly domain: string;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly transport: Transporter,
    private readonly renderers: AttachmentRenderers,
    private readonly options: OutboxWorkerOptions,
    private readonly log: FastifyBaseLogger,
    private readonly clock: () => Date,
  ) {
    this.domain = senderDomain(options.from);
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Look for due messages now (called after a transaction that queued one has committed). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.deliverDue()
      .catch((error: unknown) => this.log.error({ err: error }, 'outbox delivery loop failed'))
      .finally(async () => {
        this.running = null;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.kick();
        } else {
          await this.scheduleNext();
        }
      });
  }

  /** Stops taking new messages and waits for the one being delivered. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.transport.close();
  }

  private async scheduleNext(): Promise<void> {
    if (this.stopped) return;
    const nextDue = await this.outbox.nextDueAt();
    const wait = nextDue
      ? Math.max(0, Math.min(nextDue.getTime() - this.clock().getTime(), this.options.pollMs))
      : this.options.pollMs;
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }

  private async deliverDue(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const now = this.clock();
      // One message at a time, claimed as its delivery starts: a claimed batch would wait behind a slow mail server,
      // and the last of it could outlive its lease still unsent, be taken over by another worker, and go out twice.
      const message = await this.outbox.claimNext(now, new Date(now.getTime() - this.options.leaseMs));
      if (!message) return;
      await this.deliver(message);
    }
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    let attachments: RenderedAttachment[];
    try {
      attachments = await this.renderers.render(JSON.parse(message.attachments) as StoredAttachment[]);
    } catch (error) {
      // Drawing it again would fail again: it waits, failed, for a fix and an admin's retry.
      const reason = `attachment not drawn: ${describe(error)}`;
      if (await this.outbox.markFailed(message, reason)) {
        this.log.error({ outboxId: message.id, kind: message.kind, reason }, 'mail could not be composed');
      } else this.takenOver(message, 'not composed');
      return;
    }
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: message.recipient,
        // The same on every attempt: a message sent twice (a worker taken over mid-delivery) is one message to the
        // mail systems that drop repeats of a Message-ID, and the outbox row it came from can be told from the mail.
        messageId: `<${message.id}@${this.domain}>`,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments,
      });
      if (await this.outbox.markSent(message.id, this.clock())) {
        this.log.info({ outboxId: message.id, kind: message.kind }, 'mail delivered');
      } else {
        this.log.warn(
          { outboxId: message.id, kind: message.kind },
          'mail delivered twice: another worker took the claim over and sent it first',
        );
      }
    } catch (error) {
      const reason = describe(error);
      if (isPermanent(error)) {
        if (await this.outbox.markFailed(message, reason)) {
          this.log.warn({ outboxId: message.id, kind: message.kind, reason }, 'mail rejected permanently');
        } else this.takenOver(message, `rejected permanently: ${reason}`);
        return;
      }
      const delay = Math.min(this.options.retryBaseMs * 2 ** message.attempts, this.options.retryMaxMs);
      // Jitter spreads retries of a burst so that a mail server coming back is not hit all at once.
      const next = new Date(this.clock().getTime() + delay * (0.8 + Math.random() * 0.4));
      if (await this.outbox.markRetry(message, reason, next)) {
        this.log.warn(
          { outboxId: message.id, kind: message.kind, attempts: message.attempts + 1, reason },
          'mail will be retried',
        );
      } else this.takenOver(message, `not delivered: ${reason}`);
    }
  }

  /**
   * This worker's attempt outlived its lease and another worker has the message now: what this attempt found is
   * left unrecorded, so that it cannot undo the other's delivery (queue a sent message again, or fail it).
   */
  private takenOver(message: ClaimedMessage, outcome: string): void {
    this.log.warn(
      { outboxId: message.id, kind: message.kind, outcome },
      'mail claim taken over by another worker; its outcome here is not recorded',
    );
  }
}
