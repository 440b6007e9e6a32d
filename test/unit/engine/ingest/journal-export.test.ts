import { describe, expect, it } from 'vitest';
import { JournalExportReader, type ExportRecord } from '../../../../main/engine/ingest/decoders/journal-export.js';
import { journalRecordValues, journalText } from '../../../../main/engine/ingest/decoders/journal-fields.js';

function binaryField(name: string, value: Buffer): Buffer {
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(value.length));
  return Buffer.concat([Buffer.from(`${name}\n`), size, value, Buffer.from('\n')]);
}

function read(data: Buffer, chunkSize = data.length) {
  const records: ExportRecord[] = [];
  const problems: string[] = [];
  const reader = new JournalExportReader((r) => records.push(r), (line, m) => problems.push(`${line}: ${m}`));
  for (let i = 0; i < data.length; i += chunkSize) reader.push(data.subarray(i, i + chunkSize));
  reader.end();
  return { records, problems, separators: reader.separators };
}

// From systemd's JOURNAL_EXPORT_FORMATS: journal.send("foo\nbar") is written as a binary field.
const EXPORT = Buffer.concat([
  Buffer.from('__CURSOR=s=739ad463348b4ceca5a9e69c95a3c93f;i=4ece7\n__REALTIME_TIMESTAMP=1342540861416409\n_HOSTNAME=epsilon\nSYSLOG_IDENTIFIER=gdm-password]\nSYSLOG_PID=587\nPRIORITY=4\n'),
  binaryField('MESSAGE', Buffer.from('foo\nbar')),
  Buffer.from('\n__REALTIME_TIMESTAMP=1342540861421465\n_TRANSPORT=kernel\nSYSLOG_IDENTIFIER=kernel\nMESSAGE=second\n\n'),
]);

describe('JournalExportReader', () => {
  it('splits records on empty lines and reads binary fields whose bytes hold newlines', () => {
    for (const chunkSize of [EXPORT.length, 7, 1]) {
      const { records, problems, separators } = read(EXPORT, chunkSize);
      expect(problems).toEqual([]);
      expect(records).toHaveLength(2);
      expect(journalText(records[0]!.fields.get('MESSAGE'))).toBe('foo\nbar');
      expect(records[0]!.line).toBe(1);
      expect(records[0]!.lines).toBe(6 + 3);
      expect(records[1]!.line).toBe(11);
      expect(separators).toBe(2);
    }
  });

  it('maps a record to event fields with the exact microsecond time', () => {
    const { records } = read(EXPORT);
    const decoded = journalRecordValues((name) => records[0]!.fields.get(name));
    expect(decoded).toEqual({
      tsMs: 1342540861416.409,
      values: { host: 'epsilon', program: 'gdm-password]', pid: 587, level: 'warning', message: 'foo\nbar' },
    });
  });

  it('reports a file that ends inside a binary field, keeping the records before it', () => {
    const cut = EXPORT.subarray(0, EXPORT.indexOf('foo'));
    const { records, problems } = read(cut);
    expect(records).toHaveLength(1);
    expect(problems[0]).toMatch(/ends inside a field/);
  });
});
