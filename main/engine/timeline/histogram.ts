import type { ApiRequest } from '../../../shared/api.js';
import type { Histogram, HistogramSeries, TimelineGrouping } from '../../../shared/api-timeline.js';
import { binCount, binStart, chooseBinMs, formatBinWidth } from '../../../shared/time-bins.js';
import { SOURCES, type FieldValue } from '../../../shared/types/event.js';
import { MfwError } from '../errors.js';
import type { Store } from '../store/store.js';
import { eventCountSql, rollupCountSql, rollupLevel, splitForRollup, undatedSql, type BinPlan } from './histogram-sql.js';

/** Hosts or findings drawn as their own series; the rest are summed into one "other" series. */
export const MAX_SERIES = 8;

type Counts = Map<string | null, number[]>;

function num(value: FieldValue | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Bins counted at most when the caller sets the width itself (`mfw timeline --bin`). */
export const MAX_FIXED_BINS = 100_000;

/** The bins for a range: the width from shared/time-bins.ts, the count bounded by `maxBins`; or the width given. */
export function planBins(fromMs: number, toMs: number, maxBins: number, fixedBinMs?: number): BinPlan {
  const binMs = fixedBinMs ?? chooseBinMs(fromMs, toMs, maxBins);
  if (!Number.isSafeInteger(binMs) || binMs < 1000 || binMs % 1000 !== 0) throw new MfwError('usage', `a bin is a whole number of seconds, not ${binMs} ms`);
  if (binCount(fromMs, toMs, binMs) > MAX_FIXED_BINS) throw new MfwError('usage', `${binCount(fromMs, toMs, binMs)} bins of ${formatBinWidth(binMs)}: more than ${MAX_FIXED_BINS}; take wider bins or a shorter range`);
  return { fromMs, toMs, binMs, firstBinMs: binStart(fromMs, binMs), binCount: binCount(fromMs, toMs, binMs) };
}

async function addCounts(store: Store, counts: Counts, plan: BinPlan, part: { sql: string; params: FieldValue[] }): Promise<void> {
  for (const [bin, key, n] of (await store.query(part.sql, part.params)).rows) {
    const k = key === null || key === undefined ? null : String(key);
    let series = counts.get(k);
    if (!series) counts.set(k, (series = new Array<number>(plan.binCount).fill(0)));
    const i = Number(bin);
    if (i >= 0 && i < plan.binCount) series[i]! += Number(n);
  }
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Keeps the `MAX_SERIES` biggest series and adds up the rest as one labelled `other`. */
function topSeries(entries: [string | null, number[]][], label: (key: string | null) => string, other: string, binTotal: number): HistogramSeries[] {
  const sorted = [...entries].sort((a, b) => sum(b[1]) - sum(a[1]));
  const shown = sorted.slice(0, MAX_SERIES).map(([key, counts]) => ({ key, label: label(key), counts }));
  const rest = sorted.slice(MAX_SERIES);
  if (rest.length) {
    const counts = new Array<number>(binTotal).fill(0);
    for (const [, c] of rest) c.forEach((n, i) => (counts[i]! += n));
    shown.push({ key: null, label: `${other} (${rest.length})`, counts });
  }
  return shown;
}

async function findingLabels(store: Store): Promise<Map<string, string>> {
  const rows = (await store.query('SELECT id, rule, title, key FROM findings')).rows;
  return new Map(rows.map(([id, rule, title, key]) => {
    let who = '';
    try {
      who = Object.values(JSON.parse(String(key)) as Record<string, unknown>).map(String).join(' ');
    } catch {
      who = key === null ? '' : String(key);
    }
    return [String(id), `${title === null ? String(rule) : String(title)}${who ? ` ${who}` : ''}`];
  }));
}

async function seriesFor(store: Store, by: TimelineGrouping, counts: Counts, binTotal: number): Promise<HistogramSeries[]> {
  if (by === 'source') {
    // Every source, in the design's order, so colours and the legend stay put from one view to the next.
    const known = SOURCES.map((s) => ({ key: s, label: s, counts: counts.get(s) ?? new Array<number>(binTotal).fill(0) }));
    const others = [...counts].filter(([k]) => !SOURCES.includes(k as (typeof SOURCES)[number])).map(([key, c]) => ({ key, label: key ?? '(none)', counts: c }));
    return [...known, ...others];
  }
  if (by === 'host') return topSeries([...counts], (k) => k ?? '(no host)', 'other hosts', binTotal);
  const labels = await findingLabels(store);
  return topSeries([...counts], (k) => (k === null ? '(none)' : labels.get(k) ?? `finding ${k}`), 'other findings', binTotal);
}

/**
 * The histogram of the events matching a filter over its time range (every dated event when it
 * has none): counted in SQL, per bin and series, from the rollup where it can answer and from
 * the events elsewhere. Only the counts leave the store. `binMs` sets the width instead of
 * `maxBins` (the CLI's --bin).
 */
export async function computeHistogram(store: Store, req: ApiRequest<'timeline.histogram'>, options: { binMs?: number } = {}): Promise<Histogram> {
  // Two subqueries: SQLite reads min() or max() off the index only when a query has just one of them.
  const span = (await store.query('SELECT (SELECT min(ts) FROM events), (SELECT max(ts) FROM events)')).rows[0] ?? [null, null];
  const dataFirstTs = num(span[0]);
  const dataLastTs = num(span[1]);
  const undated = Number((await store.query(undatedSql(req.filter).sql, undatedSql(req.filter).params)).rows[0]?.[0] ?? 0);
  const fromMs = Math.floor(req.filter.fromMs ?? dataFirstTs ?? 0);
  const toMs = Math.ceil(req.filter.toMs ?? (dataLastTs === null ? fromMs : Math.floor(dataLastTs) + 1));
  const empty = { fromMs, toMs, binMs: 1000, firstBinMs: fromMs, binCount: 0, series: [], evidence: null, total: 0, undated, dataFirstTs, dataLastTs, counted: 'events' as const };
  if (toMs <= fromMs || (dataFirstTs === null && req.filter.fromMs === undefined)) return empty;

  const plan = planBins(fromMs, toMs, req.maxBins, options.binMs);
  const counts: Counts = new Map();
  const level = rollupLevel(req.filter, req.by, plan.binMs);
  const split = level === null ? { rollup: null, events: [[fromMs, toMs] as [number, number]] } : splitForRollup(fromMs, toMs, level);
  if (split.rollup && level !== null) {
    await store.timelineRollup();
    await addCounts(store, counts, plan, rollupCountSql(plan, req.filter, req.by as 'source' | 'host', level, split.rollup[0], split.rollup[1]));
  }
  for (const [from, to] of split.events) await addCounts(store, counts, plan, eventCountSql(plan, req.filter, req.by, from, to));

  let evidence: number[] | null = null;
  if (req.evidenceOf !== undefined) {
    const found: Counts = new Map();
    await addCounts(store, found, plan, eventCountSql(plan, req.filter, req.by, fromMs, toMs, req.evidenceOf));
    evidence = found.get(null) ?? new Array<number>(plan.binCount).fill(0);
  }
  const series = await seriesFor(store, req.by, counts, plan.binCount);
  return {
    ...plan,
    series,
    evidence,
    total: sum(series.map((s) => sum(s.counts))),
    undated,
    dataFirstTs,
    dataLastTs,
    counted: split.rollup ? 'rollup' : 'events',
  };
}
