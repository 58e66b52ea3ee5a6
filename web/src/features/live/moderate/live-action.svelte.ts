// One moderator control's request to the live session: which action is in flight (its button is disabled
// meanwhile, so a double click never sends twice) and the server's refusal, in words, to show beside it.
import { failureText } from '../live-errors';

export class LiveAction {
  /** The name of the action waiting for the server's answer, if any. */
  running = $state<string | null>(null);
  /** Why the last action failed; cleared when another starts. */
  error = $state<string | null>(null);

  get busy(): boolean {
    return this.running !== null;
  }

  /** Sends one request unless another is in flight; true when the server acknowledged it. */
  async run(name: string, request: () => Promise<void>): Promise<boolean> {
    if (this.running !== null) return false;
    this.running = name;
    this.error = null;
    try {
      await request();
      return true;
    } catch (error) {
      this.error = failureText(error);
      return false;
    } finally {
      this.running = null;
    }
  }
}
