import { afterEach, describe, expect, it } from 'vitest';
import {
  formatIsoUtc, isValidTimeZone, machineTimeZone, wallTimeAt, wallTimeToUtc, zoneOffsetMinutes, type WallTime,
} from '../../../../main/engine/time/zone.js';

/** "2026-03-08 02:30:00" (optionally ".045015") as a wall time. */
const wall = (text: string): WallTime => {
  const m = /^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)(?:\.(\d+))?$/.exec(text)!;
  const n = (i: number) => Number(m[i]);
  return { year: n(1), month: n(2), day: n(3), hour: n(4), minute: n(5), second: n(6), fractionMs: m[7] ? Number(`0.${m[7]}`) * 1000 : 0 };
};
const toUtc = (text: string, zone: string) => {
  const r = wallTimeToUtc(wall(text), zone);
  return r.note ? { iso: formatIsoUtc(r.utcMs), note: r.note } : { iso: formatIsoUtc(r.utcMs) };
};

/** The wall time at an instant as Intl itself prints it: the oracle for the cached offsets. */
const oracles = new Map<string, Intl.DateTimeFormat>();
const intlWall = (utcMs: number, zone: string): WallTime => {
  let oracle = oracles.get(zone);
  if (!oracle) {
    oracle = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    oracles.set(zone, oracle);
  }
  const parts = oracle.formatToParts(utcMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second'), fractionMs: 0 };
};

describe('wallTimeToUtc', () => {
  it('uses the tz database, not a fixed offset: CST in winter, CDT in summer', () => {
    expect(toUtc('2026-02-06 16:27:08', 'America/Chicago')).toEqual({ iso: '2026-02-06T22:27:08Z' });
    expect(toUtc('2026-07-06 16:27:08', 'America/Chicago')).toEqual({ iso: '2026-07-06T21:27:08Z' });
  });

  it('moves a time in the spring DST gap forward by the gap and says so', () => {
    expect(toUtc('2026-03-08 02:30:00', 'America/Chicago')).toEqual({ iso: '2026-03-08T08:30:00Z', note: 'gap' });
    expect(toUtc('2026-03-29 02:30:00', 'Europe/Berlin')).toEqual({ iso: '2026-03-29T01:30:00Z', note: 'gap' });
  });

  it('places the times either side of a gap without a note', () => {
    expect(toUtc('2026-03-08 01:59:59', 'America/Chicago')).toEqual({ iso: '2026-03-08T07:59:59Z' });
    expect(toUtc('2026-03-08 03:00:00', 'America/Chicago')).toEqual({ iso: '2026-03-08T08:00:00Z' });
    expect(toUtc('2026-03-29 01:59:59', 'Europe/Berlin')).toEqual({ iso: '2026-03-29T00:59:59Z' });
    expect(toUtc('2026-03-29 03:00:00', 'Europe/Berlin')).toEqual({ iso: '2026-03-29T01:00:00Z' });
  });

  it('takes the first occurrence of a time repeated when clocks go back, and says so', () => {
    expect(toUtc('2026-11-01 01:30:00', 'America/Chicago')).toEqual({ iso: '2026-11-01T06:30:00Z', note: 'repeat' });
    expect(toUtc('2026-10-25 02:30:00', 'Europe/Berlin')).toEqual({ iso: '2026-10-25T00:30:00Z', note: 'repeat' });
  });

  it('places the times either side of a repeat without a note', () => {
    expect(toUtc('2026-11-01 00:59:59', 'America/Chicago')).toEqual({ iso: '2026-11-01T05:59:59Z' });
    expect(toUtc('2026-11-01 02:00:00', 'America/Chicago')).toEqual({ iso: '2026-11-01T08:00:00Z' });
    expect(toUtc('2026-10-25 01:59:59', 'Europe/Berlin')).toEqual({ iso: '2026-10-24T23:59:59Z' });
    expect(toUtc('2026-10-25 03:00:00', 'Europe/Berlin')).toEqual({ iso: '2026-10-25T02:00:00Z' });
  });

  it('handles a half-hour DST change (Lord Howe Island)', () => {
    expect(toUtc('2026-10-04 02:15:00', 'Australia/Lord_Howe')).toEqual({ iso: '2026-10-03T15:45:00Z', note: 'gap' });
  });

  it('places the same wall time right in zones with half-hour and 45-minute offsets', () => {
    expect(toUtc('2026-01-15 12:00:00', 'UTC')).toEqual({ iso: '2026-01-15T12:00:00Z' });
    expect(toUtc('2026-01-15 12:00:00', 'Asia/Kolkata')).toEqual({ iso: '2026-01-15T06:30:00Z' });
    expect(toUtc('2026-01-15 12:00:00', 'America/St_Johns')).toEqual({ iso: '2026-01-15T15:30:00Z' });
    expect(toUtc('2026-07-15 12:00:00', 'America/St_Johns')).toEqual({ iso: '2026-07-15T14:30:00Z' });
    expect(toUtc('2026-01-15 12:00:00', 'Asia/Kathmandu')).toEqual({ iso: '2026-01-15T06:15:00Z' });
  });

  it('keeps the microseconds of the wall time', () => {
    expect(toUtc('2015-03-06 21:09:30.045015', 'America/Chicago')).toEqual({ iso: '2015-03-07T03:09:30.045015Z' });
  });

  it('works for years long before 1970 and far in the future', () => {
    expect(toUtc('1950-06-01 12:00:00', 'America/Chicago')).toEqual({ iso: '1950-06-01T17:00:00Z' });
    expect(toUtc('1850-01-01 12:00:00', 'America/Chicago')).toEqual({ iso: '1850-01-01T17:50:36Z' });
    expect(toUtc('2100-07-01 12:00:00', 'Europe/Berlin')).toEqual({ iso: '2100-07-01T10:00:00Z' });
    expect(toUtc('0099-03-01 12:00:00', 'UTC')).toEqual({ iso: '0099-03-01T12:00:00Z' });
  });

  it('reads UTC and Etc/UTC without any offset', () => {
    expect(toUtc('2026-03-08 02:30:00', 'UTC')).toEqual({ iso: '2026-03-08T02:30:00Z' });
    expect(toUtc('2026-03-08 02:30:00', 'Etc/UTC')).toEqual({ iso: '2026-03-08T02:30:00Z' });
  });

  it('refuses a zone the tz database does not know', () => {
    expect(() => wallTimeToUtc(wall('2026-01-01 00:00:00'), 'Mars/Olympus')).toThrow(RangeError);
  });

  it('gives back every instant of a year from its wall time, in zones with odd rules', () => {
    const zones = ['America/Chicago', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham', 'Africa/Casablanca', 'America/Santiago'];
    const step = 37 * 60_000 + 13_000;
    const wrong: string[] = [];
    for (const zone of zones) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += step) {
        const w = wallTimeAt(t, zone);
        const expected = intlWall(t, zone);
        if (JSON.stringify(w) !== JSON.stringify(expected)) wrong.push(`${zone} ${formatIsoUtc(t)}: wall ${JSON.stringify(w)}`);
        const back = wallTimeToUtc(w, zone);
        // A repeated wall time is given back as its first occurrence, at most an hour earlier.
        const firstOfRepeat = back.note === 'repeat' && back.utcMs < t && t - back.utcMs <= 3_600_000;
        if (back.utcMs !== t && !firstOfRepeat) wrong.push(`${zone} ${formatIsoUtc(t)}: back ${formatIsoUtc(back.utcMs)} ${back.note}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('wallTimeAt', () => {
  it('gives the wall time of an instant in a zone', () => {
    expect(wallTimeAt(Date.UTC(2027, 0, 1, 3), 'America/Chicago')).toEqual({ year: 2026, month: 12, day: 31, hour: 21, minute: 0, second: 0, fractionMs: 0 });
    expect(wallTimeAt(Date.UTC(2026, 0, 15, 6, 30), 'Asia/Kolkata')).toMatchObject({ day: 15, hour: 12, minute: 0 });
  });

  it('works before 1970', () => {
    expect(wallTimeAt(Date.UTC(1969, 11, 31, 23, 59, 59, 500), 'UTC')).toEqual({ year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59, fractionMs: 500 });
  });
});

describe('zoneOffsetMinutes', () => {
  it('gives the offset in force at an instant', () => {
    expect(zoneOffsetMinutes(Date.UTC(2026, 6, 1), 'Europe/Berlin')).toBe(120);
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 1), 'Europe/Berlin')).toBe(60);
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 1), 'America/St_Johns')).toBe(-210);
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 1), 'UTC')).toBe(0);
  });

  it('changes at the very second of a DST change', () => {
    const change = Date.UTC(2026, 2, 8, 8); // 02:00 CST becomes 03:00 CDT
    expect(zoneOffsetMinutes(change - 1000, 'America/Chicago')).toBe(-360);
    expect(zoneOffsetMinutes(change, 'America/Chicago')).toBe(-300);
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA names and UTC', () => {
    for (const zone of ['America/Chicago', 'Asia/Kolkata', 'America/St_Johns', 'UTC', 'Etc/UTC']) expect(isValidTimeZone(zone), zone).toBe(true);
  });

  it('rejects names the tz database does not know', () => {
    for (const zone of ['Mars/Olympus', '', 'America/Chicago ', 'CDT']) expect(isValidTimeZone(zone), zone).toBe(false);
  });
});

describe('machineTimeZone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it('follows the TZ environment variable', () => {
    process.env.TZ = 'America/Chicago';
    expect(machineTimeZone()).toBe('America/Chicago');
    process.env.TZ = 'Europe/Berlin';
    expect(machineTimeZone()).toBe('Europe/Berlin');
  });
});

describe('formatIsoUtc', () => {
  it('prints whole seconds without a fraction', () => {
    expect(formatIsoUtc(Date.UTC(2026, 2, 8, 8, 30))).toBe('2026-03-08T08:30:00Z');
  });

  it('prints milliseconds when there are some', () => {
    expect(formatIsoUtc(Date.UTC(2023, 6, 25, 7, 23, 28, 730))).toBe('2023-07-25T07:23:28.730Z');
    expect(formatIsoUtc(Date.UTC(2023, 6, 25, 7, 23, 28, 1))).toBe('2023-07-25T07:23:28.001Z');
  });

  it('prints microseconds when there are some', () => {
    expect(formatIsoUtc(1425697770045.015)).toBe('2015-03-07T03:09:30.045015Z');
    expect(formatIsoUtc(1534860261221.373)).toBe('2018-08-21T14:04:21.221373Z');
    expect(formatIsoUtc(Date.UTC(2026, 0, 1) + 0.001)).toBe('2026-01-01T00:00:00.000001Z');
  });

  it('rounds below the microsecond, carrying into the next millisecond', () => {
    expect(formatIsoUtc(Date.UTC(2026, 0, 1, 0, 0, 0, 999) + 0.9996)).toBe('2026-01-01T00:00:01Z');
  });

  it('prints instants before 1970 and after 9999', () => {
    expect(formatIsoUtc(Date.UTC(1969, 11, 31, 23, 59, 59, 500))).toBe('1969-12-31T23:59:59.500Z');
    expect(formatIsoUtc(Date.UTC(10000, 0, 1))).toBe('+010000-01-01T00:00:00Z');
  });
});
