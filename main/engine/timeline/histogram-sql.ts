import type { EventFilter } from '../../../shared/api.js';
import type { TimelineGrouping } from '../../../shared/api-timeline.js';
import { MfwError } from '../errors.js';
import { filterClause, type SqlPart } from '../session/event-query.js';
import { ROLLUP_LEVELS_MS, ROLLUP_TABLE } from '../store/timeline-rollup.js';

/** The bins being counted: `binCount` bins of `binMs` from `firstBinMs`, clipped to [fromMs, toMs). */
export interface BinPlan {
  fromMs: number;
  toMs: number;
  binMs: number;
  firstBinMs: number;
  binCount: number;
}

/** Filter keys the rollup can answer: it holds counts per source and host, nothing else. */
const ROLLUP_KEYS: ReadonlySet<string> = new Set(['sources', 'host', 'fromMs', 'toMs']);

/**
 * An integer written into SQL. sql.js binds a JavaScript number past 2^31 as a REAL, which
 * would turn `ts / binMs` into a fraction and every event into its own bin; the numbers here
 * are the engine's own, checked, so they are spliced as integer literals.
 */
export function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new MfwError('usage', `the timeline needs whole milliseconds, got ${value}`);
  return String(value);
}

/** The rollup level to count these bins from, or null when the events must be counted one by one. */
export function rollupLevel(filter: EventFilter, by: TimelineGrouping, binMs: number): number | null {
  if (by === 'finding') return null;
  if (Object.entries(filter).some(([key, value]) => (value as unknown) !== undefined && !ROLLUP_KEYS.has(key))) return null;
  const levels = ROLLUP_LEVELS_MS.filter((level) => binMs % level === 0);
  return levels.length ? levels[levels.length - 1]! : null;
}

/** The filter without its time range: the histogram's own range replaces it. */
function withoutRange(filter: EventFilter): EventFilter {
  return { ...filter, fromMs: undefined, toMs: undefined };
}

/** The series key of an event row. */
function keyColumn(by: TimelineGrouping): string {
  return by === 'source' ? 'source' : by === 'host' ? 'host' : 'fe.finding_id';
}

/**
 * Counts events of [fromMs, toMs) per (bin, key), one by one: `SELECT bin, key, count`.
 * By finding, an event counts once for each finding it is evidence of.
 */
export function eventCountSql(plan: BinPlan, filter: EventFilter, by: TimelineGrouping, fromMs: number, toMs: number, evidenceOf?: number): SqlPart {
  const where = filterClause(withoutRange(filter));
  const join = by === 'finding' ? 'JOIN finding_events fe ON fe.event_id = events.id' : '';
  const evidence = evidenceOf === undefined ? '' : ` AND events.id IN (SELECT event_id FROM finding_events WHERE finding_id = ${int(evidenceOf)})`;
  const key = evidenceOf === undefined ? keyColumn(by) : 'NULL';
  return {
    sql: `SELECT (CAST(ts AS INTEGER) - ${int(plan.firstBinMs)}) / ${int(plan.binMs)} AS bin, ${key} AS k, count(*)
      FROM events ${evidenceOf === undefined ? join : ''}
      WHERE ts >= ${int(fromMs)} AND ts < ${int(toMs)}${evidence} AND ${where.sql}
      GROUP BY bin, k`,
    params: where.params,
  };
}

/** Counts [fromMs, toMs) per (bin, key) from the rollup level `levelMs`; both ends must be multiples of it. */
export function rollupCountSql(plan: BinPlan, filter: EventFilter, by: 'source' | 'host', levelMs: number, fromMs: number, toMs: number): SqlPart {
  const terms = [`step_ms = ${int(levelMs)}`, `t >= ${int(fromMs / levelMs)}`, `t < ${int(toMs / levelMs)}`];
  const params: (string | number)[] = [];
  if (filter.sources?.length) {
    terms.push(`source IN (${filter.sources.map(() => '?').join(', ')})`);
    params.push(...filter.sources);
  }
  if (filter.host !== undefined) {
    terms.push('host = ?');
    params.push(filter.host);
  }
  return {
    sql: `SELECT (t * ${int(levelMs)} - ${int(plan.firstBinMs)}) / ${int(plan.binMs)} AS bin, ${by} AS k, sum(n)
      FROM ${ROLLUP_TABLE} WHERE ${terms.join(' AND ')} GROUP BY bin, k`,
    params,
  };
}

/**
 * The parts of [fromMs, toMs) to count: the middle from the rollup, on whole level steps, and
 * the partial steps at either end (less than one step each) from the events. Exact at any range.
 */
export function splitForRollup(fromMs: number, toMs: number, levelMs: number): { rollup: [number, number] | null; events: [number, number][] } {
  const start = Math.ceil(fromMs / levelMs) * levelMs;
  const end = Math.floor(toMs / levelMs) * levelMs;
  if (end <= start) return { rollup: null, events: [[fromMs, toMs]] };
  const events: [number, number][] = [];
  if (fromMs < start) events.push([fromMs, start]);
  if (end < toMs) events.push([end, toMs]);
  return { rollup: [start, end], events };
}

/** Events matching the filter that have no time. */
export function undatedSql(filter: EventFilter): SqlPart {
  const where = filterClause(withoutRange(filter));
  return { sql: `SELECT count(*) FROM events WHERE ts IS NULL AND ${where.sql}`, params: where.params };
}
