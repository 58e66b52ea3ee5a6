// The demo network: the nine organisations of APoC and fictional people working in them.
// Every person here is invented (names and e-mails alike); none is one of the real people named in
// the network's press release.

import type { MemberRole } from '@apoc/shared/domain';
import type { institutions, members } from '../schema/index';

type InstitutionRow = typeof institutions.$inferInsert;
type MemberRow = typeof members.$inferInsert;

export const DEMO_INSTITUTIONS = [
  {
    id: 'asan',
    name: 'Asan Medical Center',
    shortName: 'Asan',
    city: 'Seoul',
    country: 'South Korea',
    timeZone: 'Asia/Seoul',
  },
  {
    id: 'dana-farber',
    name: 'Dana-Farber Cancer Institute',
    shortName: 'Dana-Farber',
    city: 'Boston',
    country: 'USA',
    timeZone: 'America/New_York',
  },
  {
    id: 'essen',
    name: 'University Hospital Essen (Universitätsklinikum Essen)',
    shortName: 'UK Essen',
    city: 'Essen',
    country: 'Germany',
    timeZone: 'Europe/Berlin',
  },
  {
    id: 'gustave-roussy',
    name: 'Gustave Roussy',
    shortName: 'Gustave Roussy',
    city: 'Villejuif (Paris)',
    country: 'France',
    timeZone: 'Europe/Paris',
  },
  {
    id: 'msk',
    name: 'Memorial Sloan Kettering Cancer Center',
    shortName: 'MSK',
    city: 'New York',
    country: 'USA',
    timeZone: 'America/New_York',
  },
  {
    id: 'peter-mac',
    name: 'Peter MacCallum Cancer Centre',
    shortName: 'Peter Mac',
    city: 'Melbourne',
    country: 'Australia',
    timeZone: 'Australia/Melbourne',
  },
  {
    id: 'princess-margaret',
    name: 'Princess Margaret Cancer Centre',
    shortName: 'Princess Margaret',
    city: 'Toronto',
    country: 'Canada',
    timeZone: 'America/Toronto',
  },
  {
    id: 'vhio',
    name: "Vall d'Hebron Institute of Oncology (VHIO)",
    shortName: 'VHIO',
    city: 'Barcelona',
    country: 'Spain',
    timeZone: 'Europe/Madrid',
  },
  {
    id: 'amgen',
    name: 'Amgen',
    shortName: 'Amgen',
    city: 'Thousand Oaks',
    country: 'USA',
    timeZone: 'America/Los_Angeles',
    isHost: true,
  },
] as const satisfies readonly Omit<InstitutionRow, 'createdAt'>[];

export type InstitutionId = (typeof DEMO_INSTITUTIONS)[number]['id'];

interface DemoPerson {
  id: string;
  name: string;
  role: MemberRole;
  /** Null for external guests. */
  institutionId: InstitutionId | null;
  /** Only for guests, who have no institution to take the zone from. */
  timeZone?: string;
  /** Set only for the demo accounts whose address is part of the documented demo. */
  email?: string;
}

// Three people per centre, roughly one per priority area, so that every track has speakers and chairs
// from several centres. The comment above each centre gives each person's (fictional) field, from which
// the agendas were written.
export const DEMO_PEOPLE = [
  // Amgen: the two demo accounts, and oncology research and development (Marsh).
  {
    id: 'm-organiser',
    name: 'Emily Carter',
    role: 'organiser',
    institutionId: 'amgen',
    email: 'organiser@demo.apoc.test',
  },
  { id: 'm-admin', name: 'Noah Bennett', role: 'admin', institutionId: 'amgen', email: 'admin@demo.apoc.test' },
  { id: 'm-amgen-marsh', name: 'Helen Marsh', role: 'member', institutionId: 'amgen' },

  // Asan: thoracic oncology (Han), gastric cancer (Kang), small-cell lung cancer and radiotherapy (Yoon).
  { id: 'm-asan-han', name: 'Seo-yeon Han', role: 'member', institutionId: 'asan' },
  { id: 'm-asan-kang', name: 'Min-jun Kang', role: 'member', institutionId: 'asan' },
  { id: 'm-asan-yoon', name: 'Ji-ho Yoon', role: 'member', institutionId: 'asan' },

  // Dana-Farber: thoracic oncology (Sullivan), GI oncology and health equity (Okafor), genito-urinary (Raman).
  { id: 'm-dana-farber-sullivan', name: 'Margaret Sullivan', role: 'member', institutionId: 'dana-farber' },
  { id: 'm-dana-farber-okafor', name: 'Daniel Okafor', role: 'member', institutionId: 'dana-farber' },
  { id: 'm-dana-farber-raman', name: 'Priya Raman', role: 'member', institutionId: 'dana-farber' },

  // Essen: thoracic oncology (Vogel), visceral surgery (Brandt), nuclear medicine and theranostics (Hartmann).
  { id: 'm-essen-vogel', name: 'Katharina Vogel', role: 'member', institutionId: 'essen' },
  { id: 'm-essen-brandt', name: 'Lukas Brandt', role: 'member', institutionId: 'essen' },
  { id: 'm-essen-hartmann', name: 'Jonas Hartmann', role: 'member', institutionId: 'essen' },

  // Gustave Roussy: early drug development (Delmas), GI oncology (Leroux), pathology and AI (Benali).
  { id: 'm-gustave-roussy-delmas', name: 'Claire Delmas', role: 'member', institutionId: 'gustave-roussy' },
  { id: 'm-gustave-roussy-leroux', name: 'Mathieu Leroux', role: 'member', institutionId: 'gustave-roussy' },
  { id: 'm-gustave-roussy-benali', name: 'Amina Benali', role: 'member', institutionId: 'gustave-roussy' },

  // MSK: thoracic oncology and KRAS (Feldman), biostatistics (Bell), genito-urinary oncology (Alvarez).
  { id: 'm-msk-feldman', name: 'Rachel Feldman', role: 'member', institutionId: 'msk' },
  { id: 'm-msk-bell', name: 'Marcus Bell', role: 'member', institutionId: 'msk' },
  { id: 'm-msk-alvarez', name: 'Sofia Alvarez', role: 'member', institutionId: 'msk' },

  // Peter Mac: theranostics in prostate cancer (Hughes), ctDNA in colorectal cancer (O'Connor), lung cancer
  // and cell therapy (Nguyen).
  { id: 'm-peter-mac-hughes', name: 'Olivia Hughes', role: 'member', institutionId: 'peter-mac' },
  { id: 'm-peter-mac-oconnor', name: "Liam O'Connor", role: 'member', institutionId: 'peter-mac' },
  { id: 'm-peter-mac-nguyen', name: 'Grace Nguyen', role: 'member', institutionId: 'peter-mac' },

  // Princess Margaret: trial operations (Mehta), bladder and kidney cancer (Gagnon), thoracic oncology (Clarke).
  { id: 'm-princess-margaret-mehta', name: 'Anjali Mehta', role: 'member', institutionId: 'princess-margaret' },
  { id: 'm-princess-margaret-gagnon', name: 'Étienne Gagnon', role: 'member', institutionId: 'princess-margaret' },
  { id: 'm-princess-margaret-clarke', name: 'Hannah Clarke', role: 'member', institutionId: 'princess-margaret' },

  // VHIO: phase I trials (Puig), colorectal cancer and MRD (Ferrer), thoracic oncology and ADCs (Soler).
  { id: 'm-vhio-puig', name: 'Laia Puig', role: 'member', institutionId: 'vhio' },
  { id: 'm-vhio-ferrer', name: 'Jordi Ferrer', role: 'member', institutionId: 'vhio' },
  { id: 'm-vhio-soler', name: 'Marta Soler', role: 'member', institutionId: 'vhio' },

  // Invited guests: a patient advocate (Solberg), a regulatory statistician (Asante), a computational
  // pathologist (Rivera).
  { id: 'g-solberg', name: 'Ingrid Solberg', role: 'guest', institutionId: null, timeZone: 'Europe/Oslo' },
  { id: 'g-asante', name: 'Kwame Asante', role: 'guest', institutionId: null, timeZone: 'America/Chicago' },
  { id: 'g-rivera', name: 'Tomás Rivera', role: 'guest', institutionId: null, timeZone: 'Europe/London' },
] as const satisfies readonly DemoPerson[];

export type PersonId = (typeof DEMO_PEOPLE)[number]['id'];

/** "Étienne Gagnon" → "etienne.gagnon@demo.apoc.test": first name, dot, the rest, in plain ASCII. */
export function demoEmail(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const [first = '', ...rest] = ascii.split(' ');
  const letters = (part: string): string => part.replace(/[^a-z]/g, '');
  return `${letters(first)}.${letters(rest.join(''))}@demo.apoc.test`;
}

export function institutionRows(now: Date): InstitutionRow[] {
  return DEMO_INSTITUTIONS.map((institution) => ({ isHost: false, ...institution, createdAt: now }));
}

export function memberRows(now: Date): MemberRow[] {
  return DEMO_PEOPLE.map((person: DemoPerson) => ({
    id: person.id,
    email: person.email ?? demoEmail(person.name),
    name: person.name,
    role: person.role,
    institutionId: person.institutionId,
    timeZone: person.timeZone ?? null,
    createdAt: now,
    updatedAt: now,
  }));
}
