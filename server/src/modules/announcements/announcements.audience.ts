// Who an announcement is addressed to: one rule for choosing whom to e-mail and for whom the summit
// page shows it, so that the two can never disagree.
import type { AnnouncementAudience } from '@apoc/shared';
import type { Addressee, Registrant } from './announcements.repository';

/** Whether a seat holder of the summit is among the announcement's audience. */
export function reaches(to: Addressee, registrant: Pick<Registrant, 'mode' | 'institutionId'>): boolean {
  switch (to.audience) {
    case 'all':
      return true;
    case 'in_person':
    case 'virtual':
      return registrant.mode === to.audience;
    case 'institution':
      return registrant.institutionId !== null && registrant.institutionId === to.institutionId;
  }
}

/** The seat holders an announcement reaches, each member once. */
export function recipientsOf<T extends Pick<Registrant, 'memberId' | 'mode' | 'institutionId'>>(
  to: Addressee,
  seatHolders: readonly T[],
): T[] {
  const seen = new Set<string>();
  return seatHolders.filter((registrant) => {
    if (!reaches(to, registrant) || seen.has(registrant.memberId)) return false;
    seen.add(registrant.memberId);
    return true;
  });
}

/** "everyone attending online": whom the announcement is written to, in the words of an e-mail. */
export function audienceWords(audience: AnnouncementAudience, institutionName: string | null): string {
  switch (audience) {
    case 'all':
      return 'everyone registered';
    case 'in_person':
      return 'everyone attending in person';
    case 'virtual':
      return 'everyone attending online';
    case 'institution':
      return `everyone registered from ${institutionName ?? 'one institution'}`;
  }
}
