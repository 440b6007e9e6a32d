import { describe, expect, it } from 'vitest';
import { journalShortfalls, rotationHoles, truncatedGaps, type FileSpan } from '../../../../main/engine/timeline/gaps/file-gaps.js';

const H = 3_600_000;
const T = Date.UTC(2026, 2, 5);
const file = (path: string, firstH: number, lastH: number, over: Partial<FileSpan> = {}): FileSpan => ({ path, format: 'syslog', source: 'system', host: 'h1', firstTs: T + firstH * H, lastTs: T + lastH * H, ...over });

describe('gaps the files show', () => {
  it('shades what a .tailed file lost, back to the host\'s earliest other log', () => {
    const gaps = truncatedGaps([file('b!/var/log/syslog.tailed', 10, 12), file('b!/var/log/auth.log', 2, 11)]);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ kind: 'truncated', host: 'h1', fromMs: T + 2 * H, toMs: T + 10 * H });
    expect(gaps[0]!.title).toBe('syslog.tailed is truncated: nothing of it before 2026-03-05T10:00:00Z');
    expect(gaps[0]!.explanation).toMatch(/only the last part of syslog/);
  });

  it('finds a missing rotated file between its neighbours, and ignores date suffixes', () => {
    const gaps = rotationHoles([file('var/log/syslog', 20, 24), file('var/log/syslog.1', 10, 19), file('var/log/syslog.3.gz', 0, 4), file('var/log/auth.log-20260301', 0, 1), file('var/log/auth.log', 5, 6)]);
    expect(gaps).toEqual([expect.objectContaining({ kind: 'rotation-hole', fromMs: T + 4 * H, toMs: T + 10 * H, title: 'rotation hole in syslog: file 2 missing' })]);
  });

  it('keeps rotations of different hosts apart', () => {
    expect(rotationHoles([file('syslog', 20, 24, { host: 'a' }), file('syslog.2', 0, 4, { host: 'b' })])).toEqual([]);
  });

  it('shades where the journal is shorter than the files, at either end', () => {
    const gaps = journalShortfalls([file('journal.json', 8, 9, { format: 'journal-json' }), file('auth.log', 0, 12)]);
    expect(gaps.map((g) => [g.title, (g.fromMs - T) / H, (g.toMs - T) / H])).toEqual([
      ['journal of h1 starts late', 0, 8],
      ['journal of h1 ends early', 9, 12],
    ]);
  });
});
