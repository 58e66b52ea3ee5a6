import type { Db } from '@apoc/db';
import {
  checkInTiming,
  checkInWindow,
  dayBounds,
  ROLE_RANK,
  SEAT_HOLDING,
  type AttendeeList,
  type AttendanceMode,
  type CheckInResult,
  type Registration,
  type RegistrationCounts,
  type RegistrationEvent,
  type RegistrationOverview,
  type RegistrationQuery,
  type RegistrationRow as RegistrationView,
  type RegistrationStatus,
  type RegisterRequest,
  type UpdateRegistration,
} from '@apoc/shared';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config';
import { Conflict, InvalidInput, NotFound } from '../../errors';
import type { MemberWithZone } from '../members/members.repository';
import type { Outbox } from '../outbox/outbox.plugin';
import type { NewMessage } from '../outbox/outbox.repository';
import type { SummitRow, SummitsRepository } from '../summits/summits.repository';
import { registrationWindow, type SummitsService } from '../summits/summits.service';
import { CheckInOutsideWindow } from './registrations.errors';
import * as messages from './registrations.messages';
import type { RegistrationRow, RegistrationsRepository, RegistrationWithMember } from './registrations.repository';

const HOUR = 3_600_000;

const CHECK_IN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CHECK_IN_CODE_LENGTH = 10;
// Random bytes drawn a few kilobytes at a time: asking the system's generator for ten bytes per
// registration cost more than the rest of choosing a code.
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/** A check-in code people can read out or type: 10 characters from an alphabet without look-alikes. */
function newCheckInCode(): string {
  if (randomOffset + CHECK_IN_CODE_LENGTH > randomPool.length) {
    randomPool = randomBytes(4096);
    randomOffset = 0;
  }
  let code = '';
  // 256 is a multiple of the alphabet's 32 letters, so every letter is equally likely.
  for (let i = 0; i < CHECK_IN_CODE_LENGTH; i++) {
    code += CHECK_IN_ALPHABET[(randomPool[randomOffset + i] ?? 0) % CHECK_IN_ALPHABET.length];
  }
  randomOffset += CHECK_IN_CODE_LENGTH;
  return code;
}

/**
 * How long a waitlisted member has to accept a seat: the summit's window (48 hours by default), shorter
 * as the summit approaches (half the time left, at least an hour), and never past its start.
 */
export function offerDeadline(now: Date, summitStart: Date, windowHours: number): Date | null {
  const left = summitStart.getTime() - now.getTime();
  if (left <= 0) return null;
  const window = Math.min(windowHours * HOUR, Math.max(HOUR, left / 2));
  return new Date(Math.min(now.getTime() + window, summitStart.getTime()));
}

type Actor = { id: string } | null;

export class RegistrationsService {
  /**
   * Runs its argument in one transaction of the driver's, made once: drizzle's builds a new transaction
   * object over the whole schema on every call, per registration. The repositories share the
   * connection, so their statements run inside it.
   */
  private readonly transaction;

  constructor(
    private readonly db: Db,
    private readonly registrations: RegistrationsRepository,
    private readonly summits: SummitsRepository,
    private readonly outbox: Outbox,
    private readonly config: Config,
    private readonly clock: () => Date,
    private readonly agendas: Pick<SummitsService, 'firstSessionStart' | 'assertGuestMaySee'>,
  ) {
    this.transaction = db.$client.transaction((work: () => unknown) => work());
  }

  /** The registrations' rows, for the features that read them (planner, join). */
  get repository(): RegistrationsRepository {
    return this.registrations;
  }

  private summit(id: string): SummitRow {
    const summit = this.summits.find(id);
    if (!summit || summit.status === 'draft') throw new NotFound('summit', id);
    return summit;
  }

  private context(summit: SummitRow): messages.MessageContext {
    return {
      summit,
      publicUrl: this.config.publicUrl,
      firstSessionStart: this.agendas.firstSessionStart(summit.id),
    };
  }

  private modesOf(summit: SummitRow): AttendanceMode[] {
    switch (summit.format) {
      case 'in_person':
        return ['in_person'];
      case 'virtual':
        return ['virtual'];
      case 'hybrid':
        return ['in_person', 'virtual'];
    }
  }

  /**
   * The seat pool a new holder would take, or null when there is no seat. While quotas apply, each
   * institution's reserved seats are its own and the rest form a common pool; after the release date
   * (or without quotas) all seats are one pool.
   */
  private freeSeat(summit: SummitRow, mode: AttendanceMode, institutionId: string | null, now: Date): string | null {
    const capacity = mode === 'in_person' ? summit.seatsInPerson : summit.seatsVirtual;
    if (capacity === null) return 'pool';
    if (this.registrations.held(summit.id, mode) >= capacity) return null;
    const quotas = mode === 'in_person' ? this.registrations.quotas(summit.id) : new Map<string, number>();
    const quotasApply = quotas.size > 0 && (summit.quotaReleaseAt === null || now < summit.quotaReleaseAt);
    if (!quotasApply) return 'pool';
    const held = this.registrations.heldByPool(summit.id, mode);
    const own = institutionId ? quotas.get(institutionId) : undefined;
    if (own !== undefined && institutionId && (held.get(institutionId) ?? 0) < own) return institutionId;
    const reserved = [...quotas.values()].reduce((sum, seats) => sum + seats, 0);
    return (held.get('pool') ?? 0) < capacity - reserved ? 'pool' : null;
  }

  private waitlistPosition(registration: RegistrationRow): number | undefined {
    if (registration.status !== 'waitlisted') return undefined;
    return this.registrations.positionOf(registration);
  }

  private view(registration: RegistrationRow, position = this.waitlistPosition(registration)): Registration {
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

  private organiserView(registration: RegistrationWithMember): RegistrationView {
    return {
      ...this.view(registration),
      checkInCode: registration.checkInCode,
      memberId: registration.memberId,
      name: registration.name,
      email: registration.email,
      institutionId: registration.institutionId,
    };
  }

  /** Moves a registration to a new status, recording the movement; returns the updated row. */
  private move(
    registration: RegistrationRow,
    to: RegistrationStatus,
    action: string,
    actor: Actor,
    now: Date,
    patch: Partial<RegistrationRow> = {},
    detail = '',
  ): void {
    this.registrations.update(registration.id, { status: to, updatedAt: now, ...patch });
    this.registrations.record({
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
  private fillSeats(summit: SummitRow, mode: AttendanceMode, now: Date, mail: NewMessage[]): void {
    for (const candidate of this.registrations.waitlist(summit.id, mode)) {
      const seat = this.freeSeat(summit, mode, candidate.institutionId, now);
      if (!seat) continue;
      if (mode === 'virtual') {
        this.move(candidate, 'confirmed', 'promoted', null, now, { seatPool: seat, waitlistedAt: null });
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
        { seatPool: seat, offerExpiresAt: deadline },
        `until ${deadline.toISOString()}`,
      );
      mail.push(messages.offer(this.context(summit), candidate, deadline));
    }
  }

  /**
   * Runs `work` in one immediate transaction (the write lock is taken before seats are counted) and
   * queues the mail it produced in that same transaction, then wakes the outbox.
   */
  private write<T>(work: (mail: NewMessage[]) => T): T {
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

  async register(
    member: MemberWithZone,
    summitId: string,
    input: RegisterRequest,
  ): Promise<{ registration: Registration; created: boolean }> {
    const summit = this.summit(summitId);
    this.agendas.assertGuestMaySee(member, summitId);
    if (summit.status === 'archived') throw new Conflict('This summit is archived.');
    if (!this.modesOf(summit).includes(input.mode)) {
      throw new InvalidInput(
        `This summit is ${summit.format.replace('_', '-')}: register ${this.modesOf(summit).join(' or ').replace('_', ' ')}.`,
      );
    }
    const now = this.clock();
    const window = registrationWindow(summit);
    if (!window.opensAt || now < window.opensAt) throw new Conflict('Registration is not open yet.');
    if (now >= window.closesAt) throw new Conflict('Registration has closed.');

    return this.write((mail) => {
      const existing = this.registrations.findFor(summitId, member.id);
      if (existing && existing.status !== 'cancelled') return { registration: this.view(existing), created: false };
      const details = {
        mode: input.mode,
        dietaryNeeds: input.dietaryNeeds ?? '',
        accessibilityNeeds: input.accessibilityNeeds ?? '',
        note: input.note ?? '',
        listed: input.listed ?? false,
      };
      const seat = summit.requiresApproval ? null : this.freeSeat(summit, input.mode, member.institutionId, now);
      const status: RegistrationStatus = summit.requiresApproval ? 'pending' : seat ? 'confirmed' : 'waitlisted';
      const fields = {
        ...details,
        status,
        seatPool: seat,
        waitlistedAt: status === 'waitlisted' ? now : null,
        offerExpiresAt: null,
        checkedInAt: null,
        updatedAt: now,
      };
      let row: RegistrationRow;
      if (existing) {
        // Rejoining after a cancellation: the same row (one per member and summit), back of the line.
        this.registrations.update(existing.id, fields);
        row = { ...existing, ...fields };
      } else {
        row = this.registrations.insert({
          ...fields,
          summitId,
          memberId: member.id,
          checkInCode: newCheckInCode(),
          createdAt: now,
        });
      }
      this.registrations.record({
        registrationId: row.id,
        summitId,
        action: existing ? 'rejoined' : 'registered',
        actorId: member.id,
        fromStatus: existing?.status ?? null,
        toStatus: status,
        at: now,
      });
      const position = this.waitlistPosition(row);
      const recipient = { name: member.name, email: member.email, timeZone: member.effectiveTimeZone };
      const context = this.context(summit);
      if (status === 'confirmed') mail.push(messages.confirmation(context, recipient, row, false));
      else if (status === 'waitlisted') mail.push(messages.waitlisted(context, recipient, input.mode, position ?? 0));
      else mail.push(messages.pending(context, recipient));
      return { registration: this.view(row, position), created: true };
    });
  }

  private mine(member: MemberWithZone, summitId: string): RegistrationWithMember {
    const registration = this.registrations.findFor(summitId, member.id);
    if (!registration || registration.status === 'cancelled') throw new NotFound('registration for summit', summitId);
    return registration;
  }

  /**
   * Cancels every registration of a member being erased, each as a cancellation would (seats offered on to
   * the first in line). The member's own notices are withdrawn by the erasure that follows.
   */
  async cancelAllOf(memberId: string, actor: Actor): Promise<number> {
    let cancelled = 0;
    for (const row of this.registrations.ofMember(memberId)) {
      if (row.status === 'cancelled') continue;
      const registration = this.registrations.findFor(row.summitId, memberId);
      if (!registration) continue;
      await this.cancelRegistration(this.summit(row.summitId), registration, actor, 'erased', 'Personal data erased.');
      cancelled++;
    }
    return cancelled;
  }

  async cancel(member: MemberWithZone, summitId: string): Promise<Registration> {
    const summit = this.summit(summitId);
    const registration = this.mine(member, summitId);
    return this.cancelRegistration(summit, registration, { id: member.id }, 'cancelled', '');
  }

  private async cancelRegistration(
    summit: SummitRow,
    registration: RegistrationWithMember,
    actor: Actor,
    action: string,
    reason: string,
  ): Promise<Registration> {
    const now = this.clock();
    this.write((mail) => {
      const current = this.registrations.find(registration.id) as RegistrationWithMember;
      if (current.status === 'cancelled') return;
      const heldSeat = SEAT_HOLDING.includes(current.status);
      this.move(
        current,
        'cancelled',
        action,
        actor,
        now,
        { seatPool: null, offerExpiresAt: null, waitlistedAt: null },
        reason,
      );
      mail.push(messages.cancelled(this.context(summit), current, reason));
      if (heldSeat) this.fillSeats(summit, current.mode, now, mail);
    });
    return this.view(this.registrations.find(registration.id) as RegistrationRow);
  }

  async update(member: MemberWithZone, summitId: string, patch: UpdateRegistration): Promise<Registration> {
    const summit = this.summit(summitId);
    const registration = this.mine(member, summitId);
    const now = this.clock();
    this.write((mail) => {
      const current = this.registrations.find(registration.id) as RegistrationWithMember;
      const { mode, ...details } = patch;
      if (Object.keys(details).length > 0) this.registrations.update(current.id, { ...details, updatedAt: now });
      if (!mode || mode === current.mode) return;
      if (!this.modesOf(summit).includes(mode)) throw new InvalidInput('This summit has no such attendance mode.');
      if (current.status === 'pending') {
        this.registrations.update(current.id, { mode, updatedAt: now });
        return;
      }
      const seat = this.freeSeat(summit, mode, current.institutionId, now);
      if (!seat)
        throw new Conflict(
          `There is no free ${mode === 'in_person' ? 'in-person seat' : 'online place'}; you keep your current registration.`,
        );
      const heldSeat = SEAT_HOLDING.includes(current.status);
      this.move(
        current,
        'confirmed',
        'mode-changed',
        { id: member.id },
        now,
        { mode, seatPool: seat, waitlistedAt: null, offerExpiresAt: null },
        `${current.mode} → ${mode}`,
      );
      mail.push(
        messages.confirmation(this.context(summit), current, { mode, checkInCode: current.checkInCode }, false),
      );
      if (heldSeat) this.fillSeats(summit, current.mode, now, mail);
    });
    return this.view(this.registrations.find(registration.id) as RegistrationRow);
  }

  async respondToOffer(member: MemberWithZone, registrationId: string, accept: boolean): Promise<Registration> {
    const registration = this.registrations.find(registrationId);
    if (!registration || registration.memberId !== member.id) throw new NotFound('registration', registrationId);
    const summit = this.summit(registration.summitId);
    const now = this.clock();
    if (registration.status !== 'offered' || !registration.offerExpiresAt || registration.offerExpiresAt <= now) {
      throw new Conflict('This offer is no longer open.');
    }
    if (!accept)
      return this.cancelRegistration(
        summit,
        registration,
        { id: member.id },
        'offer-declined',
        'you declined the offered seat',
      );
    this.write((mail) => {
      this.move(registration, 'confirmed', 'offer-accepted', { id: member.id }, now, {
        offerExpiresAt: null,
        waitlistedAt: null,
      });
      mail.push(messages.confirmation(this.context(summit), registration, registration, true));
    });
    return this.view(this.registrations.find(registrationId) as RegistrationRow);
  }

  /** After a capacity change: seats it frees go to the waitlist, first in line first. */
  async refill(summitId: string): Promise<void> {
    const summit = this.summits.find(summitId);
    if (!summit || summit.status === 'draft') return;
    const now = this.clock();
    this.write((mail) => {
      for (const mode of this.modesOf(summit)) this.fillSeats(summit, mode, now, mail);
    });
  }

  /** Offers whose time ran out pass to the next in line. Run by a timer, and by tests with their clock. */
  async expireOffers(): Promise<number> {
    const now = this.clock();
    const expired = this.registrations.expiredOffers(now);
    for (const registration of expired) {
      const summit = this.summits.find(registration.summitId);
      if (summit)
        await this.cancelRegistration(
          summit,
          registration,
          null,
          'offer-expired',
          'the offered seat was not accepted in time',
        );
    }
    return expired.length;
  }

  /**
   * Who comes to a summit, as another member may see it: the names (and institutions) of those holding a place
   * who agreed to be listed, and how many others; organisers see everyone, with who agreed.
   */
  async attendees(viewer: MemberWithZone, summitId: string): Promise<AttendeeList> {
    this.summit(summitId);
    this.agendas.assertGuestMaySee(viewer, summitId);
    const organiser = ROLE_RANK[viewer.role] >= ROLE_RANK.organiser;
    const holding = this.registrations
      .ofSummit(summitId)
      .filter((registration) => SEAT_HOLDING.includes(registration.status));
    const shown = holding.filter((registration) => organiser || registration.listed);
    return {
      attendees: shown
        .map((registration) => ({
          name: registration.name,
          institutionId: registration.institutionId,
          mode: registration.mode,
          ...(organiser ? { listed: registration.listed } : {}),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      others: holding.length - shown.length,
    };
  }

  async mineAll(member: MemberWithZone, summitId?: string): Promise<Registration[]> {
    return this.registrations
      .ofMember(member.id)
      .filter((registration) => summitId === undefined || registration.summitId === summitId)
      .map((registration) => this.view(registration));
  }

  async mineFor(member: MemberWithZone, summitId: string): Promise<Registration> {
    return this.view(this.mine(member, summitId));
  }

  // Organisers

  async overview(summitId: string, query: RegistrationQuery): Promise<RegistrationOverview> {
    const summit = this.summit(summitId);
    const all = this.registrations.ofSummit(summitId);
    const tally = (key: (r: RegistrationWithMember) => string | null, rows = all) => {
      const counts: Record<string, number> = {};
      for (const row of rows) {
        const k = key(row);
        if (k !== null) counts[k] = (counts[k] ?? 0) + 1;
      }
      return counts;
    };
    const holding = all.filter((r) => SEAT_HOLDING.includes(r.status));
    const counts: RegistrationCounts = {
      byStatus: tally((r) => r.status),
      byMode: tally((r) => (r.status === 'cancelled' ? null : r.mode)),
      byInstitution: tally((r) => (r.mode === 'in_person' ? (r.institutionId ?? 'guests') : null), holding),
      checkedIn: all.filter((r) => r.checkedInAt).length,
      seats: {
        inPerson: summit.seatsInPerson,
        virtual: summit.seatsVirtual,
        inPersonHeld: holding.filter((r) => r.mode === 'in_person').length,
        virtualHeld: holding.filter((r) => r.mode === 'virtual').length,
      },
    };
    const q = query.q?.toLowerCase();
    const rows = all.filter(
      (r) =>
        (!query.status || r.status === query.status) &&
        (!query.mode || r.mode === query.mode) &&
        (!query.institutionId || r.institutionId === query.institutionId) &&
        (!q || r.name.toLowerCase().includes(q) || r.email.toLowerCase().includes(q)),
    );
    return { counts, registrations: rows.map((row) => this.organiserView(row)) };
  }

  async audit(summitId: string): Promise<RegistrationEvent[]> {
    this.summit(summitId);
    return this.registrations.events(summitId).map((event) => ({ ...event, at: event.at.toISOString() }));
  }

  private ofSummit(
    summitId: string,
    registrationId: string,
  ): { summit: SummitRow; registration: RegistrationWithMember } {
    const summit = this.summit(summitId);
    const registration = this.registrations.find(registrationId);
    if (!registration || registration.summitId !== summitId) throw new NotFound('registration', registrationId);
    return { summit, registration };
  }

  /** Approves a pending registration: it takes a seat if one is free, else joins the waitlist. */
  async approve(organiser: Actor, summitId: string, registrationId: string): Promise<RegistrationView> {
    const { summit, registration } = this.ofSummit(summitId, registrationId);
    if (registration.status !== 'pending')
      throw new Conflict(`The registration is ${registration.status}, not pending.`);
    const now = this.clock();
    this.write((mail) => {
      const seat = this.freeSeat(summit, registration.mode, registration.institutionId, now);
      if (seat) {
        this.move(registration, 'confirmed', 'approved', organiser, now, { seatPool: seat });
        mail.push(messages.confirmation(this.context(summit), registration, registration, false));
      } else {
        this.move(
          registration,
          'waitlisted',
          'approved',
          organiser,
          now,
          { waitlistedAt: now },
          'no seat free: waitlisted',
        );
        mail.push(
          messages.waitlisted(
            this.context(summit),
            registration,
            registration.mode,
            this.registrations.waitlist(summitId, registration.mode).length,
          ),
        );
      }
    });
    return this.organiserView(this.registrations.find(registrationId) as RegistrationWithMember);
  }

  async reject(organiser: Actor, summitId: string, registrationId: string, reason: string): Promise<RegistrationView> {
    const { summit, registration } = this.ofSummit(summitId, registrationId);
    if (registration.status === 'cancelled') throw new Conflict('The registration is already cancelled.');
    await this.cancelRegistration(
      summit,
      registration,
      organiser,
      'rejected',
      reason || 'the organisers could not accept it',
    );
    return this.organiserView(this.registrations.find(registrationId) as RegistrationWithMember);
  }

  /**
   * Moves a waitlisted (or pending) member ahead of the line into a free seat. It never overbooks: with
   * no free seat the organiser is told to raise the capacity first.
   */
  async promote(organiser: Actor, summitId: string, registrationId: string): Promise<RegistrationView> {
    const { summit, registration } = this.ofSummit(summitId, registrationId);
    if (registration.status !== 'waitlisted' && registration.status !== 'pending') {
      throw new Conflict(
        `The registration is ${registration.status}: only waitlisted or pending ones can be promoted.`,
      );
    }
    const now = this.clock();
    this.write((mail) => {
      const seat = this.freeSeat(summit, registration.mode, registration.institutionId, now);
      if (!seat) throw new Conflict('There is no free seat: raise the capacity (or a quota) first.');
      this.move(registration, 'confirmed', 'promoted-by-organiser', organiser, now, {
        seatPool: seat,
        waitlistedAt: null,
      });
      mail.push(messages.confirmation(this.context(summit), registration, registration, true));
    });
    return this.organiserView(this.registrations.find(registrationId) as RegistrationWithMember);
  }

  /**
   * Replaces the quotas. Seats the change frees (a larger or removed quota, a wider pool, a release date
   * passed) go to the waitlist in the same transaction, first in line first, as with a larger capacity.
   */
  async setQuotas(summitId: string, quotas: Record<string, number>, releaseAt: string | null): Promise<void> {
    const summit = this.summit(summitId);
    const total = Object.values(quotas).reduce((sum, seats) => sum + seats, 0);
    if (summit.seatsInPerson === null) throw new InvalidInput('Set the in-person capacity before giving quotas.');
    if (total > summit.seatsInPerson)
      throw new InvalidInput(`The quotas add up to ${total}, more than the ${summit.seatsInPerson} in-person seats.`);
    const now = this.clock();
    this.write((mail) => {
      this.registrations.replaceQuotas(summitId, quotas);
      this.summits.update(summitId, { quotaReleaseAt: releaseAt ? new Date(releaseAt) : null }, now);
      // Quotas divide in-person seats only; seats are counted against the summit as just updated.
      this.fillSeats(this.summit(summitId), 'in_person', now, mail);
    });
  }

  async quotas(summitId: string): Promise<{ quotas: Record<string, number>; releaseAt: string | null }> {
    const summit = this.summit(summitId);
    return {
      quotas: Object.fromEntries(this.registrations.quotas(summitId)),
      releaseAt: summit.quotaReleaseAt?.toISOString() ?? null,
    };
  }

  /**
   * Checks an in-person attendee in by their code; a second scan says when they were checked in. Outside
   * the summit's days and the evening before, only once the organiser confirms.
   */
  async checkIn(organiser: Actor, summitId: string, code: string, confirmed = false): Promise<CheckInResult> {
    const summit = this.summit(summitId);
    const registration = this.registrations.findByCode(summitId, code.trim().toUpperCase());
    if (!registration) throw new NotFound('registration with the code', code);
    if (registration.status !== 'confirmed' || registration.mode !== 'in_person') {
      throw new Conflict(
        `This registration is ${registration.status} (${registration.mode.replace('_', ' ')}): it has no seat to check in to.`,
      );
    }
    const already = registration.checkedInAt !== null;
    if (!already) {
      const now = this.clock();
      const timing = checkInTiming(summit, now);
      if (timing !== 'open' && !confirmed) {
        throw new CheckInOutsideWindow(timing, checkInWindow(summit), summit);
      }
      this.db.transaction(() => {
        this.registrations.update(registration.id, { checkedInAt: now, updatedAt: now });
        this.registrations.record({
          registrationId: registration.id,
          summitId,
          action: 'checked-in',
          actorId: organiser?.id ?? null,
          fromStatus: 'confirmed',
          toStatus: 'confirmed',
          at: now,
        });
      });
    }
    const updated = this.registrations.find(registration.id) as RegistrationWithMember;
    return {
      registration: this.organiserView(updated),
      alreadyCheckedIn: already,
      checkedIn: this.registrations.ofSummit(summitId).filter((r) => r.checkedInAt).length,
    };
  }
}
