import {
  registrationState,
  registrationWindow,
  ROLE_RANK,
  SEAT_HOLDING,
  seatPoolKey,
  summitModes,
  type AttendeeList,
  type Registration,
  type RegistrationStatus,
  type RegisterRequest,
  type UpdateRegistration,
} from '@apoc/shared';
import { InvalidInput, NotFound } from '../../errors';
import type { MemberWithZone } from '../members/members.repository';
import type { SummitRow } from '../summits/summits.repository';
import { newCheckInCode } from './registrations.codes';
import type { Actor, RegistrationsCore } from './registrations.core';
import { NoFreeSeat, OfferNotOpen, RegistrationClosed, RegistrationNotOpen } from './registrations.errors';
import * as messages from './registrations.messages';
import type { RegistrationRow, RegistrationsRepository, RegistrationWithMember } from './registrations.repository';

/** A member's registrations: registering, changing, cancelling, answering an offer; the waitlist moving on. */
export class RegistrationsService {
  private readonly registrations: RegistrationsRepository;
  private readonly clock: () => Date;

  constructor(private readonly core: RegistrationsCore) {
    this.registrations = core.repository;
    this.clock = core.clock;
  }

  /** The registrations' rows, for the features that read them (planner, join). */
  get repository(): RegistrationsRepository {
    return this.registrations;
  }

  async register(
    member: MemberWithZone,
    summitId: string,
    input: RegisterRequest,
  ): Promise<{ registration: Registration; created: boolean }> {
    const summit = await this.core.summit(summitId);
    await this.core.agendas.assertGuestMaySee(member, summitId);
    // Refused at once, without holding the summit, when it does not take this registration as read.
    this.admit(summit, input.mode, this.clock());

    // What the mail says of the summit (its first session's start) is read before the summit is held, which
    // keeps the time it is held (on PostgreSQL, round trips under a row lock) short.
    const context = await this.core.context(summit);
    return this.core.write(summit.id, async (mail, held) => {
      // Read once the summit is held: the order of these instants is the order of arrival, on every instance.
      const now = this.clock();
      // Again on the summit as held: an organiser may have closed registration or archived it a moment before.
      this.admit(held, input.mode, now);
      const existing = await this.registrations.findFor(summitId, member.id);
      if (existing && existing.status !== 'cancelled')
        return { registration: await this.core.view(existing), created: false };
      const details = {
        mode: input.mode,
        dietaryNeeds: input.dietaryNeeds ?? '',
        accessibilityNeeds: input.accessibilityNeeds ?? '',
        note: input.note ?? '',
        listed: input.listed ?? false,
      };
      const seat = held.requiresApproval ? null : await this.core.freeSeat(held, input.mode, member.institutionId, now);
      const status: RegistrationStatus = held.requiresApproval ? 'pending' : seat ? 'confirmed' : 'waitlisted';
      const fields = {
        ...details,
        status,
        seatPool: seat && seatPoolKey(seat),
        waitlistedAt: status === 'waitlisted' ? now : null,
        offerExpiresAt: null,
        checkedInAt: null,
        updatedAt: now,
      };
      let row: RegistrationRow;
      if (existing) {
        // Rejoining after a cancellation: the same row (one per member and summit), back of the line.
        await this.registrations.update(existing.id, fields);
        row = (await this.registrations.find(existing.id)) ?? { ...existing, ...fields };
      } else {
        row = await this.registrations.insert({
          ...fields,
          summitId,
          memberId: member.id,
          checkInCode: newCheckInCode(),
          createdAt: now,
        });
      }
      await this.registrations.record({
        registrationId: row.id,
        summitId,
        action: existing ? 'rejoined' : 'registered',
        actorId: member.id,
        fromStatus: existing?.status ?? null,
        toStatus: status,
        at: now,
      });
      const position = await this.core.waitlistPosition(row);
      const recipient = {
        name: member.name,
        email: member.email,
        timeZone: member.effectiveTimeZone,
        language: member.language,
      };
      if (status === 'confirmed') mail.push(messages.confirmation(context, recipient, row, false));
      else if (status === 'waitlisted') mail.push(messages.waitlisted(context, recipient, input.mode, position ?? 0));
      else mail.push(messages.pending(context, recipient));
      return { registration: await this.core.view(row, position), created: true };
    });
  }

  /** Refuses a registration the summit does not take at `now`: archived, another mode, or outside its window. */
  private admit(summit: SummitRow, mode: RegisterRequest['mode'], now: Date): void {
    if (summit.status === 'archived') throw new RegistrationClosed('This summit is archived.');
    if (!summitModes(summit.format).includes(mode)) {
      throw new InvalidInput(
        `This summit is ${summit.format.replace('_', '-')}: register ${summitModes(summit.format).join(' or ').replace('_', ' ')}.`,
      );
    }
    const window = registrationWindow(summit);
    const state = registrationState(
      { opensAt: window.opensAt?.getTime() ?? null, closesAt: window.closesAt.getTime() },
      now.getTime(),
    );
    if (state.state === 'closed') throw new RegistrationClosed('Registration has closed.');
    if (state.state !== 'open') throw new RegistrationNotOpen('Registration is not open yet.');
  }

  private async mine(member: MemberWithZone, summitId: string): Promise<RegistrationWithMember> {
    const registration = await this.registrations.findFor(summitId, member.id);
    if (!registration || registration.status === 'cancelled') throw new NotFound('registration for summit', summitId);
    return registration;
  }

  /**
   * Cancels every registration of a member being erased, each as a cancellation would (seats offered on to
   * the first in line). The member's own notices are withdrawn by the erasure that follows.
   */
  async cancelAllOf(memberId: string, actor: Actor): Promise<number> {
    let cancelled = 0;
    for (const row of await this.registrations.ofMember(memberId)) {
      if (row.status === 'cancelled') continue;
      const registration = await this.registrations.findFor(row.summitId, memberId);
      if (!registration) continue;
      await this.core.cancelRegistration(
        await this.core.summit(row.summitId),
        registration,
        actor,
        'erased',
        messages.CANCEL_REASONS.erased,
      );
      cancelled++;
    }
    return cancelled;
  }

  async cancel(member: MemberWithZone, summitId: string): Promise<Registration> {
    const summit = await this.core.summit(summitId);
    const registration = await this.mine(member, summitId);
    return this.core.cancelRegistration(summit, registration, { id: member.id }, 'cancelled', '');
  }

  async update(member: MemberWithZone, summitId: string, patch: UpdateRegistration): Promise<Registration> {
    const summit = await this.core.summit(summitId);
    const registration = await this.mine(member, summitId);
    const now = this.clock();
    await this.core.write(summit.id, async (mail, held) => {
      const current = (await this.registrations.find(registration.id)) as RegistrationWithMember;
      const { mode, ...details } = patch;
      if (Object.keys(details).length > 0) await this.registrations.update(current.id, { ...details, updatedAt: now });
      if (!mode || mode === current.mode) return;
      if (!summitModes(summit.format).includes(mode))
        throw new InvalidInput('This summit has no such attendance mode.');
      if (current.status === 'pending') {
        await this.registrations.update(current.id, { mode, updatedAt: now });
        return;
      }
      const seat = await this.core.freeSeat(held, mode, current.institutionId, now);
      if (!seat) {
        throw new NoFreeSeat(
          `There is no free ${mode === 'in_person' ? 'in-person seat' : 'online place'}; you keep your current registration.`,
        );
      }
      const heldSeat = SEAT_HOLDING.includes(current.status);
      await this.core.move(
        current,
        'confirmed',
        'mode-changed',
        { id: member.id },
        now,
        { mode, seatPool: seatPoolKey(seat), waitlistedAt: null, offerExpiresAt: null },
        { from: current.mode, to: mode },
      );
      mail.push(
        messages.confirmation(
          await this.core.context(summit),
          current,
          { mode, checkInCode: current.checkInCode },
          false,
        ),
      );
      if (heldSeat) await this.core.fillSeats(held, current.mode, now, mail);
    });
    return this.core.view((await this.registrations.find(registration.id)) as RegistrationRow);
  }

  async respondToOffer(member: MemberWithZone, registrationId: string, accept: boolean): Promise<Registration> {
    const registration = await this.registrations.find(registrationId);
    if (!registration || registration.memberId !== member.id) throw new NotFound('registration', registrationId);
    const summit = await this.core.summit(registration.summitId);
    const now = this.clock();
    const open = (offer: RegistrationRow) =>
      offer.status === 'offered' && offer.offerExpiresAt !== null && offer.offerExpiresAt > now;
    if (!open(registration)) throw new OfferNotOpen('This offer is no longer open.');
    if (!accept)
      return this.core.cancelRegistration(
        summit,
        registration,
        { id: member.id },
        'offer-declined',
        messages.CANCEL_REASONS.declined,
      );
    await this.core.write(summit.id, async (mail) => {
      // Again once the summit is held: the same answer sent twice, or the offer's expiry, may have settled it.
      const current = (await this.registrations.find(registrationId)) as RegistrationWithMember;
      if (!open(current)) throw new OfferNotOpen('This offer is no longer open.');
      await this.core.move(current, 'confirmed', 'offer-accepted', { id: member.id }, now, {
        offerExpiresAt: null,
        waitlistedAt: null,
      });
      mail.push(messages.confirmation(await this.core.context(summit), current, current, true));
    });
    return this.core.view((await this.registrations.find(registrationId)) as RegistrationRow);
  }

  /** After a capacity change: seats it frees go to the waitlist, first in line first. */
  async refill(summitId: string): Promise<void> {
    const summit = await this.core.summits.find(summitId);
    if (!summit || summit.status === 'draft') return;
    const now = this.clock();
    await this.core.write(summit.id, async (mail, held) => {
      for (const mode of summitModes(held.format)) await this.core.fillSeats(held, mode, now, mail);
    });
  }

  /** Offers whose time ran out pass to the next in line. Run by a timer, and by tests with their clock. */
  async expireOffers(): Promise<number> {
    const now = this.clock();
    const expired = await this.registrations.expiredOffers(now);
    for (const registration of expired) {
      const summit = await this.core.summits.find(registration.summitId);
      if (summit)
        await this.core.cancelRegistration(
          summit,
          registration,
          null,
          'offer-expired',
          messages.CANCEL_REASONS.expired,
        );
    }
    return expired.length;
  }

  /**
   * Who comes to a summit, as another member may see it: the names (and institutions) of those holding a place
   * who agreed to be listed, and how many others; organisers see everyone, with who agreed.
   */
  async attendees(viewer: MemberWithZone, summitId: string): Promise<AttendeeList> {
    await this.core.summit(summitId);
    await this.core.agendas.assertGuestMaySee(viewer, summitId);
    const organiser = ROLE_RANK[viewer.role] >= ROLE_RANK.organiser;
    const holding = (await this.registrations.ofSummit(summitId)).filter((registration) =>
      SEAT_HOLDING.includes(registration.status),
    );
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
    const mine = (await this.registrations.ofMember(member.id)).filter(
      (registration) => summitId === undefined || registration.summitId === summitId,
    );
    return Promise.all(mine.map((registration) => this.core.view(registration)));
  }

  async mineFor(member: MemberWithZone, summitId: string): Promise<Registration> {
    return this.core.view(await this.mine(member, summitId));
  }
}
