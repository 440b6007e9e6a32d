import { describe, expect, it } from 'vitest';
import { coverageNotes, type HostFileSpan } from '../../../main/engine/coverage-notes.js';
import type { Source } from '../../../shared/types/event.js';

const DAY = 86_400_000;
const MARCH_1 = Date.UTC(2024, 2, 1);

function file(path: string, source: Source, firstTs: number, lastTs: number, format = 'syslog'): HostFileSpan {
  return { path, format, source, firstTs, lastTs };
}

const NONE = new Set<Source>();

describe('coverageNotes', () => {
  it('names every family a host has no logs of', () => {
    const notes = coverageNotes('maas-01', [file('var/log/auth.log', 'system', MARCH_1, MARCH_1 + DAY), file('var/log/auth.log.1', 'system', MARCH_1 - DAY, MARCH_1)], NONE);
    expect(notes).toEqual(['no UFW/firewall logs at all', 'no web server logs at all', 'no MAAS logs at all', 'no audit logs at all']);
  });

  it('points a named host to the logs without a host name rather than calling them absent', () => {
    const notes = coverageNotes('maas-01', [file('var/log/syslog.1', 'system', MARCH_1, MARCH_1)], new Set<Source>(['web']));
    expect(notes).toContain('no web server logs naming this host (see unknown host)');
  });

  it('says which logs have only their current file, not for rotated ones', () => {
    const notes = coverageNotes('h', [
      file('var/log/syslog', 'system', MARCH_1, MARCH_1),
      file('var/log/kern.log', 'firewall', MARCH_1, MARCH_1),
      file('var/log/auth.log', 'system', MARCH_1, MARCH_1),
      file('var/log/auth.log.2.gz', 'system', MARCH_1, MARCH_1),
      file('journal.export', 'system', MARCH_1, MARCH_1, 'journal-export'),
    ], NONE);
    expect(notes).toContain('no rotated logs for kern.log, syslog (only the current files)');
    expect(notes.join('\n')).not.toMatch(/auth\.log|journal/);
  });

  it('calls a journal shorter than the files when it misses more than an hour at either end', () => {
    const files = [file('var/log/syslog.1', 'system', MARCH_1, MARCH_1 + 5 * DAY)];
    const journal = (first: number, last: number) => file('sos_commands/logs/journal.json', 'system', first, last, 'journal-json');
    expect(coverageNotes('h', [...files, journal(MARCH_1 + 4 * DAY + 10 * 3_600_000, MARCH_1 + 5 * DAY)], NONE)).toContain(
      'journal covers 2024-03-05T10:00Z..2024-03-06T00:00Z, shorter than the files (2024-03-01T00:00Z..2024-03-06T00:00Z)',
    );
    expect(coverageNotes('h', [...files, journal(MARCH_1 + 3_000_000, MARCH_1 + 5 * DAY)], NONE).join('\n')).not.toMatch(/journal covers/);
  });

  it('names files sos-report truncated', () => {
    expect(coverageNotes(null, [file('var/log/auth.log.tailed', 'system', MARCH_1, MARCH_1)], NONE)).toEqual([
      'no rotated logs for auth.log (only the current file)',
      'auth.log is truncated (.tailed)',
    ]);
  });

  it('does not list missing families for events that name no host', () => {
    expect(coverageNotes(null, [file('apache2/access.log.1', 'web', MARCH_1, MARCH_1)], NONE)).toEqual([]);
  });
});
