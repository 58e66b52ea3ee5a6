import type { Db } from '@apoc/db';
import {
  allocateSeat,
  dayBounds,
  offerDeadline,
  quotasApply,
  SEAT_HOLDING,
  seatPoolKey,
  type AttendanceMode,
  type Registration,
  type RegistrationAuditAction,
  type RegistrationAuditDetail,
  type RegistrationRow as RegistrationView,
  type RegistrationStatus,
  type SeatPool,
} from '@apoc/shared';
import type { Config } from '../../config';
import { NotFound } from '../../errors';
import type { Outbox } from '../outbox/outbox.plugin';
import type { NewMessage } from '../outbox/outbox.repository';
import type { SummitRow, SummitsRepository } from '../summits/summits.repository';
import type { SummitsService } from '../summits/summits.service';
import * as messages from './registrations.messages';
import type { RegistrationRow, RegistrationsRepository, RegistrationWithMember } from './registrations.repository';

export type Actor = { id: string } | null;

/**
 * What members' registrations and the organisers' desk both build on: a summit open to registration, seats
 * taken by the rules of @apoc/shared, every movement recorded, the waitlist filled first in line first, and
 * each change committed with the mail it causes.
 */
export class RegistrationsCore {
  /**
   * Runs its argument in one transaction of the driver's, made once: drizzle's builds a new transaction
   * object over the whole schema on every call, per registration. The repositories share the
   * connection, so their statements run inside it.
   */
  private readonly transaction;

  constructor(
    readonly db: Db,
    readonly repository: RegistrationsRepository,
    readonly summits: SummitsRepository,
    private readonly outbox: Outbox,
    private readonly config: Config,
    readonly clock: () => Date,
    readonly agendas: Pick<SummitsService, 'firstSessionStart' | 'assertGuestMaySee'>,
  ) {
    this.transaction = db.$client.transaction((work: () => unknown) => work());
  }

  summit(id: string): SummitRow {
    const summit = this.summits.find(id);
    if (!summit || summit.status === 'draft') throw new NotFound('summit', id);
    return summit;
  }

  context(summit: SummitRow): messages.MessageContext {
    return {
      summit,
      publicUrl: this.config.publicUrl,
      firstSessionStart: this.agendas.firstSessionStart(summit.id),
    };
  }

  /** The seat pool a new holder would take (see allocateSeat), or null when there is no free seat. */
  freeSeat(summit: SummitRow, mode: AttendanceMode, institutionId: string | null, now: Date): SeatPool | null {
    const inPerson = mode === 'in_person';
    const quotas = inPerson ? this.repository.quotas(summit.id) : new Map<string, number>();
    return allocateSeat(
      {
        capacity: inPerson ? summit.seatsInPerson : summit.seatsVirtual,
        held: this.repository.held(summit.id, mode),
        quotas,
        quotasApply: quotasApply(summit.quotaReleaseAt, now),
        heldByPool: quotas.size > 0 ? this.repository.heldByPool(summit.id, mode) : new Map(),
      },
      institutionId,
    );
  }

  waitlistPosition(registration: RegistrationRow): number | undefined {
    if (registration.status !== 'waitlisted') return undefined;
    return this.repository.positionOf(registration);
  }

  view(registration: RegistrationRow, position = this.waitlistPosition(registration)): Registration {
    const holdsInPersonSeat = registration.mode === 'in_person' && registration.status === 'confirmed';
    return {
      id: registration.id,
      summitId: registration.summitId,
      mode: registration.mode,
      status: registration.status,
      ...(position ? { waitlistPosition: position } : {}),
      offerExpiresAt: registration.offerExpiresAt?.toISOString() ?? null,
      dietaryNeeds: registration.dietaryNeeds,
      accessibilityNeeds: registration.accessibilityNeeds,
      note: registration.note,
      listed: registration.listed,
      ...(holdsInPersonSeat ? { checkInCode: registration.checkInCode } : {}),
      checkedInAt: registration.checkedInAt?.toISOString() ?? null,
      createdAt: registration.createdAt.toISOString(),
      updatedAt: registration.updatedAt.toISOString(),
    };
  }

  organiserView(registration: RegistrationWithMember): RegistrationView {
    return {
      ...this.view(registration),
      checkInCode: registration.checkInCode,
      memberId: registration.memberId,
      name: registration.name,
      email: registration.email,
      institutionId: registration.institutionId,
    };
  }

  /** Moves a registration to a new status, recording the movement in the audit log. */
  move(
    registration: RegistrationRow,
    to: RegistrationStatus,
    action: RegistrationAuditAction,
    actor: Actor,
    now: Date,
    patch: Partial<RegistrationRow> = {},
    detail: RegistrationAuditDetail = {},
  ): void {
    this.repository.update(registration.id, { status: to, updatedAt: now, ...patch });
    this.repository.record({
      registrationId: registration.id,
      summitId: registration.summitId,
      action,
      actorId: actor?.id ?? null,
      fromStatus: registration.status,
      toStatus: to,
      detail,
      at: now,
    });
  }

  /**
   * Gives free seats of a mode to the waitlist, first in line first: virtual places are confirmed at
   * once, in-person seats are offered for a limited time. Runs inside the caller's transaction.
   */
  fillSeats(summit: SummitRow, mode: AttendanceMode, now: Date, mail: NewMessage[]): void {
    for (const candidate of this.repository.waitlist(summit.id, mode)) {
      const seat = this.freeSeat(summit, mode, candidate.institutionId, now);
      if (!seat) continue;
      if (mode === 'virtual') {
        this.move(candidate, 'confirmed', 'promoted', null, now, { seatPool: seatPoolKey(seat), waitlistedAt: null });
        mail.push(messages.confirmation(this.context(summit), candidate, candidate, true));
        continue;
      }
      const deadline = offerDeadline(now, dayBounds(summit.startDate, summit.timeZone).start, summit.offerWindowHours);
      if (!deadline) return;
      this.move(
        candidate,
        'offered',
        'offered',
        null,
        now,
        { seatPool: seatPoolKey(seat), offerExpiresAt: deadline },
        { until: deadline.toISOString() },
      );
      mail.push(messages.offer(this.context(summit), candidate, deadline));
    }
  }

  /**
   * Runs `work` in one immediate transaction (the write lock is taken before seats are counted) and
   * queues the mail it produced in that same transaction, then wakes the outbox.
   */
  write<T>(work: (mail: NewMessage[]) => T): T {
    const result = this.transaction.immediate(() => {
      const mail: NewMessage[] = [];
      const value = work(mail);
      // Delivery runs on real time, whatever the platform clock says (tests move that one).
      for (const message of mail) this.outbox.repository.enqueue(message);
      return value;
    }) as T;
    this.outbox.kick();
    return result;
  }

  async cancelRegistration(
    summit: SummitRow,
    registration: RegistrationWithMember,
    actor: Actor,
    action: RegistrationAuditAction,
    reason: string,
  ): Promise<Registration> {
    const now = this.clock();
    this.write((mail) => {
      const current = this.repository.find(registration.id) as RegistrationWithMember;
      if (current.status === 'cancelled') return;
      const heldSeat = SEAT_HOLDING.includes(current.status);
      this.move(
        current,
        'cancelled',
        action,
        actor,
        now,
        { seatPool: null, offerExpiresAt: null, waitlistedAt: null },
        reason ? { reason } : {},
      );
      mail.push(messages.cancelled(this.context(summit), current, reason));
      if (heldSeat) this.fillSeats(summit, current.mode, now, mail);
    });
    return this.view(this.repository.find(registration.id) as RegistrationRow);
  }
}
