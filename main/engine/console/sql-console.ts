import type { ApiRequest, ApiResponse } from '../../../shared/api.js';
import { MAX_HISTORY_ENTRIES } from '../../../shared/api-console.js';
import type { Store } from '../store/store.js';

/**
 * Rows of a console result counted past its page, at most: counting steps through them (sql.js
 * cannot stop a statement once it runs, so this bounds the time a `SELECT * FROM events` takes
 * on millions of events); beyond it the console says "more than".
 */
export const CONSOLE_COUNT_LIMIT = 1_000_000;

export interface SqlConsoleOptions {
  store: Store;
  /** Stamps history entries and saved queries; tests pass their own. */
  nowMs?: () => number;
}

/**
 * The engine side of the SQL console: read-only SQL over the store, the console's history and
 * saved queries. History and saved queries are rows of the store (`console_history`,
 * `saved_queries`), so they belong to the session, not to a browser.
 */
export class SqlConsole {
  private readonly now: () => number;

  constructor(private readonly options: SqlConsoleOptions) {
    this.now = options.nowMs ?? Date.now;
  }

  async run(req: ApiRequest<'console.run'>): Promise<ApiResponse<'console.run'>> {
    return this.options.store.readOnlyQuery(req.sql, { offset: req.offset ?? 0, limit: req.limit, countLimit: CONSOLE_COUNT_LIMIT });
  }

  async history(req: ApiRequest<'console.history'>): Promise<ApiResponse<'console.history'>> {
    const result = await this.options.store.query('SELECT input FROM (SELECT id, input FROM console_history ORDER BY id DESC LIMIT ?) ORDER BY id', [req.limit ?? MAX_HISTORY_ENTRIES]);
    return { entries: result.rows.map((r) => String(r[0])) };
  }

  /** Keeps the newest MAX_HISTORY_ENTRIES entries; an input equal to the newest entry is not added again. */
  async remember(req: ApiRequest<'console.remember'>): Promise<ApiResponse<'console.remember'>> {
    const { store } = this.options;
    await store.query(
      `INSERT INTO console_history (input, ran_ts) SELECT ?1, ?2 WHERE ?1 IS NOT (SELECT input FROM console_history ORDER BY id DESC LIMIT 1);
       DELETE FROM console_history WHERE id <= (SELECT id FROM console_history ORDER BY id DESC LIMIT 1 OFFSET ${MAX_HISTORY_ENTRIES});`,
      [req.input, this.now()],
    );
    return {};
  }

  async listQueries(): Promise<ApiResponse<'queries.list'>> {
    const result = await this.options.store.query('SELECT name, sql, created_ts FROM saved_queries ORDER BY name, id');
    return { queries: result.rows.map(([name, sql, created]) => ({ name: String(name), sql: String(sql), createdTs: created === null || created === undefined ? null : Number(created) })) };
  }

  async saveQuery(req: ApiRequest<'queries.save'>): Promise<ApiResponse<'queries.save'>> {
    const { store } = this.options;
    // The store binds parameters to the first statement only: one call per statement.
    const removed = await store.query('DELETE FROM saved_queries WHERE name = ? RETURNING id', [req.name]);
    await store.query('INSERT INTO saved_queries (name, sql, created_ts) VALUES (?, ?, ?)', [req.name, req.sql, this.now()]);
    return { replaced: removed.rows.length > 0 };
  }
}
