import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENT_COLUMNS, type EventColumn, type EventRow, type FieldValue } from '../../../../shared/types/event.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';

let seq = 0;
function row(values: Partial<Record<EventColumn, FieldValue>> = {}): EventRow {
  const defaults: Partial<Record<EventColumn, FieldValue>> = { ts: 1_700_000_000_000, seq: ++seq, source: 'audit', format: 'maas-events' };
  return EVENT_COLUMNS.map((c) => (c in values ? values[c]! : (defaults[c] ?? null)));
}

const stores: Store[] = [];
function keep(store: Store): Store {
  stores.push(store);
  return store;
}
afterEach(async () => {
  while (stores.length) await stores.pop()!.close();
});

const files = { input: 'in', path: 'events.json', format: null, source: null, sha256: '', bytes: 1 };
const counts = { lines: 2, events: 2, continuation: 0, ignored: 0, unparsed: 0, firstTs: 1, lastTs: 2, warnings: [], timeNote: null };

describe('the store in this thread', () => {
  it('answers through promises, a failure included', async () => {
    const store = keep(await openStore({ inThread: true }));
    const id = await store.addFile(files);
    await store.insertEvents([row({ file_id: id }), row({ file_id: id })]);
    await store.finishFile(id, counts);
    await store.setMeta('hostname', 'maas-01');
    await store.finishImport();
    expect((await store.query('SELECT count(*) FROM events WHERE file_id = ?', [id])).rows).toEqual([[2]]);
    const failed = store.query('SELECT nope FROM events');
    await expect(failed).rejects.toThrow(/no such column: nope/);
  });

  it('runs in this thread when opened from TypeScript source, where no worker can load', async () => {
    const store = keep(await openStore());
    expect((await store.query('SELECT 1 AS one')).rows).toEqual([[1]]);
  });
});

// The worker is loaded from the compiled output: Node cannot start a worker from TypeScript.
const built = join(import.meta.dirname, '../../../../dist/main/engine/store');
const workerBuilt = existsSync(join(built, 'store-worker.js'));
const skipNote = 'dist/main/engine/store/store-worker.js is missing: run `npm run build` (CI builds before testing)';

async function openBuilt(): Promise<Store> {
  const module = (await import(pathToFileURL(join(built, 'store.js')).href)) as { openStore: typeof openStore };
  return keep(await module.openStore());
}

describe('the store in a worker thread (compiled output)', () => {
  it('stores batches sent without waiting, all of them, in order', async (ctx) => {
    ctx.skip(!workerBuilt, skipNote);
    const store = await openBuilt();
    const settled: number[] = [];
    const sends = Array.from({ length: 20 }, (_, b) =>
      store.insertEvents(Array.from({ length: 250 }, (_, i) => row({ line: b * 250 + i + 1 }))).then(() => settled.push(b)),
    );
    const rows = store.query('SELECT count(*), min(line), max(line), sum(line = id) FROM events');
    await Promise.all(sends);
    expect(settled).toEqual([...Array(20).keys()]);
    expect((await rows).rows).toEqual([[5000, 1, 5000, 5000]]);
  });

  it('hands the worker at most four batches at a time and holds the rest back, in order', async (ctx) => {
    ctx.skip(!workerBuilt, skipNote);
    const store = await openBuilt();
    const posted = vi.spyOn(Worker.prototype, 'postMessage');
    try {
      const sends = Array.from({ length: 10 }, () => store.insertEvents([row()]));
      const query = store.query('SELECT count(*) FROM events');
      // No reply can arrive before this synchronous check: only four batches are out.
      expect(posted.mock.calls.map(([m]) => (m as { method: string }).method)).toEqual(Array(4).fill('insertEvents'));
      await Promise.all(sends);
      expect((await query).rows).toEqual([[10]]);
      expect(posted).toHaveBeenCalledTimes(11);
    } finally {
      posted.mockRestore();
    }
  });

  it('rejects only the call that failed', async (ctx) => {
    ctx.skip(!workerBuilt, skipNote);
    const store = await openBuilt();
    const results = await Promise.allSettled([
      store.insertEvents([row()]),
      store.insertEvents([row(), row({ source: null })]),
      store.query('SELECT broken('),
      store.insertEvents([row()]),
      store.query('SELECT count(*) FROM events'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'store', message: expect.stringMatching(/event 2 of a batch of 2 .*NOT NULL constraint failed: events.source/) as unknown });
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ message: expect.stringMatching(/incomplete input in SQL: SELECT broken\(/) as unknown });
    expect((results[4] as PromiseFulfilledResult<{ rows: unknown }>).value.rows).toEqual([[2]]);
  });

  it('behaves as the store in this thread: files, indexes, full-text search, REGEXP, maxRows, memory', async (ctx) => {
    ctx.skip(!workerBuilt, skipNote);
    const store = await openBuilt();
    const id = await store.addFile(files);
    await store.insertEvents([row({ file_id: id, message: 'Failed password for root' }), row({ file_id: id, message: 'session opened' })]);
    await store.finishFile(id, counts);
    await store.setMeta('hostname', 'maas-01');
    await store.finishImport();
    expect((await store.query('SELECT lines, warnings FROM files WHERE id = ?', [id])).rows).toEqual([[2, '[]']]);
    expect((await store.query("SELECT count(*) FROM ev.sqlite_master WHERE type = 'index' AND tbl_name = 'events'")).rows).toEqual([[4]]);
    expect((await store.query("SELECT docid FROM events_fts WHERE events_fts MATCH 'password'")).rows).toEqual([[1]]);
    expect((await store.query("SELECT count(*) FROM events WHERE message REGEXP '^(a+)+$'")).rows).toEqual([[0]]);
    expect((await store.query('SELECT id FROM events', [], { maxRows: 1 })).truncated).toBe(true);
    const memory = await store.memoryBytes();
    expect(memory.heapBytes).toBeGreaterThan(memory.databaseBytes);
  });

  it('runs the console\'s read-only queries there, a refused statement keeping its usage code', async (ctx) => {
    ctx.skip(!workerBuilt, skipNote);
    const store = await openBuilt();
    await store.insertEvents([row(), row()]);
    const page = { offset: 1, limit: 5, countLimit: 100 };
    await expect(store.readOnlyQuery('SELECT id FROM events ORDER BY id', page)).resolves.toMatchObject({ columns: ['id'], rows: [[2]], total: 2, totalExact: true });
    await expect(store.readOnlyQuery('DELETE FROM events', page)).rejects.toMatchObject({ code: 'usage', message: expect.stringMatching(/^the console is read-only: DELETE is refused/) as unknown });
    await expect(store.readOnlyQuery('SELECT nope(', page)).rejects.toMatchObject({ code: 'store' });
    expect((await store.query('SELECT count(*) FROM events')).rows).toEqual([[2]]);
  });

  it('settles the calls made before closing and refuses the ones after', async (ctx) => {
    ctx.skip(!workerBuilt, skipNote);
    const store = await openBuilt();
    const before = store.insertEvents([row()]);
    const closed = store.close();
    await expect(store.query('SELECT 1')).rejects.toThrow('the store is closed');
    await expect(before).resolves.toBe(1); // the id of its first row
    await closed;
    await expect(store.insertEvents([row()])).rejects.toThrow('the store is closed');
  });
});
