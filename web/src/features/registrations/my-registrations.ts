// How /me/registrations orders a member's registrations: the ones still ahead of them first, soonest
// summit first; then those of past summits and the cancelled ones, most recent summit first.
import type { Registration, SummitSummary } from '@apoc/shared';

export interface RegistrationItem {
  registration: Registration;
  summit: SummitSummary;
}

export interface MyRegistrations {
  current: RegistrationItem[];
  earlier: RegistrationItem[];
}

export function arrangeRegistrations(
  registrations: readonly Registration[],
  summits: readonly SummitSummary[],
  now: number,
): MyRegistrations {
  const byId = new Map(summits.map((summit) => [summit.id, summit]));
  const items: RegistrationItem[] = [];
  // A registration whose summit the member can no longer see (unpublished) has nothing to show.
  for (const registration of registrations) {
    const summit = byId.get(registration.summitId);
    if (summit) items.push({ registration, summit });
  }
  const start = (item: RegistrationItem): number => Date.parse(item.summit.startsAt);
  const isCurrent = (item: RegistrationItem): boolean =>
    item.registration.status !== 'cancelled' && now < Date.parse(item.summit.endsAt);
  return {
    current: items.filter(isCurrent).sort((a, b) => start(a) - start(b)),
    earlier: items.filter((item) => !isCurrent(item)).sort((a, b) => start(b) - start(a)),
  };
}
