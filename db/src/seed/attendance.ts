// Who came to the demo's past accredited edition (issue 19): their in-person registrations, the desk's check-in on
// each day they came (which earns them that day's credits), and the evaluations some of them filled.

import { randomBytes } from 'node:crypto';
import { addDays, localDate, zonedInstant } from '@apoc/shared/time';
import type {
  checkIns,
  evaluations,
  registrationEvents,
  registrations,
  sessions as sessionsTable,
} from '../schema/index';
import type { SummitPlan } from './agenda';

export interface AttendanceRows {
  registrations: (typeof registrations.$inferInsert)[];
  registrationEvents: (typeof registrationEvents.$inferInsert)[];
  checkIns: (typeof checkIns.$inferInsert)[];
  evaluations: (typeof evaluations.$inferInsert)[];
}

const DAY_MS = 86_400_000;

/** The organiser who ran the desk. */
const AT_THE_DESK = 'm-organiser';

// As the platform draws them: 10 characters without look-alikes. A check-in code is a secret, so it is random even
// in the demo.
const CHECK_IN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const checkInCode = (): string => [...randomBytes(10)].map((byte) => CHECK_IN_ALPHABET[byte % 32]).join('');

/** "08:10" plus a few minutes per attendee, as a wall-clock time. */
const minutesPast = (hour: number, minutes: number): string =>
  `${String(hour + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function attendanceRows(
  plan: SummitPlan,
  sessions: readonly (typeof sessionsTable.$inferInsert)[],
): AttendanceRows {
  const rows: AttendanceRows = { registrations: [], registrationEvents: [], checkIns: [], evaluations: [] };
  const publishedAt = plan.publishedAt;
  if (!publishedAt) return rows;
  (plan.attendees ?? []).forEach((attendee, index) => {
    const registrationId = `r-${plan.id}-${attendee.memberId}`;
    // They registered in the weeks after the announcement, a couple of days apart.
    const registeredAt = new Date(publishedAt.getTime() + (2 + 2 * index) * DAY_MS);
    // The desk opens at 08:00; they arrive a few minutes apart.
    const arrivals = [...attendee.checkedIn]
      .sort()
      .map((day) => addDays(plan.startDate, day - 1))
      .map((date) => ({
        day: date,
        at: zonedInstant(date, minutesPast(8, 10 + 4 * index), plan.timeZone),
      }));

    rows.registrations.push({
      id: registrationId,
      summitId: plan.id,
      memberId: attendee.memberId,
      mode: 'in_person',
      status: 'confirmed',
      seatPool: 'pool',
      listed: attendee.listed ?? false,
      checkInCode: checkInCode(),
      // The first arrival; each day's is a check-in of its own.
      checkedInAt: arrivals[0]?.at ?? null,
      createdAt: registeredAt,
      updatedAt: arrivals[0]?.at ?? registeredAt,
    });
    rows.registrationEvents.push({
      id: `${registrationId}-registered`,
      registrationId,
      summitId: plan.id,
      action: 'registered',
      actorId: attendee.memberId,
      fromStatus: null,
      toStatus: 'confirmed',
      at: registeredAt,
    });
    for (const arrival of arrivals) {
      rows.checkIns.push({
        id: `${registrationId}-${arrival.day}`,
        registrationId,
        summitId: plan.id,
        memberId: attendee.memberId,
        day: arrival.day,
        sessionId: null,
        at: arrival.at,
      });
      rows.registrationEvents.push({
        id: `${registrationId}-checked-in-${arrival.day}`,
        registrationId,
        summitId: plan.id,
        action: 'checked-in',
        actorId: AT_THE_DESK,
        fromStatus: 'confirmed',
        toStatus: 'confirmed',
        at: arrival.at,
      });
    }

    if (attendee.evaluation) {
      const days = new Set(arrivals.map((arrival) => arrival.day));
      const attended = sessions.filter(
        (session) =>
          session.creditHundredths != null && session.startsAt && days.has(localDate(session.startsAt, plan.timeZone)),
      );
      const [first = 4] = attendee.evaluation.ratings;
      rows.evaluations.push({
        id: `e-${plan.id}-${attendee.memberId}`,
        summitId: plan.id,
        memberId: attendee.memberId,
        ratings: [...attendee.evaluation.ratings],
        // Most sessions as they rated the summit, every other one a point lower.
        sessionRatings: Object.fromEntries(
          attended.map((session, position) => [session.id, Math.max(1, first - (position % 2))]),
        ),
        comment: attendee.evaluation.comment,
        // On the evening of the last day, once the summit's last session had ended.
        submittedAt: zonedInstant(addDays(plan.startDate, 1), minutesPast(19, 4 * index), plan.timeZone),
      });
    }
  });
  return rows;
}
