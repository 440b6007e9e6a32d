import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFilter } from '../../../../shared/api.js';
import type { Histogram } from '../../../../shared/api-timeline.js';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { Session } from '../../../../main/engine/session/session.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';

const BASE = Date.UTC(2026, 2, 5, 0, 0, 0);
const N = 20_000;

/**
 * 20 000 events, one every 7.3 s (fractional stamps included), over four sources and three
 * hosts, ten without a stamp; findings 1 and 2 hold every 100th and every 250th event.
 */
const FILL_SQL = `
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${N})
INSERT INTO events (ts, seq, source, format, host, src_ip, message)
SELECT CASE WHEN i % 2000 = 0 THEN NULL ELSE ${BASE} + i * 7300 + (i % 3) * 0.25 END, i,
       CASE i % 4 WHEN 0 THEN 'firewall' WHEN 1 THEN 'web' WHEN 2 THEN 'system' ELSE 'maas' END, 'test',
       CASE WHEN i % 7 = 0 THEN NULL ELSE 'host-' || (i % 3) END, '10.0.0.' || (i % 200), 'event ' || i FROM n;
INSERT INTO findings (id, rule, severity, title, key, count, first_ts, last_ts) VALUES
  (1, 'test.one', 'high', 'Every hundredth', '{"src_ip":"10.0.0.100"}', 200, ${BASE}, ${BASE + N * 7300}),
  (2, 'test.two', 'low', 'Every 250th', '{"user":"mallory"}', 80, ${BASE}, ${BASE + N * 7300});
INSERT INTO finding_events SELECT 1, id FROM events WHERE id % 100 = 0;
INSERT INTO finding_events SELECT 2, id FROM events WHERE id % 250 = 0;`;

const total = (h: Histogram): number => h.series.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0);

describe('the timeline histogram', () => {
  let store: Store;
  let session: Session;

  beforeAll(async () => {
    store = await openStore({ inThread: true });
    await store.query(FILL_SQL);
    await store.finishImport();
    session = new Session({ store, registry: loadRegistry(), version: 'test' });
  });
  afterAll(() => session.close());

  async function countIn(filter: EventFilter): Promise<number> {
    return (await session.eventsCount({ filter })).count;
  }

  /** Counts per bin, event by event in SQL, to check the histogram against. */
  async function expectedBins(h: Histogram, where = '1'): Promise<number[]> {
    const rows = (await store.query(`SELECT CAST((ts - ?) / ? AS INTEGER), count(*) FROM events WHERE ts >= ? AND ts < ? AND ${where} GROUP BY 1`, [h.firstBinMs, h.binMs, h.fromMs, h.toMs])).rows;
    const bins = new Array<number>(h.binCount).fill(0);
    for (const [bin, n] of rows) bins[Number(bin)] = Number(n);
    return bins;
  }

  const sumSeries = (h: Histogram): number[] => h.series.reduce((acc, s) => acc.map((v, i) => v + s.counts[i]!), new Array<number>(h.binCount).fill(0));

  it('counts every dated event of the store when no range is given, stacked by source, and tells the undated apart', async () => {
    const h = await session.histogram({ filter: {}, maxBins: 300, by: 'source' });
    expect(h.series.map((s) => s.key)).toEqual(['firewall', 'web', 'maas', 'system', 'audit']);
    expect(h.binCount).toBeLessThanOrEqual(300);
    expect(h.total).toBe(N - 10);
    expect(h.undated).toBe(10);
    expect(h.counted).toBe('rollup');
    expect(sumSeries(h)).toEqual(await expectedBins(h));
    expect(h.series.find((s) => s.key === 'web')!.counts.reduce((a, b) => a + b, 0)).toBe(await countIn({ sources: ['web'], fromMs: h.fromMs, toMs: h.toMs }));
  });

  it('is exact for a range that does not fall on bin or rollup edges (the ends are counted event by event)', async () => {
    for (const [from, to, bins] of [[BASE + 12_345, BASE + 86_400_000 - 777, 200], [BASE + 3_600_001, BASE + 3 * 3_600_000 + 5, 50], [BASE + 1_000_003, BASE + 1_060_000, 300]] as const) {
      const h = await session.histogram({ filter: { fromMs: from, toMs: to }, maxBins: bins, by: 'source' });
      expect(h.fromMs).toBe(from);
      expect(h.toMs).toBe(to);
      expect(h.total).toBe(await countIn({ fromMs: from, toMs: to }));
      expect(sumSeries(h)).toEqual(await expectedBins(h));
    }
  });

  it('re-bins on a zoom: narrower range, finer bins, same bound', async () => {
    const wide = await session.histogram({ filter: {}, maxBins: 100, by: 'source' });
    const narrow = await session.histogram({ filter: { fromMs: BASE + 3_600_000, toMs: BASE + 2 * 3_600_000 }, maxBins: 100, by: 'source' });
    expect(narrow.binMs).toBeLessThan(wide.binMs);
    expect(narrow.binMs).toBe(60_000);
    expect(narrow.binCount).toBe(60);
    expect(narrow.firstBinMs).toBe(BASE + 3_600_000);
  });

  it('counts 1-second bins event by event, and filters the rollup cannot answer the same way', async () => {
    const fine = await session.histogram({ filter: { fromMs: BASE + 100_000, toMs: BASE + 200_000 }, maxBins: 200, by: 'source' });
    expect(fine.binMs).toBe(1000);
    expect(fine.counted).toBe('events');
    expect(sumSeries(fine)).toEqual(await expectedBins(fine));
    const where = await session.histogram({ filter: { where: "src_ip LIKE '10.0.0.1%'" }, maxBins: 100, by: 'source' });
    expect(where.counted).toBe('events');
    expect(sumSeries(where)).toEqual(await expectedBins(where, "src_ip LIKE '10.0.0.1%'"));
  });

  it('honours the source and host quick filters from the rollup', async () => {
    const h = await session.histogram({ filter: { sources: ['firewall', 'maas'], host: 'host-1' }, maxBins: 120, by: 'source' });
    expect(h.counted).toBe('rollup');
    expect(sumSeries(h)).toEqual(await expectedBins(h, "source IN ('firewall', 'maas') AND host = 'host-1'"));
    expect(h.series.find((s) => s.key === 'web')!.counts.every((n) => n === 0)).toBe(true);
  });

  it('stacks by host, events without one in their own series', async () => {
    const h = await session.histogram({ filter: {}, maxBins: 100, by: 'host' });
    expect(h.series.map((s) => s.label).sort()).toEqual(['(no host)', 'host-0', 'host-1', 'host-2']);
    expect(total(h)).toBe(N - 10);
  });

  it('stacks by finding, labelled by title and key, and counts a finding\'s evidence for highlighting', async () => {
    const h = await session.histogram({ filter: {}, maxBins: 100, by: 'finding', evidenceOf: 1 });
    expect(h.series.map((s) => s.label)).toEqual(['Every hundredth 10.0.0.100', 'Every 250th mallory']);
    expect(h.series.map((s) => s.counts.reduce((a, b) => a + b, 0))).toEqual([
      (await store.query('SELECT count(*) FROM finding_events fe JOIN events e ON e.id = fe.event_id WHERE finding_id = 1 AND ts IS NOT NULL')).rows[0]![0],
      (await store.query('SELECT count(*) FROM finding_events fe JOIN events e ON e.id = fe.event_id WHERE finding_id = 2 AND ts IS NOT NULL')).rows[0]![0],
    ]);
    expect(h.evidence).toEqual(h.series[0]!.counts);
  });

  it('sees events added after the counts were made (the rollup is rebuilt, not stale)', async () => {
    const before = await session.histogram({ filter: {}, maxBins: 100, by: 'source' });
    await store.query(`INSERT INTO events (ts, seq, source, format, host) VALUES (${BASE + 50_000}, 0, 'audit', 'test', 'late-host')`);
    const after = await session.histogram({ filter: { fromMs: before.fromMs, toMs: before.toMs }, maxBins: 100, by: 'source' });
    expect(after.counted).toBe('rollup');
    expect(after.total).toBe(before.total + 1);
    expect(after.series.find((s) => s.key === 'audit')!.counts.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('answers an empty store with no bins', async () => {
    const empty = new Session({ store: await openStore({ inThread: true }), registry: loadRegistry(), version: 'test' });
    try {
      const h = await empty.histogram({ filter: {}, maxBins: 100, by: 'source' });
      expect(h.binCount).toBe(0);
      expect(h.total).toBe(0);
      expect(h.dataFirstTs).toBeNull();
    } finally {
      await empty.close();
    }
  });
});
