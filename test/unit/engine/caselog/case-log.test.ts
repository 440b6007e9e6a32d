import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendCaseLog, checkCaseLog, entryHash, GENESIS_HASH } from '../../../../main/engine/caselog/case-log.js';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { dispatch } from '../../../../main/engine/session/dispatch.js';
import { Session } from '../../../../main/engine/session/session.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';

const T0 = Date.parse('2026-03-05T08:00:00Z');

describe('the case log', () => {
  let store: Store;

  beforeEach(async () => {
    store = await openStore({ inThread: true });
    await appendCaseLog(store, 'import', { inputs: ['/cases/42/sos.tar.xz'], files: [{ path: 'sos.tar.xz', sha256: 'ab'.repeat(32), bytes: 10 }] }, T0);
    await appendCaseLog(store, 'annotations.star', { eventId: 7, starred: true }, T0 + 1000);
    await appendCaseLog(store, 'annotations.note', { target: { kind: 'case' }, body: 'x'.repeat(500) }, T0 + 2000);
  });
  afterEach(() => store.close());

  it('links each entry to the one before by a SHA-256 over its time, action and detail', async () => {
    const rows = (await store.query('SELECT seq, ts, action, detail, prev_hash, hash FROM case_log ORDER BY seq')).rows;
    expect(rows.map((r) => r[2])).toEqual(['import', 'annotations.star', 'annotations.note']);
    expect(rows[0]![4]).toBe(GENESIS_HASH);
    expect(rows[1]![4]).toBe(rows[0]![5]);
    expect(rows[0]![5]).toBe(entryHash(GENESIS_HASH, T0, 'import', String(rows[0]![3])));
    // A long text is logged as its hash and size.
    expect(JSON.parse(String(rows[2]![3]))).toEqual({ target: { kind: 'case' }, body: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, chars: 500 } });
    expect(await checkCaseLog(store)).toEqual({ entries: 3, head: rows[2]![5], broken: null });
  });

  it('shows an entry changed, removed or reordered afterwards', async () => {
    await store.query("UPDATE case_log SET detail = replace(detail, '\"starred\":true', '\"starred\":false') WHERE seq = 2");
    expect((await checkCaseLog(store)).broken).toEqual({ seq: 2, reason: 'its hash does not match its content: the entry was changed' });
    await store.query('DELETE FROM case_log WHERE seq = 2');
    expect((await checkCaseLog(store)).broken).toMatchObject({ seq: 3, reason: expect.stringMatching(/does not follow the entry before it/) as unknown });
  });

  it('gets an entry for each change made through the API, not for reads', async () => {
    await store.query("INSERT INTO events (ts, seq, source, format, message) VALUES (1, 1, 'system', 'syslog', 'm')");
    const session = new Session({ store, registry: loadRegistry(), version: 'test', nowMs: () => T0 + 5000 });
    await dispatch(session, 'annotations.star', { eventId: 1, starred: true });
    await dispatch(session, 'events.count', { filter: {} });
    await dispatch(session, 'annotations.star', { eventId: 999, starred: true }); // refused: no entry
    const last = (await store.query('SELECT ts, action, detail FROM case_log ORDER BY seq DESC LIMIT 1')).rows[0];
    expect(last).toEqual([T0 + 5000, 'annotations.star', '{"eventId":1,"starred":true}']);
    expect((await checkCaseLog(store)).entries).toBe(4);
  });
});
