import { createHash } from 'node:crypto';

/**
 * A one-pass byte source that hashes and counts what passes through it. A consumer that stops
 * early (a decompressor on damage) does not close it: `finish()` reads the rest, so the hash and
 * size are always of the whole stored member.
 */
export class HashingSource implements AsyncIterable<Buffer> {
  private readonly hash = createHash('sha256');
  private readonly iterator: AsyncIterator<Buffer>;
  private done = false;
  private digest: string | undefined;
  bytes = 0;

  constructor(source: AsyncIterable<Buffer>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  private async pull(): Promise<Buffer | undefined> {
    if (this.done) return undefined;
    const next = await this.iterator.next();
    if (next.done) {
      this.done = true;
      return undefined;
    }
    this.hash.update(next.value);
    this.bytes += next.value.length;
    return next.value;
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    return {
      next: async () => {
        const value = await this.pull();
        return value === undefined ? { done: true, value: undefined } : { done: false, value };
      },
      // Stopping the consumer must not stop the hash.
      return: async () => ({ done: true, value: undefined }),
    };
  }

  /**
   * Reads whatever is left and returns the SHA-256 and size of everything. It does not throw:
   * when the bytes stop early (a damaged archive, a read error), `complete` is false and the hash
   * is of what could be read; the damage itself is reported where it is met.
   */
  async finish(): Promise<{ sha256: string; bytes: number; complete: boolean }> {
    let complete = true;
    try {
      while ((await this.pull()) !== undefined);
    } catch {
      complete = false;
      this.done = true;
    }
    this.digest ??= this.hash.digest('hex');
    return { sha256: this.digest, bytes: this.bytes, complete };
  }
}

/**
 * Reads the first `size` bytes of a stream and gives back a stream that replays them, then the
 * rest. An error while peeking is deferred to the replay, after the bytes that were read. A
 * consumer that stops early stops the source too (a decompressor lets go of its decoder).
 */
export async function peek(source: AsyncIterable<Buffer>, size: number): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  let failure: Error | undefined;
  try {
    while (length < size) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      chunks.push(next.value);
      length += next.value.length;
    }
  } catch (err) {
    failure = err instanceof Error ? err : new Error('the stream failed');
  }
  async function* replay(): AsyncIterable<Buffer> {
    try {
      yield* chunks;
      if (failure) throw failure;
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          ended = true;
          return;
        }
        yield next.value;
      }
    } finally {
      if (!ended && !failure) await iterator.return?.();
    }
  }
  return { head: Buffer.concat(chunks).subarray(0, size), stream: replay() };
}

/** Reads a stream to its end, discarding it. */
export async function drain(source: AsyncIterable<unknown>): Promise<void> {
  const iterator = source[Symbol.asyncIterator]();
  while (!(await iterator.next()).done);
}
