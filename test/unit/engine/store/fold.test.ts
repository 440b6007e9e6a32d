import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, type EventColumn, type EventRow, type FieldValue } from '../../../../shared/types/event.js';
import { StoreCore } from '../../../../main/engine/store/store-core.js';

const UFW = '[UFW BLOCK] IN=eth0 OUT= MAC=a6:8d:e2:51:62:4c:f0:4b:3a:4f:80:30:08:00 SRC=77.72.85.26 DST=157.230.26.180 LEN=40 TOS=0x00 PREC=0x00 TTL=251 ID=62215 PROTO=TCP SPT=42772 DPT=3194 WINDOW=1024 RES=0x00 SYN URGP=0';
/** 2026-02-06T16:27:08Z */
const SECOND_MS = 1_770_395_228_000;

let seq = 0;
function ufwRow(fileId: number, line: number, values: Partial<Record<EventColumn, FieldValue>> = {}): EventRow {
  const defaults: Partial<Record<EventColumn, FieldValue>> = {
    ts: SECOND_MS, seq: ++seq, source: 'firewall', format: 'ufw', host: 'maas-rg01', program: 'kernel', file_id: fileId, line,
    src_ip: '77.72.85.26', dst_port: 3194, action: 'block', message: `[71910.873115] ${UFW} `,
  };
  const row = { ...defaults, ...values };
  return EVENT_COLUMNS.map((c) => row[c] ?? null);
}

const stores: StoreCore[] = [];
afterEach(() => {
  while (stores.length) stores.pop()!.close();
});

/** A store with one file per name, its events inserted as the import does, file by file. */
async function importFiles(files: Record<string, (fileId: number) => EventRow[]>): Promise<{ store: StoreCore; ids: Record<string, number> }> {
  const store = await StoreCore.create();
  stores.push(store);
  const ids: Record<string, number> = {};
  for (const [path, rows] of Object.entries(files)) {
    const id = store.addFile({ input: 'bundle', path, format: 'syslog', source: 'firewall', sha256: '', bytes: 1 });
    ids[path] = id;
    const events = rows(id);
    store.insertEvents(events);
    store.finishFile(id, { lines: events.length, events: events.length, continuation: 0, ignored: 0, unparsed: 0, firstTs: null, lastTs: null, warnings: [], timeNote: null });
  }
  return { store, ids };
}

function rows(store: StoreCore, sql: string): FieldValue[][] {
  return store.query(sql).rows;
}

describe('folding copies of one event seen in several files', () => {
  it('keeps one event and two copies when the same line is in kern.log, syslog and ufw.log', async () => {
    const { store, ids } = await importFiles({
      'kern.log': (f) => [ufwRow(f, 7)],
      syslog: (f) => [ufwRow(f, 120)],
      'ufw.log': (f) => [ufwRow(f, 3)],
    });
    expect(store.finishImport()).toMatchObject({ folded: 2, byFile: [{ fileId: ids.syslog, folded: 1 }, { fileId: ids['ufw.log'], folded: 1 }] });
    expect(rows(store, 'SELECT file_id, line FROM events')).toEqual([[ids['kern.log'], 7]]);
    expect(rows(store, 'SELECT event_id, file_id, line FROM event_copies ORDER BY file_id')).toEqual([[1, ids.syslog, 120], [1, ids['ufw.log'], 3]]);
    expect(rows(store, 'SELECT path, events, folded FROM files ORDER BY id')).toEqual([['kern.log', 1, 0], ['syslog', 1, 1], ['ufw.log', 1, 1]]);
  });

  it('keeps two identical lines of one file as two events', async () => {
    const { store } = await importFiles({ 'kern.log': (f) => [ufwRow(f, 1), ufwRow(f, 2)] });
    expect(store.finishImport().folded).toBe(0);
    expect(rows(store, 'SELECT count(*) FROM events')).toEqual([[2]]);
  });

  it('matches identical events multiset-wise: two in kern.log and two in syslog are two events', async () => {
    const { store, ids } = await importFiles({
      'kern.log': (f) => [ufwRow(f, 1), ufwRow(f, 2)],
      syslog: (f) => [ufwRow(f, 10), ufwRow(f, 11)],
      'ufw.log': (f) => [ufwRow(f, 5)],
    });
    expect(store.finishImport().folded).toBe(3);
    expect(rows(store, 'SELECT file_id, line FROM events ORDER BY id')).toEqual([[ids['kern.log'], 1], [ids['kern.log'], 2]]);
    // the k-th of each file folds into the k-th kept event
    expect(rows(store, 'SELECT event_id, line FROM event_copies ORDER BY event_id, line')).toEqual([[1, 5], [1, 10], [2, 11]]);
  });

  it('does not fold events one second apart, on another host or from another program', async () => {
    const { store } = await importFiles({
      'kern.log': (f) => [ufwRow(f, 1), ufwRow(f, 2, { host: 'maas-rg02' }), ufwRow(f, 3, { program: 'ufw-logger' })],
      syslog: (f) => [ufwRow(f, 1, { ts: SECOND_MS + 1000 }), ufwRow(f, 2), ufwRow(f, 3)],
    });
    // syslog line 2 and kern.log line 1 are the one pair with the same host, program and second
    expect(store.finishImport().folded).toBe(1);
    expect(rows(store, 'SELECT count(*) FROM events')).toEqual([[5]]);
    expect(rows(store, 'SELECT line FROM event_copies')).toEqual([[2]]);
  });

  it('folds within the same UTC second only, whatever the milliseconds', async () => {
    const { store } = await importFiles({
      'kern.log': (f) => [ufwRow(f, 1, { ts: SECOND_MS + 999 })],
      syslog: (f) => [ufwRow(f, 1, { ts: SECOND_MS })],
      'ufw.log': (f) => [ufwRow(f, 1, { ts: SECOND_MS + 1000 })],
    });
    expect(store.finishImport().folded).toBe(1);
    expect(rows(store, 'SELECT ts FROM events ORDER BY ts')).toEqual([[SECOND_MS + 999], [SECOND_MS + 1000]]);
  });

  it('folds a journal kernel message without the uptime stamp into the kern.log line, keeping the journal copy', async () => {
    const journalTs = SECOND_MS + 873.115;
    const { store, ids } = await importFiles({
      'kern.log': (f) => [ufwRow(f, 7)],
      'journal.export': (f) => [ufwRow(f, 40, { ts: journalTs, level: 'warning', message: UFW })],
    });
    expect(store.finishImport().folded).toBe(1);
    // the journal's time is exact to the µs where kern.log has whole seconds: it is the one kept
    expect(rows(store, 'SELECT ts, file_id, line, message FROM events')).toEqual([[journalTs, ids['journal.export'], 40, UFW]]);
    expect(rows(store, 'SELECT file_id, line FROM event_copies')).toEqual([[ids['kern.log'], 7]]);
  });

  it('does not take text inside brackets for an uptime stamp', async () => {
    const { store } = await importFiles({
      'kern.log': (f) => [ufwRow(f, 1, { message: '[eth0] link up' })],
      syslog: (f) => [ufwRow(f, 1, { message: 'link up' })],
    });
    expect(store.finishImport().folded).toBe(0);
  });

  it('leaves unparsed lines and events without a host alone', async () => {
    const { store } = await importFiles({
      'a.log': (f) => [ufwRow(f, 1, { format: 'unparsed' }), ufwRow(f, 2, { host: null })],
      'b.log': (f) => [ufwRow(f, 1, { format: 'unparsed' }), ufwRow(f, 2, { host: null })],
    });
    expect(store.finishImport().folded).toBe(0);
    expect(rows(store, 'SELECT count(*) FROM events')).toEqual([[4]]);
  });

  it('folds a later import into the events already there, moving earlier copies to a better keeper', async () => {
    const { store, ids } = await importFiles({ 'kern.log': (f) => [ufwRow(f, 7)], syslog: (f) => [ufwRow(f, 9)] });
    expect(store.finishImport().folded).toBe(1);
    const journal = store.addFile({ input: 'more', path: 'journal.export', format: 'journal-export', source: 'firewall', sha256: '', bytes: 1 });
    store.insertEvents([ufwRow(journal, 3, { ts: SECOND_MS + 0.5, message: UFW })]);
    expect(store.finishImport().folded).toBe(1);
    const [[kept, fileId, line]] = rows(store, 'SELECT id, file_id, line FROM events') as [[number, number, number]];
    expect([fileId, line]).toEqual([journal, 3]);
    expect(rows(store, 'SELECT event_id, file_id, line FROM event_copies ORDER BY file_id')).toEqual([[kept, ids['kern.log'], 7], [kept, ids.syslog, 9]]);
  });

  it('keeps the full-text index in step with the rows left', async () => {
    const { store } = await importFiles({ 'kern.log': (f) => [ufwRow(f, 1)] });
    expect(rows(store, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'UFW'")).toEqual([[1]]);
    const more = store.addFile({ input: 'bundle', path: 'syslog', format: 'syslog', source: 'firewall', sha256: '', bytes: 1 });
    store.insertEvents([ufwRow(more, 1)]);
    expect(store.finishImport().folded).toBe(1);
    expect(rows(store, "SELECT docid FROM events_fts WHERE events_fts MATCH 'UFW'")).toEqual([[1]]);
  });
});
