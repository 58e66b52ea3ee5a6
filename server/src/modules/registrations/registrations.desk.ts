import {
  checkInTiming,
  checkInWindow,
  doorTiming,
  doorWindow,
  localDate,
  SEAT_HOLDING,
  seatPoolKey,
  type CheckInRequest,
  type CheckInResult,
  type DoorCounts,
  type RegistrationCounts,
  type RegistrationEvent,
  type RegistrationOverview,
  type RegistrationQuery,
  type RegistrationRow as RegistrationView,
} from '@apoc/shared';
import { InvalidInput, NotFound } from '../../errors';
import type { SummitRow } from '../summits/summits.repository';
import type { Actor, RegistrationsCore } from './registrations.core';
import {
  AlreadyCancelled,
  CheckInOutsideWindow,
  NoFreeSeat,
  NoSeatToCheckIn,
  NotPending,
  NoSuchDoor,
  NotPromotable,
} from './registrations.errors';
import * as messages from './registrations.messages';
import type { RegistrationsRepository, RegistrationWithMember } from './registrations.repository';

/** A session with a room door that scans badges: as the summit's latest published agenda schedules it. */
interface DoorSessionRow {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
}

/** The organisers' side of registrations: the overview and audit log, approvals, promotions, quotas, check-in. */
export class RegistrationDesk {
  private readonly registrations: RegistrationsRepository;
  private readonly clock: () => Date;

  constructor(private readonly core: RegistrationsCore) {
    this.registrations = core.repository;
    this.clock = core.clock;
  }

  async overview(summitId: string, query: RegistrationQuery): Promise<RegistrationOverview> {
    const summit = await this.core.summit(summitId);
    const all = await this.registrations.ofSummit(summitId);
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
    return { counts, registrations: await Promise.all(rows.map((row) => this.core.organiserView(row))) };
  }

  /** How many badges each room door has scanned: what a door's tablet shows again after a reload. */
  async doorCounts(summitId: string): Promise<DoorCounts> {
    await this.core.summit(summitId);
    return { doors: await this.registrations.doorCounts(summitId) };
  }

  async audit(summitId: string): Promise<RegistrationEvent[]> {
    await this.core.summit(summitId);
    return (await this.registrations.events(summitId)).map((event) => ({ ...event, at: event.at.toISOString() }));
  }

  private async ofSummit(
    summitId: string,
    registrationId: string,
  ): Promise<{ summit: SummitRow; registration: RegistrationWithMember }> {
    const summit = await this.core.summit(summitId);
    const registration = await this.registrations.find(registrationId);
    if (!registration || registration.summitId !== summitId) throw new NotFound('registration', registrationId);
    return { summit, registration };
  }

  /** Approves a pending registration: it takes a seat if one is free, else joins the waitlist. */
  async approve(organiser: Actor, summitId: string, registrationId: string): Promise<RegistrationView> {
    const { summit } = await this.ofSummit(summitId, registrationId);
    const now = this.clock();
    await this.core.write(summit.id, async (mail, held) => {
      // Checked once the summit is held: another organiser, or the member, may have acted on it a moment before.
      const registration = (await this.registrations.find(registrationId)) as RegistrationWithMember;
      if (registration.status !== 'pending') {
        throw new NotPending(`The registration is ${registration.status}, not pending.`);
      }
      const seat = await this.core.freeSeat(held, registration.mode, registration.institutionId, now);
      if (seat) {
        await this.core.move(registration, 'confirmed', 'approved', organiser, now, { seatPool: seatPoolKey(seat) });
        mail.push(messages.confirmation(await this.core.context(summit), registration, registration, false));
      } else {
        await this.core.move(
          registration,
          'waitlisted',
          'approved',
          organiser,
          now,
          { waitlistedAt: now },
          { waitlisted: true },
        );
        mail.push(
          messages.waitlisted(
            await this.core.context(summit),
            registration,
            registration.mode,
            (await this.registrations.waitlist(summitId, registration.mode)).length,
          ),
        );
      }
    });
    return this.core.organiserView((await this.registrations.find(registrationId)) as RegistrationWithMember);
  }

  async reject(organiser: Actor, summitId: string, registrationId: string, reason: string): Promise<RegistrationView> {
    const { summit, registration } = await this.ofSummit(summitId, registrationId);
    if (registration.status === 'cancelled') throw new AlreadyCancelled('The registration is already cancelled.');
    await this.core.cancelRegistration(
      summit,
      registration,
      organiser,
      'rejected',
      reason || messages.CANCEL_REASONS.rejected,
    );
    return this.core.organiserView((await this.registrations.find(registrationId)) as RegistrationWithMember);
  }

  /**
   * Moves a waitlisted (or pending) member ahead of the line into a free seat. It never overbooks: with
   * no free seat the organiser is told to raise the capacity first.
   */
  async promote(organiser: Actor, summitId: string, registrationId: string): Promise<RegistrationView> {
    const { summit } = await this.ofSummit(summitId, registrationId);
    const now = this.clock();
    await this.core.write(summit.id, async (mail, held) => {
      // Checked once the summit is held, as for an approval.
      const registration = (await this.registrations.find(registrationId)) as RegistrationWithMember;
      if (registration.status !== 'waitlisted' && registration.status !== 'pending') {
        throw new NotPromotable(
          `The registration is ${registration.status}: only waitlisted or pending ones can be promoted.`,
        );
      }
      const seat = await this.core.freeSeat(held, registration.mode, registration.institutionId, now);
      if (!seat) throw new NoFreeSeat('There is no free seat: raise the capacity (or a quota) first.');
      await this.core.move(registration, 'confirmed', 'promoted-by-organiser', organiser, now, {
        seatPool: seatPoolKey(seat),
        waitlistedAt: null,
      });
      mail.push(messages.confirmation(await this.core.context(summit), registration, registration, true));
    });
    return this.core.organiserView((await this.registrations.find(registrationId)) as RegistrationWithMember);
  }

  /**
   * Replaces the quotas. Seats the change frees (a larger or removed quota, a wider pool, a release date
   * passed) go to the waitlist in the same transaction, first in line first, as with a larger capacity.
   */
  async setQuotas(summitId: string, quotas: Record<string, number>, releaseAt: string | null): Promise<void> {
    const summit = await this.core.summit(summitId);
    const total = Object.values(quotas).reduce((sum, seats) => sum + seats, 0);
    const now = this.clock();
    await this.core.write(summit.id, async (mail, held) => {
      // Against the seats as they are once the summit is held.
      if (held.seatsInPerson === null) throw new InvalidInput('Set the in-person capacity before giving quotas.');
      if (total > held.seatsInPerson)
        throw new InvalidInput(`The quotas add up to ${total}, more than the ${held.seatsInPerson} in-person seats.`);
      await this.registrations.replaceQuotas(summitId, quotas);
      await this.core.summits.update(summitId, { quotaReleaseAt: releaseAt ? new Date(releaseAt) : null }, now);
      // Quotas divide in-person seats only; seats are counted against the summit as just updated.
      await this.core.fillSeats(await this.core.summit(summitId), 'in_person', now, mail);
    });
  }

  async quotas(summitId: string): Promise<{ quotas: Record<string, number>; releaseAt: string | null }> {
    const summit = await this.core.summit(summitId);
    return {
      quotas: Object.fromEntries(await this.registrations.quotas(summitId)),
      releaseAt: summit.quotaReleaseAt?.toISOString() ?? null,
    };
  }

  /**
   * Checks an in-person attendee in by their code, once per day of the summit: each day's check-in is that day's
   * attendance (which earns the credits of its sessions), while `checkedInAt` keeps the first arrival. A second scan
   * the same day, or outside the summit's days once checked in, says when they were checked in. Before the first
   * check-in, outside the summit's days and the evening before, only once the organiser confirms.
   *
   * With a `sessionId`, the scan is at that session's room door: it records the attendance of that session, once per
   * badge (a second scan says when the first was), and counts as the day's check-in at the summit if none was made
   * yet. When two accredited sessions run at once, a day's check-in cannot tell which one a member attended; the
   * door's scan can. A door scans from 30 minutes before its session starts until it ends; outside, only once the
   * organiser confirms.
   */
  async checkIn(organiser: Actor, summitId: string, request: CheckInRequest): Promise<CheckInResult> {
    const summit = await this.core.summit(summitId);
    const door = request.sessionId === undefined ? null : await this.door(summitId, request.sessionId);
    const registration = await this.registrations.findByCode(summitId, request.code.trim().toUpperCase());
    if (!registration) throw new NotFound('registration with the code', request.code);
    assertSeatToCheckIn(registration);
    const now = this.clock();
    // Badges picked up the evening before (or a check-in confirmed out of the window) are no day's attendance.
    const day = localDate(now, summit.timeZone);
    const summitDay = day >= summit.startDate && day <= summit.endDate;
    const arrival = { registrationId: registration.id, summitId, memberId: registration.memberId, day, at: now };
    const recorded = await this.core.db.unit(async () => {
      // Two desks (or a desk and a door) scanning one badge at once record one arrival.
      await this.core.db.lock(this.core.db.tables.registrations.id, registration.id);
      // Again once the registration is held: the member may have cancelled it (or moved online) a moment before.
      const current = (await this.registrations.find(registration.id)) as RegistrationWithMember;
      assertSeatToCheckIn(current);
      // A badge scanned before (at this door, or at the desk) is answered whenever it is scanned again.
      const scannedAt = door ? await this.registrations.scannedAtDoor(registration.id, door.id) : undefined;
      if (scannedAt) return { arrived: false, scannedAt };
      const first = current.checkedInAt === null;
      if (!request.confirm && (door || first)) {
        const timing = door ? doorTiming(door, now) : checkInTiming(summit, now);
        if (timing !== 'open') {
          throw new CheckInOutsideWindow(timing, door ? doorWindow(door) : checkInWindow(summit), summit, door);
        }
      }
      const newDay = summitDay && !(await this.registrations.checkedInOn(registration.id, day));
      if (!door && !first && !newDay) return { arrived: false, scannedAt: undefined };
      if (first) await this.registrations.update(registration.id, { checkedInAt: now, updatedAt: now });
      if (newDay) await this.registrations.recordCheckIn({ ...arrival, sessionId: null });
      if (door) await this.registrations.recordCheckIn({ ...arrival, sessionId: door.id });
      await this.registrations.record({
        registrationId: registration.id,
        summitId,
        action: 'checked-in',
        actorId: organiser?.id ?? null,
        fromStatus: 'confirmed',
        toStatus: 'confirmed',
        detail: door ? { session: door.title } : {},
        at: now,
      });
      return { arrived: first || newDay, scannedAt: undefined };
    });
    const updated = (await this.registrations.find(registration.id)) as RegistrationWithMember;
    return {
      registration: await this.core.organiserView(updated),
      alreadyCheckedIn: !recorded.arrived,
      checkedIn: await this.registrations.checkedInCount(summitId),
      ...(door
        ? {
            door: {
              sessionId: door.id,
              title: door.title,
              scannedAt: (recorded.scannedAt ?? now).toISOString(),
              alreadyScanned: recorded.scannedAt !== undefined,
              scanned: await this.registrations.doorCount(door.id),
            },
          }
        : {}),
    };
  }

  /** The session whose room door scans: scheduled in the summit's latest published agenda, as published there. */
  private async door(summitId: string, sessionId: string): Promise<DoorSessionRow> {
    const session = (await this.core.agendas.publishedSession(summitId, sessionId))?.session;
    // Published versions hold only sessions with times; a session without is none a door could scan for.
    if (!session?.startsAt || !session.endsAt) throw new NoSuchDoor(sessionId, 'unknown');
    if (session.status === 'cancelled') throw new NoSuchDoor(sessionId, 'cancelled');
    return { id: session.id, title: session.title, startsAt: session.startsAt, endsAt: session.endsAt };
  }
}

/** Refuses a check-in to a registration that holds no seat at the venue: not confirmed, or not in person. */
function assertSeatToCheckIn(registration: RegistrationWithMember): void {
  if (registration.status !== 'confirmed' || registration.mode !== 'in_person') {
    throw new NoSeatToCheckIn(
      `This registration is ${registration.status} (${registration.mode.replace('_', ' ')}): it has no seat to check in to.`,
    );
  }
}
