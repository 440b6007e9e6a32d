import type { HostCoverage, SourceCoverage } from '../../shared/types/analysis.js';
import { SOURCES, type FieldValue, type Source } from '../../shared/types/event.js';
import { coverageNotes, type HostFileSpan } from './coverage-notes.js';
import type { Store } from './store/store.js';
import { formatIsoUtc } from './time/zone.js';

/**
 * Per host, source and file: events kept and the span of the host's events in the file,
 * counting the copies folded away from it (at their kept event's time, the same second).
 * Unparsed lines name no host or source of their own and are left out.
 *
 * Tallied into a small table keyed by (file, source, host) with an upsert per event, not with
 * GROUP BY: SQLite groups by sorting every event, which took 1.8 s for a million of them
 * against 0.5 s for the upsert (there are only a few groups). NULL file ids and hosts get keys
 * of their own, as GROUP BY would give them; the scalar min/max skip NULL times as the
 * aggregates do.
 */
export const SPANS_SQL = `
CREATE TEMP TABLE IF NOT EXISTS coverage_spans (
  file_key, source, host_key, file_id, host, kept, first_ts, last_ts, PRIMARY KEY (file_key, source, host_key)
) WITHOUT ROWID;
DELETE FROM temp.coverage_spans;
INSERT INTO temp.coverage_spans
  SELECT coalesce(file_id, -1), source, coalesce(host, x''), file_id, host, kept, ts, ts FROM (
    SELECT file_id, source, host, 1 AS kept, ts FROM events WHERE format <> 'unparsed'
    UNION ALL
    SELECT c.file_id, e.source, e.host, 0, e.ts FROM event_copies c JOIN events e ON e.id = c.event_id
  ) WHERE true
  ON CONFLICT DO UPDATE SET kept = kept + excluded.kept,
    first_ts = min(coalesce(first_ts, excluded.first_ts), coalesce(excluded.first_ts, first_ts)),
    last_ts = max(coalesce(last_ts, excluded.last_ts), coalesce(excluded.last_ts, last_ts));
SELECT host, source, file_id, kept, first_ts, last_ts FROM temp.coverage_spans ORDER BY file_id, source, host;
DROP TABLE temp.coverage_spans`;

const FILES_SQL = 'SELECT id, path, format FROM files';

interface Span {
  host: string | null;
  source: Source;
  fileId: number;
  kept: number;
  firstTs: number | null;
  lastTs: number | null;
}

function num(value: FieldValue | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function iso(ms: number | null): string | null {
  return ms === null ? null : formatIsoUtc(ms);
}

function minOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.min(...known) : null;
}

function maxOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.max(...known) : null;
}

/**
 * The coverage map of `bundle.coverage`: per host, the families present with their span,
 * events and files, and notes on what is missing. Aggregated in SQL; only one row per
 * (host, source, file) reaches this thread.
 */
export async function computeCoverage(store: Store): Promise<HostCoverage[]> {
  const files = new Map((await store.query(FILES_SQL)).rows.map(([id, path, format]) => [Number(id), { path: String(path), format: format === null ? null : String(format) }]));
  const spans: Span[] = (await store.query(SPANS_SQL)).rows
    .filter((r) => SOURCES.includes(r[1] as Source))
    .map(([host, source, fileId, kept, first, last]) => ({
      host: host === null ? null : String(host), source: source as Source, fileId: Number(fileId), kept: Number(kept), firstTs: num(first), lastTs: num(last),
    }));
  const hosts = [...new Set(spans.map((s) => s.host))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  const hostless = new Set(spans.filter((s) => s.host === null).map((s) => s.source));

  return hosts.map((host) => {
    const mine = spans.filter((s) => s.host === host);
    const sources: SourceCoverage[] = SOURCES.filter((source) => mine.some((s) => s.source === source)).map((source) => {
      const of = mine.filter((s) => s.source === source);
      return {
        source,
        events: of.reduce((n, s) => n + s.kept, 0),
        first: iso(minOf(of.map((s) => s.firstTs))),
        last: iso(maxOf(of.map((s) => s.lastTs))),
        files: [...new Set(of.map((s) => files.get(s.fileId)?.path ?? `file ${s.fileId}`))].sort(),
      };
    });
    const fileSpans: HostFileSpan[] = mine.map((s) => ({ path: files.get(s.fileId)?.path ?? `file ${s.fileId}`, format: files.get(s.fileId)?.format ?? null, source: s.source, firstTs: s.firstTs, lastTs: s.lastTs }));
    return {
      host,
      events: mine.reduce((n, s) => n + s.kept, 0),
      first: iso(minOf(mine.map((s) => s.firstTs))),
      last: iso(maxOf(mine.map((s) => s.lastTs))),
      sources,
      missing: coverageNotes(host, fileSpans, hostless),
    };
  });
}
