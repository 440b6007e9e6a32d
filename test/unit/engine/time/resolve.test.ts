import { describe, expect, it } from 'vitest';
import { compileLayout } from '../../../../main/engine/time/layout.js';
import { resolveStamp, type TimeContext } from '../../../../main/engine/time/resolve.js';
import { formatIsoUtc } from '../../../../main/engine/time/zone.js';

const syslog = compileLayout('MMM d HH:mm:ss');
const iso = compileLayout('iso8601');
const ctx = (over: Partial<TimeContext> = {}): TimeContext => ({ zone: 'UTC', zoneReason: 'test', zoneAssumed: true, referenceMs: null, ...over });
const at = (stamp: string, c: TimeContext, layout = syslog) => {
  const r = resolveStamp(layout.parse(stamp)!, c);
  return r && { iso: formatIsoUtc(r.tsMs), yearInferred: r.yearInferred, zoneAssumed: r.zoneAssumed };
};

describe('resolveStamp', () => {
  it('rolls a year-less stamp back a year when it would lie after the reference (a log across New Year)', () => {
    const c = ctx({ referenceMs: Date.parse('2027-01-02T10:00:00Z') });
    expect(at('Dec 31 23:59:59', c)).toEqual({ iso: '2026-12-31T23:59:59Z', yearInferred: true, zoneAssumed: true });
    expect(at('Jan  1 00:00:01', c)?.iso).toBe('2027-01-01T00:00:01Z');
  });

  it('keeps a stamp shortly after the reference in the reference year (clock skew)', () => {
    expect(at('Jan  3 12:00:00', ctx({ referenceMs: Date.parse('2027-01-02T10:00:00Z') }))?.iso).toBe('2027-01-03T12:00:00Z');
  });

  it('puts every year-less stamp in a fixed --year', () => {
    expect(at('Dec 31 23:59:59', ctx({ fixedYear: 2026, referenceMs: Date.parse('2027-01-02T10:00:00Z') }))?.iso).toBe('2026-12-31T23:59:59Z');
  });

  it('reads the reference year in the zone of the stamps', () => {
    // 2027-01-01T03:00Z is still 2026 in Chicago: a "Dec 31 20:00" stamp there is 2026.
    const c = ctx({ zone: 'America/Chicago', referenceMs: Date.parse('2027-01-01T03:00:00Z') });
    expect(at('Dec 31 20:00:00', c)?.iso).toBe('2027-01-01T02:00:00Z');
  });

  it('finds the leap year of a Feb 29 stamp, and refuses a Feb 30', () => {
    expect(at('Feb 29 12:00:00', ctx({ referenceMs: Date.parse('2026-06-01T00:00:00Z') }))?.iso).toBe('2024-02-29T12:00:00Z');
    expect(resolveStamp(syslog.parse('Feb 30 12:00:00')!, ctx({ fixedYear: 2026 }))).toBeNull();
  });

  it('cannot place a year-less stamp without a reference', () => {
    expect(resolveStamp(syslog.parse('Mar  1 00:00:00')!, ctx())).toBeNull();
  });

  it('ignores the context zone for stamps that carry an offset, and does not call them assumed', () => {
    expect(at('2025-11-01T17:50:05.536116+01:00', ctx({ zone: 'Asia/Tokyo' }), iso)).toEqual({ iso: '2025-11-01T16:50:05.536116Z', yearInferred: false, zoneAssumed: false });
  });

  it('places mixed zones of one input each by its own rule', () => {
    const chicago = ctx({ zone: 'America/Chicago', fixedYear: 2026 });
    expect(at('Mar  1 10:00:00', chicago)?.iso).toBe('2026-03-01T16:00:00Z');
    expect(at('2026-03-01T10:00:00+05:30', chicago, iso)?.iso).toBe('2026-03-01T04:30:00Z');
    expect(at('2026-03-01T10:00:00Z', chicago, iso)?.iso).toBe('2026-03-01T10:00:00Z');
  });
});
