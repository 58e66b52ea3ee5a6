// The agenda builder's edits as a state machine, apart from the page that draws them: every move shows at once
// (optimistic), is sent, and the draft is read again once nothing is on its way, so that the server's word
// (and its own conflict check) always has the last say. Keyboard moves are gathered before they are sent.
import type { AgendaSession } from '@apoc/shared';
import { applyEdits, withEdit, withoutEdit, type SessionEdit } from './builder';

/** Key presses are gathered for this long before they are sent, so that holding an arrow key costs one request. */
export const KEY_COMMIT_DELAY_MS = 500;

export interface BuilderEditsOptions {
  /** Sends one session's edit to the server. */
  save: (id: string, edit: SessionEdit) => Promise<void>;
  /** Asks for the draft again: called once nothing is pending any more. */
  reload: () => void;
  /** Says why an edit could not be saved (it is then taken back). */
  failed: (id: string, error: unknown) => void;
  keyDelayMs?: number;
}

const EMPTY: ReadonlyMap<string, SessionEdit> = new Map();

export class BuilderEdits {
  /** Edits sent (or about to be) but not yet in a draft read back from the server. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole on every change ($state.raw), never mutated
  edits = $state.raw<Map<string, SessionEdit>>(new Map());
  /** The drag in progress, shown but not sent. */
  preview = $state.raw<{ id: string; edit: SessionEdit } | null>(null);

  #inflight = 0;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping that nothing on screen reads
  readonly #keyTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #options: BuilderEditsOptions;

  constructor(options: BuilderEditsOptions) {
    this.#options = options;
  }

  /** Whether anything is still on its way to the server (sent, or waiting for more key presses). */
  get pending(): boolean {
    return this.#inflight > 0 || this.#keyTimers.size > 0;
  }

  /** The sessions with the edits not yet read back. */
  settled(sessions: readonly AgendaSession[]): AgendaSession[] {
    return applyEdits(sessions, this.edits);
  }

  /** …and with the drag in progress. */
  shown(settled: readonly AgendaSession[]): AgendaSession[] {
    const { preview } = this;
    return preview ? applyEdits(settled, withEdit(EMPTY, preview.id, preview.edit)) : [...settled];
  }

  set(id: string, edit: SessionEdit): void {
    this.edits = withEdit(this.edits, id, edit);
  }

  /** Shows an edit and sends it; a refused edit is taken back and `failed` says why. */
  async commit(id: string, edit: SessionEdit): Promise<void> {
    this.set(id, edit);
    this.#inflight += 1;
    try {
      await this.#options.save(id, edit);
    } catch (error) {
      this.edits = withoutEdit(this.edits, id);
      this.#options.failed(id, error);
    } finally {
      this.#inflight -= 1;
      this.#settleIfIdle();
    }
  }

  /** Shows a keyboard edit at once and sends the session's edits once the keys have rested. */
  keyed(id: string, edit: SessionEdit): void {
    this.set(id, edit);
    clearTimeout(this.#keyTimers.get(id));
    this.#keyTimers.set(
      id,
      setTimeout(() => {
        this.#keyTimers.delete(id);
        const latest = this.edits.get(id);
        if (latest) void this.commit(id, latest);
        else this.#settleIfIdle();
      }, this.#options.keyDelayMs ?? KEY_COMMIT_DELAY_MS),
    );
  }

  /** A new draft from the server supersedes the edits, once none is still on its way. */
  draftArrived(): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a new value for $state.raw, never mutated
    if (!this.pending && this.edits.size > 0) this.edits = new Map();
  }

  /** Leaving the page: what the keyboard left pending is sent now, without waiting for an answer. */
  flush(): void {
    for (const [id, timer] of this.#keyTimers) {
      clearTimeout(timer);
      const edit = this.edits.get(id);
      if (edit) void this.#options.save(id, edit).catch(() => undefined);
    }
    this.#keyTimers.clear();
  }

  #settleIfIdle(): void {
    if (!this.pending) this.#options.reload();
  }
}
