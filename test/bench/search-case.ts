/**
 * Full-text search on a large store, as the Events page asks for it when the Text box is filled:
 * `events.page` (the first 200 rows in time order, by position 0) and `events.count`, through
 * `dispatch`. The first search builds the fts4 index `events_fts` (the store builds it when a
 * query first names it); the build is reported on its own, as the first search less the same
 * search asked again. Then later searches: rare terms (one event each), a common term and a
 * phrase (every event), and a rare phrase.
 *
 * Alone: `node dist/test/bench/search-case.js [--events N]` (after npm run build).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Session } from '../../main/engine/session/session.js';
import { call, formatMs, load1, median, processPeakRssMiB, timeIt } from './measure.js';
import { filledSession } from './page-case.js';

const PAGE_ROWS = 200;

/** One search: the page and the count the Events page asks for, timed apart. */
export interface SearchTiming {
  text: string;
  pageMs: number;
  countMs: number;
  /** page + count: what the user waits for. */
  totalMs: number;
  matches: number;
}

export interface SearchCaseResult {
  events: number;
  fillMs: number;
  /** The first search (rare term), building the index included. */
  first: SearchTiming;
  /** The same search again, the index built. */
  firstAgain: SearchTiming;
  /** first − firstAgain: what building `events_fts` for every event costs, once. */
  buildMs: number;
  /** Later rare terms (one event each): each timed once. */
  rare: SearchTiming[];
  medianRareMs: number;
  /** A term in every event's message. */
  common: SearchTiming;
  /** A phrase in every event's message. */
  phrase: SearchTiming;
  /** A phrase in one event's message. */
  rarePhrase: SearchTiming;
  /** The store's pages before the index, and its pages and heap after it was built. */
  storeBeforeMiB: number;
  storeMiB: number;
  heapMiB: number | null;
  peakRssMiB: number;
  load: number[];
}

/** Every filled event's message is `bench event <i>` (page-case.ts): `<i>` is a rare term, `bench` a common one. */
async function search(session: Session, text: string, expected: number): Promise<SearchTiming> {
  const filter = { text };
  const [page, pageMs] = await timeIt(() => call(session, 'events.page', { filter, offset: 0, sortBy: 'ts', order: 'asc', limit: PAGE_ROWS }));
  const [count, countMs] = await timeIt(() => call(session, 'events.count', { filter }));
  if (count.count !== expected) throw new Error(`search ${text}: ${count.count} events matched, expected ${expected}`);
  if (page.rows.length !== Math.min(PAGE_ROWS, expected)) throw new Error(`search ${text}: a first page of ${page.rows.length} rows`);
  return { text, pageMs, countMs, totalMs: pageMs + countMs, matches: count.count };
}

export async function benchSearchCase(options: { events: number }): Promise<SearchCaseResult> {
  const { events } = options;
  const { session, store, fillMs } = await filledSession(events);
  const load = [load1()];
  try {
    const before = await store.memoryBytes();
    const term = (k: number): string => String(Math.max(1, Math.floor((events * k) / 7)));
    const first = await search(session, term(3), 1);
    // The page cache keys counts by filter: ask the same text in another spelling so both are run again.
    const firstAgain = await search(session, ` ${term(3)}`, 1);
    const rare: SearchTiming[] = [];
    for (const k of [1, 2, 4, 5, 6]) rare.push(await search(session, term(k), 1));
    const common = await search(session, 'bench', events);
    const phrase = await search(session, '"bench event"', events);
    const rarePhrase = await search(session, `"event ${term(2)}"`, 1);
    const memory = await store.memoryBytes();
    load.push(load1());
    return {
      events, fillMs, first, firstAgain, buildMs: first.totalMs - firstAgain.totalMs, rare, medianRareMs: median(rare.map((r) => r.totalMs)), common, phrase, rarePhrase,
      storeBeforeMiB: before.databaseBytes / 2 ** 20, storeMiB: memory.databaseBytes / 2 ** 20, heapMiB: memory.heapBytes === null ? null : memory.heapBytes / 2 ** 20, peakRssMiB: processPeakRssMiB(), load,
    };
  } finally {
    await session.close();
  }
}

function line(label: string, t: SearchTiming): string {
  return `  ${label.padEnd(30)} ${formatMs(t.totalMs).padStart(9)}  (page ${formatMs(t.pageMs)}, count ${formatMs(t.countMs)}; ${t.matches} matches; ${t.text})`;
}

export function renderSearchCase(r: SearchCaseResult): string {
  return [
    `full-text search of ${r.events} events, as the Events page asks (first page of ${PAGE_ROWS} + count; store filled in ${(r.fillMs / 1000).toFixed(1)} s; load ${r.load.join(' → ')}):`,
    line('first search (builds index)', r.first),
    line('the same search again', r.firstAgain),
    `  ${'index build (first − again)'.padEnd(30)} ${formatMs(r.buildMs).padStart(9)}`,
    `  ${'rare term, median of 5'.padEnd(30)} ${formatMs(r.medianRareMs).padStart(9)}  (${r.rare.map((t) => formatMs(t.totalMs)).join(', ')})`,
    line('common term', r.common),
    line('phrase, every event', r.phrase),
    line('phrase, one event', r.rarePhrase),
    `  store ${r.storeBeforeMiB.toFixed(0)} MiB before the index, ${r.storeMiB.toFixed(0)} MiB with it, heap ${r.heapMiB === null ? 'n/a' : `${r.heapMiB.toFixed(0)} MiB`}; process peak RSS ${r.peakRssMiB.toFixed(0)} MiB`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '5000000' } } });
  const result = await benchSearchCase({ events: Number(values.events) });
  process.stdout.write(`${renderSearchCase(result)}\n`);
}
