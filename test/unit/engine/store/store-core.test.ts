import { RE2JS } from 're2js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENT_COLUMNS, type EventColumn, type EventRow, type FieldValue } from '../../../../shared/types/event.js';
import { createRegexpFunction, StoreCore } from '../../../../main/engine/store/store-core.js';
import { EVENT_INDEXES, SCHEMA_VERSION } from '../../../../main/engine/store/schema.js';

let seq = 0;
function row(values: Partial<Record<EventColumn, FieldValue>> = {}): EventRow {
  const defaults: Partial<Record<EventColumn, FieldValue>> = { ts: 1_700_000_000_000, seq: ++seq, source: 'system', format: 'syslog' };
  return EVENT_COLUMNS.map((c) => (c in values ? values[c]! : (defaults[c] ?? null)));
}

const stores: StoreCore[] = [];
async function open(): Promise<StoreCore> {
  const store = await StoreCore.create();
  stores.push(store);
  return store;
}
afterEach(() => {
  while (stores.length) stores.pop()!.close();
});

function column(store: StoreCore, sql: string): FieldValue[] {
  return store.query(sql).rows.map((r) => r[0]!);
}

describe('StoreCore: events', () => {
  it('gives back every column of a stored event, with an id of its own', async () => {
    const store = await open();
    const values: Partial<Record<EventColumn, FieldValue>> = {
      ts: 1342540861416.409, seq: 7, source: 'web', format: 'apache-combined', host: 'maas-01', file_id: 3, line: 12,
      level: 'info', program: 'apache2', pid: 4242, src_ip: '203.0.113.9', src_port: 51022, dst_ip: '10.0.0.2', dst_port: 443,
      proto: 'tcp', action: 'allow', direction: 'inbound', user: 'admin', method: 'GET', path: '/MAAS/', query: 'op=list',
      status: 401, bytes: 1234, referrer: '-', user_agent: 'curl/8', message: 'GET /MAAS/ 401', raw: null, extra: '{"vhost":"maas"}',
    };
    store.insertEvents([row(values)]);
    const { columns, rows } = store.query('SELECT * FROM events');
    expect(columns).toEqual(['id', ...EVENT_COLUMNS]);
    expect(rows).toEqual([[1, ...EVENT_COLUMNS.map((c) => values[c] ?? null)]]);
  });

  it('keeps whole-millisecond times as integers and microsecond ones as fractions', async () => {
    const store = await open();
    store.insertEvents([row({ ts: 1_700_000_000_123 }), row({ ts: 1_700_000_000_123.457 })]);
    expect(store.query('SELECT ts, typeof(ts) FROM events ORDER BY id').rows).toEqual([
      [1_700_000_000_123, 'integer'],
      [1_700_000_000_123.457, 'real'],
    ]);
  });

  it('orders events with the same time as they stood in the input, through seq', async () => {
    const store = await open();
    store.insertEvents([
      row({ ts: 2000, seq: 1, message: 'later' }),
      row({ ts: 1000, seq: 2, message: 'first of a pair' }),
      row({ ts: 1000, seq: 3, message: 'second of a pair' }),
    ]);
    store.finishImport();
    expect(column(store, 'SELECT message FROM events ORDER BY ts, seq')).toEqual(['first of a pair', 'second of a pair', 'later']);
  });

  it('stores nothing of a batch in which one event fails, and names that event', async () => {
    const store = await open();
    const batch = [row(), row({ source: null, file_id: 4, line: 99 }), row()];
    expect(() => store.insertEvents(batch)).toThrow(
      'event 2 of a batch of 3 (file_id 4, line 99) not stored, nor the rest of its batch: NOT NULL constraint failed: events.source',
    );
    expect(column(store, 'SELECT count(*) FROM events')).toEqual([0]);
    store.insertEvents([row()]);
    expect(column(store, 'SELECT count(*) FROM events')).toEqual([1]);
  });

  it('says why a batch is refused while a query holds a transaction open', async () => {
    const store = await open();
    store.query('BEGIN');
    expect(() => store.insertEvents([row()])).toThrow('a batch of 1 events not stored: cannot start a transaction within a transaction');
    store.query('ROLLBACK');
    store.insertEvents([row()]);
    expect(column(store, 'SELECT count(*) FROM events')).toEqual([1]);
  });

  it('refuses a row whose values do not match the columns', async () => {
    const store = await open();
    expect(() => store.insertEvents([[1, 2, 'system']])).toThrow(/3 values, expected 28/);
  });
});

describe('StoreCore: schema', () => {
  it('keeps the tables in an attached in-memory database that unqualified names reach', async () => {
    const store = await open();
    const databases = store.query('PRAGMA database_list').rows.map(([, name, file]) => [name, file]);
    expect(databases).toContainEqual(['ev', '']);
    expect(column(store, "SELECT name FROM ev.sqlite_master WHERE type = 'table' ORDER BY name")).toEqual([
      'bookmarks', 'case_log', 'console_history', 'event_copies', 'events', 'files', 'finding_events', 'findings', 'meta', 'notes', 'rules', 'saved_queries', 'tags', 'user_formats',
    ]);
    expect(column(store, 'SELECT count(*) FROM sqlite_master')).toEqual([0]);
    expect(store.query('SELECT * FROM files').columns).toEqual([
      'id', 'input', 'path', 'format', 'source', 'sha256', 'bytes', 'lines', 'events', 'unparsed', 'first_ts', 'last_ts',
      'warnings', 'continuation', 'ignored', 'time_note', 'mtime_ms', 'host', 'folded',
    ]);
  });

  it('records the schema version in meta', async () => {
    const store = await open();
    expect(store.query("SELECT value FROM meta WHERE key = 'schema_version'").rows).toEqual([[String(SCHEMA_VERSION)]]);
  });

  it('creates the indexes on events when the import finishes, not before', async () => {
    const store = await open();
    const indexes = "SELECT name FROM ev.sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name";
    expect(column(store, indexes)).toEqual([]);
    store.finishImport();
    expect(column(store, indexes)).toEqual([...EVENT_INDEXES].sort());
    const plan = store.query('EXPLAIN QUERY PLAN SELECT * FROM events ORDER BY ts, seq').rows.map((r) => r[3]);
    expect(plan.join(' ')).toMatch(/USING INDEX events_ts/);
    // the sorts of the Events table by src_ip and status walk their indexes, NULLs included
    const planOf = (sql: string): string => store.query(`EXPLAIN QUERY PLAN ${sql}`).rows.map((r) => r[3]).join(' ');
    expect(planOf('SELECT * FROM events ORDER BY src_ip, id LIMIT 200')).toMatch(/USING INDEX events_src_ip/);
    expect(planOf('SELECT * FROM events ORDER BY status, id LIMIT 200')).toMatch(/USING INDEX events_status/);
  });

  it('sets a bundle fact in meta, replacing an earlier value', async () => {
    const store = await open();
    store.setMeta('hostname', 'maas-01');
    store.setMeta('hostname', 'maas-02');
    expect(store.query("SELECT value FROM meta WHERE key = 'hostname'").rows).toEqual([['maas-02']]);
  });
});

describe('StoreCore: files', () => {
  it('records a file before reading it and its accounting after', async () => {
    const store = await open();
    const id = store.addFile({ input: 'bundle.tar.xz', path: 'var/log/auth.log', format: null, source: null, sha256: '', bytes: 10, mtimeMs: 1_700_000_000_000 });
    expect(store.addFile({ input: 'bundle.tar.xz', path: 'var/log/syslog', format: null, source: null, sha256: '', bytes: 5 })).toBe(id + 1);
    store.finishFile(id, {
      format: 'syslog', source: 'system', sha256: 'ab12', lines: 6, events: 3, continuation: 1, ignored: 1, unparsed: 1,
      firstTs: 1000, lastTs: 2000, warnings: ['var/log/auth.log:4: no date'], timeNote: 'zone from etc/timezone',
    });
    const { columns, rows } = store.query('SELECT * FROM files WHERE id = ?', [id]);
    expect(Object.fromEntries(columns.map((c, i) => [c, rows[0]![i]]))).toEqual({
      id, input: 'bundle.tar.xz', path: 'var/log/auth.log', format: 'syslog', source: 'system', sha256: 'ab12', bytes: 10,
      lines: 6, events: 3, unparsed: 1, first_ts: 1000, last_ts: 2000, warnings: '["var/log/auth.log:4: no date"]',
      continuation: 1, ignored: 1, time_note: 'zone from etc/timezone', mtime_ms: 1_700_000_000_000, host: null, folded: 0,
    });
  });

  it('keeps the format recorded at first when the accounting does not name one', async () => {
    const store = await open();
    const id = store.addFile({ input: 'in', path: 'kern.log', format: 'ufw', source: 'firewall', sha256: 'cd', bytes: 1 });
    store.finishFile(id, { lines: 0, events: 0, continuation: 0, ignored: 0, unparsed: 0, firstTs: null, lastTs: null, warnings: [], timeNote: null });
    expect(store.query('SELECT format, source, sha256, warnings FROM files').rows).toEqual([['ufw', 'firewall', 'cd', '[]']]);
  });

  it('refuses to finish a file it never recorded', async () => {
    const store = await open();
    expect(() => store.finishFile(41, { lines: 0, events: 0, continuation: 0, ignored: 0, unparsed: 0, firstTs: null, lastTs: null, warnings: [], timeNote: null })).toThrow(
      'finishFile: no file with id 41',
    );
  });
});

describe('StoreCore: REGEXP', () => {
  it('matches messages against a pattern, anywhere in the text', async () => {
    const store = await open();
    store.insertEvents([row({ message: 'Failed password for root from 203.0.113.9' }), row({ message: 'Failed password for invalid user root' }), row({ message: 'Accepted publickey' })]);
    expect(column(store, "SELECT count(*) FROM events WHERE message REGEXP 'Failed password for (invalid user )?root'")).toEqual([2]);
    expect(column(store, "SELECT count(*) FROM events WHERE message REGEXP '(?i)accepted'")).toEqual([1]);
    expect(column(store, "SELECT count(*) FROM events WHERE status REGEXP '^4'")).toEqual([0]);
  });

  it('treats a NULL value as not matching, so NOT REGEXP keeps it', async () => {
    const store = await open();
    store.insertEvents([row({ message: null }), row({ message: 'x' })]);
    expect(column(store, "SELECT message REGEXP '.*' FROM events ORDER BY id")).toEqual([0, 1]);
    expect(column(store, "SELECT count(*) FROM events WHERE NOT message REGEXP 'x'")).toEqual([1]);
  });

  it('names an invalid pattern and why it is invalid', async () => {
    const store = await open();
    store.insertEvents([row({ message: 'x' })]);
    expect(() => store.query("SELECT * FROM events WHERE message REGEXP '(unclosed'")).toThrow(
      "REGEXP: invalid pattern '(unclosed': missing closing ): `(unclosed` in SQL: SELECT * FROM events WHERE message REGEXP '(unclosed'",
    );
    expect(() => store.query("SELECT * FROM events WHERE message REGEXP '(?<=user )root'")).toThrow(/RE2 syntax has no lookaround or backreferences/);
  });

  it('compiles a pattern once and keeps the most recently used ones', () => {
    const compile = vi.spyOn(RE2JS, 'compile');
    try {
      const regexp = createRegexpFunction(2);
      for (const pattern of ['a', 'b', 'a', 'c', 'a', 'b']) regexp(pattern, 'abc');
      // 'c' evicts 'b', the least recently used, and 'a' stays.
      expect(compile.mock.calls.map(([p]) => p)).toEqual(['a', 'b', 'c', 'b']);
    } finally {
      compile.mockRestore();
    }
  });

  it('finishes fast on a pattern that makes backtracking engines hang', async () => {
    const store = await open();
    // `(a+)+$` on "aaa…ab" takes exponential time in a backtracking engine such as RegExp.
    store.insertEvents([row({ message: `${'a'.repeat(100_000)}b` }), row({ message: 'aaaa' })]);
    const started = performance.now();
    expect(column(store, "SELECT count(*) FROM events WHERE message REGEXP '^(a+)+$'")).toEqual([1]);
    expect(performance.now() - started).toBeLessThan(2_000); // a bound against hanging, not a timing target
  });
});

describe('StoreCore: full-text search', () => {
  it('builds the full-text index the first time a query names it', async () => {
    const store = await open();
    store.insertEvents([row({ message: 'Accepted publickey for deploy' }), row({ message: 'Failed password for root' }), row({ message: null })]);
    // This probe must not name the index itself, or it would build it.
    expect(column(store, "SELECT name FROM ev.sqlite_master WHERE name LIKE 'events%'")).toEqual(['events']);
    const match = "SELECT e.message FROM events_fts JOIN events e ON e.id = events_fts.docid WHERE events_fts MATCH 'password' ORDER BY e.id";
    expect(column(store, match)).toEqual(['Failed password for root']);
  });

  it('finds events stored after the index was first built', async () => {
    const store = await open();
    store.insertEvents([row({ message: 'Failed password for root' })]);
    expect(column(store, "SELECT docid FROM events_fts WHERE events_fts MATCH 'password'")).toEqual([1]);
    store.insertEvents([row({ message: 'Failed password for admin' })]);
    expect(column(store, "SELECT docid FROM events_fts WHERE events_fts MATCH 'password' ORDER BY docid")).toEqual([1, 2]);
  });
});

describe('StoreCore: queries', () => {
  it('stops at maxRows and says the result was cut', async () => {
    const store = await open();
    store.insertEvents([1, 2, 3].map((ts) => row({ ts })));
    expect(store.query('SELECT ts FROM events ORDER BY ts', [], { maxRows: 2 })).toEqual({ columns: ['ts'], rows: [[1], [2]], truncated: true });
    expect(store.query('SELECT ts FROM events ORDER BY ts', [], { maxRows: 3 }).truncated).toBe(false);
  });

  it('stops stepping at maxRows instead of producing the whole result', async () => {
    const store = await open();
    // A recursive CTE with no end: only stopping early lets this return.
    const endless = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n';
    expect(store.query(endless, [], { maxRows: 5 })).toEqual({ columns: ['i'], rows: [[1], [2], [3], [4], [5]], truncated: true });
  });

  it('binds parameters and returns the last result set of several statements', async () => {
    const store = await open();
    const result = store.query("SELECT ? AS a; CREATE TEMP TABLE t (x); INSERT INTO t VALUES (1), (2); SELECT count(*) AS n FROM t; DROP TABLE t", ['p']);
    expect(result).toEqual({ columns: ['n'], rows: [[2]], truncated: false });
    expect(store.query('SELECT ? AS a, ? AS b', ['x', 2]).rows).toEqual([['x', 2]]);
  });

  it('reports SQLite errors with its message and the statement that failed', async () => {
    const store = await open();
    expect(() => store.query('SELECT nope FROM events')).toThrow('no such column: nope in SQL: SELECT nope FROM events');
    expect(() => store.query('SELECT 1;\n  SELECT broken(')).toThrow(/incomplete input in SQL: SELECT broken\($/);
    expect(() => store.query('SELECT 1', [1])).toThrow(/column index out of range in SQL: SELECT 1/);
  });

  it('shows a blob made by a query as hex', async () => {
    const store = await open();
    expect(store.query("SELECT x'00ff10'").rows).toEqual([['00ff10']]);
  });
});

describe('StoreCore: memory and closing', () => {
  it('tells how much memory the database and its heap take', async () => {
    const store = await open();
    const empty = store.memoryBytes();
    store.insertEvents(Array.from({ length: 2000 }, () => row({ message: 'x'.repeat(200) })));
    const filled = store.memoryBytes();
    expect(filled.databaseBytes).toBeGreaterThan(empty.databaseBytes + 2000 * 200);
    expect(filled.heapBytes).toBeGreaterThanOrEqual(filled.databaseBytes);
  });

  it('refuses every call once closed', async () => {
    const store = await StoreCore.create();
    store.close();
    store.close();
    expect(() => store.query('SELECT 1')).toThrow('the store is closed');
    expect(() => store.insertEvents([row()])).toThrow('the store is closed');
  });
});
