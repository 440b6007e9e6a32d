import type { Finding } from '../../../shared/api.js';

/**
 * What the investigator is looking at, across the Events and Timeline screens: the event a
 * pivot started from, or a finding whose evidence is highlighted in its window.
 */
export type Focus =
  | { kind: 'event'; eventId: number; tsMs: number | null; label: string }
  | { kind: 'finding'; finding: Finding; evidenceIds: ReadonlySet<number> };

/** Rows the tables highlight for a focus. */
export function highlightOf(focus: Focus | null): ReadonlySet<number> | undefined {
  if (!focus) return undefined;
  return focus.kind === 'event' ? new Set([focus.eventId]) : focus.evidenceIds;
}
