import Fastify from 'fastify';
import { buildTestApp } from '../helpers/app';
import { benchSummit } from './summits';
import { compareLoads, comparedRows, load, medianMs, type BenchResult } from './measure';

/** What a route sends with its answer, less what any server adds by itself (date, length, connection). */
function sentHeaders(answer: Response): Record<string, string> {
  const own = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
  return Object.fromEntries([...answer.headers].filter(([name]) => !own.has(name)));
}

/** Summit sizes whose detail is measured, to show how its cost grows with the agenda. */
const SIZES = [100, 300, 1000];

/**
 * The summit list and summits of 100, 300 and 1,000 sessions through the real app (security headers, sign-in
 * hook, validation, kept answers, SQLite), each against a bare Fastify route serving the very same bytes, headers
 * included (what the platform adds beyond sending them), in alternating rounds; the list and the 300-session summit
 * also against a bare route answering a constant, and the 300-session summit's 304 against a bare route answering the
 * same 304 (and against one answering a 304 with its ETag alone).
 */
export async function agendaBenchmarks(): Promise<BenchResult[]> {
  const constant = Fastify({ logger: false });
  constant.get('/constant', async () => ({ status: 'ok' }));
  const constantUrl = `${await constant.listen({ port: 0, host: '127.0.0.1' })}/constant`;

  const t = await buildTestApp({ seed: 'demo' });
  const sized = new Map<number, string>();
  for (const size of SIZES) sized.set(size, (await benchSummit(t, size)).id);
  const appUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });

  const paths = new Map<string, string>([['list', '/api/summits']]);
  for (const [size, id] of sized) paths.set(`${size}`, `/api/summits/${id}`);
  // The same bytes on the wire: the body, and the headers the platform sends with it (its security headers, its
  // ETag), written by a route that does nothing else.
  const sameBytes = Fastify({ logger: false });
  const bytes = new Map<string, { body: Buffer; headers: Record<string, string> }>();
  for (const [key, path] of paths) {
    const answer = await fetch(`${appUrl}${path}`);
    bytes.set(key, { headers: sentHeaders(answer), body: Buffer.from(await answer.arrayBuffer()) });
  }
  sameBytes.get<{ Params: { key: string } }>('/:key', async (request, reply) => {
    const answer = bytes.get(request.params.key);
    return reply.headers(answer?.headers ?? {}).send(answer?.body);
  });
  const notModified = new Map<string, Record<string, string>>();
  sameBytes.get<{ Params: { key: string } }>('/:key/held', async (request, reply) =>
    reply
      .code(304)
      .headers(notModified.get(request.params.key) ?? {})
      .send(),
  );
  // The 304 as the bare minimum: the status and the ETag alone.
  sameBytes.get<{ Params: { key: string } }>('/:key/held-bare', async (request, reply) =>
    reply
      .code(304)
      .header('etag', notModified.get(request.params.key)?.etag ?? '')
      .send(),
  );
  const sameBytesUrl = await sameBytes.listen({ port: 0, host: '127.0.0.1' });

  const results: BenchResult[] = [];
  const same = (key: string) => () => load(`${sameBytesUrl}/${key}`);
  const subject = (key: string, headers?: Record<string, string>) => () =>
    load(`${appUrl}${paths.get(key) ?? ''}`, undefined, headers);
  try {
    results.push(
      ...comparedRows(
        'GET /api/summits',
        'a bare route serving the same bytes',
        await compareLoads(same('list'), subject('list')),
      ),
      ...comparedRows('GET /api/summits', 'bare GET', await compareLoads(() => load(constantUrl), subject('list'), 1)),
    );
    for (const size of SIZES) {
      const benchmark = `GET /api/summits/{id} (${size} sessions)`;
      results.push(
        ...comparedRows(
          benchmark,
          'a bare route serving the same bytes',
          await compareLoads(same(`${size}`), subject(`${size}`)),
        ),
        {
          benchmark,
          metric: 'median time in-process, first answer after a change',
          value: await medianMs(async () => {
            t.app.summits.stale(sized.get(size) ?? null);
            await t.app.inject({ method: 'GET', url: paths.get(`${size}`) ?? '' });
          }, 10),
          unit: 'ms',
        },
      );
    }
    // The 304 against a bare route answering the same: the status and the headers, no body.
    const etag = bytes.get('300')?.headers.etag ?? '';
    notModified.set(
      '300',
      sentHeaders(await fetch(`${appUrl}${paths.get('300') ?? ''}`, { headers: { 'if-none-match': etag } })),
    );
    const held = await compareLoads(() => load(`${sameBytesUrl}/300/held`), subject('300', { 'if-none-match': etag }));
    const heldBare = await compareLoads(
      () => load(`${sameBytesUrl}/300/held-bare`),
      subject('300', { 'if-none-match': etag }),
      1,
    );
    results.push(
      ...comparedRows(
        'GET /api/summits/{id} (300 sessions)',
        'bare GET',
        await compareLoads(() => load(constantUrl), subject('300'), 1),
      ),
      ...comparedRows('GET /api/summits/{id} (300 sessions), 304', 'a bare route answering the same 304', held),
      ...comparedRows(
        'GET /api/summits/{id} (300 sessions), 304',
        'a bare route answering a 304 with its ETag alone',
        heldBare,
      ),
      {
        benchmark: 'GET /api/summits/{id} (300 sessions), 304',
        metric: 'answers 304',
        value: held.subject.count304,
        unit: 'count',
      },
    );
  } finally {
    await constant.close();
    await sameBytes.close();
    await t.close();
  }
  return results;
}
