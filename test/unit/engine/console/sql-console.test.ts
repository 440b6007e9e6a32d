import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiReply } from '../../../../shared/api.js';
import { MAX_HISTORY_ENTRIES } from '../../../../shared/api-console.js';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { dispatch } from '../../../../main/engine/session/dispatch.js';
import { Session } from '../../../../main/engine/session/session.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';

const FILL = `
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 450)
INSERT INTO events (ts, seq, source, format, message) SELECT 1000 * i, i, 'system', 'syslog', 'line ' || i FROM n;`;

describe('the console API (console.*, queries.*)', () => {
  let store: Store;
  let session: Session;
  let clock = 1_700_000_000_000;
  const call = (method: string, params: unknown): Promise<ApiReply> => dispatch(session, method, params);
  const ok = async (method: string, params: unknown): Promise<unknown> => {
    const reply = await call(method, params);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result;
  };

  beforeAll(async () => {
    store = await openStore({ inThread: true });
    await store.query(FILL);
    session = new Session({ store, registry: loadRegistry(), version: 'test', nowMs: () => clock++ });
  });
  afterAll(() => session.close());

  it('runs a SELECT and answers a page of rows with the whole result counted', async () => {
    expect(await ok('console.run', { sql: 'SELECT count(*) FROM events;', limit: 200 })).toMatchObject({ columns: ['count(*)'], rows: [[450]], total: 1, totalExact: true });
    const page = await ok('console.run', { sql: 'SELECT id FROM events ORDER BY id', offset: 400, limit: 200 }) as { rows: unknown[][]; total: number };
    expect(page.rows).toHaveLength(50);
    expect(page.rows[0]).toEqual([401]);
    expect(page.total).toBe(450);
  });

  it('refuses a write as a usage error naming the statement, and the events stay', async () => {
    const reply = await call('console.run', { sql: "INSERT INTO bookmarks (event_id) VALUES (1)", limit: 10 });
    expect(reply).toEqual({ ok: false, error: { code: 'usage', message: expect.stringMatching(/^the console is read-only: INSERT is refused/) as unknown } });
    expect((await store.query('SELECT count(*) FROM bookmarks')).rows).toEqual([[0]]);
  });

  it('gives SQLite\'s own error for bad SQL', async () => {
    const reply = await call('console.run', { sql: 'SELEC 1', limit: 10 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'store', message: expect.stringMatching(/syntax error/) as unknown } });
  });

  it('refuses requests outside the contract', async () => {
    expect(await call('console.run', { sql: 'SELECT 1', limit: 100_001 })).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(await call('console.run', { sql: '', limit: 1 })).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(await call('queries.save', { name: 'two words', sql: 'SELECT 1' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/one word/) as unknown } });
  });

  it('keeps the history in the store, oldest first, without repeating the newest entry', async () => {
    for (const input of ['SELECT 1;', '.tables', '.tables', 'SELECT\n  2;']) await ok('console.remember', { input });
    expect(await ok('console.history', {})).toEqual({ entries: ['SELECT 1;', '.tables', 'SELECT\n  2;'] });
    expect(await ok('console.history', { limit: 2 })).toEqual({ entries: ['.tables', 'SELECT\n  2;'] });
    expect((await store.query('SELECT input, ran_ts FROM console_history ORDER BY id')).rows[0]).toEqual(['SELECT 1;', expect.any(Number)]);
  });

  it(`keeps only the newest ${MAX_HISTORY_ENTRIES} entries`, async () => {
    for (let i = 0; i < MAX_HISTORY_ENTRIES + 5; i++) await ok('console.remember', { input: `SELECT ${i};` });
    const { entries } = await ok('console.history', {}) as { entries: string[] };
    expect(entries).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(entries.at(-1)).toBe(`SELECT ${MAX_HISTORY_ENTRIES + 4};`);
    expect(entries[0]).toBe('SELECT 5;');
  });

  it('saves queries by name, replacing one of the same name, and lists them by name', async () => {
    expect(await ok('queries.save', { name: 'ssh-fails', sql: "SELECT * FROM events WHERE message LIKE '%Failed%'" })).toEqual({ replaced: false });
    expect(await ok('queries.save', { name: 'all', sql: 'SELECT count(*) FROM events' })).toEqual({ replaced: false });
    expect(await ok('queries.save', { name: 'ssh-fails', sql: "SELECT count(*) FROM events WHERE program = 'sshd'" })).toEqual({ replaced: true });
    const { queries } = await ok('queries.list', {}) as { queries: { name: string; sql: string; createdTs: number }[] };
    expect(queries.map((q) => [q.name, q.sql])).toEqual([['all', 'SELECT count(*) FROM events'], ['ssh-fails', "SELECT count(*) FROM events WHERE program = 'sshd'"]]);
    expect(typeof queries[0]!.createdTs).toBe('number');
  });
});
