// The demo seed places four of its six summits relative to the day it runs (db/src/seed/summits.ts), so
// their ids carry a year that moves with the calendar. Tests find them by what they are, never by an id.
import type { Database } from '@apoc/db';
import { tables } from './db';

export interface DemoSummitIds {
  /** June 2023, in person in Thousand Oaks (fixed). */
  launch: string;
  /** March 2024, virtual (fixed). */
  firstVirtual: string;
  /** In person in Barcelona, over about twelve weeks ago. */
  thisYear: string;
  /** Virtual, about six weeks ahead, registration open. */
  nextVirtual: string;
  /** In person in Essen, about 24 weeks ahead. */
  nextInPerson: string;
  /** Hybrid in Toronto, a draft (visible to organisers only). */
  draft: string;
}

const LAUNCH = 's-2023-thousand-oaks';
const FIRST_VIRTUAL = 's-2024-virtual';

function oneOf(ids: readonly string[], what: string, test: (id: string) => boolean): string {
  const found = ids.filter(test);
  if (found.length !== 1) throw new Error(`expected one demo summit ${what}, found [${found.join(', ')}]`);
  return found[0] as string;
}

/** Classifies the ids of the published demo summits (what `GET /api/summits` lists to anyone). */
export function publishedDemoSummitIdsOf(ids: readonly string[]): Omit<DemoSummitIds, 'draft'> {
  return {
    launch: oneOf(ids, 'in Thousand Oaks', (id) => id === LAUNCH),
    firstVirtual: oneOf(ids, 'in 2024', (id) => id === FIRST_VIRTUAL),
    thisYear: oneOf(ids, 'in Barcelona', (id) => /^s-\d{4}-barcelona$/.test(id)),
    nextVirtual: oneOf(ids, 'virtual and upcoming', (id) => /^s-\d{4}-virtual$/.test(id) && id !== FIRST_VIRTUAL),
    nextInPerson: oneOf(ids, 'in Essen', (id) => /^s-\d{4}-essen$/.test(id)),
  };
}

/** Classifies every seeded summit id, the draft included. */
export function demoSummitIdsOf(ids: readonly string[]): DemoSummitIds {
  return { ...publishedDemoSummitIdsOf(ids), draft: oneOf(ids, 'in Toronto', (id) => /^s-\d{4}-toronto$/.test(id)) };
}

/** The published demo summits of a running server, as anyone lists them. */
export async function publishedDemoSummits(serverUrl: string): Promise<Omit<DemoSummitIds, 'draft'>> {
  const summits = (await (await fetch(`${serverUrl}/api/summits`)).json()) as { id: string }[];
  return publishedDemoSummitIdsOf(summits.map((summit) => summit.id));
}

/** The demo summits of a seeded database. */
export async function demoSummitIds(db: Database): Promise<DemoSummitIds> {
  return demoSummitIdsOf((await db.q.select({ id: tables.summits.id }).from(tables.summits)).map((row) => row.id));
}

/** A demo session id: the seed numbers each summit's sessions `<summit>-01`, `<summit>-02`, … */
export const demoSession = (summitId: string, number: number): string =>
  `${summitId}-${String(number).padStart(2, '0')}`;
