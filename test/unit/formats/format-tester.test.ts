import { describe, expect, it } from 'vitest';
import { FormatDraftSchema, type FormatDraft } from '../../../shared/types/format-definition.js';
import { testFormat } from '../../../main/engine/formats/format-tester.js';
import { loadRegistry } from '../../../main/engine/formats/registry.js';

const registry = loadRegistry();

/** A made-up firewall's lines: `stamp|host|verdict|src:port->dst:port`. */
function fw7(overrides: Record<string, unknown> = {}): FormatDraft {
  return FormatDraftSchema.parse({
    id: 'fw7',
    title: 'fw7 firewall',
    source: 'firewall',
    patterns: ['^(?<timestamp>\\S+)\\|(?<host>[^|]+)\\|(?<action>[A-Z]+)\\|(?<src_ip>[\\d.]+):(?<src_port>\\d+)->(?<dst_ip>[\\d.]+):(?<dst_port>\\d+)$'],
    timestamp: { layouts: ['iso8601'] },
    values: { action: { DENY: 'block', ALLOW: 'allow' } },
    ...overrides,
  });
}

const LINES = [
  '2026-03-05T08:14:00Z|fw7|DENY|203.0.113.9:4444->10.0.0.5:22',
  'garbage that is no record',
  '',
  '2026-03-05T08:14:02.250Z|fw7|ALLOW|198.51.100.7:5050->10.0.0.5:443',
];

describe('the format tester', () => {
  it('counts matched, missed and ignored lines like fail2ban-regex', () => {
    const result = testFormat(fw7(), LINES, registry, { tz: 'UTC', year: 2026 });
    expect(result.error).toBeNull();
    expect(result.counts).toEqual({ lines: 4, matched: 2, missed: 1, ignored: 1, continuation: 0 });
    expect(result.lines.map((l) => l.status)).toEqual(['matched', 'missed', 'ignored', 'matched']);
    expect(result.lines[1]!.reason).toBe('no pattern of the fw7 format matches');
  });

  it('gives each capture its span in the line, in order', () => {
    const line = testFormat(fw7(), LINES, registry, { tz: 'UTC' }).lines[0]!;
    expect(line.captures.map((c) => [c.name, c.start, c.end, c.text])).toEqual([
      ['timestamp', 0, 20, '2026-03-05T08:14:00Z'],
      ['host', 21, 24, 'fw7'],
      ['action', 25, 29, 'DENY'],
      ['src_ip', 30, 41, '203.0.113.9'],
      ['src_port', 42, 46, '4444'],
      ['dst_ip', 48, 56, '10.0.0.5'],
      ['dst_port', 57, 59, '22'],
    ]);
    for (const c of line.captures) expect(line.text.slice(c.start, c.end)).toBe(c.text);
  });

  it('spans count UTF-16 units as the page indexes them, past astral characters', () => {
    const def = fw7({ patterns: ['^(?<timestamp>\\S+) (?<program>\\S+) (?<message>.*)$'] });
    const line = testFormat(def, ['2026-03-05T08:14:00Z 😀x tail'], registry, { tz: 'UTC' }).lines[0]!;
    const program = line.captures.find((c) => c.name === 'program')!;
    expect([program.start, program.end, program.text]).toEqual([21, 24, '😀x']);
  });

  it('yields the event as it would be stored: UTC time, mapped values, typed ports', () => {
    const [first, , , last] = testFormat(fw7(), LINES, registry, { tz: 'UTC' }).lines;
    expect(first!.tsMs).toBe(Date.UTC(2026, 2, 5, 8, 14, 0));
    expect(last!.tsMs).toBe(Date.UTC(2026, 2, 5, 8, 14, 2, 250));
    expect(first!.fields).toMatchObject({ source: 'firewall', format: 'fw7', host: 'fw7', action: 'block', src_ip: '203.0.113.9', src_port: 4444, dst_port: 22 });
    expect(first!.tsInferred).toBeNull();
  });

  it('reads a zone-less stamp in the zone given, and a year-less one in the year given', () => {
    const local = fw7({ timestamp: { layouts: ['yyyy-MM-dd HH:mm:ss'] }, patterns: ['^(?<timestamp>\\S+ \\S+)\\|(?<message>.*)$'] });
    const chicago = testFormat(local, ['2026-01-15 08:00:00|x'], registry, { tz: 'America/Chicago' }).lines[0]!;
    expect(new Date(chicago.tsMs!).toISOString()).toBe('2026-01-15T14:00:00.000Z');
    expect(chicago.tsInferred).toBe('zone');
    const yearless = fw7({ timestamp: { layouts: ['MMM d HH:mm:ss'] }, patterns: ['^(?<timestamp>\\w{3} +\\d+ [\\d:]+)\\|(?<message>.*)$'] });
    const berlin = testFormat(yearless, ['Jul  4 12:00:00|x'], registry, { tz: 'Europe/Berlin', year: 2025 }).lines[0]!;
    expect(new Date(berlin.tsMs!).toISOString()).toBe('2025-07-04T10:00:00.000Z');
    expect(berlin.tsInferred).toBe('year,zone');
  });

  it('misses a line whose stamp is not a date, saying so', () => {
    const line = testFormat(fw7(), ['2026-13-45T08:14:00Z|fw7|DENY|203.0.113.9:1->10.0.0.5:22'], registry, { tz: 'UTC' }).lines[0]!;
    expect(line.status).toBe('missed');
    expect(line.reason).toContain('is not a date');
    expect(line.captures.length).toBeGreaterThan(0);
  });

  it('joins continuation lines to the record above and counts them', () => {
    const def = fw7({ continuation: '^\\s+' });
    const result = testFormat(def, [LINES[0]!, '   more of it', LINES[3]!], registry, { tz: 'UTC' });
    expect(result.counts).toMatchObject({ matched: 2, continuation: 1, missed: 0 });
    expect(result.lines[0]!.fields.message).toBe(`${LINES[0]!}\n   more of it`);
  });

  it.each([
    ['(?<=x)y', 'lookbehind'],
    ['(?!x)y', 'negative lookahead'],
    ['(?<a>x)\\1', 'backreference'],
    ['(?<a>x)\\k<a>', 'named backreference'],
    ['(?>x)y', 'atomic group'],
  ])('names the unsupported construct in %s', (pattern, construct) => {
    const result = testFormat(fw7({ patterns: [pattern] }), LINES, registry, { tz: 'UTC' });
    expect(result.error?.path).toBe('patterns.0');
    expect(result.error?.message).toContain(`unsupported construct: ${construct}`);
    expect(result.error?.message).toContain('RE2');
    expect(result.lines).toEqual([]);
  });

  it('says what is wrong with a regex that is simply broken', () => {
    const result = testFormat(fw7({ patterns: ['^(?<timestamp>\\S+'] }), LINES, registry, { tz: 'UTC' });
    expect(result.error).toEqual({ path: 'patterns.0', message: 'invalid regex: missing closing ): `^(?<timestamp>\\S+`' });
  });

  it('cannot be hung by a catastrophic-backtracking regex', () => {
    // V8's backtracking engine takes longer than the age of the universe on this line; RE2 is linear.
    const started = performance.now();
    const result = testFormat(fw7({ patterns: ['^(?<timestamp>(a+)+)$'] }), [`${'a'.repeat(5000)}!`, 'a'.repeat(64) + '!'], registry, { tz: 'UTC' });
    expect(result.counts.missed).toBe(2);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('needs a timestamp and patterns for a line format', () => {
    expect(testFormat(fw7({ patterns: [] }), LINES, registry, { tz: 'UTC' }).error?.path).toBe('patterns');
    expect(testFormat(fw7({ timestamp: undefined }), LINES, registry, { tz: 'UTC' }).error?.path).toBe('timestamp');
  });

  it('tries a message format on each line as a message', () => {
    const def = fw7({ kind: 'message', timestamp: undefined, patterns: ['^DENY (?<src_ip>\\S+)$'] });
    const result = testFormat(def, ['DENY 203.0.113.9', 'ALLOW x'], registry, { tz: 'UTC' });
    expect(result.counts).toMatchObject({ matched: 1, missed: 1 });
    expect(result.lines[0]!.fields).toMatchObject({ src_ip: '203.0.113.9', format: 'fw7' });
  });
});
