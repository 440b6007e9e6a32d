/**
 * The Events table's page query: a page of 200 rows at depth, fetched by keyset on the
 * `events_ts (ts, seq)` index from a large store, through the session the app uses.
 *
 * Alone: `node dist/test/bench/page-case.js [--events N] [--pages K]` (after npm run build).
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { EventCursor, EventFilter } from '../../shared/api.js';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import { Session } from '../../main/engine/session/session.js';
import { openStore, type Store } from '../../main/engine/store/store.js';

export interface PageCaseResult {
  events: number;
  /** Time to fill the store (not part of the measure). */
  fillMs: number;
  /** Wall time of each page fetch, at the depths below, in order. */
  pageMs: number[];
  medianPageMs: number;
  /** The same with a quick filter (source = firewall). */
  medianFilteredPageMs: number;
  depths: number[];
}

const PAGE_ROWS = 200;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Fills a store with `events` synthetic rows in one SQL statement, then indexes it as an import does. */
export async function filledSession(events: number): Promise<{ session: Session; store: Store; fillMs: number }> {
  const store = await openStore();
  const start = performance.now();
  await store.query(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO events (ts, seq, source, format, host, file_id, line, src_ip, dst_port, message)
     SELECT ${String(BASE_TS)} + i * 50, i, CASE i % 5 WHEN 0 THEN 'firewall' WHEN 1 THEN 'web' WHEN 2 THEN 'maas' ELSE 'system' END,
            'bench', 'host-' || (i % 3), 1, i, '198.51.' || (i % 256) || '.' || (i % 199), i % 1024, 'bench event ' || i
     FROM n`,
    [events],
  );
  await store.finishImport();
  return { session: new Session({ store, registry: loadRegistry(), version: 'bench' }), store, fillMs: performance.now() - start };
}

export const BASE_TS = 1772323200000;

/**
 * The cursor after the first `depth` rows, where a user scrolled to. Row i (from 1) has ts
 * BASE_TS + 50 i, seq i and id i, so the cursor is known without walking there; with the source
 * filter only every fifth row (i % 5 = 0) is left.
 */
function cursorAt(depth: number, everyNth: number): EventCursor | null {
  if (depth === 0) return null;
  const i = depth * everyNth;
  return { ts: BASE_TS + i * 50, seq: i, id: i };
}

async function timePages(session: Session, filter: EventFilter, everyNth: number, depths: readonly number[]): Promise<number[]> {
  const times: number[] = [];
  for (const depth of depths) {
    const after = cursorAt(depth, everyNth);
    const start = performance.now();
    const page = await session.eventsPage({ filter, after, order: 'asc', limit: PAGE_ROWS });
    times.push(performance.now() - start);
    if (page.rows.length !== PAGE_ROWS) throw new Error(`a page at depth ${depth} had ${page.rows.length} rows, not ${PAGE_ROWS}`);
  }
  return times;
}

/** Measures page fetches at several depths of a store of `events` rows (the store runs in its worker, as in the app). */
export async function benchPageCase(options: { events: number; pages?: number }): Promise<PageCaseResult> {
  const pages = options.pages ?? 5;
  const { session, fillMs } = await filledSession(options.events);
  try {
    // Depths from the top to the last full page.
    const depths = Array.from({ length: pages }, (_, k) => Math.floor((k * (options.events - PAGE_ROWS * 5)) / Math.max(1, pages - 1)));
    const pageMs = await timePages(session, {}, 1, depths);
    const filtered = await timePages(session, { sources: ['firewall'] }, 5, depths.map((d) => Math.floor(d / 5)));
    return { events: options.events, fillMs, pageMs, medianPageMs: median(pageMs), medianFilteredPageMs: median(filtered), depths };
  } finally {
    await session.close();
  }
}

export function renderPageCase(r: PageCaseResult): string {
  return [
    `page of ${PAGE_ROWS} rows from ${r.events} events (store filled in ${(r.fillMs / 1000).toFixed(1)} s):`,
    `  at depths ${r.depths.join(', ')}: ${r.pageMs.map((ms) => ms.toFixed(1)).join(', ')} ms; median ${r.medianPageMs.toFixed(1)} ms (target < 100 ms: ${r.medianPageMs < 100 ? 'within' : 'OVER'})`,
    `  filtered by source: median ${r.medianFilteredPageMs.toFixed(1)} ms`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '5000000' }, pages: { type: 'string', default: '5' } } });
  const result = await benchPageCase({ events: Number(values.events), pages: Number(values.pages) });
  process.stdout.write(`${renderPageCase(result)}\n`);
}
