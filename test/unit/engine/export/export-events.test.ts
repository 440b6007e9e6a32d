import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecsDoc, timesketchDoc, type ExportedEvent } from '../../../../main/engine/export/event-docs.js';
import { exportEvents } from '../../../../main/engine/export/export-events.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';
import { EVENT_COLUMNS } from '../../../../shared/types/event.js';

/** 12 001 events (more than two pages): every third a dated firewall block, one undated line with a comma and quotes. */
const EVENTS_SQL = `
INSERT INTO files (id, input, path, format, source) VALUES (1, '/in', '/in/kern.log', 'ufw', 'firewall');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)
INSERT INTO events (ts, seq, source, format, host, file_id, line, src_ip, src_port, dst_ip, dst_port, proto, action, message)
SELECT 1772698440000 + i * 1000, i, 'firewall', 'ufw', 'maas-region-1', 1, i, '203.0.113.' || (i % 200), 40000 + i, '10.0.0.5', 22 + i % 3, 'TCP', 'block', '[UFW BLOCK] n=' || i FROM n;
INSERT INTO events (ts, seq, source, format, file_id, line, message, raw) VALUES (NULL, 0, 'system', 'unparsed', 1, 12001, NULL, 'junk, with "quotes"');`;

function event(fields: Partial<ExportedEvent>): ExportedEvent {
  const ev = { id: 7, file_path: '/in/kern.log' } as ExportedEvent;
  for (const c of EVENT_COLUMNS) ev[c] = null;
  return Object.assign(ev, fields);
}

describe('exporting events', () => {
  let store: Store;
  let dir: string;

  beforeAll(async () => {
    store = await openStore({ inThread: true });
    await store.query(EVENTS_SQL);
    dir = mkdtempSync(join(tmpdir(), 'mfw-export-'));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('maps a firewall event to ECS fields, and an event to Timesketch\'s three required fields', () => {
    const ev = event({ ts: 1772698441000.5, source: 'firewall', format: 'ufw', host: 'maas-region-1', src_ip: '203.0.113.9', src_port: 40001, dst_ip: '10.0.0.5', dst_port: 22, proto: 'TCP', action: 'block', message: '[UFW BLOCK] x', line: 3 });
    expect(ecsDoc(ev)).toEqual({
      '@timestamp': '2026-03-05T08:14:01.000500Z',
      message: '[UFW BLOCK] x',
      event: { kind: 'event', module: 'mfw', dataset: 'mfw.firewall', category: ['network'], action: 'block' },
      host: { name: 'maas-region-1' },
      log: { file: { path: '/in/kern.log' }, origin: { file: { line: 3 } } },
      source: { ip: '203.0.113.9', port: 40001 },
      destination: { ip: '10.0.0.5', port: 22 },
      network: { transport: 'tcp' },
      labels: { mfw_event_id: 7, mfw_format: 'ufw' },
    });
    expect(timesketchDoc({ ...ev, ts: 1772698441000.5 })).toMatchObject({
      message: '[UFW BLOCK] x', datetime: '2026-03-05T08:14:01.000500Z', timestamp: 1772698441000500, timestamp_desc: 'Firewall Log Time', mfw_event_id: 7, src_ip: '203.0.113.9',
    });
  });

  it('writes Timesketch JSONL a page at a time, counting the events without a time it leaves out', async () => {
    const out = join(dir, 'events.jsonl');
    const result = await exportEvents(store, { format: 'timesketch', out });
    expect(result).toMatchObject({ path: out, events: 12000, skipped: 1 });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(12000);
    for (const line of [lines[0]!, lines[11999]!]) expect(Object.keys(JSON.parse(line) as object)).toEqual(expect.arrayContaining(['message', 'datetime', 'timestamp_desc']));
    expect(result.bytes).toBe(readFileSync(out).length);
  });

  it('writes ECS bulk NDJSON (an action line before each document) and CSV, filtered', async () => {
    const ecs = join(dir, 'events.ndjson');
    expect((await exportEvents(store, { format: 'ecs', out: ecs, index: 'case-42', filter: { ip: '203.0.113.9' } })).events).toBe(60);
    const lines = readFileSync(ecs, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(120);
    expect(lines[0]).toEqual({ create: { _index: 'case-42' } });
    expect(lines[1]).toMatchObject({ source: { ip: '203.0.113.9' }, destination: { ip: '10.0.0.5' } });

    const csv = join(dir, 'events.csv');
    expect((await exportEvents(store, { format: 'csv', out: csv, filter: { where: 'ts IS NULL' } })).events).toBe(1);
    const [header, row] = readFileSync(csv, 'utf8').split('\r\n');
    expect(header!.split(',').slice(0, 4)).toEqual(['id', 'time_utc', 'ts', 'seq']);
    expect(row).toContain('"junk, with ""quotes"""');
  });

  it('leaves no file under the name asked for when it fails', async () => {
    const out = join(dir, 'bad.csv');
    await expect(exportEvents(store, { format: 'csv', out, filter: { where: 'no_such_column = 1' } })).rejects.toThrow(/no such column: no_such_column/);
    expect(readdirSync(dir).filter((n) => n.includes('bad.csv'))).toEqual([]);
    await expect(exportEvents(store, { format: 'csv', out: join(dir, 'missing', 'x.csv') })).rejects.toThrow(/the export to .*x\.csv failed/);
  });
});
