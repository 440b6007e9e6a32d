import { afterEach, describe, expect, it } from 'vitest';
import { compileLayout, type CompiledLayout } from '../../../../main/engine/time/layout.js';
import { resolveStamp, type TimeContext } from '../../../../main/engine/time/resolve.js';
import { formatIsoUtc } from '../../../../main/engine/time/zone.js';

const syslog = compileLayout('MMM d HH:mm:ss');
const iso = compileLayout('iso8601');
const ctx = (over: Partial<TimeContext> = {}): TimeContext => ({ zone: 'UTC', zoneReason: 'test', zoneAssumed: true, referenceMs: null, ...over });
const resolve = (stamp: string, c: TimeContext, layout: CompiledLayout = syslog) => {
  const parts = layout.parse(stamp);
  if (!parts) throw new Error(`test stamp "${stamp}" does not parse`);
  return resolveStamp(parts, c);
};
/** The resolved instant as ISO text, plus what was inferred. */
const at = (stamp: string, c: TimeContext, layout: CompiledLayout = syslog) => {
  const r = resolve(stamp, c, layout);
  if (!r) return null;
  const out: { iso: string; yearInferred: boolean; zoneAssumed: boolean; note?: string } = { iso: formatIsoUtc(r.tsMs), yearInferred: r.yearInferred, zoneAssumed: r.zoneAssumed };
  if (r.note) out.note = r.note;
  return out;
};
const isoAt = (stamp: string, c: TimeContext, layout: CompiledLayout = syslog) => at(stamp, c, layout)?.iso;

describe('resolveStamp', () => {
  describe('year-less stamps', () => {
    const newYear = ctx({ referenceMs: Date.parse('2027-01-02T10:00:00Z') });

    it('rolls a stamp back a year when it would lie more than two days after the reference (a log across New Year)', () => {
      expect(at('Dec 31 23:59:59', newYear)).toEqual({ iso: '2026-12-31T23:59:59Z', yearInferred: true, zoneAssumed: true });
      expect(at('Jan  1 00:00:01', newYear)).toEqual({ iso: '2027-01-01T00:00:01Z', yearInferred: true, zoneAssumed: true });
    });

    it('keeps a stamp up to two days after the reference in the reference year (clock skew)', () => {
      expect(isoAt('Jan  3 12:00:00', newYear)).toBe('2027-01-03T12:00:00Z');
      expect(isoAt('Jan  4 10:00:00', newYear)).toBe('2027-01-04T10:00:00Z');
      expect(isoAt('Jan  4 10:00:01', newYear)).toBe('2026-01-04T10:00:01Z');
    });

    it('reads the reference year in the zone of the stamps', () => {
      // 2027-01-01T03:00Z is still 2026 in Chicago: a "Dec 31 20:00" stamp there is in 2026.
      const chicago = ctx({ zone: 'America/Chicago', referenceMs: Date.parse('2027-01-01T03:00:00Z') });
      expect(isoAt('Dec 31 20:00:00', chicago)).toBe('2027-01-01T02:00:00Z');
    });

    it('puts every stamp in a fixed --year, whatever the reference', () => {
      const fixed = ctx({ fixedYear: 2026, referenceMs: Date.parse('2027-01-02T10:00:00Z') });
      expect(at('Dec 31 23:59:59', fixed)).toEqual({ iso: '2026-12-31T23:59:59Z', yearInferred: true, zoneAssumed: true });
      expect(isoAt('Jan  1 00:00:01', fixed)).toBe('2026-01-01T00:00:01Z');
      expect(isoAt('Mar  1 00:00:00', ctx({ fixedYear: 2019 }))).toBe('2019-03-01T00:00:00Z');
    });

    it('finds the latest leap year for a Feb 29 stamp', () => {
      expect(isoAt('Feb 29 12:00:00', ctx({ referenceMs: Date.parse('2026-06-01T00:00:00Z') }))).toBe('2024-02-29T12:00:00Z');
      expect(isoAt('Feb 29 12:00:00', ctx({ referenceMs: Date.parse('2028-03-10T00:00:00Z') }))).toBe('2028-02-29T12:00:00Z');
      expect(isoAt('Feb 29 12:00:00', ctx({ referenceMs: Date.parse('2028-01-10T00:00:00Z') }))).toBe('2024-02-29T12:00:00Z');
    });

    it('refuses a Feb 29 in a fixed year that has none', () => {
      expect(resolve('Feb 29 12:00:00', ctx({ fixedYear: 2026 }))).toBeNull();
      expect(isoAt('Feb 29 12:00:00', ctx({ fixedYear: 2024 }))).toBe('2024-02-29T12:00:00Z');
    });

    it('refuses dates that no year has', () => {
      expect(resolve('Feb 30 12:00:00', ctx({ fixedYear: 2026 }))).toBeNull();
      expect(resolve('Apr 31 12:00:00', ctx({ referenceMs: Date.parse('2026-06-01T00:00:00Z') }))).toBeNull();
    });

    it('cannot place a stamp without a reference or a fixed year', () => {
      expect(resolve('Mar  1 00:00:00', ctx())).toBeNull();
    });
  });

  describe('stamps with a year', () => {
    it('keeps the stamp\'s own year, inferring nothing but the zone', () => {
      const c = ctx({ zone: 'America/Chicago', fixedYear: 2020, referenceMs: Date.parse('2027-01-02T10:00:00Z') });
      expect(at('2022-09-29 20:00:16', c, iso)).toEqual({ iso: '2022-09-30T01:00:16Z', yearInferred: false, zoneAssumed: true });
    });

    it('refuses a date that does not exist', () => {
      expect(resolve('2026-02-29 00:00:00', ctx(), iso)).toBeNull();
      expect(resolve('2026-02-30 00:00:00', ctx(), iso)).toBeNull();
      expect(isoAt('2024-02-29 00:00:00', ctx(), iso)).toBe('2024-02-29T00:00:00Z');
      expect(isoAt('2000-02-29 00:00:00', ctx(), iso)).toBe('2000-02-29T00:00:00Z');
      expect(resolve('1900-02-29 00:00:00', ctx(), iso)).toBeNull();
    });

    it('does not call the zone assumed when the format defines it', () => {
      const maasEvents = ctx({ zone: 'UTC', zoneAssumed: false });
      expect(at('Thu, 29 Sep. 2022 20:04:17', maasEvents, compileLayout("EEE, dd MMM'.' yyyy HH:mm:ss"))).toEqual({
        iso: '2022-09-29T20:04:17Z', yearInferred: false, zoneAssumed: false,
      });
    });
  });

  describe('stamps with an offset or an epoch', () => {
    it('ignores the context zone for a stamp with an offset, and does not call it assumed', () => {
      expect(at('2025-11-01T17:50:05.536116+01:00', ctx({ zone: 'Asia/Tokyo' }), iso)).toEqual({
        iso: '2025-11-01T16:50:05.536116Z', yearInferred: false, zoneAssumed: false,
      });
      expect(at('10/Oct/2000:13:55:36 -0700', ctx({ zone: 'Europe/Berlin' }), compileLayout('dd/MMM/yyyy:HH:mm:ss Z'))).toEqual({
        iso: '2000-10-10T20:55:36Z', yearInferred: false, zoneAssumed: false,
      });
    });

    it('reads a local time that a DST change skips as written when it has an offset', () => {
      expect(at('2026-03-08T02:30:00-06:00', ctx({ zone: 'America/Chicago' }), iso)).toEqual({
        iso: '2026-03-08T08:30:00Z', yearInferred: false, zoneAssumed: false,
      });
    });

    it('takes an epoch as it is, inferring nothing', () => {
      const c = ctx({ zone: 'America/Chicago', fixedYear: 2001, referenceMs: 0 });
      expect(at('1364481363.243', c, compileLayout('epoch-s'))).toEqual({ iso: '2013-03-28T14:36:03.243Z', yearInferred: false, zoneAssumed: false });
      expect(at('1534860261221373', c, compileLayout('epoch-us'))).toEqual({ iso: '2018-08-21T14:04:21.221373Z', yearInferred: false, zoneAssumed: false });
    });
  });

  describe('zones', () => {
    it('moves a time in a DST gap forward and notes it (America/Chicago, Europe/Berlin)', () => {
      expect(at('Mar  8 02:30:00', ctx({ zone: 'America/Chicago', fixedYear: 2026 }))).toEqual({
        iso: '2026-03-08T08:30:00Z', yearInferred: true, zoneAssumed: true, note: 'gap',
      });
      expect(at('2026-03-29 02:30:00', ctx({ zone: 'Europe/Berlin' }), iso)).toEqual({
        iso: '2026-03-29T01:30:00Z', yearInferred: false, zoneAssumed: true, note: 'gap',
      });
    });

    it('takes the first of a repeated time and notes it (America/Chicago, Europe/Berlin)', () => {
      expect(at('Nov  1 01:30:00', ctx({ zone: 'America/Chicago', fixedYear: 2026 }))).toEqual({
        iso: '2026-11-01T06:30:00Z', yearInferred: true, zoneAssumed: true, note: 'repeat',
      });
      expect(at('2026-10-25 02:30:00', ctx({ zone: 'Europe/Berlin' }), iso)).toEqual({
        iso: '2026-10-25T00:30:00Z', yearInferred: false, zoneAssumed: true, note: 'repeat',
      });
    });

    it('places the same wall time of mixed zones in one input each at its own instant', () => {
      const stamp = '2026-01-15 12:00:00';
      expect(isoAt(stamp, ctx({ zone: 'UTC' }), iso)).toBe('2026-01-15T12:00:00Z');
      expect(isoAt(stamp, ctx({ zone: 'Asia/Kolkata' }), iso)).toBe('2026-01-15T06:30:00Z');
      expect(isoAt(stamp, ctx({ zone: 'America/St_Johns' }), iso)).toBe('2026-01-15T15:30:00Z');
      expect(isoAt(stamp, ctx({ zone: 'UTC' }), iso)).toBe('2026-01-15T12:00:00Z');
      // The same instants written with offsets, read in an unrelated context zone.
      const chicago = ctx({ zone: 'America/Chicago' });
      expect(isoAt('2026-01-15T12:00:00+05:30', chicago, iso)).toBe('2026-01-15T06:30:00Z');
      expect(isoAt('2026-01-15T12:00:00-03:30', chicago, iso)).toBe('2026-01-15T15:30:00Z');
      expect(isoAt('2026-01-15T12:00:00Z', chicago, iso)).toBe('2026-01-15T12:00:00Z');
    });

    it('infers the year of year-less stamps in each zone of a mixed input', () => {
      const referenceMs = Date.parse('2027-01-01T02:00:00Z');
      // At the reference it is 2027 in Kolkata but still 2026 in St John's.
      expect(isoAt('Jan  1 05:00:00', ctx({ zone: 'Asia/Kolkata', referenceMs }))).toBe('2026-12-31T23:30:00Z');
      expect(isoAt('Jan  1 05:00:00', ctx({ zone: 'America/St_Johns', referenceMs }))).toBe('2026-01-01T08:30:00Z');
      expect(isoAt('Dec 31 22:00:00', ctx({ zone: 'America/St_Johns', referenceMs }))).toBe('2027-01-01T01:30:00Z');
    });
  });

  describe('the machine', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      process.env.TZ = saved;
    });

    it('gives the same instants whatever the machine\'s zone', () => {
      const c = ctx({ zone: 'America/Chicago', referenceMs: Date.parse('2027-01-02T10:00:00Z') });
      const before = [isoAt('Dec 31 23:59:59', c), isoAt('Mar  8 02:30:00', c), isoAt('2026-07-01 12:00:00', c, iso)];
      process.env.TZ = 'Pacific/Kiritimati';
      expect([isoAt('Dec 31 23:59:59', c), isoAt('Mar  8 02:30:00', c), isoAt('2026-07-01 12:00:00', c, iso)]).toEqual(before);
      expect(before).toEqual(['2027-01-01T05:59:59Z', '2026-03-08T08:30:00Z', '2026-07-01T17:00:00Z']);
    });
  });
});
