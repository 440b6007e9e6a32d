import type { EventCursor, EventFilter, SortColumn } from '../../../shared/api.js';
import type { FieldValue } from '../../../shared/types/event.js';
import { MfwError } from '../errors.js';
import { keysetRanges, orderByTerms } from './event-sort.js';

/** Columns of a row of the Events table (EventSummarySchema), in this order. */
export const SUMMARY_COLUMNS = ['id', 'ts', 'seq', 'source', 'host', 'program', 'src_ip', 'src_port', 'dst_ip', 'dst_port', 'user', 'status', 'message'] as const;

export interface SqlPart {
  sql: string;
  params: FieldValue[];
}

/**
 * The WHERE box must stay one expression inside its parentheses: no `;` (a second statement
 * could change the evidence) and no `)` closing more than it opened (escaping the other
 * filters). String literals, quoted names and comments are skipped while checking.
 */
export function checkWhereExpression(where: string): void {
  const code = where.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g, ' ');
  if (code.includes(';')) throw new MfwError('usage', 'the WHERE box takes one expression, not statements: remove the ";"');
  let depth = 0;
  for (const c of code) {
    depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (depth < 0) throw new MfwError('usage', 'the WHERE box has a ")" without its "("');
  }
  if (depth > 0) throw new MfwError('usage', 'the WHERE box has a "(" without its ")"');
}

/**
 * The WHERE clause of a filter. Values are bound, never spliced; the WHERE box is the user's own
 * SQL (as `mfw query` takes it) and is only wrapped in parentheses.
 */
export function filterClause(filter: EventFilter, forPage = false): SqlPart {
  const terms: string[] = [];
  const params: FieldValue[] = [];
  if (filter.sources?.length) {
    // Five sources: walking the time index and skipping rows beats reading a source's rows and
    // sorting them all for one page (2 ms against 500 ms at 5 M events, npm run bench). The unary
    // plus keeps the planner off events_source for pages; counts still use it.
    terms.push(`${forPage ? '+' : ''}source IN (${filter.sources.map(() => '?').join(', ')})`);
    params.push(...filter.sources);
  }
  if (filter.host !== undefined) {
    terms.push('host = ?');
    params.push(filter.host);
  }
  if (filter.fromMs !== undefined) {
    terms.push('ts >= ?');
    params.push(filter.fromMs);
  }
  if (filter.toMs !== undefined) {
    terms.push('ts < ?');
    params.push(filter.toMs);
  }
  if (filter.ip !== undefined) {
    terms.push('(src_ip = ? OR dst_ip = ?)');
    params.push(filter.ip, filter.ip);
  }
  if (filter.text !== undefined) {
    terms.push('id IN (SELECT docid FROM events_fts WHERE events_fts MATCH ?)');
    params.push(filter.text);
  }
  if (filter.findingId !== undefined) {
    terms.push('id IN (SELECT event_id FROM finding_events WHERE finding_id = ?)');
    params.push(filter.findingId);
  }
  if (filter.starred) terms.push('id IN (SELECT event_id FROM bookmarks)');
  if (filter.tag !== undefined) {
    terms.push("id IN (SELECT target_id FROM tags WHERE target_kind = 'event' AND tag = ?)");
    params.push(filter.tag);
  }
  if (filter.where !== undefined) {
    checkWhereExpression(filter.where);
    terms.push(`(${filter.where}\n)`);
  }
  return { sql: terms.length ? terms.join(' AND ') : '1', params };
}

/** A row count spliced into SQL (LIMIT, OFFSET): a whole number, or refused. */
function checkCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new MfwError('usage', `${what} must be a whole number, not ${n}`);
}

/** The columns of a page, optionally qualified by a table alias. */
export function summaryColumns(alias = ''): string {
  return SUMMARY_COLUMNS.map((c) => `${alias}${c}`).join(', ');
}

/**
 * One page of events after a cursor (keyset paging), in the order of `sortBy`; reads `limit`
 * rows, never the whole result, when an index serves the sort (event-sort.ts). After a cursor of a
 * sort by a column other than time, the page is the union of the ranges that follow the cursor,
 * each read up to `limit` rows in order.
 */
export function pageQuery(filter: EventFilter, after: EventCursor | null, order: 'asc' | 'desc', limit: number, sortBy: SortColumn = 'ts'): SqlPart {
  checkCount(limit, 'limit');
  const where = filterClause(filter, true);
  const orderBy = orderByTerms(sortBy, order);
  const ranges = after ? keysetRanges(sortBy, after, order) : [{ sql: '1', params: [] }];
  const select = (range: SqlPart): string => `SELECT ${summaryColumns()} FROM events WHERE ${range.sql} AND ${where.sql} ORDER BY ${orderBy} LIMIT ${limit}`;
  if (ranges.length === 1) return { sql: select(ranges[0]!), params: [...ranges[0]!.params, ...where.params] };
  return {
    sql: `${ranges.map((r) => `SELECT * FROM (${select(r)})`).join(' UNION ALL ')} ORDER BY ${orderBy} LIMIT ${limit}`,
    params: ranges.flatMap((r) => [...r.params, ...where.params]),
  };
}

/**
 * The rows at a position of the sorted result, by OFFSET: the engine uses it near either end of a
 * result an index serves, where the rows skipped are few (about 45 ns each over the time index).
 */
export function offsetPageQuery(filter: EventFilter, sortBy: SortColumn, order: 'asc' | 'desc', offset: number, limit: number): SqlPart {
  checkCount(limit, 'limit');
  checkCount(offset, 'offset');
  const where = filterClause(filter, true);
  return {
    sql: `SELECT ${summaryColumns()} FROM events WHERE ${where.sql} ORDER BY ${orderByTerms(sortBy, order)} LIMIT ${limit} OFFSET ${offset}`,
    params: where.params,
  };
}

export function countQuery(filter: EventFilter): SqlPart {
  const where = filterClause(filter);
  // Without a WHERE, SQLite counts the rows from the b-tree's pages (2 ms at 5 M, against 100 ms with `WHERE 1`).
  if (where.sql === '1') return { sql: 'SELECT count(*) FROM events', params: [] };
  return { sql: `SELECT count(*) FROM events WHERE ${where.sql}`, params: where.params };
}
