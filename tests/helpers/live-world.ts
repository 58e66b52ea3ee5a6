import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { SessionDetail } from '@apoc/shared';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import WebSocket from 'ws';
import { browserHeaders, buildTestApp, type TestApp } from './app';
import { signIn, signedInMembers } from './auth';
import { demoSummitIds, type DemoSummitIds } from './demo';
import { LiveTestClient, type Person, type Refused } from './live-client';

/**
 * The world of the live tests, set up once per file: the demo platform listening on a real port, the demo
 * organiser, and six members registered online for the next virtual summit. Call it at the top of a describe;
 * its fields are filled before the file's own beforeAll hooks run. Each test closes the connections it opened.
 */
export function liveWorld() {
  let t: TestApp;
  let demo: DemoSummitIds;
  let wsBase: string;
  let organiser: Person;
  const attendees: Person[] = [];
  const clients: LiveTestClient[] = [];

  const liveUrl = (sessionId: string, query: Record<string, number> = {}) => {
    const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
    return `${wsBase}/api/sessions/${sessionId}/live${search ? `?${search}` : ''}`;
  };

  /** Opens a live connection as `person`, from the platform's own pages unless told otherwise. */
  async function connect(
    sessionId: string,
    person: Person,
    query: Record<string, number> = {},
    options: WebSocket.ClientOptions = {},
  ): Promise<LiveTestClient> {
    const socket = new WebSocket(liveUrl(sessionId, query), {
      headers: { cookie: person.cookie, origin: t.config.publicUrl.origin },
      ...options,
    });
    const client = new LiveTestClient(socket);
    clients.push(client);
    await Promise.race([
      once(socket, 'open'),
      once(socket, 'unexpected-response').then(([, response]) => {
        throw new Error(`refused with ${(response as { statusCode: number }).statusCode}`);
      }),
    ]);
    return client;
  }

  /** Opens a connection and takes its first message, the snapshot. */
  async function join(sessionId: string, person: Person) {
    const client = await connect(sessionId, person);
    return { client, snapshot: await client.take('snapshot') };
  }

  /** Tries to open a connection that must be refused before the upgrade, and says how. */
  async function refusal(sessionId: string, headers: Record<string, string>): Promise<Refused> {
    const socket = new WebSocket(liveUrl(sessionId), { headers });
    // Ending a refused handshake reports an error nobody needs.
    socket.on('error', () => {});
    const [, response] = (await once(socket, 'unexpected-response')) as [unknown, IncomingMessage];
    let text = '';
    for await (const chunk of response) text += String(chunk);
    socket.terminate();
    return {
      status: response.statusCode ?? 0,
      contentType: String(response.headers['content-type']),
      body: JSON.parse(text) as Refused['body'],
    };
  }

  const register = (person: Person, summitId: string, mode: 'virtual' | 'in_person') =>
    t.app.inject({
      method: 'POST',
      url: `/api/summits/${summitId}/registrations`,
      headers: browserHeaders(t.config, person.cookie),
      payload: { mode },
    });

  /** The session as `person` (or an anonymous caller) reads it, with their place in its live Q&A. */
  async function detail(sessionId: string, person?: Person): Promise<SessionDetail> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/sessions/${sessionId}`,
      headers: person ? { cookie: person.cookie } : {},
    });
    expect(response.statusCode).toBe(200);
    return response.json() as SessionDetail;
  }

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    demo = await demoSummitIds(t.app.db);
    wsBase = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    organiser = { id: 'm-organiser', cookie: await signIn(t, 'organiser@demo.apoc.test') };
    for (const person of await signedInMembers(t, 6, 'vhio')) {
      expect((await register(person, demo.nextVirtual, 'virtual')).json()).toMatchObject({ status: 'confirmed' });
      attendees.push(person);
    }
  });
  // Each test closes what it opened, as a person closes their tabs: a member may keep only a few open at once.
  afterEach(async () => {
    const open = clients.splice(0).filter((client) => client.socket.readyState !== WebSocket.CLOSED);
    for (const client of open) client.socket.close();
    await Promise.all(open.map((client) => client.closed));
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
  afterAll(async () => {
    for (const client of clients) client.socket.terminate();
    await t.close();
  });

  const attendee = (index: number) => attendees[index] as Person;

  return {
    get t() {
      return t;
    },
    get demo() {
      return demo;
    },
    get organiser() {
      return organiser;
    },
    /** The connections opened by this file's tests and not yet closed. */
    clients,
    attendee,
    connect,
    join,
    refusal,
    register,
    detail,
  };
}
