import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../../testing/fixtures';
import { BuilderEdits } from './builder.svelte';

const keynote = session({
  id: 'keynote',
  title: 'Opening keynote',
  startsAt: '2027-03-09T09:00:00.000Z',
  endsAt: '2027-03-09T10:00:00.000Z',
});
const later = { startsAt: '2027-03-09T11:00:00.000Z', endsAt: '2027-03-09T12:00:00.000Z' };

function builder(save: (id: string) => Promise<void> = async () => undefined) {
  const calls = { saved: [] as string[], reloads: 0, failures: [] as string[] };
  const edits = new BuilderEdits({
    save: async (id, edit) => {
      calls.saved.push(`${id} ${edit.startsAt ?? ''}`);
      await save(id);
    },
    reload: () => calls.reloads++,
    failed: (id) => calls.failures.push(id),
    keyDelayMs: 100,
  });
  return { edits, calls };
}

describe('the agenda builder’s edits', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows a move at once, sends it, and reads the draft again once nothing is on its way', async () => {
    const { edits, calls } = builder();
    const sent = edits.commit('keynote', later);
    expect(edits.settled([keynote])[0]?.startsAt).toBe(later.startsAt);
    expect(edits.pending).toBe(true);
    await sent;
    expect(calls).toMatchObject({ saved: [`keynote ${later.startsAt}`], reloads: 1 });
    // The new draft has the move: the edit is no longer needed.
    edits.draftArrived();
    expect(edits.edits.size).toBe(0);
  });

  it('takes a refused move back and says so', async () => {
    const { edits, calls } = builder(() => Promise.reject(new Error('409')));
    await edits.commit('keynote', later);
    expect(edits.settled([keynote])[0]?.startsAt).toBe(keynote.startsAt);
    expect(calls.failures).toEqual(['keynote']);
    expect(calls.reloads).toBe(1);
  });

  it('gathers key presses and sends one request once they rest', async () => {
    const { edits, calls } = builder();
    edits.keyed('keynote', { startsAt: '2027-03-09T09:15:00.000Z' });
    edits.keyed('keynote', { startsAt: '2027-03-09T09:30:00.000Z' });
    expect(edits.pending).toBe(true);
    // A draft arriving meanwhile does not undo what the keyboard is doing.
    edits.draftArrived();
    expect(edits.settled([keynote])[0]?.startsAt).toBe('2027-03-09T09:30:00.000Z');
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.saved).toEqual(['keynote 2027-03-09T09:30:00.000Z']);
    expect(calls.reloads).toBe(1);
  });

  it('shows a drag over the settled agenda without sending it, and sends pending keys when the page goes', () => {
    const { edits, calls } = builder();
    edits.preview = { id: 'keynote', edit: later };
    expect(edits.shown(edits.settled([keynote]))[0]?.startsAt).toBe(later.startsAt);
    expect(edits.settled([keynote])[0]?.startsAt).toBe(keynote.startsAt);
    edits.keyed('keynote', { startsAt: '2027-03-09T09:15:00.000Z' });
    edits.flush();
    expect(calls.saved).toEqual(['keynote 2027-03-09T09:15:00.000Z']);
  });
});
