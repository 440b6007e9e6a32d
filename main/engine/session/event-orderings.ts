import { performance } from 'node:perf_hooks';
import type { EventFilter, SortColumn } from '../../../shared/api.js';
import type { FieldValue } from '../../../shared/types/event.js';
import type { Store } from '../store/store.js';
import { filterClause, summaryColumns } from './event-query.js';
import { orderByTerms, type SortOrder } from './event-sort.js';

/** A sorted result kept in the store: the ids of its rows by position (1-based). */
export interface Ordering {
  /** `temp.mfw_order_N (pos INTEGER PRIMARY KEY, id)`. */
  table: string;
  rows: number;
  /** How long sorting the result took. */
  buildMs: number;
}

/** Orderings kept at once: each is about 12 bytes a row (60 MB for 5 M rows), outside the WASM heap. */
const KEPT_ORDERINGS = 2;

/** JSON with keys sorted: one text for the same filter whatever order its keys were written in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Sorted results kept as temp tables of ids by position, so a page at any position of a result
 * costs a rowid range and a lookup per row (about 1 ms for 200 rows of 5 M), whatever the sort
 * column and however costly the filter: the sort is done once, in SQL, when a position is first
 * asked for. One ordering serves both directions (descending is ascending read backwards: the
 * (column, id) key is total). The data version (see EventPager) is part of the key, so rows
 * added later are never read through an old ordering. Temp tables live in SQLite's temp store,
 * which sql.js keeps in its in-memory file system, not in the WASM heap the events fill.
 */
export class OrderingCache {
  private readonly kept = new Map<string, Promise<Ordering>>();
  private made = 0;

  constructor(private readonly store: Store) {}

  private key(filter: EventFilter, sortBy: SortColumn, version: string): string {
    return stableJson([version, sortBy, filter]);
  }

  /** The ordering of this result, if it is kept (or being built). */
  peek(filter: EventFilter, sortBy: SortColumn, version: string): Promise<Ordering> | undefined {
    return this.kept.get(this.key(filter, sortBy, version));
  }

  /** The ordering of this result, built now if it is not kept; the oldest is dropped past KEPT_ORDERINGS. */
  get(filter: EventFilter, sortBy: SortColumn, version: string): Promise<Ordering> {
    const key = this.key(filter, sortBy, version);
    const kept = this.kept.get(key);
    if (kept) {
      this.kept.delete(key); // re-inserted below: Map order is the recency order
      this.kept.set(key, kept);
      return kept;
    }
    const built = this.build(filter, sortBy, `mfw_order_${++this.made}`);
    this.kept.set(key, built);
    built.catch(() => this.kept.delete(key));
    while (this.kept.size > KEPT_ORDERINGS) {
      const [oldest, ordering] = this.kept.entries().next().value!;
      this.kept.delete(oldest);
      void ordering.then((o) => this.drop(o.table), () => undefined);
    }
    return built;
  }

  /** The rows of a page: `limit` rows from position `offset` (0-based) in `order`. */
  async page(ordering: Ordering, order: SortOrder, offset: number, limit: number): Promise<FieldValue[][]> {
    // Ascending positions (lo, hi]; descending reads the same table from its end.
    const [lo, hi] = order === 'asc' ? [offset, Math.min(ordering.rows, offset + limit)] : [Math.max(0, ordering.rows - offset - limit), ordering.rows - offset];
    if (hi <= lo) return [];
    const result = await this.store.query(
      `SELECT ${summaryColumns('e.')} FROM ${ordering.table} o JOIN events e ON e.id = o.id WHERE o.pos > ? AND o.pos <= ? ORDER BY o.pos ${order === 'asc' ? 'ASC' : 'DESC'}`,
      [lo, hi],
    );
    return result.rows;
  }

  /** Drops every ordering (the rows changed: an import ended). */
  async clear(): Promise<void> {
    const all = [...this.kept.values()];
    this.kept.clear();
    for (const ordering of all) await ordering.then((o) => this.drop(o.table), () => undefined);
  }

  private async build(filter: EventFilter, sortBy: SortColumn, name: string): Promise<Ordering> {
    const started = performance.now();
    const table = `temp.${name}`;
    const where = filterClause(filter);
    await this.store.query(`CREATE TEMP TABLE ${name} (pos INTEGER PRIMARY KEY, id INTEGER NOT NULL)`);
    try {
      // Rows are inserted in the SELECT's order, so pos numbers the sorted result.
      await this.store.query(`INSERT INTO ${table} (id) SELECT id FROM events WHERE ${where.sql} ORDER BY ${orderByTerms(sortBy, 'asc')}`, where.params);
      const rows = Number((await this.store.query(`SELECT coalesce(max(pos), 0) FROM ${table}`)).rows[0]?.[0] ?? 0);
      return { table, rows, buildMs: performance.now() - started };
    } catch (err) {
      await this.drop(table);
      throw err;
    }
  }

  private async drop(table: string): Promise<void> {
    await this.store.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
}
