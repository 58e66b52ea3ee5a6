import { aliasedTable, and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Database, tables } from '@apoc/db';
import type { SecurityEventKind } from '@apoc/shared';
import { newId } from '../../ids';

export type SecurityEventRow = typeof tables.securityEvents.$inferSelect;

export interface SecurityEvent {
  kind: SecurityEventKind;
  /** Who acted; null for the platform itself or an anonymous caller. */
  actorId?: string | null;
  /** Whom it concerns. */
  subjectId?: string | null;
  /** The client's address (request.ip), when the event comes from a request. */
  address?: string | null;
  /** What else matters: never a secret, a token or an e-mail address. */
  detail?: Record<string, unknown>;
}

/** The security audit trail's table. A record joins the caller's unit of work, or makes one of its own. */
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async record(event: SecurityEvent, at: Date): Promise<string> {
    const { securityEvents } = this.db.tables;
    const id = newId();
    await this.db.unit(() =>
      this.db.q.insert(securityEvents).values({
        id,
        kind: event.kind,
        actorId: event.actorId ?? null,
        subjectId: event.subjectId ?? null,
        address: event.address ?? null,
        detail: JSON.stringify(event.detail ?? {}),
        at,
      }),
    );
    return id;
  }

  /** Newest first, filtered by kind and by a member (as actor or subject), older than `before`. */
  async list(filter: { kind?: SecurityEventKind; memberId?: string; before?: Date; limit: number }) {
    const { securityEvents, members } = this.db.tables;
    const actor = aliasedTable(members, 'actor');
    const subject = aliasedTable(members, 'subject');
    const conditions: (SQL | undefined)[] = [
      filter.kind ? eq(securityEvents.kind, filter.kind) : undefined,
      filter.memberId
        ? or(eq(securityEvents.actorId, filter.memberId), eq(securityEvents.subjectId, filter.memberId))
        : undefined,
      filter.before ? lt(securityEvents.at, filter.before) : undefined,
    ];
    return this.db.q
      .select({
        event: securityEvents,
        actorName: actor.name,
        subjectName: subject.name,
      })
      .from(securityEvents)
      .leftJoin(actor, eq(actor.id, securityEvents.actorId))
      .leftJoin(subject, eq(subject.id, securityEvents.subjectId))
      .where(and(...conditions))
      .orderBy(desc(securityEvents.at), desc(securityEvents.id))
      .limit(filter.limit);
  }
}
