import type { HostCoverage, SourceCoverage } from '../../shared/types/analysis.js';
import { SOURCES, type FieldValue, type Source } from '../../shared/types/event.js';
import { coverageNotes, type HostFileSpan } from './coverage-notes.js';
import type { Store } from './store/store.js';
import { formatIsoUtc } from './time/zone.js';

/**
 * Per host, source and file: events kept and the span of the host's events in the file,
 * counting the copies folded away from it (at their kept event's time, the same second).
 * Unparsed lines name no host or source of their own and are left out.
 */
const SPANS_SQL = `
SELECT host, source, file_id, sum(kept), min(ts), max(ts) FROM (
  SELECT host, source, file_id, 1 AS kept, ts FROM events WHERE format <> 'unparsed'
  UNION ALL
  SELECT e.host, e.source, c.file_id, 0, e.ts FROM event_copies c JOIN events e ON e.id = c.event_id
) GROUP BY file_id, source, host`;

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
