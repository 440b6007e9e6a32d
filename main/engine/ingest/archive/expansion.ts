import { MfwError } from '../../errors.js';

/** Limits against decompression bombs (configurable: `--max-expanded`, `--max-ratio`). */
export interface ExpansionLimits {
  /** Bytes all decompressed streams of one import may produce together. */
  maxExpandedBytes: number;
  /** Expanded : compressed bytes of one stream, checked once it has produced RATIO_FLOOR bytes. */
  maxRatio: number;
}

export const DEFAULT_LIMITS: ExpansionLimits = { maxExpandedBytes: 32 * 1024 ** 3, maxRatio: 1000 };

/**
 * Small streams are never judged by ratio: a few MiB of identical log lines compress past any
 * sensible ratio and hurt no one. Real logs measured here compress 10–50:1 with xz.
 */
const RATIO_FLOOR = 16 * 1024 * 1024;

export class ExpansionLimitError extends MfwError {
  constructor(message: string) {
    super('input', message);
  }
}

/** Counts expanded bytes against the limits; one per import, shared by every stream. */
export class ExpansionBudget {
  private expanded = 0;

  constructor(readonly limits: ExpansionLimits) {}

  /** Passes a decompressed stream through, stopping it when a limit is passed. */
  async *watch(expandedStream: AsyncIterable<Buffer>, compressedBytes: () => number): AsyncIterable<Buffer> {
    let produced = 0;
    for await (const chunk of expandedStream) {
      produced += chunk.length;
      this.expanded += chunk.length;
      if (this.expanded > this.limits.maxExpandedBytes) {
        throw new ExpansionLimitError(`decompression stopped: more than ${this.limits.maxExpandedBytes} bytes expanded in this import (--max-expanded); a decompression bomb?`);
      }
      const ratio = produced / Math.max(1, compressedBytes());
      if (produced > RATIO_FLOOR && ratio > this.limits.maxRatio) {
        throw new ExpansionLimitError(`decompression stopped: expands more than ${this.limits.maxRatio}:1 (--max-ratio); a decompression bomb?`);
      }
      yield chunk;
    }
  }
}
