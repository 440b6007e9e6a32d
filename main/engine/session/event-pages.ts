import type { ApiRequest, ApiResponse, EventFilter, EventSummary, SortColumn } from '../../../shared/api.js';
import type { FieldValue } from '../../../shared/types/event.js';
import type { Store } from '../store/store.js';
import { OrderingCache, type Ordering } from './event-orderings.js';
import { countQuery, offsetPageQuery, pageQuery, SUMMARY_COLUMNS } from './event-query.js';
import { cursorAfter, INDEXED_SORTS, type SortOrder } from './event-sort.js';

type PageRequest = ApiRequest<'events.page'>;
/** An Events row as the store holds it; its annotations (stars, tags, notes) are added by the session. */
export type EventRow = Omit<EventSummary, 'starred' | 'tags' | 'noted'>;
type Page = Omit<ApiResponse<'events.page'>, 'rows'> & { rows: EventRow[] };

/**
 * Rows an OFFSET may skip over an index, unfiltered, before a position is better read from an
 * ordering: about 45 ns a row over the time index (2 ms for 50 000; 220 ms at 4.9 M, measured).
 */
const NEAR_EDGE_ROWS = 50_000;
/** Counts kept, by filter and data version (the renderer asks for each filter's count once or twice). */
const KEPT_COUNTS = 16;

/** A row of SUMMARY_COLUMNS as an EventRow. */
export function toSummary(row: readonly FieldValue[]): EventRow {
  const o = Object.fromEntries(SUMMARY_COLUMNS.map((c, i) => [c, row[i] ?? null])) as Record<(typeof SUMMARY_COLUMNS)[number], FieldValue>;
  const text = (v: FieldValue): string | null => (v === null ? null : String(v));
  const num = (v: FieldValue): number | null => (v === null ? null : Number(v));
  return {
    id: Number(o.id), ts: num(o.ts), seq: Number(o.seq), source: String(o.source), host: text(o.host), program: text(o.program),
    src_ip: text(o.src_ip), src_port: num(o.src_port), dst_ip: text(o.dst_ip), dst_port: num(o.dst_port), user: text(o.user), status: num(o.status), message: text(o.message),
  };
}

function isUnfiltered(filter: EventFilter): boolean {
  return Object.values(filter as Record<string, unknown>).every((v) => v === undefined);
}

function reversed(order: SortOrder): SortOrder {
  return order === 'asc' ? 'desc' : 'asc';
}

/**
 * Answers `events.page` and `events.count`. A page after a cursor is a keyset page. A page at a
 * position (`offset`, what a scroll bar asks for) is read the cheapest way that is exact:
 * - from the result's ordering, when one is kept (any position, ~1 ms);
 * - by keyset from the first row, or after the row before it when the caller sends that row as
 *   `after` and an index serves the sort (scrolling down page after page);
 * - when an index serves the sort: the last page from the other end of the order (End, or the
 *   scroll bar at the bottom), and pages near either end of an unfiltered result by OFFSET;
 * - otherwise from the result's ordering, built now, once (a sort of the whole result in SQL).
 */
export class EventPager {
  private readonly orderings: OrderingCache;
  private readonly counts = new Map<string, number>();

  constructor(private readonly store: Store) {
    this.orderings = new OrderingCache(store);
  }

  async page(req: PageRequest): Promise<Page> {
    const sortBy = req.sortBy ?? 'ts';
    if (req.offset === undefined) return this.keyset(req.filter, req.after ?? null, req.order, req.limit, sortBy);
    const { filter, order, limit, offset } = req;
    const version = await this.dataVersion();
    const kept = this.orderings.peek(filter, sortBy, version);
    if (kept) return this.fromOrdering(await kept, order, offset, limit, sortBy);
    const indexed = INDEXED_SORTS.has(sortBy);
    // Without an index, only the first rows ascending are read directly (a scan keeping the 200
    // smallest): descending, nearly every row of a tied value enters the kept set (3 s at 5 M).
    if (offset === 0 && (indexed || order === 'asc')) return this.keyset(filter, null, order, limit, sortBy);
    if (req.after && indexed) return this.keyset(filter, req.after, order, limit, sortBy);
    const count = await this.countAt(filter, version);
    if (offset >= count) return { rows: [], next: null };
    if (indexed) {
      const after = count - offset - limit;
      if (after <= 0) return this.fromEnd(filter, sortBy, order, 0, count - offset, limit);
      if (isUnfiltered(filter) && offset <= NEAR_EDGE_ROWS) return this.rows(offsetPageQuery(filter, sortBy, order, offset, limit), limit, sortBy);
      if (isUnfiltered(filter) && after <= NEAR_EDGE_ROWS) return this.fromEnd(filter, sortBy, order, after, limit, limit);
    }
    return this.fromOrdering(await this.orderings.get(filter, sortBy, version), order, offset, limit, sortBy);
  }

  /** How many events match; kept per filter until the rows change. */
  async count(filter: EventFilter): Promise<number> {
    return this.countAt(filter, await this.dataVersion());
  }

  /** Forgets orderings and counts: the rows changed (an import ended). */
  async reset(): Promise<void> {
    this.counts.clear();
    await this.orderings.clear();
  }

  /**
   * What identifies the rows as they are: the highest id and the number of rows (both read from
   * the table's b-tree without a scan). Imports end with reset() as well, for changes that keep
   * both (a host name given to a bundle's events).
   */
  private async dataVersion(): Promise<string> {
    // Each in its own subquery: together in one SELECT, neither is read from the b-tree (a full scan, 360 ms at 5 M).
    const row = (await this.store.query('SELECT (SELECT coalesce(max(id), 0) FROM events), (SELECT count(*) FROM events)')).rows[0] ?? [0, 0];
    return `${String(row[0])}:${String(row[1])}`;
  }

  private async countAt(filter: EventFilter, version: string): Promise<number> {
    const key = `${version} ${JSON.stringify(filter)}`;
    const known = this.counts.get(key);
    if (known !== undefined) return known;
    const { sql, params } = countQuery(filter);
    const count = Number((await this.store.query(sql, params)).rows[0]?.[0] ?? 0);
    this.counts.set(key, count);
    if (this.counts.size > KEPT_COUNTS) this.counts.delete(this.counts.keys().next().value!);
    return count;
  }

  private keyset(filter: EventFilter, after: PageRequest['after'], order: SortOrder, limit: number, sortBy: SortColumn): Promise<Page> {
    return this.rows(pageQuery(filter, after ?? null, order, limit, sortBy), limit, sortBy);
  }

  /** `take` rows that end `skip` rows before the end of the order, read backwards and turned round. */
  private async fromEnd(filter: EventFilter, sortBy: SortColumn, order: SortOrder, skip: number, take: number, limit: number): Promise<Page> {
    const { sql, params } = offsetPageQuery(filter, sortBy, reversed(order), skip, take);
    const rows = (await this.store.query(sql, params)).rows.reverse();
    return this.toPage(rows, limit, sortBy);
  }

  private async fromOrdering(ordering: Ordering, order: SortOrder, offset: number, limit: number, sortBy: SortColumn): Promise<Page> {
    return this.toPage(await this.orderings.page(ordering, order, offset, limit), limit, sortBy);
  }

  private async rows(query: { sql: string; params: FieldValue[] }, limit: number, sortBy: SortColumn): Promise<Page> {
    return this.toPage((await this.store.query(query.sql, query.params)).rows, limit, sortBy);
  }

  private toPage(raw: FieldValue[][], limit: number, sortBy: SortColumn): Page {
    const rows = raw.map(toSummary);
    const last = rows.at(-1);
    return { rows, next: last && rows.length === limit ? cursorAfter(last, sortBy) : null };
  }
}
