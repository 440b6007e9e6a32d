import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SORT_COLUMNS, type EventCursor, type EventFilter, type SortColumn } from '../../../../shared/api.js';
import { EventPager } from '../../../../main/engine/session/event-pages.js';
import { sortKey } from '../../../../main/engine/session/event-sort.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';

/**
 * 60 events with ties and nulls in every sort column: ts null for three and shared by three,
 * host of three values or null, src_ip null for every seventh, status of four values or null,
 * user mostly null, messages that sort differently from ids.
 */
const EVENTS_SQL = `
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
INSERT INTO events (ts, seq, source, format, host, program, file_id, line, src_ip, dst_ip, user, status, message)
SELECT CASE WHEN i IN (7, 8, 9) THEN NULL WHEN i IN (20, 21, 22) THEN 20000 ELSE 1000 * i END,
       CASE WHEN i IN (20, 21, 22) THEN 99 ELSE i END,
       CASE i % 3 WHEN 0 THEN 'firewall' WHEN 1 THEN 'web' ELSE 'system' END, 'fmt',
       CASE WHEN i % 11 = 0 THEN NULL ELSE 'host-' || (i % 3) END,
       CASE WHEN i % 2 THEN 'sshd' ELSE NULL END, 1, i,
       CASE WHEN i % 7 = 0 THEN NULL ELSE '10.0.' || (i % 4) || '.' || (i % 9) END,
       CASE WHEN i % 5 = 0 THEN '192.0.2.' || (i % 3) END,
       CASE WHEN i % 6 = 0 THEN 'user' || (i % 4) END,
       CASE WHEN i % 13 = 0 THEN NULL ELSE 200 + 100 * (i % 4) END,
       'message ' || ((i * 37) % 61)
FROM n;`;

describe('pages sorted by any column', () => {
  let store: Store;
  let pager: EventPager;
  /** SQL run by the pager, to see which way each page was read. */
  const ran: string[] = [];

  beforeAll(async () => {
    store = await openStore({ inThread: true });
    await store.query(EVENTS_SQL);
    await store.finishImport();
    const watched: Store = { ...store, query: (sql, params, opts) => (ran.push(sql), store.query(sql, params, opts)) };
    pager = new EventPager(watched);
  });
  afterAll(() => store.close());

  /** The ids in the order SQLite gives for `ORDER BY <key>`: the reference every page is checked against. */
  async function reference(sortBy: SortColumn, order: 'asc' | 'desc', where = '1'): Promise<number[]> {
    const dir = order === 'asc' ? 'ASC' : 'DESC';
    const result = await store.query(`SELECT id FROM events WHERE ${where} ORDER BY ${sortKey(sortBy).map((c) => `${c} ${dir}`).join(', ')}`);
    return result.rows.map((r) => Number(r[0]));
  }

  async function keysetAll(filter: EventFilter, sortBy: SortColumn, order: 'asc' | 'desc', limit: number): Promise<number[]> {
    const seen: number[] = [];
    let after: EventCursor | null = null;
    for (let guard = 0; guard < 200; guard++) {
      const page = await pager.page({ filter, after, order, limit, sortBy });
      seen.push(...page.rows.map((r) => r.id));
      if (!page.next) return seen;
      after = page.next;
    }
    throw new Error('paging never ended');
  }

  for (const sortBy of SORT_COLUMNS) {
    it(`pages by keyset in (${sortKey(sortBy).join(', ')}) order, both ways, nulls first ascending and last descending`, async () => {
      for (const order of ['asc', 'desc'] as const) {
        const expected = await reference(sortBy, order);
        expect(await keysetAll({}, sortBy, order, 7), `${sortBy} ${order}`).toEqual(expected);
        expect(await keysetAll({}, sortBy, order, 1), `${sortBy} ${order}, one row a page`).toEqual(expected);
      }
    });

    it(`reads a page at any position of a sort by ${sortBy}, filtered or not, as the same slice of that order`, async () => {
      const cases: [EventFilter, string][] = [[{}, '1'], [{ sources: ['web', 'system'] }, "source IN ('web', 'system')"]];
      for (const [filter, where] of cases) {
        for (const order of ['asc', 'desc'] as const) {
          const expected = await reference(sortBy, order, where);
          for (let offset = 0; offset <= expected.length + 2; offset += 4) {
            const page = await pager.page({ filter, offset, order, limit: 6, sortBy });
            expect(page.rows.map((r) => r.id), `${sortBy} ${order} at ${offset} ${where}`).toEqual(expected.slice(offset, offset + 6));
          }
        }
      }
    });
  }

  it('reads the page after a row sent as a hint by keyset, without sorting the whole result', async () => {
    const first = await pager.page({ filter: { host: 'host-1' }, offset: 0, order: 'asc', limit: 5, sortBy: 'src_ip' });
    ran.length = 0;
    const second = await pager.page({ filter: { host: 'host-1' }, offset: 5, after: first.next, order: 'asc', limit: 5, sortBy: 'src_ip' });
    expect(ran.some((sql) => /INSERT INTO temp/.test(sql))).toBe(false);
    expect(second.rows.map((r) => r.id)).toEqual((await reference('src_ip', 'asc', "host = 'host-1'")).slice(5, 10));
  });

  it('sorts a result once for any position and either direction, then reads pages from that ordering', async () => {
    await pager.reset();
    ran.length = 0;
    const filter = { where: "message LIKE 'message 1%'" };
    const asc = await reference('user', 'asc', filter.where);
    const desc = await reference('user', 'desc', filter.where);
    expect((await pager.page({ filter, offset: 3, order: 'asc', limit: 3, sortBy: 'user' })).rows.map((r) => r.id)).toEqual(asc.slice(3, 6));
    expect((await pager.page({ filter, offset: 2, order: 'desc', limit: 4, sortBy: 'user' })).rows.map((r) => r.id)).toEqual(desc.slice(2, 6));
    expect((await pager.page({ filter, offset: 1, order: 'asc', limit: 2, sortBy: 'user' })).rows.map((r) => r.id)).toEqual(asc.slice(1, 3));
    expect(ran.filter((sql) => /INSERT INTO temp/.test(sql))).toHaveLength(1);
  });

  it('reads the last page of a sort an index serves from the end of the order, without sorting the whole result', async () => {
    await pager.reset();
    ran.length = 0;
    const expected = await reference('src_ip', 'asc');
    const hostOne = await reference('src_ip', 'asc', "host = 'host-1'");
    const page = await pager.page({ filter: { host: 'host-1' }, offset: hostOne.length - 3, order: 'asc', limit: 10, sortBy: 'src_ip' });
    expect(page.rows.map((r) => r.id)).toEqual(hostOne.slice(-3));
    const unfiltered = await pager.page({ filter: {}, offset: 57, order: 'asc', limit: 10, sortBy: 'src_ip' });
    expect(unfiltered.rows.map((r) => r.id)).toEqual(expected.slice(57));
    expect(unfiltered.next).toBeNull();
    expect(ran.some((sql) => /INSERT INTO temp/.test(sql))).toBe(false);
  });

  it('never reads new rows through an ordering made before them', async () => {
    await pager.reset();
    const before = await pager.page({ filter: {}, offset: 10, order: 'asc', limit: 5, sortBy: 'host' });
    expect(before.rows).toHaveLength(5);
    await store.query("INSERT INTO events (ts, seq, source, format, host, message) VALUES (1, 0, 'web', 'fmt', 'host-0', 'new')");
    const expected = await reference('host', 'asc');
    const after = await pager.page({ filter: {}, offset: 10, order: 'asc', limit: 5, sortBy: 'host' });
    expect(after.rows.map((r) => r.id)).toEqual(expected.slice(10, 15));
    expect((await pager.count({})).toString()).toBe('61');
    await store.query("DELETE FROM events WHERE message = 'new'");
  });

  it('keeps a cursor of a sort by a column other than time with that column\'s value', async () => {
    const page = await pager.page({ filter: {}, after: null, order: 'asc', limit: 3, sortBy: 'status' });
    const last = page.rows.at(-1)!;
    expect(page.next).toEqual({ ts: last.ts, seq: last.seq, id: last.id, value: last.status });
    await expect(pager.page({ filter: {}, after: { ts: 1, seq: 1, id: 1 }, order: 'asc', limit: 3, sortBy: 'status' })).rejects.toThrow(/needs its value/);
  });
});
