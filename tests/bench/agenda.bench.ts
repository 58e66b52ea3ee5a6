import Fastify from 'fastify';
import { buildTestApp } from '../helpers/app';
import { benchSummit } from './summits';
import { compareLoads, comparedRows, load, medianMs, type BenchResult } from './measure';

/** Summit sizes whose detail is measured, to show how its cost grows with the agenda. */
const SIZES = [100, 300, 1000];

/**
 * The summit list and summits of 100, 300 and 1,000 sessions through the real app (security headers, sign-in
 * hook, validation, kept answers, SQLite), each against a bare Fastify route serving the very same bytes (what the
 * platform adds beyond sending them), in alternating rounds; the list and the 300-session summit also against a
 * bare route answering a constant, and the 300-session summit's 304 against a bare route answering the same 304.
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
  const sameBytes = Fastify({ logger: false });
  const bytes = new Map<string, Buffer>();
  for (const [key, path] of paths) bytes.set(key, Buffer.from(await (await fetch(`${appUrl}${path}`)).arrayBuffer()));
  sameBytes.get<{ Params: { key: string } }>('/:key', async (request, reply) =>
    reply.type('application/json; charset=utf-8').send(bytes.get(request.params.key)),
  );
  const notModified = new Map<string, string>();
  sameBytes.get<{ Params: { key: string } }>('/:key/held', async (request, reply) =>
    reply
      .code(304)
      .header('etag', notModified.get(request.params.key) ?? '')
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
    // The 304 against a bare route answering the same: the status and the ETag, no body.
    const etag = (await fetch(`${appUrl}${paths.get('300') ?? ''}`)).headers.get('etag') ?? '';
    notModified.set('300', etag);
    const held = await compareLoads(() => load(`${sameBytesUrl}/300/held`), subject('300', { 'if-none-match': etag }));
    results.push(
      ...comparedRows(
        'GET /api/summits/{id} (300 sessions)',
        'bare GET',
        await compareLoads(() => load(constantUrl), subject('300'), 1),
      ),
      ...comparedRows('GET /api/summits/{id} (300 sessions), 304', 'a bare route answering the same 304', held),
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
