// Live Q&A under load: N attendees connected to one session while 10 % of them vote each second. The
// subject is the real app (cookie sign-in, Origin check, validation, rate limits, every vote committed to
// SQLite before it is acknowledged, counts coalesced and sent once per audience). The baseline is a bare
// `ws` server doing the same exchange (ack each vote, coalesce the counts at the same interval, broadcast)
// with no persistence and no auth, in the same run. The simulated attendees run in a child process, so
// that the server's memory is measured alone; all traffic stays on 127.0.0.1.
//
// BENCH_LIVE_CLIENTS: the numbers of attendees, comma-separated ("1000,5000"); BENCH_SECONDS: how long
// each phase votes (5 by default, at most 10); BENCH_LIVE_ROUNDS: alternating rounds of baseline and
// subject per number (2 by default), of which the best of each side is reported. A warm-up round with
// 200 clients comes first.
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket, { WebSocketServer } from 'ws';
import type { TestApp } from '../helpers/app';
import type { BenchResult } from './measure';

const VOTERS_PER_SECOND = 0.1;
const COALESCE_MS = 100;
const QUESTIONS = 20;
const CONNECT_CONCURRENCY = 200;
const PHASE_TIMEOUT_MS = 120_000;
const ROLE = 'APOC_LIVE_BENCH_ROLE';

/** What the parent tells the child that plays the attendees. */
interface ClientPlan {
  /** Attendee i connects to urls[i % urls.length]: several instances share the attendees. */
  urls: string[];
  headers: Record<string, string>[];
  questionIds: string[];
  seconds: number;
}

/** What the child reports after voting. */
interface ClientReport {
  connectMs: number;
  /** Share of the time the attendees' event loop was busy while voting: near 1, they measure themselves. */
  busy: number;
  closed: number;
  actions: number;
  acknowledged: number;
  errors: number;
  delivered: number;
  undelivered: number;
  broadcasts: number;
  deliveries: number;
  p50Ms: number;
  p99Ms: number;
}

type ToChild = { plan: ClientPlan } | { go: true } | { stop: true };
type FromChild = { connected: number } | { report: ClientReport } | { failed: string };

// ---------------------------------------------------------------------------------------------------------
// The attendees (child process)

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number);

async function playAttendees(plan: ClientPlan): Promise<void> {
  const send = (message: FromChild) => process.send?.(message);
  interface Action {
    t0: number;
    seq: number | null;
  }
  interface Attendee {
    socket: WebSocket;
    question: string;
    voted: boolean;
    pending: Map<number, Action>;
    /** Acknowledged votes waiting for the next `votes` broadcast, which carries them. */
    acknowledged: Action[];
  }
  const actions: Action[] = [];
  const arrivals = new Map<number, { count: number; last: number }>();
  let errors = 0;
  let closed = 0;
  let nextRef = 1;

  // Only the head of each message is read: 5,000 clients parsing every broadcast would measure the client.
  const onMessage = (attendee: Attendee, data: Buffer) => {
    const now = performance.now();
    const head = data.toString('latin1', 0, Math.min(data.length, 48));
    if (head.startsWith('{"type":"votes","seq":')) {
      const seq = Number.parseInt(head.slice(22), 10);
      const arrival = arrivals.get(seq) ?? { count: 0, last: 0 };
      arrival.count++;
      arrival.last = Math.max(arrival.last, now);
      arrivals.set(seq, arrival);
      for (const action of attendee.acknowledged) action.seq = seq;
      attendee.acknowledged.length = 0;
    } else if (head.startsWith('{"type":"ack","ref":')) {
      const ref = Number.parseInt(head.slice(20), 10);
      const action = attendee.pending.get(ref);
      if (!action) return;
      attendee.pending.delete(ref);
      attendee.voted = !attendee.voted;
      attendee.acknowledged.push(action);
    } else if (head.startsWith('{"type":"error","ref":')) {
      // Counted, and the attendee goes on voting.
      errors++;
      attendee.pending.delete(Number.parseInt(head.slice(22), 10));
    }
  };

  const started = performance.now();
  const attendees: Attendee[] = [];
  let index = 0;
  const connectOne = async (): Promise<void> => {
    while (index < plan.headers.length) {
      const i = index++;
      const socket = new WebSocket(plan.urls[i % plan.urls.length] as string, {
        headers: plan.headers[i],
        // From eight loopback addresses, as through several hospitals' gateways: the platform admits at most
        // LIVE_SOCKETS.perAddress connections from one address.
        localAddress: `127.0.0.${1 + (i % 8)}`,
        perMessageDeflate: false,
        skipUTF8Validation: true,
      });
      const attendee: Attendee = {
        socket,
        question: plan.questionIds[i % plan.questionIds.length] as string,
        voted: false,
        pending: new Map(),
        acknowledged: [],
      };
      const first = new Promise<void>((resolve, reject) => {
        // The snapshot says whether this member's vote from an earlier run is still counted.
        socket.once('message', (data: Buffer) => {
          const snapshot = JSON.parse(String(data)) as { myVotes?: string[] };
          attendee.voted = snapshot.myVotes?.includes(attendee.question) ?? false;
          resolve();
        });
        socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
        socket.once('error', reject);
      });
      socket.on('message', (data: Buffer) => onMessage(attendee, data));
      socket.once('close', () => closed++);
      await first;
      attendees.push(attendee);
    }
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, connectOne));
  const connectMs = performance.now() - started;
  send({ connected: attendees.length });

  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const idleBefore = performance.eventLoopUtilization();
  // 10 % of the attendees vote each second, spread over 10 ms ticks, each toggling its vote.
  const perTick = (attendees.length * VOTERS_PER_SECOND) / 100;
  let due = 0;
  let next = 0;
  const ticker = setInterval(() => {
    due += perTick;
    for (; due >= 1; due--) {
      const attendee = attendees[next++ % attendees.length] as Attendee;
      if (attendee.pending.size > 0) continue;
      const ref = nextRef++;
      const action: Action = { t0: performance.now(), seq: null };
      actions.push(action);
      attendee.pending.set(ref, action);
      const type = attendee.voted ? 'question.unvote' : 'question.vote';
      attendee.socket.send(JSON.stringify({ type, questionId: attendee.question, ref }));
    }
  }, 10);
  await new Promise((resolve) => setTimeout(resolve, plan.seconds * 1000));
  clearInterval(ticker);
  const busy = performance.eventLoopUtilization(idleBefore).utilization;
  // Time for the last coalesced broadcasts to reach everyone.
  await new Promise((resolve) => setTimeout(resolve, 1500));

  const latencies: number[] = [];
  let undelivered = 0;
  for (const action of actions) {
    const arrival = action.seq === null ? undefined : arrivals.get(action.seq);
    if (arrival && arrival.count === attendees.length) latencies.push(arrival.last - action.t0);
    else undelivered++;
  }
  latencies.sort((a, b) => a - b);
  let deliveries = 0;
  for (const arrival of arrivals.values()) deliveries += arrival.count;
  send({
    report: {
      connectMs,
      busy,
      closed,
      actions: actions.length,
      acknowledged: actions.filter((action) => action.seq !== null).length,
      errors,
      delivered: latencies.length,
      undelivered,
      broadcasts: arrivals.size,
      deliveries,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
    },
  });
  for (const attendee of attendees) attendee.socket.terminate();
}

if (process.env[ROLE] === 'attendees') {
  process.once('message', (message: ToChild) => {
    if (!('plan' in message)) return;
    playAttendees(message.plan)
      .catch((error: unknown) => process.send?.({ failed: String(error) } satisfies FromChild))
      .finally(() => process.disconnect());
  });
}

// ---------------------------------------------------------------------------------------------------------
// The servers (this process)

let collectGarbage: (() => void) | undefined;

/** Heap and off-heap bytes (buffers) in use after a full collection, and the resident set size. */
function memory(): { used: number; rss: number } {
  if (!collectGarbage) {
    setFlagsFromString('--expose-gc');
    collectGarbage = runInNewContext('gc') as () => void;
  }
  collectGarbage();
  collectGarbage();
  const usage = process.memoryUsage();
  return { used: usage.heapUsed + usage.external, rss: usage.rss };
}

interface PhaseResult {
  report: ClientReport;
  /** Share of the time this (the server's) event loop was busy while the attendees voted. */
  serverBusy: number;
  bytesPerConnection: number;
  rssPerConnection: number;
}

async function nextMessage(child: ChildProcess): Promise<FromChild> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const [message] = (await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(() => [{ failed: 'the attendees process exited' }]),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('live bench phase timed out')), PHASE_TIMEOUT_MS);
      }),
    ])) as [FromChild];
    if ('failed' in message) throw new Error(message.failed);
    return message;
  } finally {
    clearTimeout(timer);
  }
}

/** Connects the attendees, measures the server's memory per connection, then has them vote. */
async function phase(plan: ClientPlan): Promise<PhaseResult> {
  const before = memory();
  const child = fork(fileURLToPath(import.meta.url), [], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [ROLE]: 'attendees' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    child.send({ plan } satisfies ToChild);
    const connected = await nextMessage(child);
    if (!('connected' in connected)) throw new Error('unexpected message from the attendees');
    // The connection storm's presence broadcasts and garbage settle before anything is measured.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const during = memory();
    const idle = performance.eventLoopUtilization();
    child.send({ go: true } satisfies ToChild);
    const reported = await nextMessage(child);
    if (!('report' in reported)) throw new Error('unexpected message from the attendees');
    return {
      report: reported.report,
      serverBusy: performance.eventLoopUtilization(idle).utilization,
      bytesPerConnection: (during.used - before.used) / connected.connected,
      rssPerConnection: (during.rss - before.rss) / connected.connected,
    };
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

/** A bare `ws` server with the same exchange: snapshot on connect, ack per vote, coalesced counts. */
async function bareServer(questionIds: string[]) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false, maxPayload: 16 * 1024 });
  await once(server, 'listening');
  const voters = new Map(questionIds.map((id) => [id, new Set<WebSocket>()]));
  const changed = new Set<string>();
  const snapshot = JSON.stringify({
    type: 'snapshot',
    seq: 0,
    questions: questionIds.map((id) => ({ id, text: `Question ${id}`, votes: 0 })),
  });
  let seq = 0;
  let sentAt = 0;
  let timer: NodeJS.Timeout | null = null;
  const broadcast = () => {
    timer = null;
    sentAt = Date.now();
    const votes = Object.fromEntries([...changed].map((id) => [id, voters.get(id)?.size ?? 0]));
    changed.clear();
    const message = JSON.stringify({ type: 'votes', seq: ++seq, votes });
    for (const client of server.clients) client.send(message);
  };
  server.on('connection', (socket) => {
    socket.send(snapshot);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; questionId: string; ref: number };
      const set = voters.get(message.questionId);
      if (!set) return;
      if (message.type === 'question.vote') set.add(socket);
      else set.delete(socket);
      changed.add(message.questionId);
      socket.send(JSON.stringify({ type: 'ack', ref: message.ref, of: message.type }));
      timer ??= setTimeout(broadcast, Math.max(0, sentAt + COALESCE_MS - Date.now()));
    });
  });
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}/`,
    async close() {
      for (const client of server.clients) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Attendees of the demo's next virtual summit, signed in and registered through the schema (the sign-in flow is
 * not what is measured), and the questions they vote on, asked by the organiser in session 2. Returns the cookies.
 */
async function seedSession(
  t: TestApp,
  count: number,
): Promise<{ sessionId: string; cookies: string[]; questionIds: string[] }> {
  const { demoSession, demoSummitIds } = await import('../helpers/demo');
  const { eq } = await import('drizzle-orm');
  const { members, signIns, registrations, liveQuestions } = t.app.db.tables;
  const summitId = (await demoSummitIds(t.app.db)).nextVirtual;
  const sessionId = demoSession(summitId, 2);
  const now = new Date();
  const cookies: string[] = [];
  await t.app.db.unit(async () => {
    for (let i = 0; i < count; i++) {
      const memberId = `bench-${randomUUID()}`;
      const secret = randomBytes(32).toString('base64url');
      await t.app.db.q.insert(members).values({
        id: memberId,
        email: `${memberId}@bench.apoc.test`,
        name: `Attendee ${i}`,
        role: 'member',
        institutionId: 'vhio',
        createdAt: now,
        updatedAt: now,
      });
      await t.app.db.q.insert(signIns).values({
        id: randomUUID(),
        memberId,
        // The server keeps the SHA-256 of the cookie's secret (auth.secrets.ts).
        secretHash: createHash('sha256').update(secret).digest('hex'),
        device: 'bench',
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 86_400_000),
      });
      await t.app.db.q.insert(registrations).values({
        id: randomUUID(),
        summitId,
        memberId,
        mode: 'virtual',
        status: 'confirmed',
        seatPool: 'pool',
        checkInCode: randomUUID(),
        createdAt: now,
        updatedAt: now,
      });
      cookies.push(`apoc_session=${secret}`);
    }
  });
  const organiser = {
    sessionId,
    summitId,
    memberId: 'm-organiser',
    name: 'Bench',
    moderator: true,
    role: 'organiser' as const,
    viaRegistration: false,
    signInId: null,
  };
  for (let i = 0; i < QUESTIONS; i++) {
    await t.app.live.service.handle(organiser, { type: 'question.ask', text: `Question ${i} from the room` });
  }
  const questionIds = (
    await t.app.db.q.select({ id: liveQuestions.id }).from(liveQuestions).where(eq(liveQuestions.sessionId, sessionId))
  ).map((row) => row.id);
  return { sessionId, cookies, questionIds };
}

/** The figures of one side (baseline or subject) of a comparison. */
function figures(name: string, phaseResult: PhaseResult, seconds: number): BenchResult[] {
  const { report } = phaseResult;
  return [
    { benchmark: name, metric: 'p50 delivery to all clients', value: report.p50Ms, unit: 'ms' },
    { benchmark: name, metric: 'p99 delivery to all clients', value: report.p99Ms, unit: 'ms' },
    { benchmark: name, metric: 'votes acknowledged', value: report.acknowledged / seconds, unit: 'votes/s' },
    { benchmark: name, metric: 'messages delivered', value: report.deliveries / seconds, unit: 'messages/s' },
    { benchmark: name, metric: 'broadcasts', value: report.broadcasts / seconds, unit: 'events/s' },
    {
      benchmark: name,
      metric: 'server memory per connection (heap + buffers)',
      value: phaseResult.bytesPerConnection / 1024,
      unit: 'KB',
    },
    { benchmark: name, metric: 'server RSS per connection', value: phaseResult.rssPerConnection / 1024, unit: 'KB' },
    {
      benchmark: name,
      metric: 'votes not delivered to every client, errors',
      value: report.undelivered + report.errors,
      unit: 'count',
    },
    { benchmark: name, metric: 'time to connect all', value: report.connectMs, unit: 'ms' },
    { benchmark: name, metric: 'server event loop busy while voting', value: phaseResult.serverBusy, unit: 'share' },
    { benchmark: name, metric: 'attendees’ event loop busy while voting', value: report.busy, unit: 'share' },
    { benchmark: name, metric: 'connections closed by the server', value: report.closed, unit: 'count' },
  ];
}

/**
 * Alternating rounds of the bare server and the subject with n attendees, the best of each side kept: on a shared
 * two-core machine, one slow broadcast caused by a neighbour decides a p99 that covers a few dozen broadcasts.
 */
async function compare(
  n: number,
  rounds: number,
  seconds: number,
  sides: { bare: (n: number) => Promise<PhaseResult>; live: (n: number) => Promise<PhaseResult> },
  subject: string,
): Promise<BenchResult[]> {
  const bases: PhaseResult[] = [];
  const lives: PhaseResult[] = [];
  for (let round = 0; round < rounds; round++) {
    bases.push(await sides.bare(n));
    lives.push(await sides.live(n));
  }
  const best = (runs: PhaseResult[]) =>
    runs.reduce((a, b) => (b.report.p99Ms < a.report.p99Ms ? b : a), runs[0] as PhaseResult);
  const base = best(bases);
  const live = best(lives);
  return [
    ...figures(`baseline: bare ws broadcast, ${n} clients`, base, seconds),
    ...figures(subject, live, seconds),
    {
      benchmark: subject,
      metric: 'p99 delivery ratio to bare ws',
      value: live.report.p99Ms / base.report.p99Ms,
      unit: 'ratio',
    },
    {
      benchmark: subject,
      metric: 'p50 delivery ratio to bare ws',
      value: live.report.p50Ms / base.report.p50Ms,
      unit: 'ratio',
    },
  ];
}

export async function liveBenchmarks(): Promise<BenchResult[]> {
  const numbers = (raw: string) =>
    raw
      .split(',')
      .map((value) => Number(value.trim()))
      .filter((value) => Number.isInteger(value) && value > 0);
  const counts = numbers(process.env.BENCH_LIVE_CLIENTS ?? '1000,5000');
  const postgresCounts =
    process.env.BENCH_POSTGRES === 'off' ? [] : numbers(process.env.BENCH_LIVE_PG_CLIENTS ?? '1000');
  const seconds = Math.min(10, Math.max(1, Number(process.env.BENCH_SECONDS ?? 5)));
  const rounds = Math.min(5, Math.max(1, Number(process.env.BENCH_LIVE_ROUNDS ?? 2)));

  // Loaded here, not at the top: the attendees' process needs none of the server.
  const { buildTestApp } = await import('../helpers/app');
  const { twoInstancesOnPostgres } = await import('./instances');
  const results: BenchResult[] = [];

  /** A phase against instances of the app, attendees spread over them. */
  const liveRun = async (
    urls: string[],
    session: Awaited<ReturnType<typeof seedSession>>,
    origin: string,
    n: number,
  ) => {
    const result = await phase({
      urls: urls.map((url) => `${url.replace(/^http/, 'ws')}/api/sessions/${session.sessionId}/live`),
      headers: session.cookies.slice(0, n).map((cookie) => ({ cookie, origin })),
      questionIds: session.questionIds,
      seconds,
    });
    // Let the server notice the departures before the next phase measures its memory.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return result;
  };
  const bareRun = (questionIds: string[]) => async (n: number) => {
    const bare = await bareServer(questionIds);
    try {
      return await phase({ urls: [bare.url], headers: Array.from({ length: n }, () => ({})), questionIds, seconds });
    } finally {
      await bare.close();
    }
  };

  // One instance on the embedded SQLite file.
  if (counts.length > 0) {
    const t = await buildTestApp({ seed: 'demo' });
    try {
      const session = await seedSession(t, Math.max(...counts));
      const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const sides = {
        bare: bareRun(session.questionIds),
        live: (n: number) => liveRun([url], session, t.config.publicUrl.origin, n),
      };
      // The servers' code is compiled and their one-time allocations made before anything is measured.
      await sides.bare(Math.min(200, Math.max(...counts)));
      await sides.live(Math.min(200, Math.max(...counts)));
      for (const n of counts) {
        results.push(
          ...(await compare(n, rounds, seconds, sides, `live Q&A, ${n} attendees, 10 % voting each second`)),
        );
      }
    } finally {
      await t.close();
    }
  }

  // Two instances on one PostgreSQL, the attendees alternating between them: every vote is committed to
  // PostgreSQL, and every count reaches the other instance's attendees through LISTEN/NOTIFY.
  if (postgresCounts.length > 0) {
    const { apps, close } = await twoInstancesOnPostgres('apoc_bench_live');
    try {
      const [a] = apps;
      const session = await seedSession(a, Math.max(...postgresCounts));
      const urls = await Promise.all(apps.map((app) => app.app.listen({ port: 0, host: '127.0.0.1' })));
      const sides = {
        bare: bareRun(session.questionIds),
        live: (n: number) => liveRun(urls, session, a.config.publicUrl.origin, n),
      };
      await sides.live(Math.min(200, Math.max(...postgresCounts)));
      for (const n of postgresCounts) {
        const subject = `live Q&A, PostgreSQL, two instances, ${n} attendees, 10 % voting each second`;
        results.push(...(await compare(n, rounds, seconds, sides, subject)));
      }
    } finally {
      await close();
    }
  }
  return results;
}
