import type { Database } from '@apoc/db';
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
  constructor(
    readonly db: Database,
    readonly repository: RegistrationsRepository,
    readonly summits: SummitsRepository,
    private readonly outbox: Outbox,
    private readonly config: Config,
    readonly clock: () => Date,
    readonly agendas: Pick<SummitsService, 'firstSessionStart' | 'assertGuestMaySee' | 'publishedSession'>,
  ) {}

  async summit(id: string): Promise<SummitRow> {
    const summit = await this.summits.find(id);
    if (!summit || summit.status === 'draft') throw new NotFound('summit', id);
    return summit;
  }

  async context(summit: SummitRow): Promise<messages.MessageContext> {
    return {
      summit,
      publicUrl: this.config.publicUrl,
      firstSessionStart: await this.agendas.firstSessionStart(summit),
    };
  }

  /** The seat pool a new holder would take (see allocateSeat), or null when there is no free seat. */
  async freeSeat(
    summit: SummitRow,
    mode: AttendanceMode,
    institutionId: string | null,
    now: Date,
  ): Promise<SeatPool | null> {
    const inPerson = mode === 'in_person';
    const quotas = inPerson ? await this.repository.quotas(summit.id) : new Map<string, number>();
    return allocateSeat(
      {
        capacity: inPerson ? summit.seatsInPerson : summit.seatsVirtual,
        held: await this.repository.held(summit.id, mode),
        quotas,
        quotasApply: quotasApply(summit.quotaReleaseAt, now),
        heldByPool: quotas.size > 0 ? await this.repository.heldByPool(summit.id, mode) : new Map(),
      },
      institutionId,
    );
  }

  async waitlistPosition(registration: RegistrationRow): Promise<number | undefined> {
    if (registration.status !== 'waitlisted') return undefined;
    return this.repository.positionOf(registration);
  }

  async view(registration: RegistrationRow, knownPosition?: number): Promise<Registration> {
    const position = knownPosition ?? (await this.waitlistPosition(registration));
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

  async organiserView(registration: RegistrationWithMember): Promise<RegistrationView> {
    return {
      ...(await this.view(registration)),
      checkInCode: registration.checkInCode,
      memberId: registration.memberId,
      name: registration.name,
      email: registration.email,
      institutionId: registration.institutionId,
    };
  }

  /** Moves a registration to a new status, recording the movement in the audit log. */
  async move(
    registration: RegistrationRow,
    to: RegistrationStatus,
    action: RegistrationAuditAction,
    actor: Actor,
    now: Date,
    patch: Partial<RegistrationRow> = {},
    detail: RegistrationAuditDetail = {},
  ): Promise<void> {
    await this.repository.update(registration.id, { status: to, updatedAt: now, ...patch });
    await this.repository.record({
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
  async fillSeats(summit: SummitRow, mode: AttendanceMode, now: Date, mail: NewMessage[]): Promise<void> {
    for (const candidate of await this.repository.waitlist(summit.id, mode)) {
      const seat = await this.freeSeat(summit, mode, candidate.institutionId, now);
      if (!seat) continue;
      if (mode === 'virtual') {
        await this.move(candidate, 'confirmed', 'promoted', null, now, {
          seatPool: seatPoolKey(seat),
          waitlistedAt: null,
        });
        mail.push(messages.confirmation(await this.context(summit), candidate, candidate, true));
        continue;
      }
      const deadline = offerDeadline(now, dayBounds(summit.startDate, summit.timeZone).start, summit.offerWindowHours);
      if (!deadline) return;
      await this.move(
        candidate,
        'offered',
        'offered',
        null,
        now,
        { seatPool: seatPoolKey(seat), offerExpiresAt: deadline },
        { until: deadline.toISOString() },
      );
      mail.push(messages.offer(await this.context(summit), candidate, deadline));
    }
  }

  /**
   * Runs `work` in one unit of work that holds the summit, and queues the mail it produced in that same unit, then
   * wakes the outbox. `work` is given the summit as it is once held: seats are counted against that one (a capacity
   * changed a moment before, on any instance, counts), never against a copy read earlier.
   */
  async write<T>(summitId: string, work: (mail: NewMessage[], summit: SummitRow) => Promise<T>): Promise<T> {
    const result = await this.db.unit(async () => {
      // Every instance counting this summit's seats waits here for the others.
      const summit = await this.summits.hold(summitId);
      if (!summit) throw new NotFound('summit', summitId);
      const mail: NewMessage[] = [];
      const value = await work(mail, summit);
      // Delivery runs on real time, whatever the platform clock says (tests move that one).
      for (const message of mail) await this.outbox.repository.enqueue(message);
      return value;
    });
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
    await this.write(summit.id, async (mail, held) => {
      const current = (await this.repository.find(registration.id)) as RegistrationWithMember;
      if (current.status === 'cancelled') return;
      // Another request (or instance) may have settled the offer since it was found open or expired: accepted,
      // declined or expired.
      if ((action === 'offer-expired' || action === 'offer-declined') && current.status !== 'offered') return;
      const heldSeat = SEAT_HOLDING.includes(current.status);
      await this.move(
        current,
        'cancelled',
        action,
        actor,
        now,
        { seatPool: null, offerExpiresAt: null, waitlistedAt: null },
        reason ? { reason } : {},
      );
      mail.push(messages.cancelled(await this.context(summit), current, reason));
      if (heldSeat) await this.fillSeats(held, current.mode, now, mail);
    });
    return this.view((await this.repository.find(registration.id)) as RegistrationRow);
  }
}
