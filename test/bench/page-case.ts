/**
 * The Events table's page query: a page of 200 rows at depth from a large store, through the
 * session the app uses: by keyset after a cursor in time order (with and without a source
 * filter), and by position (what the scroll bar asks for) in the order of several columns, with
 * an index (ts, src_ip) and without (host: three values; message: all different), with what
 * an index on those would cost.
 *
 * Alone: `node dist/test/bench/page-case.js [--events N] [--pages K]` (after npm run build).
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { EventCursor, EventFilter, SortColumn } from '../../shared/api.js';
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
  /** Pages by position, per sort column. */
  positional: PositionResult[];
  /** Time to build an index on a column that has none, then dropped: what it would add to every import. */
  indexMs: Record<string, number>;
}

/** Pages read by position (offset) in one sort order, ascending. */
export interface PositionResult {
  sortBy: SortColumn;
  /** The first page (Home), read directly. */
  firstPageMs: number;
  /** The first page deep in the result (or at its end): includes sorting the whole result once (its ordering), unless an index serves the sort near its ends. */
  firstDeepPageMs: number;
  /** The last page (End), after that: from the other end of an index, or from the ordering. */
  lastPageMs: number;
  /** Pages at `depths` after that, read from the ordering. */
  depths: number[];
  pageMs: number[];
  medianPageMs: number;
  /** The page after a deep one by keyset on (column, id) from its cursor, without the ordering. */
  keysetNextMs: number;
}

/** Sorts measured by position: two served by an index, two without one. */
const POSITION_SORTS: readonly SortColumn[] = ['ts', 'src_ip', 'host', 'message'];
const UNINDEXED: readonly SortColumn[] = ['host', 'message'];

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
  await fillStore(store, events);
  return { session: new Session({ store, registry: loadRegistry(), version: 'bench' }), store, fillMs: performance.now() - start };
}

/**
 * The fill of `filledSession` alone, for a store opened otherwise (a bench that needs the store
 * in its own thread): `events` synthetic rows in one SQL statement, then `finishImport`.
 */
export async function fillStore(store: Pick<Store, 'query' | 'finishImport'>, events: number): Promise<void> {
  await store.query(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO events (ts, seq, source, format, host, file_id, line, src_ip, dst_port, message)
     SELECT ${String(BASE_TS)} + i * 50, i, CASE i % 5 WHEN 0 THEN 'firewall' WHEN 1 THEN 'web' WHEN 2 THEN 'maas' ELSE 'system' END,
            'bench', 'host-' || (i % 3), 1, i, '198.51.' || (i % 256) || '.' || (i % 199), i % 1024, 'bench event ' || i
     FROM n`,
    [events],
  );
  await store.finishImport();
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

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** Pages by position in one sort order: ends, the first deep page (the ordering), more depths, a keyset next page. */
async function timePositions(session: Session, sortBy: SortColumn, events: number): Promise<PositionResult> {
  const at = (offset: number) => session.eventsPage({ filter: {}, offset, sortBy, order: 'asc', limit: PAGE_ROWS });
  const check = (rows: number, offset: number): void => {
    if (rows !== Math.min(PAGE_ROWS, events - offset)) throw new Error(`a page by ${sortBy} at ${offset} had ${rows} rows`);
  };
  const [first, firstPageMs] = await timed(() => at(0));
  check(first.rows.length, 0);
  const deep = Math.floor(events * 0.37);
  const [deepPage, firstDeepPageMs] = await timed(() => at(deep));
  check(deepPage.rows.length, deep);
  const [, lastPageMs] = await timed(() => at(events - PAGE_ROWS));
  if (sortBy === 'ts' && deepPage.rows[0]!.id !== deep + 1) throw new Error(`the page at ${deep} in time order starts at id ${deepPage.rows[0]!.id}, not ${deep + 1}`);
  const depths = [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => Math.floor(events * f));
  const pageMs: number[] = [];
  for (const depth of depths) {
    const [page, ms] = await timed(() => at(depth));
    check(page.rows.length, depth);
    pageMs.push(ms);
  }
  const [, keysetNextMs] = await timed(() => session.eventsPage({ filter: {}, after: deepPage.next, sortBy, order: 'asc', limit: PAGE_ROWS }));
  return { sortBy, firstPageMs, lastPageMs, firstDeepPageMs, depths, pageMs, medianPageMs: median(pageMs), keysetNextMs };
}

/** Measures page fetches at several depths of a store of `events` rows (the store runs in its worker, as in the app). */
export async function benchPageCase(options: { events: number; pages?: number }): Promise<PageCaseResult> {
  const pages = options.pages ?? 5;
  const { session, store, fillMs } = await filledSession(options.events);
  try {
    // Depths from the top to the last full page.
    const depths = Array.from({ length: pages }, (_, k) => Math.floor((k * (options.events - PAGE_ROWS * 5)) / Math.max(1, pages - 1)));
    const pageMs = await timePages(session, {}, 1, depths);
    const filtered = await timePages(session, { sources: ['firewall'] }, 5, depths.map((d) => Math.floor(d / 5)));
    const positional: PositionResult[] = [];
    for (const sortBy of POSITION_SORTS) positional.push(await timePositions(session, sortBy, options.events));
    const indexMs: Record<string, number> = {};
    for (const column of UNINDEXED) {
      const [, ms] = await timed(() => store.query(`CREATE INDEX ev.bench_${column} ON events (${column})`));
      indexMs[column] = ms;
      await store.query(`DROP INDEX ev.bench_${column}`);
    }
    return { events: options.events, fillMs, pageMs, medianPageMs: median(pageMs), medianFilteredPageMs: median(filtered), depths, positional, indexMs };
  } finally {
    await session.close();
  }
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

export function renderPageCase(r: PageCaseResult): string {
  return [
    `page of ${PAGE_ROWS} rows from ${r.events} events (store filled in ${(r.fillMs / 1000).toFixed(1)} s):`,
    `  at depths ${r.depths.join(', ')}: ${r.pageMs.map((ms) => ms.toFixed(1)).join(', ')} ms; median ${r.medianPageMs.toFixed(1)} ms (target < 100 ms: ${r.medianPageMs < 100 ? 'within' : 'OVER'})`,
    `  filtered by source: median ${r.medianFilteredPageMs.toFixed(1)} ms`,
    `page of ${PAGE_ROWS} rows by position (what the scroll bar asks for), ascending:`,
    ...r.positional.map((p) => `  by ${p.sortBy.padEnd(7)}: first ${ms(p.firstPageMs)}; first deep page (sorting the whole result once) ${ms(p.firstDeepPageMs)}; last ${ms(p.lastPageMs)}; `
      + `then at ${p.depths.map((d) => `${(d / 1e6).toFixed(1)} M`).join(', ')}: median ${ms(p.medianPageMs)} (target < 100 ms: ${p.medianPageMs < 100 ? 'within' : 'OVER'}); keyset next page ${ms(p.keysetNextMs)}`),
    `an index on a column without one would add to each import of ${r.events} events: ${Object.entries(r.indexMs).map(([c, v]) => `${c} ${ms(v)}`).join(', ')}`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '5000000' }, pages: { type: 'string', default: '5' } } });
  const result = await benchPageCase({ events: Number(values.events), pages: Number(values.pages) });
  process.stdout.write(`${renderPageCase(result)}\n`);
}
