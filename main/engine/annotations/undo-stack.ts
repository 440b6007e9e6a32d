/** One annotation change that can be reverted. */
export interface UndoEntry<T> {
  /** What it did, for the Undo button: `star on event 12`. */
  label: string;
  /** Reverts it; resolves with what it touched. */
  revert: () => Promise<T>;
}

/** The last annotation changes, newest on top, at most `limit` of them (the oldest fall off). */
export class UndoStack<T> {
  private readonly entries: UndoEntry<T>[] = [];

  constructor(private readonly limit = 100) {}

  push(entry: UndoEntry<T>): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
  }

  /** Removes the newest entry and reverts it; null when there is nothing to undo. */
  async undo(): Promise<{ label: string; result: T } | null> {
    const entry = this.entries.pop();
    if (!entry) return null;
    return { label: entry.label, result: await entry.revert() };
  }

  /** The label of what `undo()` would revert, or null. */
  next(): string | null {
    return this.entries.at(-1)?.label ?? null;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
