import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../../main/engine/store/store.js';

const FILL = `
INSERT INTO files (id, input, path) VALUES (1, '/in', '/in/auth.log');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO events (ts, seq, source, format, file_id, line, message) SELECT 1000 * i, i, 'system', 'syslog', 1, i, 'line ' || i FROM n;
INSERT INTO bookmarks (event_id, created_ts) VALUES (3, 0);
INSERT INTO tags (target_kind, target_id, tag) VALUES ('event', 3, 'suspect');
INSERT INTO notes (target_kind, target_id, body) VALUES ('case', NULL, 'the case');`;

/** Everything the console must not be able to change, as one text. */
async function snapshot(store: Store): Promise<string> {
  const parts = [];
  for (const sql of [
    'SELECT count(*), sum(id), group_concat(message) FROM events',
    'SELECT * FROM bookmarks', 'SELECT * FROM tags', 'SELECT * FROM notes', 'SELECT * FROM saved_queries', 'SELECT * FROM console_history',
    "SELECT group_concat(name) FROM (SELECT name FROM ev.sqlite_master ORDER BY name)",
    'PRAGMA database_list',
  ]) parts.push(JSON.stringify((await store.query(sql)).rows));
  return parts.join('\n');
}

describe('the console\'s read-only queries', () => {
  let store: Store;
  let before: string;
  const page = { offset: 0, limit: 200, countLimit: 1_000_000 };

  beforeAll(async () => {
    store = await openStore({ inThread: true });
    await store.query(FILL);
    await store.finishImport();
    await store.query('SELECT count(*) FROM events_fts'); // built now: its tables are part of the snapshot
    before = await snapshot(store);
  });
  afterAll(() => store.close());

  it('answers a SELECT with its columns, rows and exact total', async () => {
    const result = await store.readOnlyQuery('SELECT count(*) AS n FROM events;', page);
    expect(result).toMatchObject({ columns: ['n'], rows: [[500]], total: 1, totalExact: true });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('pages: the rows from offset, at most limit, with every row counted', async () => {
    const result = await store.readOnlyQuery('SELECT id FROM events ORDER BY id', { ...page, offset: 200, limit: 3 });
    expect(result.rows).toEqual([[201], [202], [203]]);
    expect(result).toMatchObject({ total: 500, totalExact: true });
  });

  it('stops counting at the count limit and says the total is not exact', async () => {
    const result = await store.readOnlyQuery('SELECT id FROM events ORDER BY id', { offset: 0, limit: 5, countLimit: 50 });
    expect(result).toMatchObject({ total: 50, totalExact: false });
    expect(result.rows).toHaveLength(5);
    const exactlyAtLimit = await store.readOnlyQuery('SELECT id FROM events', { offset: 0, limit: 5, countLimit: 500 });
    expect(exactlyAtLimit).toMatchObject({ total: 500, totalExact: true });
  });

  it('returns the last statement\'s rows and reads PRAGMAs that report', async () => {
    expect((await store.readOnlyQuery('SELECT 1; SELECT 2 AS two', page)).rows).toEqual([[2]]);
    const info = await store.readOnlyQuery('PRAGMA table_info(console_history)', page);
    expect(info.rows.map((r) => r[1])).toEqual(['id', 'input', 'ran_ts']);
  });

  it('searches the full-text index, building it first', async () => {
    const result = await store.readOnlyQuery("SELECT count(*) FROM events_fts WHERE events_fts MATCH '\"line 42\"'", page);
    expect(result.rows).toEqual([[1]]);
  });

  it.each([
    ['INSERT INTO bookmarks (event_id) VALUES (4)', /read-only: INSERT is refused/],
    ["UPDATE notes SET body = 'x'", /read-only: UPDATE is refused/],
    ['DELETE FROM tags', /read-only: DELETE is refused/],
    ['DROP TABLE events', /read-only: DROP is refused/],
    ['CREATE TABLE ev.x (a)', /read-only: CREATE is refused/],
    ["ATTACH ':memory:' AS other", /read-only: ATTACH is refused/],
    ['DETACH ev', /read-only: DETACH is refused/],
    ['PRAGMA query_only = OFF; DELETE FROM events', /PRAGMA query_only is refused/],
    ['SELECT 1; DELETE FROM events', /read-only: DELETE is refused/],
    ['WITH gone AS (SELECT 1) DELETE FROM events', /read-only: SQLite refused a write .*readonly database/],
    ["WITH t AS (SELECT 1) INSERT INTO notes (target_kind, body) VALUES ('case', 'x')", /read-only: SQLite refused a write/],
    ['SELECT * FROM pragma_query_only(0); DELETE FROM events', /too many arguments on pragma_query_only/],
    ['SELECT * FROM no_such_table', /no such table: no_such_table in SQL: SELECT \* FROM no_such_table/],
    ['-- nothing', /no SQL statement to run/],
  ])('refuses %s and changes nothing', async (sql, message) => {
    await expect(store.readOnlyQuery(sql, page)).rejects.toThrow(message);
    expect(await snapshot(store)).toBe(before);
  });

  it('explains a write without running it', async () => {
    const plan = await store.readOnlyQuery('EXPLAIN DELETE FROM events', page);
    expect(plan.columns).toContain('opcode');
    expect(await snapshot(store)).toBe(before);
  });

  it('leaves the store writable for the engine after a refused or failed statement', async () => {
    await expect(store.readOnlyQuery('WITH x AS (SELECT 1) DELETE FROM events', page)).rejects.toThrow(/read-only/);
    await store.query("INSERT INTO meta (key, value) VALUES ('probe', '1')");
    expect((await store.query("SELECT value FROM meta WHERE key = 'probe'")).rows).toEqual([['1']]);
    await store.query("DELETE FROM meta WHERE key = 'probe'");
  });
});
