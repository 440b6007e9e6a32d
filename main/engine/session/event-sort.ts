import type { EventCursor, SortColumn } from '../../../shared/api.js';
import type { EventRow } from './event-pages.js';
import { MfwError } from '../errors.js';
import type { SqlPart } from './event-query.js';

export type SortOrder = 'asc' | 'desc';

/**
 * Sort columns an index on `events` serves (INDEXES_DDL in store/schema.ts): `events_ts (ts, seq)`
 * and the one-column indexes on source, src_ip and status, whose entries end in the rowid, so
 * they walk (column, id) order and a keyset page costs the same at any depth. The other columns
 * are sorted when asked (see event-orderings.ts): an index on each would cost import time and
 * heap for every session, used or not (docs/benchmarks.md).
 */
export const INDEXED_SORTS: ReadonlySet<SortColumn> = new Set<SortColumn>(['ts', 'source', 'src_ip', 'status']);

/** The columns that order rows, most significant first: (ts, seq, id) for time, else (column, id). */
export function sortKey(sortBy: SortColumn): readonly string[] {
  return sortBy === 'ts' ? ['ts', 'seq', 'id'] : [sortBy, 'id'];
}

/** `ts ASC, seq ASC, id ASC`: the ORDER BY terms of a sort, optionally qualified by a table alias. */
export function orderByTerms(sortBy: SortColumn, order: SortOrder, alias = ''): string {
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  return sortKey(sortBy).map((c) => `${alias}${c} ${dir}`).join(', ');
}

/** The cursor after a row: where the next page of this sort starts. */
export function cursorAfter(row: EventRow, sortBy: SortColumn): EventCursor {
  const cursor: EventCursor = { ts: row.ts, seq: row.seq, id: row.id };
  if (sortBy !== 'ts') cursor.value = row[sortBy];
  return cursor;
}

/**
 * Rows after a time cursor, as one predicate on the `events_ts (ts, seq)` index (stamps are nearly
 * unique, so the row value comparison seeks straight to the cursor). Null stamps sort first.
 */
function afterTime(cursor: EventCursor, order: SortOrder): SqlPart {
  const cmp = order === 'asc' ? '>' : '<';
  if (cursor.ts === null) {
    const sameNull = `(ts IS NULL AND (seq, id) ${cmp} (?, ?))`;
    return order === 'asc' ? { sql: `(${sameNull} OR ts IS NOT NULL)`, params: [cursor.seq, cursor.id] } : { sql: sameNull, params: [cursor.seq, cursor.id] };
  }
  const later = `(ts, seq, id) ${cmp} (?, ?, ?)`;
  // Descending, the rows with a null stamp come last of all.
  return order === 'asc' ? { sql: later, params: [cursor.ts, cursor.seq, cursor.id] } : { sql: `(${later} OR ts IS NULL)`, params: [cursor.ts, cursor.seq, cursor.id] };
}

/**
 * Rows after a cursor, as consecutive ranges of the sort order, each one an index range when the
 * column is indexed: first the rest of the cursor's own value (`c = v AND id > i`), then the
 * values past it, then (descending) the nulls. One `(c, id) > (v, i)` comparison would make SQLite
 * seek to `c >= v` and step over every earlier row of the same value: 240 ms deep in a source of
 * 2 M rows, against under 4 ms in ranges (measured, 5 M events).
 */
export function keysetRanges(sortBy: SortColumn, cursor: EventCursor, order: SortOrder): SqlPart[] {
  if (sortBy === 'ts') return [afterTime(cursor, order)];
  if (cursor.value === undefined) throw new MfwError('usage', `a cursor for a sort by ${sortBy} needs its value`);
  const c = sortBy;
  const v = cursor.value;
  if (order === 'asc') {
    return v === null
      ? [{ sql: `${c} IS NULL AND id > ?`, params: [cursor.id] }, { sql: `${c} IS NOT NULL`, params: [] }]
      : [{ sql: `${c} = ? AND id > ?`, params: [v, cursor.id] }, { sql: `${c} > ?`, params: [v] }];
  }
  return v === null
    ? [{ sql: `${c} IS NULL AND id < ?`, params: [cursor.id] }]
    : [{ sql: `${c} = ? AND id < ?`, params: [v, cursor.id] }, { sql: `${c} < ?`, params: [v] }, { sql: `${c} IS NULL`, params: [] }];
}
