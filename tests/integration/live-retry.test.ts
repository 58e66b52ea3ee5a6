import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { tables } from '../helpers/db';
import { demoSession } from '../helpers/demo';
import { liveWorld } from '../helpers/live-world';

// PostgreSQL runs a unit of work again after a serialisation failure or a deadlock (SQLite's units, one after the
// other on one writer, never meet either): what a retried unit publishes. PostgreSQL only (vitest.config.ts).

describe('live Q&A on PostgreSQL: a unit of work tried again', () => {
  // Read through the world's getters: they are filled once its beforeAll has run.
  const world = liveWorld();
  const { attendee, join } = world;

  it('publishes only the events of the attempt that committed when a unit of work is retried', async () => {
    const session = demoSession(world.demo.nextVirtual, 11);
    const { client: moderator } = await join(session, world.organiser);
    const { client: watcher, snapshot } = await join(session, attendee(0));
    const hub = world.t.app.live.hub;
    const published = vi.spyOn(hub, 'publish');
    // The first attempt emits its event, then loses a serialisation conflict: PostgreSQL rolls it back, the unit
    // runs again from the start (with a new question id under the same seq).
    vi.spyOn(hub, 'recorded').mockRejectedValueOnce(
      Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' }),
    );
    try {
      await moderator.ok({ type: 'question.ask', text: 'Asked once, tried twice' });
      const [stored] = await world.t.app.db.q
        .select({ id: tables.liveQuestions.id })
        .from(tables.liveQuestions)
        .where(eq(tables.liveQuestions.sessionId, session));
      expect(published.mock.calls.map(([, delivery]) => delivery.seq)).toEqual([snapshot.seq + 1]);
      expect((await watcher.take('question')).question.id).toBe(stored?.id);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
