import type { Source } from './event.js';

/**
 * A narrower import, chosen by the user when a bundle would not fit the store (docs/memory.md):
 * only these events are stored; every other one is counted as skipped by choice, by reason.
 * The evidence is read whole and hashed as always.
 */
export interface ImportScope {
  /** Events at or after this instant (UTC epoch ms). */
  sinceMs?: number;
  /** Events before this instant (excluded). */
  untilMs?: number;
  /** Events of these hosts (the line's host, else its bundle's), compared without case. */
  hosts?: string[];
  /** Events of these families. */
  sources?: Source[];
  /** Lines no format reads are counted per file, not stored as `unparsed` rows. */
  skipUnparsed?: boolean;
}

/** Why an event was left out by the scope; one reason each, the first that applies in this order. */
export const SKIP_REASONS = ['unparsed', 'source', 'host', 'time'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
export type SkippedCounts = Record<SkipReason, number>;

/** Whether a scope leaves anything out at all. */
export function isNarrowed(scope: ImportScope | undefined): boolean {
  return !!scope && (scope.sinceMs !== undefined || scope.untilMs !== undefined || !!scope.hosts?.length || !!scope.sources?.length || !!scope.skipUnparsed);
}
