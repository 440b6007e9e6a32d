import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, type EventRow } from '../../../../shared/types/event.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';

function row(values: Partial<Record<(typeof EVENT_COLUMNS)[number], string | number | null>>): EventRow {
  return EVENT_COLUMNS.map((c) => values[c] ?? null);
}

const stores: Store[] = [];
async function open(inThread = true): Promise<Store> {
  const store = await openStore({ inThread });
  stores.push(store);
  return store;
}
afterEach(async () => {
  while (stores.length) await stores.pop()!.close();
});

describe('the store', () => {
  it('keeps input order for events with the same time through seq', async () => {
    const store = await open();
    await store.insertEvents([
      row({ ts: 2000, seq: 1, source: 'system', format: 'syslog', message: 'later' }),
      row({ ts: 1000, seq: 2, source: 'system', format: 'syslog', message: 'first of a pair' }),
      row({ ts: 1000, seq: 3, source: 'system', format: 'syslog', message: 'second of a pair' }),
    ]);
    await store.finishImport();
    const { rows } = await store.query('SELECT message FROM events ORDER BY ts, seq');
    expect(rows.flat()).toEqual(['first of a pair', 'second of a pair', 'later']);
  });

  it('creates the indexes of the schema when the import finishes', async () => {
    const store = await open();
    await store.finishImport();
    const { rows } = await store.query("SELECT name FROM ev.sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name");
    expect(rows.flat()).toEqual(['events_source', 'events_src_ip', 'events_status', 'events_ts']);
  });

  it('records files with their accounting and answers SQL with parameters', async () => {
    const store = await open();
    const id = await store.addFile({ input: 'in', path: 'auth.log', format: null, source: null, sha256: '', bytes: 10 });
    await store.finishFile(id, { format: 'syslog', source: 'system', sha256: 'ab', lines: 3, events: 2, continuation: 0, ignored: 0, unparsed: 1, firstTs: 1, lastTs: 2, warnings: ['auth.log:2: x'], timeNote: 'zone UTC' });
    const { columns, rows } = await store.query('SELECT path, format, lines, unparsed, warnings FROM files WHERE id = ?', [id]);
    expect(columns).toEqual(['path', 'format', 'lines', 'unparsed', 'warnings']);
    expect(rows).toEqual([['auth.log', 'syslog', 3, 1, '["auth.log:2: x"]']]);
  });

  it('matches REGEXP with a linear-time engine, even on a pattern that hangs backtracking engines', async () => {
    const store = await open();
    await store.insertEvents([row({ ts: 1, seq: 1, source: 'web', format: 'x', message: `${'a'.repeat(5000)}b` }), row({ ts: 2, seq: 2, source: 'web', format: 'x', message: 'Failed password for root' })]);
    const started = performance.now();
    expect((await store.query("SELECT count(*) FROM events WHERE message REGEXP '^(a+)+$'")).rows).toEqual([[0]]);
    expect(performance.now() - started).toBeLessThan(5_000); // RegExp would take minutes; not a timing target
    expect((await store.query("SELECT count(*) FROM events WHERE message REGEXP 'Failed password for (invalid user )?root'")).rows).toEqual([[1]]);
  });

  it('names an invalid REGEXP pattern in its error', async () => {
    const store = await open();
    await store.insertEvents([row({ ts: 1, seq: 1, source: 'web', format: 'x', message: 'x' })]);
    await expect(store.query("SELECT * FROM events WHERE message REGEXP '(unclosed'")).rejects.toThrow(/REGEXP: invalid pattern '\(unclosed'/);
  });

  it('builds the full-text index on first use', async () => {
    const store = await open();
    await store.insertEvents([row({ ts: 1, seq: 1, source: 'system', format: 'x', message: 'Accepted publickey for deploy' }), row({ ts: 2, seq: 2, source: 'system', format: 'x', message: 'Failed password for root' })]);
    const { rows } = await store.query("SELECT e.message FROM events_fts JOIN events e ON e.id = events_fts.docid WHERE events_fts MATCH 'password'");
    expect(rows).toEqual([['Failed password for root']]);
  });

  it('stops at maxRows and says the result was cut', async () => {
    const store = await open();
    await store.insertEvents([1, 2, 3].map((i) => row({ ts: i, seq: i, source: 'system', format: 'x' })));
    expect(await store.query('SELECT ts FROM events', [], { maxRows: 2 })).toEqual({ columns: ['ts'], rows: [[1], [2]], truncated: true });
  });

  it('reports SQLite errors with its message', async () => {
    const store = await open();
    await expect(store.query('SELECT nope FROM events')).rejects.toThrow(/no such column: nope/);
  });

  const worker = join(import.meta.dirname, '../../../../dist/main/engine/store/store-worker.js');
  it.runIf(existsSync(worker))('runs the same in a worker thread, rejecting the failing call only', async () => {
    const { openStore: openBuilt } = (await import(join(import.meta.dirname, '../../../../dist/main/engine/store/store.js'))) as { openStore: typeof openStore };
    const store = await openBuilt();
    stores.push(store);
    await Promise.all([store.insertEvents([row({ ts: 5, seq: 1, source: 'audit', format: 'x' })]), store.insertEvents([row({ ts: 6, seq: 2, source: 'audit', format: 'x' })])]);
    await expect(store.query('SELECT broken(')).rejects.toThrow(/syntax error|incomplete input/);
    expect((await store.query('SELECT count(*) FROM events')).rows).toEqual([[2]]);
  });
});
