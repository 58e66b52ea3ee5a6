import type { MailboxMessage, OutboxMessage, OutboxPage, OutboxStatus } from '@apoc/shared';
import { MessageNotRetryable, NotFound } from '../../errors';
import type { OutboxRepository, OutboxRow } from './outbox.repository';

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'queued' ? row.nextAttemptAt.toISOString() : null,
    lastError: row.lastError,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export class OutboxService {
  constructor(
    private readonly repository: OutboxRepository,
    private readonly kick: () => void,
    /** Whether SMTP_URL is set: without a mail server, queued mail is kept, not late. */
    private readonly mailServerConfigured: boolean,
    private readonly clock: () => Date,
  ) {}

  async page(status: OutboxStatus | undefined, limit: number): Promise<OutboxPage> {
    const [counts, rows] = await Promise.all([this.repository.counts(), this.repository.list(status, limit)]);
    return { counts, messages: rows.map(toMessage), mailServerConfigured: this.mailServerConfigured };
  }

  async retry(id: string): Promise<OutboxMessage> {
    const row = await this.repository.find(id);
    if (!row) throw new NotFound('message', id);
    if (!(await this.repository.retry(id, this.clock()))) {
      throw new MessageNotRetryable(`The message is ${row.status}; only a failed message can be retried.`);
    }
    this.kick();
    const updated = await this.repository.find(id);
    return toMessage(updated ?? row);
  }

  async mailbox(limit: number): Promise<MailboxMessage[]> {
    const rows = await this.repository.list(undefined, limit);
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      recipient: row.recipient,
      subject: row.subject,
      text: row.text,
      html: row.html,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
    }));
  }
}
