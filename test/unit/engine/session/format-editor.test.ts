import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiRequest, ApiResponse } from '../../../../shared/api.js';
import type { FormatDefinition } from '../../../../shared/types/format-definition.js';
import { FormatDefinitionSchema } from '../../../../shared/types/format-definition.js';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { dispatch } from '../../../../main/engine/session/dispatch.js';
import { Session } from '../../../../main/engine/session/session.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';

const FW7_LINES = [
  '2026-03-05T08:14:00Z|fw7|DENY|203.0.113.9:4444->10.0.0.5:22',
  '2026-03-05T08:14:01Z|fw7|DENY|203.0.113.9:4445->10.0.0.5:23',
  'fw7 restarted',
  '2026-03-05T08:14:05.500Z|fw7|ALLOW|198.51.100.7:5050->10.0.0.5:443',
];

/** The same firewall writing local time without a zone (read in the zone the user gives). */
const LOCAL_LINES = ['2026-03-05 08:14:00|fw7|DENY|203.0.113.9:4444->10.0.0.5:22'];

/** Another made-up log whose records may go on over indented lines. */
const FW8_LINES = ['FW8 1772698440 first record', '    and its second line', 'FW8 1772698441 second record'];
const FW8: FormatDefinition = FormatDefinitionSchema.parse({
  id: 'fw8', title: 'fw8', source: 'maas', patterns: ['^FW8 (?<timestamp>\\d+) (?<message>.*)$'], timestamp: { layouts: ['epoch-s'] }, continuation: '^\\s+\\S',
  samples: [{ line: FW8_LINES[0]!, expect: { ts: '2026-03-05T08:14:00Z', message: 'first record' } }],
});

const FW7: FormatDefinition = FormatDefinitionSchema.parse({
  id: 'fw7',
  title: 'fw7 firewall',
  source: 'firewall',
  patterns: ['^(?<timestamp>\\d{4}-\\d\\d-\\d\\d[T ][\\d:.]+Z?)\\|(?<host>[^|]+)\\|(?<action>[A-Z]+)\\|(?<src_ip>[\\d.]+):(?<src_port>\\d+)->(?<dst_ip>[\\d.]+):(?<dst_port>\\d+)$'],
  timestamp: { layouts: ['iso8601'] },
  values: { action: { DENY: 'block', ALLOW: 'allow' } },
  samples: [{ line: FW7_LINES[0]!, context: { tz: 'UTC' }, expect: { ts: '2026-03-05T08:14:00Z', source: 'firewall', host: 'fw7', action: 'block', dst_port: 22 } }],
});

describe('the format editor behind the API', () => {
  let dir: string;
  let store: Store;
  let session: Session;

  async function call<M extends ApiMethod>(method: M, params: ApiRequest<M>): Promise<ApiResponse<M>> {
    const reply = await dispatch(session, method, params);
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.result as ApiResponse<M>;
  }

  async function importFile(name: string, lines: string[]): Promise<void> {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    await call('import.paths', { paths: [path] });
    await session.idle();
  }

  async function fileRow(name: string) {
    const { files } = await call('files.list', {});
    return files.find((f) => f.path.endsWith(name))!;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-formats-'));
    store = await openStore({ inThread: true });
    session = new Session({ store, registry: loadRegistry(), version: 'test', nowMs: () => 1_700_000_000_000 });
  });
  afterAll(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the lines of an unknown format as unparsed, and gives them as samples', async () => {
    await importFile('fw7.log', FW7_LINES);
    await importFile('fw7-local.log', LOCAL_LINES);
    await importFile('fw8.log', FW8_LINES);
    const file = await fileRow('fw7.log');
    expect(file).toMatchObject({ format: 'unknown', unparsed: 4, events: 0 });
    const samples = await call('formats.samples', { fileId: file.id, unparsedOnly: true, limit: 3 });
    expect(samples).toEqual({ path: file.path, unparsed: 4, unavailable: null, lines: FW7_LINES.slice(0, 3).map((text, i) => ({ line: i + 1, text })) });
  });

  it('reads the first lines of a file from the evidence when not only unparsed ones are asked', async () => {
    const file = await fileRow('fw7.log');
    const samples = await call('formats.samples', { fileId: file.id, unparsedOnly: false, limit: 2 });
    expect(samples.lines.map((l) => l.text)).toEqual(FW7_LINES.slice(0, 2));
  });

  it('refuses to save a format whose sample does not hold, or that takes a shipped id', async () => {
    const wrong = { ...FW7, samples: [{ ...FW7.samples[0]!, expect: { dst_port: 2222 } }] };
    await expect(call('formats.save', { definition: wrong })).rejects.toThrow('definition: user format fw7: samples.0: dst_port is 22, the sample expects 2222');
    await expect(call('formats.save', { definition: { ...FW7, id: 'syslog' } })).rejects.toThrow('"syslog" is a shipped format');
    expect((await store.query('SELECT count(*) FROM user_formats')).rows[0]![0]).toBe(0);
  });

  it('saves a user format in the store, listed after the shipped ones', async () => {
    const saved = await call('formats.save', { definition: FW7 });
    expect(saved).toMatchObject({ id: 'fw7', origin: 'user', kind: 'line', source: 'firewall' });
    const { formats } = await call('formats.list', {});
    expect(formats.at(-1)).toEqual(saved);
    expect(formats.filter((f) => f.origin === 'builtin').length).toBeGreaterThan(20);
    const row = (await store.query('SELECT id, definition, updated_ts FROM user_formats')).rows[0]!;
    expect([row[0], JSON.parse(String(row[1])), row[2]]).toEqual(['fw7', FW7, 1_700_000_000_000]);
  });

  it('reads zone-less stamps in the zone asked for when it re-parses', async () => {
    const file = await fileRow('fw7-local.log');
    expect(file.unparsed).toBe(1);
    const local = await call('formats.reparse', { formatId: 'fw7', fileIds: [file.id], tz: 'America/Chicago', year: 2026 });
    expect(local.events).toBe(1);
    const ts = (await store.query('SELECT ts, extra FROM events WHERE file_id = ?', [file.id])).rows[0]!;
    expect(new Date(Number(ts[0])).toISOString()).toBe('2026-03-05T14:14:00.000Z');
    expect(JSON.parse(String(ts[1]))).toMatchObject({ ts_inferred: 'zone' });
  });

  it('re-parses the unparsed lines of every file into events, keeping their rows and counting the file again', async () => {
    const file = await fileRow('fw7.log');
    const idsBefore = (await store.query('SELECT id, line FROM events WHERE file_id = ? ORDER BY line', [file.id])).rows;
    const result = await call('formats.reparse', { formatId: 'fw7', tz: 'UTC', year: 2026 });
    // fw8.log's lines are of another format: tried, none parsed, its rows untouched.
    const fw8 = await fileRow('fw8.log');
    expect(result).toMatchObject({ events: 3, unparsed: 1 + FW8_LINES.length, findings: null });
    expect(result.files).toEqual([
      { id: file.id, path: file.path, tried: 4, events: 3, continuation: 0, ignored: 0, unparsed: 1 },
      { id: fw8.id, path: fw8.path, tried: 3, events: 0, continuation: 0, ignored: 0, unparsed: 3 },
    ]);
    expect(await fileRow('fw8.log')).toMatchObject({ format: 'unknown', unparsed: 3 });
    const rows = (await store.query('SELECT id, line, ts, source, format, host, action, src_ip, src_port, dst_port, raw FROM events WHERE file_id = ? ORDER BY line', [file.id])).rows;
    expect(rows.map((r) => [r[0], r[1]])).toEqual(idsBefore);
    expect(rows.map((r) => r.slice(2))).toEqual([
      [Date.UTC(2026, 2, 5, 8, 14, 0), 'firewall', 'fw7', 'fw7', 'block', '203.0.113.9', 4444, 22, null],
      [Date.UTC(2026, 2, 5, 8, 14, 1), 'firewall', 'fw7', 'fw7', 'block', '203.0.113.9', 4445, 23, null],
      [null, 'system', 'unparsed', null, null, null, null, null, 'fw7 restarted'],
      [Date.UTC(2026, 2, 5, 8, 14, 5, 500), 'firewall', 'fw7', 'fw7', 'allow', '198.51.100.7', 5050, 443, null],
    ]);
    expect(await fileRow('fw7.log')).toMatchObject({
      format: 'fw7', source: 'firewall', events: 3, unparsed: 1, firstTs: Date.UTC(2026, 2, 5, 8, 14, 0), lastTs: Date.UTC(2026, 2, 5, 8, 14, 5, 500),
    });
    expect((await call('events.count', { filter: { sources: ['firewall'], where: `file_id = ${file.id}` } })).count).toBe(3);
  });

  it('joins a continuation line to the record above when it re-parses, its own row removed', async () => {
    await call('formats.save', { definition: FW8 });
    const file = await fileRow('fw8.log');
    const result = await call('formats.reparse', { formatId: 'fw8', fileIds: [file.id] });
    expect(result.files).toEqual([{ id: file.id, path: file.path, tried: 3, events: 2, continuation: 1, ignored: 0, unparsed: 0 }]);
    const rows = (await store.query('SELECT line, ts, source, message FROM events WHERE file_id = ? ORDER BY line', [file.id])).rows;
    expect(rows).toEqual([
      [1, Date.UTC(2026, 2, 5, 8, 14, 0), 'maas', 'first record\n    and its second line'],
      [3, Date.UTC(2026, 2, 5, 8, 14, 1), 'maas', 'second record'],
    ]);
    expect(await fileRow('fw8.log')).toMatchObject({ lines: 3, events: 2, unparsed: 0, format: 'fw8' });
    const raw = await call('events.raw', { id: Number((await store.query('SELECT id FROM events WHERE file_id = ? AND line = 1', [file.id])).rows[0]![0]) });
    expect(raw).toMatchObject({ status: 'ok', lines: FW8_LINES.slice(0, 2), from: 'file' });
  });

  it('detects the user format in later imports of the session', async () => {
    await importFile('fw7-later.log', FW7_LINES.slice(0, 2));
    expect(await fileRow('fw7-later.log')).toMatchObject({ format: 'fw7', source: 'firewall', events: 2, unparsed: 0 });
  });

  it('finds the user formats of a store it did not save them in (a session file opened again)', async () => {
    const again = new Session({ store, registry: loadRegistry(), version: 'test' });
    const { formats } = await again.formats.list();
    expect(formats.filter((f) => f.origin === 'user').map((f) => f.id)).toEqual(['fw7', 'fw8']);
  });

  it('makes the samples of a format saved with sample lines only, from the lines it parses', async () => {
    const rest = { ...FW7, id: 'fw7-made' };
    const saved = await call('formats.save', { definition: { ...rest, samples: [] }, sampleLines: ['junk', FW7_LINES[3]!], tz: 'UTC' });
    expect(saved.definition.samples).toEqual([{
      line: FW7_LINES[3],
      source: 'made in the format editor',
      context: { tz: 'UTC', year: 2026 },
      expect: { ts: '2026-03-05T08:14:05.500Z', source: 'firewall', format: 'fw7-made', host: 'fw7', action: 'allow', src_ip: '198.51.100.7', src_port: 5050, dst_ip: '10.0.0.5', dst_port: 443, message: FW7_LINES[3] },
    }]);
    await expect(call('formats.save', { definition: { ...rest, id: 'fw7-none', samples: [] }, sampleLines: ['junk'] })).rejects.toThrow('none of the sample lines is parsed');
    await call('formats.delete', { id: 'fw7-made' });
  });

  it('exports a format file and imports it back, refusing a broken one with its line', async () => {
    const { fileName, text } = await call('formats.export', { id: 'fw7', as: 'yaml' });
    expect(fileName).toBe('fw7.yaml');
    const renamed = text.replace('id: fw7', 'id: fw7-copy');
    expect(await call('formats.import', { fileName: 'fw7-copy.yaml', text: renamed })).toMatchObject({ id: 'fw7-copy', origin: 'user' });
    const broken = renamed.replace('id: fw7-copy', 'id: fw7-broken').replace(/\\\|\(\?<host>/, '(?<!x)|(?<host>');
    const line = broken.split('\n').findIndex((l) => l.includes('(?<!x)')) + 1;
    await expect(call('formats.import', { fileName: 'fw7-broken.yaml', text: broken })).rejects.toThrow(`definition: fw7-broken.yaml:${line}: patterns.0: unsupported construct: negative lookbehind`);
    await call('formats.delete', { id: 'fw7-copy' });
    expect((await call('formats.list', {})).formats.filter((f) => f.origin === 'user').map((f) => f.id)).toEqual(['fw7', 'fw8']);
  });

  it('tests a year-less draft in the year of the newest loaded event, in the zone asked for', async () => {
    const draft = { ...FW7, id: 'yearless', patterns: ['^(?<timestamp>\\w{3} +\\d+ [\\d:]+) (?<message>.*)$'], timestamp: { field: 'timestamp', layouts: ['MMM d HH:mm:ss'] }, samples: [] };
    const result = await call('formats.test', { definition: draft, lines: ['Mar  5 09:00:00 hello'], tz: 'Europe/Berlin' });
    expect(result.error).toBeNull();
    expect(new Date(result.lines[0]!.tsMs!).toISOString()).toBe('2026-03-05T08:00:00.000Z');
    expect(result.timeNote).toBe('zone Europe/Berlin (chosen in the format editor); year the newest loaded event (2026-03-05T14:14:00Z)');
  });

  it('refuses a re-parse with an unknown format or a bad zone', async () => {
    await expect(call('formats.reparse', { formatId: 'nope' })).rejects.toThrow('no format "nope"');
    await expect(call('formats.reparse', { formatId: 'fw7', tz: 'Mars/Olympus' })).rejects.toThrow('"Mars/Olympus" is not a time zone');
  });
});
