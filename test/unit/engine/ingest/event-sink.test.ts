import { describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, type EventColumn, type FieldValue, type ParsedEvent } from '../../../../shared/types/event.js';
import { toRow } from '../../../../main/engine/ingest/event-sink.js';

function asRecord(row: readonly FieldValue[]): Partial<Record<EventColumn, FieldValue>> {
  const record: Partial<Record<EventColumn, FieldValue>> = {};
  for (const [i, c] of EVENT_COLUMNS.entries()) if (row[i] !== null) record[c] = row[i]!;
  return record;
}

const UFW: ParsedEvent = {
  ts: 1_770_395_228_000, source: 'firewall', format: 'ufw', line: 7, raw: 'Feb  6 16:27:08 maas kernel: [UFW BLOCK] …',
  fields: { dst_port: 3194, src_ip: '77.72.85.26', action: 'block', host: 'maas', program: 'kernel', message: '[UFW BLOCK] …', src_port: undefined },
  extra: { in_if: 'eth0', flags: 'SYN' },
};

describe('toRow', () => {
  it('puts each field in its column, whatever the order the format gave them in', () => {
    expect(asRecord(toRow(UFW, 12, 3))).toEqual({
      ts: 1_770_395_228_000, seq: 12, source: 'firewall', format: 'ufw', host: 'maas', file_id: 3, line: 7, program: 'kernel',
      src_ip: '77.72.85.26', dst_port: 3194, action: 'block', message: '[UFW BLOCK] …', extra: '{"in_if":"eth0","flags":"SYN"}',
    });
    expect(toRow(UFW, 12, 3)).toHaveLength(EVENT_COLUMNS.length);
  });

  it('keeps the raw text of an unparsed line only, an undated event without a time, and no empty extra', () => {
    const unparsed = { ...UFW, ts: Number.NaN, format: 'unparsed', fields: {}, extra: {} } as ParsedEvent;
    expect(asRecord(toRow(unparsed, 1, 2))).toEqual({ seq: 1, source: 'firewall', format: 'unparsed', file_id: 2, line: 7, raw: UFW.raw });
    expect(asRecord(toRow(UFW, 1, 2)).raw).toBeUndefined();
  });

  it('leaves out a key that is not a column', () => {
    const odd = { ...UFW, fields: { ...UFW.fields, timestamp: 'Feb  6 16:27:08' } } as unknown as ParsedEvent;
    expect(toRow(odd, 12, 3)).toEqual(toRow(UFW, 12, 3));
  });
});
