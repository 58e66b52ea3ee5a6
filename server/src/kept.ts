/**
 * Values read from data that changes rarely, kept until they are forgotten. A value read while a change came in is
 * handed to its caller only, never kept: it may be from before the change. Nothing (undefined) is never kept.
 */
export class Kept<T> {
  private readonly values = new Map<string, T>();
  private generation = 0;

  /** The value kept for `key`, if there is one. */
  peek(key: string): T | undefined {
    return this.values.get(key);
  }

  async get(key: string, read: () => Promise<T>): Promise<T> {
    const kept = this.values.get(key);
    if (kept !== undefined) return kept;
    const generation = this.generation;
    const value = await read();
    if (generation === this.generation && value !== undefined) this.values.set(key, value);
    return value;
  }

  forget(key: string): void {
    this.generation += 1;
    this.values.delete(key);
  }

  clear(): void {
    this.generation += 1;
    this.values.clear();
  }
}
