import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tables } from '../helpers/db';
import type { SummitSummary } from '@apoc/shared';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { buildTestApp, type TestApp } from '../helpers/app';
import {
  addPerson,
  createInstitution,
  createMember,
  createSession,
  createSummit,
  createTrack,
} from '../helpers/factories';
import { REPO_ROOT } from '../helpers/server';

// The c3voc schema and XSD are third-party (EUPL): read from the handbook beside the repository, never copied.
const C3VOC = resolve(REPO_ROOT, '../shared/vendor/c3voc-schedule');
const c3vocPresent = existsSync(join(C3VOC, 'schema.json')) && existsSync(join(C3VOC, 'schedule.xml.xsd'));
const whenC3voc = c3vocPresent ? '' : ' (skipped: c3voc schema folder not present)';
if (!c3vocPresent) console.warn(`schedule export: validation against c3voc skipped: ${C3VOC} is not present`);

interface FrabEvent {
  guid: string;
  id: number;
  date: string;
  start: string;
  duration: string;
  room: string;
  title: string;
  track: string | null;
  url: string;
}

interface FrabDocument {
  schedule: {
    version: string;
    conference: {
      acronym: string;
      time_zone_name?: string;
      rooms: { name: string; guid: string }[];
      days: { date: string; day_start: string; day_end: string; rooms: Record<string, FrabEvent[]> }[];
    };
  };
}

const eventsOf = (document: FrabDocument): FrabEvent[] =>
  document.schedule.conference.days.flatMap((day) => Object.values(day.rooms).flat());

/** The c3voc JSON schema (draft-06) with the formats it uses. */
function c3vocJsonValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  ajv.addMetaSchema(draft06);
  addFormats.default(ajv);
  // `color` is no JSON Schema format: read it as the XSD's hexColor, which apps expect.
  ajv.addFormat('color', /^#[0-9a-fA-F]{6}$/);
  // Annotations of the schema's own that no draft defines; they constrain nothing.
  ajv.addVocabulary(['$oneOf', '$todo']);
  return ajv.compile(JSON.parse(readFileSync(join(C3VOC, 'schema.json'), 'utf8')) as object);
}

async function xsdErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'schedule.xml', contents: xml },
    schema: { fileName: 'schedule.xml.xsd', contents: readFileSync(join(C3VOC, 'schedule.xml.xsd'), 'utf8') },
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}

describe('the frab/pretalx schedule export', () => {
  let t: TestApp;
  let published: SummitSummary[];

  const getJson = async (summitId: string): Promise<FrabDocument> => {
    const response = await t.app.inject({ method: 'GET', url: `/api/summits/${summitId}/schedule.json` });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const getXml = async (summitId: string): Promise<string> => {
    const response = await t.app.inject({ method: 'GET', url: `/api/summits/${summitId}/schedule.xml` });
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    published = (await t.app.inject({ method: 'GET', url: '/api/summits' })).json() as SummitSummary[];
  });
  afterAll(async () => t.close());

  it('covers published demo summits of both formats', () => {
    expect(published.map((summit) => summit.format)).toEqual(expect.arrayContaining(['in_person', 'virtual']));
  });

  it.skipIf(!c3vocPresent)(
    `checks with a validator that accepts c3voc's own example and refuses a wrong acronym${whenC3voc}`,
    () => {
      const validate = c3vocJsonValidator();
      const example = JSON.parse(readFileSync(join(C3VOC, 'pretalx-democon.json'), 'utf8')) as FrabDocument;
      expect(validate(example) ? [] : validate.errors).toEqual([]);
      // A demo summit's id, as an acronym: the schema refuses its hyphens.
      example.schedule.conference.acronym = `apoc-${published[0]?.id ?? 'summit'}`;
      expect(validate(example)).toBe(false);
    },
  );

  it.skipIf(!c3vocPresent)(
    `validates the schedule.json of every published demo summit against the c3voc JSON schema${whenC3voc}`,
    async () => {
      const validate = c3vocJsonValidator();
      const errors: Record<string, unknown> = {};
      for (const summit of published) {
        const document = await getJson(summit.id);
        if (!validate(document)) errors[summit.id] = validate.errors;
        expect(eventsOf(document).length, summit.id).toBeGreaterThan(0);
      }
      expect(errors).toEqual({});
    },
  );

  it.skipIf(!c3vocPresent)(
    `validates the schedule.xml of every published demo summit against the c3voc XSD${whenC3voc}`,
    async () => {
      const errors: Record<string, string[]> = {};
      for (const summit of published) {
        const found = await xsdErrors(await getXml(summit.id));
        if (found.length > 0) errors[summit.id] = found;
      }
      expect(errors).toEqual({});
    },
  );

  it.skipIf(!c3vocPresent)(
    `stays valid with the awkward cases: shared room names, online sessions, markup and control characters${whenC3voc}`,
    async () => {
      const summit = await createSummit(t.app.db, { format: 'hybrid', timeZone: 'Europe/Paris' });
      const track = await createTrack(t.app.db, summit.id);
      for (const id of ['hall-1', 'hall-2']) {
        await t.app.db.unit(async () =>
          t.app.db.q
            .insert(tables.rooms)
            .values({ id: `${summit.id}-${id}`, summitId: summit.id, name: 'Hall', capacity: 100, position: 0 }),
        );
      }
      const inHall = await createSession(t.app.db, summit.id, {
        title: 'Risks & benefits <of> "ADCs"',
        trackId: track.id,
      });
      await t.app.db.unit(async () =>
        t.app.db.q
          .update(tables.sessions)
          .set({ roomId: `${summit.id}-hall-2`, abstract: 'A bell\u0007 in the abstract' })
          .where(eq(tables.sessions.id, inHall.id)),
      );
      await createSession(t.app.db, summit.id, { title: 'Online only', trackId: track.id });
      await createSession(t.app.db, summit.id, { title: '☕', kind: 'break' });

      const document = await getJson(summit.id);
      const validate = c3vocJsonValidator();
      expect(validate(document) ? [] : validate.errors).toEqual([]);
      expect(await xsdErrors(await getXml(summit.id))).toEqual([]);
      expect(document.schedule.conference.rooms.map((room) => room.name)).toEqual([
        'Hall',
        'Hall (2)',
        'Online: Thoracic',
        'Online',
      ]);
      expect(eventsOf(document).find((event) => event.title.startsWith('Risks'))?.room).toBe('Hall (2)');
    },
  );

  it('serves JSON and XML with their media types', async () => {
    const [summit] = published;
    const json = await t.app.inject({ method: 'GET', url: `/api/summits/${summit?.id}/schedule.json` });
    const xml = await t.app.inject({ method: 'GET', url: `/api/summits/${summit?.id}/schedule.xml` });
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(xml.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<schedule>/);
  });

  it('gives every session the same guid and id on every call, unique across all summits, in JSON and XML alike', async () => {
    const guids: string[] = [];
    for (const summit of published) {
      const first = eventsOf(await getJson(summit.id));
      const second = eventsOf(await getJson(summit.id));
      expect(second.map(({ guid, id }) => ({ guid, id }))).toEqual(first.map(({ guid, id }) => ({ guid, id })));
      const inXml = [...(await getXml(summit.id)).matchAll(/<event guid="([^"]+)" id="(\d+)">/g)].map((match) => ({
        guid: match[1],
        id: Number(match[2]),
      }));
      expect(inXml).toEqual(first.map(({ guid, id }) => ({ guid, id })));
      expect(new Set(first.map((event) => event.id)).size).toBe(first.length);
      guids.push(...first.map((event) => event.guid));
    }
    expect(new Set(guids).size).toBe(guids.length);
  });

  it("keeps the other sessions' guids and ids when a session is added", async () => {
    const summit = await createSummit(t.app.db);
    for (const startsAt of ['2027-03-09T09:00:00Z', '2027-03-09T10:00:00Z', '2027-03-09T11:00:00Z']) {
      await createSession(t.app.db, summit.id, { startsAt: new Date(startsAt) });
    }
    const before = eventsOf(await getJson(summit.id)).map(({ guid, id, title }) => ({ guid, id, title }));
    await createSession(t.app.db, summit.id, { startsAt: new Date('2027-03-09T08:00:00Z') });
    const after = eventsOf(await getJson(summit.id)).map(({ guid, id, title }) => ({ guid, id, title }));
    expect(after).toHaveLength(4);
    expect(after).toEqual(expect.arrayContaining(before));
  });

  it('exports a 09:00 session on the day after Paris moves its clocks forward as 09:00, with the summer offset', async () => {
    // Europe/Paris springs forward on Sunday 28 March 2027, from +01:00 to +02:00.
    const summit = await createSummit(t.app.db, {
      timeZone: 'Europe/Paris',
      startDate: '2027-03-27',
      endDate: '2027-03-29',
    });
    await createSession(t.app.db, summit.id, {
      title: 'Saturday, winter time',
      startsAt: new Date('2027-03-27T08:00:00Z'),
      endsAt: new Date('2027-03-27T09:30:00Z'),
    });
    await createSession(t.app.db, summit.id, {
      title: 'Monday, summer time',
      startsAt: new Date('2027-03-29T07:00:00Z'),
      endsAt: new Date('2027-03-29T08:30:00Z'),
    });

    const { conference } = (await getJson(summit.id)).schedule;
    expect(conference.time_zone_name).toBe('Europe/Paris');
    const events = eventsOf(await getJson(summit.id));
    expect(events.map(({ title, date, start, duration }) => ({ title, date, start, duration }))).toEqual([
      { title: 'Saturday, winter time', date: '2027-03-27T09:00:00+01:00', start: '09:00', duration: '01:30' },
      { title: 'Monday, summer time', date: '2027-03-29T09:00:00+02:00', start: '09:00', duration: '01:30' },
    ]);
    expect(conference.days.map((day) => [day.date, day.day_start])).toEqual([
      ['2027-03-27', '2027-03-27T00:00:00+01:00'],
      ['2027-03-28', '2027-03-28T00:00:00+01:00'],
      ['2027-03-29', '2027-03-29T00:00:00+02:00'],
    ]);
    const xml = await getXml(summit.id);
    expect(xml).toContain('<date>2027-03-29T09:00:00+02:00</date>');
    expect(xml).toContain('<start>09:00</start>');
  });

  it("exports the summit's own zone name for the Los Angeles summit, which the schema's pattern accepts", async () => {
    const thousandOaks = published.find((summit) => summit.timeZone === 'America/Los_Angeles');
    expect(thousandOaks).toBeDefined();
    const { conference } = (await getJson(thousandOaks?.id ?? '')).schedule;
    expect(conference.time_zone_name).toBe('America/Los_Angeles');
    expect(conference.acronym).toMatch(/^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$/);
  });

  it('leaves out cancelled and unscheduled sessions', async () => {
    const summit = await createSummit(t.app.db);
    await createSession(t.app.db, summit.id, { title: 'Going ahead' });
    await createSession(t.app.db, summit.id, { title: 'Called off', status: 'cancelled' });
    await createSession(t.app.db, summit.id, { title: 'Not placed yet', startsAt: null, endsAt: null });
    expect(eventsOf(await getJson(summit.id)).map((event) => event.title)).toEqual(['Going ahead']);
    expect(await getXml(summit.id)).not.toMatch(/Called off|Not placed yet/);
  });

  it('links each session to its page and never reveals join URLs or e-mail addresses', async () => {
    const summit = await createSummit(t.app.db);
    const speaker = await createMember(t.app.db, (await createInstitution(t.app.db)).id, 'Dr Min-ji Park');
    const session = await createSession(t.app.db, summit.id, { joinUrl: 'https://video.example.org/secret-room' });
    await addPerson(t.app.db, session.id, speaker.id);

    const json = await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}/schedule.json` });
    const xml = await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}/schedule.xml` });
    for (const body of [json.body, xml.body]) {
      expect(body).toContain('Dr Min-ji Park');
      expect(body).not.toContain('secret-room');
      expect(body).not.toContain(speaker.email);
    }
    expect(eventsOf(json.json() as FrabDocument)[0]?.url).toBe(
      new URL(`/sessions/${session.id}`, t.config.publicUrl).href,
    );

    // The demo's virtual summits have a join URL on every session but breaks.
    for (const demo of published) {
      for (const format of ['json', 'xml']) {
        const response = await t.app.inject({ method: 'GET', url: `/api/summits/${demo.id}/schedule.${format}` });
        expect(response.body).not.toMatch(/video\.demo\.apoc\.test|join_?url/i);
      }
    }
  });

  it('answers an unknown or unpublished summit with a 404 problem', async () => {
    const draft = await createSummit(t.app.db, { status: 'draft' });
    for (const url of [
      '/api/summits/no-such-summit/schedule.json',
      '/api/summits/no-such-summit/schedule.xml',
      `/api/summits/${draft.id}/schedule.json`,
      `/api/summits/${draft.id}/schedule.xml`,
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 404, title: 'Not found' });
    }
  });
});
