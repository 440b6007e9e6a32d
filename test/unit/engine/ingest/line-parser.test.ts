import { describe, expect, it } from 'vitest';
import { FormatDefinitionSchema } from '../../../../shared/types/format-definition.js';
import { compileFormat } from '../../../../main/engine/formats/compile.js';
import { createRegistry } from '../../../../main/engine/formats/registry.js';
import { parseBuffer } from '../../../../main/engine/ingest/parse-buffer.js';
import { formatIsoUtc } from '../../../../main/engine/time/zone.js';

function format(def: Record<string, unknown>) {
  return compileFormat(FormatDefinitionSchema.parse({ samples: [{ line: 'x', expect: {} }], ...def }), `${String(def.id)}.json`);
}

const envelope = format({
  id: 'test-envelope',
  title: 'year-less envelope',
  source: 'system',
  patterns: ['^(?<timestamp>\\w{3} +\\d+ \\d\\d:\\d\\d:\\d\\d) (?<host>\\S+) (?<program>[^\\[:]+)(?:\\[(?<pid>\\d+)\\])?: (?<message>.*)$'],
  timestamp: { layouts: ['MMM d HH:mm:ss'] },
  continuation: '^\\s',
  header: '^-- Logs begin at \\w+ \\S+ \\S+ \\S+, end at \\w+ (?<end>\\S+ \\S+) (?<tz>\\S+)\\. --$',
  ignore: ['^-- Boot [0-9a-f]+ --$'],
});
const blocked = format({
  id: 'test-blocked',
  title: 'a message format',
  kind: 'message',
  source: 'firewall',
  priority: 5,
  when: { program: '^kernel$' },
  patterns: [{ regex: '^BLOCK (?<src_ip>\\S+) -> (?<dst_ip>\\S+):(?<dst_port>\\d+)(?: (?<_in>\\S*))?', set: { action: 'block' } }],
  set: [{ field: 'direction', value: 'outbound', when: { _in: '^$' } }],
  fields: { src_ip: 'ip' },
});
const repeated = format({
  id: 'test-repeated',
  title: 'a message format that hands its inner message on',
  kind: 'message',
  priority: 9,
  patterns: ['^repeated (?<repeat>\\d+) times: \\[(?<message>.*)\\]$'],
});
const registry = createRegistry([envelope, blocked, repeated]);

function parse(lines: string[], time: { tz?: string; year?: number } = { tz: 'UTC', year: 2026 }) {
  return parseBuffer(registry, Buffer.from(lines.join('\n') + '\n'), { path: 'kern.log', time });
}

describe('LineParser', () => {
  it('refines a message through a chain of message formats and keeps the file format on the file', () => {
    const { events, detection } = parse(['Mar  1 10:00:00 gw kernel: repeated 3 times: [BLOCK ::ffff:10.0.0.1 -> 8.8.8.8:53 ]']);
    expect(detection.format?.id).toBe('test-envelope');
    expect(events[0]).toMatchObject({
      source: 'firewall',
      format: 'test-blocked',
      fields: { host: 'gw', program: 'kernel', src_ip: '10.0.0.1', dst_ip: '8.8.8.8', dst_port: 53, action: 'block', direction: 'outbound' },
      extra: { repeat: '3', ts_inferred: 'year,zone' },
    });
  });

  it('appends continuation lines to the record above and counts every line', () => {
    const { events, counts } = parse(['Mar  1 10:00:00 h app[1]: Traceback', '  File "x.py", line 1', '\tboom', 'Mar  1 10:00:01 h app[1]: next']);
    expect(events.map((e) => e.fields.message)).toEqual(['Traceback\n  File "x.py", line 1\n\tboom', 'next']);
    expect(counts).toEqual({ lines: 4, events: 2, continuation: 2, ignored: 0, unparsed: 0 });
  });

  it('keeps a line it cannot parse as an unparsed event dated by its neighbour', () => {
    const { events, counts, warnings } = parse(['junk first', 'Mar  1 10:00:00 h app: one', 'more junk', 'Mar  1 10:00:05 h app: two']);
    expect(counts).toEqual({ lines: 4, events: 2, continuation: 0, ignored: 0, unparsed: 2 });
    const unparsed = events.filter((e) => e.format === 'unparsed');
    expect(unparsed.map((e) => [e.line, e.raw, formatIsoUtc(e.ts), e.extra.ts_inferred])).toEqual([
      [1, 'junk first', '2026-03-01T10:00:00Z', 'next-line'],
      [3, 'more junk', '2026-03-01T10:00:00Z', 'previous-line'],
    ]);
    expect(warnings).toEqual([
      'kern.log:1: no pattern of the test-envelope format matches; line kept as unparsed',
      'kern.log:3: no pattern of the test-envelope format matches; line kept as unparsed',
    ]);
  });

  it('keeps a line with an impossible date as unparsed and says why', () => {
    const { counts, warnings } = parse(['Feb 30 10:00:01 h app: x']);
    expect(counts.unparsed).toBe(1);
    expect(warnings[0]).toBe('kern.log:1: "Feb 30 10:00:01" is not a date; line kept as unparsed');
  });

  it('reads zone-less stamps in the given zone across a DST change', () => {
    const { events } = parse(['Mar  8 01:59:59 h app: before', 'Mar  8 03:00:00 h app: after'], { tz: 'America/Chicago', year: 2026 });
    expect(events.map((e) => formatIsoUtc(e.ts))).toEqual(['2026-03-08T07:59:59Z', '2026-03-08T08:00:00Z']);
    expect(events[0]!.extra.ts_inferred).toBe('year,zone');
  });

  it('takes year and zone from a journalctl header and ignores boot separators', () => {
    const { events, counts, timeNote } = parse([
      '-- Logs begin at Fri 2021-12-31 09:34:04 UTC, end at Sat 2022-01-01 16:19:19 UTC. --',
      'Dec 31 23:59:00 h app: old year',
      '-- Boot 0123abcd --',
      'Jan 01 00:00:30 h app: new year',
    ], { tz: 'Asia/Tokyo' });
    expect(events.map((e) => formatIsoUtc(e.ts))).toEqual(['2021-12-31T23:59:00Z', '2022-01-01T00:00:30Z']);
    expect(events[0]!.extra.ts_inferred).toBe('year');
    expect(counts).toEqual({ lines: 4, events: 2, continuation: 0, ignored: 2, unparsed: 0 });
    expect(timeNote).toMatch(/UTC \(stated by the file header\)/);
  });
});
