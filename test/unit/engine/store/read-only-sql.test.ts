import { describe, expect, it } from 'vitest';
import { checkReadOnlyStatement } from '../../../../main/engine/store/read-only-sql.js';

describe('checkReadOnlyStatement', () => {
  it.each([
    'SELECT count(*) FROM events',
    '  select 1',
    '-- a comment\nSELECT 1',
    '/* block */ WITH x AS (SELECT 1) SELECT * FROM x',
    'VALUES (1), (2)',
    'EXPLAIN QUERY PLAN SELECT * FROM events WHERE ts > 0',
    'PRAGMA table_info(events)',
    'PRAGMA ev.table_list',
    'pragma "index_list"(events)',
  ])('runs a read: %s', (sql) => {
    expect(() => checkReadOnlyStatement(sql)).not.toThrow();
  });

  it.each([
    ['INSERT INTO bookmarks (event_id) VALUES (1)', /read-only: INSERT is refused/],
    ['update events set message = 1', /read-only: UPDATE is refused/],
    ['DELETE FROM events', /read-only: DELETE is refused/],
    ['DROP TABLE events', /read-only: DROP is refused/],
    ["ATTACH ':memory:' AS x", /read-only: ATTACH is refused/],
    ['DETACH ev', /read-only: DETACH is refused/],
    ['REPLACE INTO tags VALUES (1, 2, 3)', /REPLACE is refused/],
    ['BEGIN', /BEGIN is refused/],
    ['VACUUM INTO \'/tmp/x\'', /VACUUM is refused/],
    ['/* SELECT */ DELETE FROM events', /DELETE is refused/],
    ['-- SELECT\nDELETE FROM events', /DELETE is refused/],
    ['PRAGMA query_only = OFF', /PRAGMA query_only is refused/],
    ['PRAGMA query_only(0)', /PRAGMA query_only is refused/],
    ['PRAGMA ev.query_only=false', /PRAGMA query_only is refused/],
    ['PRAGMA "query_only" = 0', /PRAGMA query_only is refused/],
    ['PRAGMA user_version = 5', /PRAGMA user_version is refused/],
    ['PRAGMA writable_schema = 1', /PRAGMA writable_schema is refused/],
    ['PRAGMA', /PRAGMA \(unnamed\) is refused/],
  ])('refuses %s', (sql, message) => {
    expect(() => checkReadOnlyStatement(sql)).toThrow(message);
  });
});
