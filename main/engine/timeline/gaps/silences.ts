import type { GapRules } from '../../../../shared/api-timeline.js';

/**
 * When a log "usually logs" and when its silence is a gap (docs/timeline.md):
 * - a (host, source) needs events in at least `minActiveMinutes` distinct minutes, or it logs
 *   too rarely to have a rhythm, and none of its silences is called a gap;
 * - its usual spacing is the 95th percentile of the spacings between its active minutes: the
 *   longest quiet it has in 19 cases out of 20;
 * - a silence is a gap when it lasts longer than both `minSilenceMs` and `silenceFactor` times
 *   that usual spacing. A source that logs every minute is called silent past 30 min; one that
 *   logs at least every hour (cron), past 10 h.
 */
export const DEFAULT_GAP_RULES: Omit<GapRules, 'journalShortfallMs'> = {
  minActiveMinutes: 30,
  minSilenceMs: 30 * 60_000,
  silenceFactor: 10,
};

export interface Silence {
  fromMs: number;
  toMs: number;
  /** The usual spacing it was measured against. */
  usualMs: number;
}

const MINUTE_MS = 60_000;

/** Nearest-rank percentile of integers (p in 0..1). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/**
 * The gaps of one log from its activity: `activeMinutes` distinct minutes it logged in (count),
 * and the spacings longer than one minute between consecutive active minutes, each with the
 * minute it ends at. A gap runs from the end of the last active minute to the start of the next.
 */
export function findSilences(activeMinutes: number, longSpacings: readonly { endMinute: number; minutes: number }[], rules = DEFAULT_GAP_RULES): Silence[] {
  if (activeMinutes < rules.minActiveMinutes) return [];
  const ones = Math.max(0, activeMinutes - 1 - longSpacings.length);
  const spacings = [...new Array<number>(ones).fill(1), ...longSpacings.map((s) => s.minutes)];
  const usualMs = percentile(spacings, 0.95) * MINUTE_MS;
  const thresholdMs = Math.max(rules.minSilenceMs, rules.silenceFactor * usualMs);
  return longSpacings
    .filter((s) => (s.minutes - 1) * MINUTE_MS > thresholdMs)
    .map((s) => ({ fromMs: (s.endMinute - s.minutes + 1) * MINUTE_MS, toMs: s.endMinute * MINUTE_MS, usualMs }));
}
