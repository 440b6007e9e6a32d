import type { Gap, GapRules } from '../../../../shared/api-timeline.js';
import { SOURCES, type FieldValue, type Source } from '../../../../shared/types/event.js';
import { JOURNAL_SHORTFALL_MS, WHAT } from '../../coverage-notes.js';
import type { Store } from '../../store/store.js';
import { formatIsoUtc } from '../../time/zone.js';
import { journalShortfalls, rotationHoles, truncatedGaps, type FileSpan } from './file-gaps.js';
import { DEFAULT_GAP_RULES, findSilences } from './silences.js';

/**
 * Per (host, source): how many minutes it logged in, and each spacing of more than one minute
 * between its active minutes, read from the rollup's 1-minute level (window functions in SQL:
 * only the long spacings leave the store).
 */
const ACTIVITY_SQL = `
WITH active AS (
  SELECT host, source, t, t - lag(t) OVER (PARTITION BY host, source ORDER BY t) AS spacing
  FROM timeline_rollup WHERE step_ms = 60000
)
SELECT host, source, count(*), NULL, NULL FROM active GROUP BY host, source
UNION ALL
SELECT host, source, NULL, t, spacing FROM active WHERE spacing > 1`;

/**
 * The log files and their spans. A file outside a bundle has no host of its own: it takes the
 * host of its first event (found through the time index, not by scanning the file's events).
 */
const FILES_SQL = `SELECT path, format, source,
    coalesce(host, (SELECT e.host FROM events e WHERE e.ts = f.first_ts AND e.file_id = f.id LIMIT 1)), first_ts, last_ts
  FROM files f
  WHERE source IS NOT NULL AND first_ts IS NOT NULL AND last_ts IS NOT NULL AND format NOT IN ('archive', 'binary', 'not-a-log')`;

/** `2 h 5 min`, `45 min`, `3 d 4 h`. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  return `${Math.floor(hours / 24)} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

const at = (ms: number): string => formatIsoUtc(ms).replace('.000Z', 'Z');
const text = (v: FieldValue | undefined): string | null => (v === null || v === undefined ? null : String(v));

async function silenceGaps(store: Store, rules: typeof DEFAULT_GAP_RULES): Promise<Gap[]> {
  await store.timelineRollup();
  const logs = new Map<string, { host: string | null; source: string; active: number; long: { endMinute: number; minutes: number }[] }>();
  for (const [host, source, count, t, spacing] of (await store.query(ACTIVITY_SQL)).rows) {
    const key = `${text(host) ?? ''}\u0000${String(source)}`;
    const log = logs.get(key) ?? { host: text(host), source: String(source), active: 0, long: [] };
    if (count !== null && count !== undefined) log.active = Number(count);
    else log.long.push({ endMinute: Number(t), minutes: Number(spacing) });
    logs.set(key, log);
  }
  const gaps: Gap[] = [];
  for (const log of logs.values()) {
    const named = SOURCES.includes(log.source as Source) ? WHAT[log.source as Source] : `${log.source} logs`;
    for (const s of findSilences(log.active, log.long, rules)) {
      gaps.push({
        kind: 'silence', host: log.host, source: log.source, fromMs: s.fromMs, toMs: s.toMs,
        title: `${named} of ${log.host ?? 'an unnamed host'} silent for ${formatDuration(s.toMs - s.fromMs)}`,
        explanation: `no ${named} from ${at(s.fromMs)} to ${at(s.toMs)}. This log wrote in ${log.active} distinct minutes, usually at most ${formatDuration(s.usualMs)} apart`
          + ` (95th percentile); a silence longer than ${formatDuration(Math.max(rules.minSilenceMs, rules.silenceFactor * s.usualMs))} (${rules.silenceFactor} times that, at least ${formatDuration(rules.minSilenceMs)}) is a gap:`
          + ' the service was stopped, the host was down, or the lines were removed.',
      });
    }
  }
  return gaps;
}

/** Whether a rotation hole covers a silence of the same log family (to the minute the silence is measured in). */
function explains(hole: Gap, silence: Gap): boolean {
  return hole.host === silence.host && hole.source === silence.source && hole.fromMs <= silence.fromMs + 60_000 && hole.toMs >= silence.toMs - 60_000;
}

/**
 * Periods the evidence does not cover, for the timeline's shaded bands (docs/timeline.md):
 * silences of logs that usually log, truncated `.tailed` files, holes in rotated files and a
 * journal shorter than the files. Sorted by time.
 */
export async function computeGaps(store: Store, rules = DEFAULT_GAP_RULES): Promise<{ gaps: Gap[]; rules: GapRules }> {
  const files: FileSpan[] = (await store.query(FILES_SQL)).rows.map(([path, format, source, host, first, last]) => ({
    path: String(path), format: text(format), source: text(source), host: text(host), firstTs: Number(first), lastTs: Number(last),
  }));
  const holes = rotationHoles(files);
  // A silence that a missing rotated file explains is told once, as the rotation hole.
  const silences = (await silenceGaps(store, rules)).filter((s) => !holes.some((h) => explains(h, s)));
  const gaps = [...silences, ...truncatedGaps(files), ...holes, ...journalShortfalls(files)];
  gaps.sort((a, b) => a.fromMs - b.fromMs || a.toMs - b.toMs || a.title.localeCompare(b.title));
  return { gaps, rules: { ...rules, journalShortfallMs: JOURNAL_SHORTFALL_MS } };
}
