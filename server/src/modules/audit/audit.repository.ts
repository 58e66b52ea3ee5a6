import { tables, type Db } from '@apoc/db';
import type { SecurityEventKind } from '@apoc/shared';
import { newId } from '../../ids';

const { securityEvents } = tables;

export type SecurityEventRow = typeof securityEvents.$inferSelect;

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

/** The security audit trail's table. Writes are synchronous, so they join the caller's transaction. */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  record(event: SecurityEvent, at: Date): string {
    const id = newId();
    this.db
      .insert(securityEvents)
      .values({
        id,
        kind: event.kind,
        actorId: event.actorId ?? null,
        subjectId: event.subjectId ?? null,
        address: event.address ?? null,
        detail: JSON.stringify(event.detail ?? {}),
        at,
      })
      .run();
    return id;
  }
}
