// The demo editions. The first two are history (June 2023 in Thousand Oaks, the 2024 virtual summit)
// and have fixed dates; the others are placed relative to `now`, so that whenever the demo is started
// there is a summit that happened this year, one open for registration, one further ahead, and a draft.

import { addDays, dayBounds, localDate, zonedInstant } from '@apoc/shared/time';
import type { Accreditation } from '@apoc/shared';
import { maximumCredits, type AgendaItem, type DemoAttendee, type SummitPlan } from './agenda';
import {
  barcelonaProgramme,
  essenProgramme,
  firstVirtualProgramme,
  launchProgramme,
  nextVirtualProgramme,
  torontoDraftProgramme,
  venueBreaks,
  virtualBreaks,
} from './programmes';

/** The organisers work from Amgen's headquarters: their announcements go out in that zone's morning. */
const ORGANISERS_ZONE = 'America/Los_Angeles';

const SEATS_AT_VENUE = 200;
const SEATS_ONLINE = 1000;

// Summits open on a Tuesday, so that people can travel on Monday and be home for the weekend.
const TUESDAY = 2;

function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

function tuesdayOnOrAfter(date: string): string {
  return addDays(date, (TUESDAY - weekday(date) + 7) % 7);
}

function tuesdayOnOrBefore(date: string): string {
  return addDays(date, -((weekday(date) - TUESDAY + 7) % 7));
}

/** "Spring 2027": meteorological seasons of the northern hemisphere, where most of the network is. */
export function editionOf(date: string): string {
  const month = Number(date.slice(5, 7));
  const season = month <= 2 || month === 12 ? 'Winter' : month <= 5 ? 'Spring' : month <= 8 ? 'Summer' : 'Autumn';
  return `${season} ${date.slice(0, 4)}`;
}

/** Past editions were announced eight weeks ahead, on a morning at the organisers' office. */
function announcedBefore(startDate: string): Date {
  return zonedInstant(addDays(startDate, -56), '09:00', ORGANISERS_ZONE);
}

function daysBefore(instant: Date, days: number): Date {
  return new Date(instant.getTime() - days * 86_400_000);
}

/** The Tuesday on or after `weeks` weeks from now, as a date in `zone`. */
function tuesdayInWeeks(now: Date, weeks: number, zone: string): string {
  return tuesdayOnOrAfter(addDays(localDate(now, zone), weeks * 7));
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "10–11 March 2027", "31 March – 1 April 2027": how accreditation statements give a meeting's dates. */
export function dateRange(startDate: string, endDate: string): string {
  const [startYear, startMonth, startDay] = startDate.split('-').map(Number) as [number, number, number];
  const [endYear, endMonth, endDay] = endDate.split('-').map(Number) as [number, number, number];
  const month = (number: number) => MONTHS[number - 1] ?? '';
  if (startYear !== endYear)
    return `${startDay} ${month(startMonth)} ${startYear} – ${endDay} ${month(endMonth)} ${endYear}`;
  if (startMonth !== endMonth) return `${startDay} ${month(startMonth)} – ${endDay} ${month(endMonth)} ${endYear}`;
  return `${startDay}–${endDay} ${month(endMonth)} ${endYear}`;
}

/**
 * What an accredited edition's attendees are asked before their certificate: the three questions accreditors ask
 * of every CME activity (objectives, relevance to practice, independence from commercial interests).
 */
const EVALUATION = {
  required: true,
  questions: [
    'The sessions met the learning objectives stated in the programme.',
    'The content was relevant to my clinical practice.',
    'The content was balanced, evidence-based and free of commercial bias.',
  ],
};

/**
 * A European edition's accreditation, in the EACCME's wording for a live educational event. The accreditation,
 * like its signatory, is fictional: demo data.
 */
function europeanAccreditation(edition: {
  title: string;
  place: string;
  startDate: string;
  agenda: readonly AgendaItem[];
  signatoryName: string;
  signatoryTitle: string;
}): Accreditation {
  const { title, place, startDate } = edition;
  return {
    statement: [
      `${title} (${place}, ${dateRange(startDate, addDays(startDate, 1))}) is accredited by the European`,
      'Accreditation Council for Continuing Medical Education (EACCME®) to provide the following CME activity for',
      'medical specialists. The EACCME® is an institution of the European Union of Medical Specialists (UEMS),',
      `www.uems.net. ${title} is designated for a maximum of ${maximumCredits(edition.agenda)} hours of European`,
      'external CME credits. Each medical specialist should claim only those hours of credit that he/she actually',
      'spent in the educational activity.',
    ].join(' '),
    creditName: 'European CME credits (ECMEC®s)',
    signatoryName: edition.signatoryName,
    signatoryTitle: edition.signatoryTitle,
    minimumPercent: 80,
    issue: 'end',
    evaluation: EVALUATION,
  };
}

/**
 * The virtual edition is run from New York: its accreditation follows the ACCME's wording, with a fictional
 * accredited provider and director.
 */
function americanAccreditation(agenda: readonly AgendaItem[]): Accreditation {
  const provider = 'the Northfield Institute for Oncology Education';
  const credits = maximumCredits(agenda);
  return {
    statement: [
      `This activity has been planned and implemented in accordance with the accreditation requirements and policies`,
      `of the Accreditation Council for Continuing Medical Education (ACCME) through the joint providership of`,
      `${provider} and Amgen Partners of Choice. ${provider.replace(/^the/, 'The')} is accredited by the ACCME to`,
      `provide continuing medical education for physicians. ${provider.replace(/^the/, 'The')} designates this live`,
      `activity for a maximum of ${credits} AMA PRA Category 1 Credits™. Physicians should claim only the`,
      'credit commensurate with the extent of their participation in the activity.',
    ].join(' '),
    creditName: 'AMA PRA Category 1 Credits™',
    signatoryName: 'Dr. Robert Kessler, MD',
    signatoryTitle: 'Director of Continuing Medical Education, Northfield Institute for Oncology Education',
    minimumPercent: 80,
    issue: 'end',
    evaluation: EVALUATION,
  };
}

/**
 * Who came to Barcelona, and on which days the desk checked them in: most for both days, a fellow who flew home
 * after the first, a panellist who arrived for her panel on the second, and one who registered and did not come.
 * Each of them earned the credits of the sessions of the days they were checked in.
 */
export const BARCELONA_ATTENDEES: readonly DemoAttendee[] = [
  { memberId: 'm-vhio-puig', checkedIn: [1, 2], listed: true },
  { memberId: 'm-vhio-ferrer', checkedIn: [1, 2], listed: true },
  {
    memberId: 'm-vhio-soler',
    checkedIn: [1, 2],
    listed: true,
    evaluation: { ratings: [5, 5, 4], comment: 'The RAS(ON) plenary alone was worth the trip.' },
  },
  { memberId: 'm-dana-farber-sullivan', checkedIn: [1, 2] },
  { memberId: 'm-gustave-roussy-delmas', checkedIn: [1, 2], listed: true },
  { memberId: 'm-essen-vogel', checkedIn: [1, 2] },
  { memberId: 'm-asan-han', checkedIn: [1, 2], listed: true },
  {
    memberId: 'm-msk-feldman',
    checkedIn: [1, 2],
    evaluation: { ratings: [4, 5, 5], comment: 'More time for questions after the plenaries, please.' },
  },
  {
    memberId: 'm-peter-mac-oconnor',
    checkedIn: [1, 2],
    listed: true,
    evaluation: {
      ratings: [4, 4, 5],
      comment: 'The governance workshop should come back next year, with the data-use agreement as homework.',
    },
  },
  { memberId: 'm-peter-mac-nguyen', checkedIn: [1] },
  {
    memberId: 'm-princess-margaret-clarke',
    checkedIn: [2],
    evaluation: { ratings: [3, 4, 4], comment: '' },
  },
  { memberId: 'm-asan-yoon', checkedIn: [] },
];

function launchSummit(): SummitPlan {
  const startDate = '2023-06-13';
  return {
    id: 's-2023-thousand-oaks',
    title: 'APoC Scientific Summit 2023',
    edition: editionOf(startDate),
    format: 'in_person',
    status: 'published',
    timeZone: 'America/Los_Angeles',
    startDate,
    description: [
      'The first scientific summit of **Amgen Partners of Choice** brings the eight member centres together at',
      "Amgen's headquarters to launch the network and agree on its priorities.",
      '',
      'Two days of plenaries, workshops and posters on the three priority areas:',
      '',
      '- thoracic cancers,',
      '- gastrointestinal cancers,',
      '- genito-urinary cancers,',
      '',
      'and on how to run better clinical trials together.',
    ].join('\n'),
    venue: {
      name: 'Amgen Headquarters',
      address: 'One Amgen Center Drive, Thousand Oaks, CA 91320',
      city: 'Thousand Oaks',
    },
    hostInstitutionId: 'amgen',
    seatsInPerson: SEATS_AT_VENUE,
    seatsVirtual: null,
    registrationOpensAt: null,
    registrationClosesAt: null,
    publishedAt: announcedBefore(startDate),
    agenda: [...launchProgramme, ...venueBreaks],
  };
}

function firstVirtualSummit(): SummitPlan {
  // The week after North America switched to summer time and before Europe did: the gap between
  // New York and Paris is five hours instead of six, which the platform has to show correctly.
  const startDate = '2024-03-19';
  return {
    id: 's-2024-virtual',
    title: 'APoC Virtual Summit 2024',
    edition: editionOf(startDate),
    format: 'virtual',
    status: 'published',
    timeZone: 'America/New_York',
    startDate,
    description: [
      "The network's first virtual summit: two half-days of plenaries, panels and breakouts, streamed from",
      "each speaker's own centre.",
      '',
      'Sessions run from 07:00 to 11:00 in New York (lunchtime and afternoon in Europe, evening and night in',
      "Seoul and Melbourne) as the fairest compromise across the network's time zones. Recordings are",
      'available to registered members afterwards.',
    ].join('\n'),
    venue: null,
    hostInstitutionId: 'amgen',
    seatsInPerson: null,
    seatsVirtual: SEATS_ONLINE,
    registrationOpensAt: null,
    registrationClosesAt: null,
    publishedAt: announcedBefore(startDate),
    agenda: [...firstVirtualProgramme, ...virtualBreaks],
  };
}

/**
 * This year's edition, already over: about twelve weeks ago, or early January if that falls in the
 * previous year. In the first days of January no summit of the new year can be over yet, and the
 * twelve-weeks-ago date is kept.
 */
function currentYearSummit(now: Date): SummitPlan {
  const timeZone = 'Europe/Madrid';
  const today = localDate(now, timeZone);
  let startDate = tuesdayOnOrBefore(addDays(today, -84));
  if (startDate.slice(0, 4) !== today.slice(0, 4)) {
    const firstOfYear = tuesdayOnOrAfter(`${today.slice(0, 4)}-01-01`);
    if (dayBounds(addDays(firstOfYear, 1), timeZone).end <= now) startDate = firstOfYear;
  }
  const title = `APoC Summit Barcelona ${startDate.slice(0, 4)}`;
  const agenda = [...barcelonaProgramme, ...venueBreaks];
  return {
    id: `s-${startDate.slice(0, 4)}-barcelona`,
    title,
    edition: editionOf(startDate),
    format: 'in_person',
    status: 'published',
    timeZone,
    startDate,
    description: [
      "Hosted by the Vall d'Hebron Institute of Oncology on its hospital campus. The summit reviews the",
      "network's first joint studies and the new RAS, MRD and prostate cancer data.",
      '',
      "Plenaries in the morning, a federated-analysis workshop and the fellows' posters in the afternoon, and a",
      'reception on the first evening.',
    ].join('\n'),
    venue: {
      name: "Vall d'Hebron Barcelona Hospital Campus",
      address: "Passeig de la Vall d'Hebron 119-129, 08035 Barcelona, Spain",
      city: 'Barcelona',
    },
    hostInstitutionId: 'vhio',
    seatsInPerson: SEATS_AT_VENUE,
    seatsVirtual: null,
    registrationOpensAt: null,
    registrationClosesAt: null,
    publishedAt: announcedBefore(startDate),
    accreditation: europeanAccreditation({
      title,
      place: 'Barcelona, Spain',
      startDate,
      agenda,
      signatoryName: 'Dr. Núria Casals i Vidal',
      signatoryTitle: 'Chair of the Scientific Committee',
    }),
    attendees: BARCELONA_ATTENDEES,
    agenda,
  };
}

/** About six weeks ahead, registration open since a week ago. */
function nextVirtualSummit(now: Date): SummitPlan {
  const timeZone = 'America/New_York';
  const startDate = tuesdayInWeeks(now, 6, timeZone);
  const announced = daysBefore(now, 7);
  const agenda = [...nextVirtualProgramme, ...virtualBreaks];
  return {
    id: `s-${startDate.slice(0, 4)}-virtual`,
    title: `APoC Virtual Summit ${startDate.slice(0, 4)}`,
    edition: editionOf(startDate),
    format: 'virtual',
    status: 'published',
    timeZone,
    startDate,
    // Organisers translated the title (not the description, which shows as written) into four languages.
    translations: {
      fr: { title: `Sommet virtuel APoC ${startDate.slice(0, 4)}` },
      de: { title: `APoC Virtueller Summit ${startDate.slice(0, 4)}` },
      es: { title: `Cumbre virtual APoC ${startDate.slice(0, 4)}` },
      ko: { title: `APoC 온라인 서밋 ${startDate.slice(0, 4)}` },
    },
    description: [
      'Two half-days online, from 07:00 to 11:00 in New York: afternoon in Europe, late evening and night in',
      'Seoul and Melbourne, which is why speakers from Asia-Pacific open each day.',
      '',
      'Highlights:',
      '',
      '- EGFR-mutant lung cancer after osimertinib,',
      '- RAS(ON) inhibitors in pancreatic cancer,',
      '- foundation models in pathology and an adaptive-trials statistics clinic.',
    ].join('\n'),
    venue: null,
    hostInstitutionId: 'amgen',
    seatsInPerson: null,
    seatsVirtual: SEATS_ONLINE,
    registrationOpensAt: announced,
    registrationClosesAt: dayBounds(addDays(startDate, 1), timeZone).end,
    publishedAt: announced,
    accreditation: americanAccreditation(agenda),
    agenda,
  };
}

/** About five and a half months ahead, published but with registration following the default window. */
function nextInPersonSummit(now: Date): SummitPlan {
  const timeZone = 'Europe/Berlin';
  const startDate = tuesdayInWeeks(now, 24, timeZone);
  const title = `APoC Summit Essen ${startDate.slice(0, 4)}`;
  const agenda = [...essenProgramme, ...venueBreaks];
  return {
    id: `s-${startDate.slice(0, 4)}-essen`,
    title,
    edition: editionOf(startDate),
    format: 'in_person',
    status: 'published',
    timeZone,
    startDate,
    description: [
      'University Hospital Essen hosts the network for two days on radiopharmaceuticals, minimal residual',
      'disease and organ preservation, with workshops on outpatient T-cell engagers and transatlantic data',
      'sharing.',
      '',
      'Essen Hauptbahnhof is a short tram ride from the campus; Düsseldorf airport is 30 minutes away by train.',
    ].join('\n'),
    venue: {
      name: 'University Hospital Essen, Conference Centre',
      address: 'Hufelandstraße 55, 45147 Essen, Germany',
      city: 'Essen',
    },
    hostInstitutionId: 'essen',
    seatsInPerson: SEATS_AT_VENUE,
    seatsVirtual: null,
    registrationOpensAt: null,
    registrationClosesAt: null,
    publishedAt: daysBefore(now, 7),
    accreditation: europeanAccreditation({
      title,
      place: 'Essen, Germany',
      startDate,
      agenda,
      signatoryName: 'Prof. Dr. med. Annette Lindqvist',
      signatoryTitle: 'Chair of the Scientific Committee',
    }),
    agenda,
  };
}

/** The organisers' work in progress: a hybrid edition about ten months ahead. */
function draftHybridSummit(now: Date): SummitPlan {
  const timeZone = 'America/Toronto';
  const startDate = tuesdayInWeeks(now, 43, timeZone);
  return {
    id: `s-${startDate.slice(0, 4)}-toronto`,
    title: `APoC Summit Toronto ${startDate.slice(0, 4)}`,
    edition: editionOf(startDate),
    format: 'hybrid',
    status: 'draft',
    timeZone,
    startDate,
    description: [
      'Draft. Princess Margaret Cancer Centre has offered to host a hybrid edition: mornings in Toronto,',
      'streamed live so that Europe can follow in its afternoon.',
      '',
      'Agenda in progress; the trial design clinic still needs a slot and tutors.',
    ].join('\n'),
    venue: {
      name: 'Princess Margaret Cancer Centre',
      address: '610 University Avenue, Toronto, ON M5G 2M9, Canada',
      city: 'Toronto',
    },
    hostInstitutionId: 'princess-margaret',
    seatsInPerson: 120,
    seatsVirtual: 500,
    registrationOpensAt: null,
    registrationClosesAt: null,
    publishedAt: null,
    agenda: torontoDraftProgramme,
  };
}

export function demoSummitPlans(now: Date): SummitPlan[] {
  return [
    launchSummit(),
    firstVirtualSummit(),
    currentYearSummit(now),
    nextVirtualSummit(now),
    nextInPersonSummit(now),
    draftHybridSummit(now),
  ];
}
