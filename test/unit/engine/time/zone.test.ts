import { describe, expect, it } from 'vitest';
import { formatIsoUtc, isValidTimeZone, wallTimeToUtc, zoneOffsetMinutes } from '../../../../main/engine/time/zone.js';

const wall = (iso: string) => {
  const [d, t] = iso.split('T') as [string, string];
  const [year, month, day] = d.split('-').map(Number) as [number, number, number];
  const [hour, minute, second] = t.split(':').map(Number) as [number, number, number];
  return { year, month, day, hour, minute, second, fractionMs: 0 };
};
const utc = (iso: string, zone: string) => {
  const r = wallTimeToUtc(wall(iso), zone);
  return { iso: formatIsoUtc(r.utcMs), note: r.note };
};

describe('wallTimeToUtc', () => {
  it('uses the tz database, not a fixed offset: CST in winter, CDT in summer', () => {
    expect(utc('2026-02-06T16:27:08', 'America/Chicago').iso).toBe('2026-02-06T22:27:08Z');
    expect(utc('2026-07-06T16:27:08', 'America/Chicago').iso).toBe('2026-07-06T21:27:08Z');
  });

  it('moves a time in a DST gap forward by the gap and says so', () => {
    expect(utc('2026-03-08T02:30:00', 'America/Chicago')).toEqual({ iso: '2026-03-08T08:30:00Z', note: 'gap' });
    expect(utc('2026-03-29T02:30:00', 'Europe/Berlin')).toEqual({ iso: '2026-03-29T01:30:00Z', note: 'gap' });
  });

  it('takes the first occurrence of a time repeated when clocks go back, and says so', () => {
    expect(utc('2026-11-01T01:30:00', 'America/Chicago')).toEqual({ iso: '2026-11-01T06:30:00Z', note: 'repeat' });
    expect(utc('2026-10-25T02:30:00', 'Europe/Berlin')).toEqual({ iso: '2026-10-25T00:30:00Z', note: 'repeat' });
  });

  it('places the same wall time right in zones with half-hour offsets', () => {
    expect(utc('2026-01-15T12:00:00', 'UTC').iso).toBe('2026-01-15T12:00:00Z');
    expect(utc('2026-01-15T12:00:00', 'Asia/Kolkata').iso).toBe('2026-01-15T06:30:00Z');
    expect(utc('2026-01-15T12:00:00', 'America/St_Johns').iso).toBe('2026-01-15T15:30:00Z');
  });

  it('gives the offset in force at an instant', () => {
    expect(zoneOffsetMinutes(Date.UTC(2026, 6, 1), 'Europe/Berlin')).toBe(120);
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 1), 'Europe/Berlin')).toBe(60);
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA names and rejects others', () => {
    expect(isValidTimeZone('America/Chicago')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('formatIsoUtc', () => {
  it('prints a fraction only when there is one, to the microsecond', () => {
    expect(formatIsoUtc(Date.UTC(2026, 2, 8, 8, 30))).toBe('2026-03-08T08:30:00Z');
    expect(formatIsoUtc(Date.UTC(2023, 6, 25, 7, 23, 28, 730))).toBe('2023-07-25T07:23:28.730Z');
    expect(formatIsoUtc(1425697770045.015)).toBe('2015-03-07T03:09:30.045015Z');
  });
});
