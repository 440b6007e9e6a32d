import { describe, expect, it } from 'vitest';
import { compileLayout } from '../../../../main/engine/time/layout.js';

describe('compileLayout', () => {
  describe('year-less syslog layouts', () => {
    const classic = compileLayout('MMM d HH:mm:ss');

    it('reads classic syslog stamps whose one-digit day is padded with a space', () => {
      expect(classic.parse('Nov  7 16:08:08')).toEqual({ month: 11, day: 7, hour: 16, minute: 8, second: 8, fractionMs: 0 });
      expect(classic.parse('Feb  6 16:27:08')).toMatchObject({ month: 2, day: 6 });
    });

    it('reads a day padded with a zero, or not padded at all', () => {
      expect(classic.parse('Jun 06 13:45:19')).toMatchObject({ month: 6, day: 6, hour: 13, minute: 45, second: 19 });
      expect(classic.parse('Feb 6 16:27:08')).toMatchObject({ month: 2, day: 6 });
      expect(classic.parse('Dec 31 23:59:59')).toMatchObject({ month: 12, day: 31 });
    });

    it('has no year and no zone for a classic stamp', () => {
      const parts = classic.parse('Nov  7 16:08:08');
      expect(parts?.year).toBeUndefined();
      expect(parts?.offsetMinutes).toBeUndefined();
      expect(parts?.epochMs).toBeUndefined();
    });

    it('reads month names in any case', () => {
      expect(classic.parse('jan  1 00:00:01')?.month).toBe(1);
      expect(classic.parse('SEP 09 10:42:29')?.month).toBe(9);
      expect(classic.parse('mAy 09 10:42:29')?.month).toBe(5);
    });

    it('reads journalctl short-precise stamps, keeping the microseconds', () => {
      const precise = compileLayout('MMM d HH:mm:ss.S');
      expect(precise.parse('Nov 07 16:08:08.123456')).toEqual({ month: 11, day: 7, hour: 16, minute: 8, second: 8, fractionMs: 123.456 });
      expect(precise.parse('Mar  7 03:09:30.045015')?.fractionMs).toBe(45.015);
      expect(precise.parse('Nov 07 16:08:08')).toBeNull();
    });

    it('reads fractions of 1 to 9 digits as milliseconds', () => {
      const precise = compileLayout('MMM d HH:mm:ss.S');
      expect(precise.parse('Nov 07 16:08:08.5')?.fractionMs).toBe(500);
      expect(precise.parse('Nov 07 16:08:08.05')?.fractionMs).toBe(50);
      expect(precise.parse('Nov 07 16:08:08.730')?.fractionMs).toBe(730);
      expect(precise.parse('Nov 07 16:08:08.123456789')?.fractionMs).toBeCloseTo(123.456789, 9);
      expect(precise.parse('Nov 07 16:08:08.1234567890')).toBeNull();
    });
  });

  describe('iso8601', () => {
    const iso = compileLayout('iso8601');

    it('reads RFC 3339 stamps with microseconds and a +hh:mm offset', () => {
      expect(iso.parse('2025-11-01T17:50:05.536116+01:00')).toEqual({
        year: 2025, month: 11, day: 1, hour: 17, minute: 50, second: 5, fractionMs: 536.116, offsetMinutes: 60,
      });
    });

    it('reads every offset form: Z, +hhmm, +hh and negative offsets', () => {
      expect(iso.parse('2023-07-25T07:23:28+0000')?.offsetMinutes).toBe(0);
      expect(iso.parse('2023-07-25T07:23:28.730Z')).toMatchObject({ fractionMs: 730, offsetMinutes: 0 });
      expect(iso.parse('2015-03-07T05:09:30-05')?.offsetMinutes).toBe(-300);
      expect(iso.parse('2026-01-15T08:30:00-03:30')?.offsetMinutes).toBe(-210);
      expect(iso.parse('2026-01-15T17:30:00+0530')?.offsetMinutes).toBe(330);
    });

    it('accepts a space instead of the T, and a stamp without a zone', () => {
      const parts = iso.parse('2022-09-29 20:00:16');
      expect(parts).toMatchObject({ year: 2022, month: 9, day: 29, hour: 20, minute: 0, second: 16, fractionMs: 0 });
      expect(parts?.offsetMinutes).toBeUndefined();
      expect(iso.parse('2022-09-29 20:00:16.123+02:00')).toMatchObject({ fractionMs: 123, offsetMinutes: 120 });
    });

    it('rejects offsets that no clock uses', () => {
      expect(iso.parse('2026-01-15T08:30:00+25:00')).toBeNull();
      expect(iso.parse('2026-01-15T08:30:00+05:75')).toBeNull();
      expect(iso.parse('2026-01-15T08:30:00+5')).toBeNull();
      expect(iso.parse('2026-01-15T08:30:00 UTC')).toBeNull();
    });
  });

  describe('layouts of the web and MAAS formats', () => {
    it('reads MAAS regiond.log stamps', () => {
      expect(compileLayout('yyyy-MM-dd HH:mm:ss').parse('2022-09-29 20:00:16')).toEqual({
        year: 2022, month: 9, day: 29, hour: 20, minute: 0, second: 16, fractionMs: 0,
      });
    });

    it('reads Apache access log stamps with their offset', () => {
      expect(compileLayout('dd/MMM/yyyy:HH:mm:ss Z').parse('10/Oct/2000:13:55:36 -0700')).toEqual({
        year: 2000, month: 10, day: 10, hour: 13, minute: 55, second: 36, fractionMs: 0, offsetMinutes: -420,
      });
    });

    it('reads Apache error log stamps with or without microseconds', () => {
      const apacheError = compileLayout('EEE MMM dd HH:mm:ss[.S] yyyy');
      expect(apacheError.parse('Fri Sep 09 10:42:29.902022 2011')).toEqual({
        year: 2011, month: 9, day: 9, hour: 10, minute: 42, second: 29, fractionMs: 902.022,
      });
      expect(apacheError.parse('Wed Oct 11 14:32:52 2000')).toMatchObject({ year: 2000, month: 10, day: 11, fractionMs: 0 });
    });

    it('reads nginx error log stamps', () => {
      expect(compileLayout('yyyy/MM/dd HH:mm:ss').parse('2012/04/09 11:53:29')).toMatchObject({ year: 2012, month: 4, day: 9, hour: 11 });
    });

    it('reads the MAAS events API stamp with its literal dot', () => {
      const events = compileLayout("EEE, dd MMM'.' yyyy HH:mm:ss");
      expect(events.parse('Thu, 29 Sep. 2022 20:04:17')).toMatchObject({ year: 2022, month: 9, day: 29, hour: 20, minute: 4, second: 17 });
      expect(events.parse('Thu, 29 Sep 2022 20:04:17')).toBeNull();
    });

    it('matches punctuation literally, not as regex syntax', () => {
      const dotted = compileLayout('(yyyy.MM.dd) HH:mm:ss');
      expect(dotted.parse('(2026.01.02) 03:04:05')).toMatchObject({ year: 2026, month: 1, day: 2 });
      expect(dotted.parse('(2026x01x02) 03:04:05')).toBeNull();
    });

    it('reads a one-digit month with M', () => {
      expect(compileLayout('M/d/yyyy HH:mm:ss').parse('3/7/2015 03:09:30')).toMatchObject({ year: 2015, month: 3, day: 7 });
    });
  });

  describe('epoch layouts', () => {
    it('reads auditd seconds with milliseconds exactly', () => {
      const parts = compileLayout('epoch-s').parse('1364481363.243');
      expect(parts?.epochMs).toBe(1364481363243);
      expect(parts).toMatchObject({ year: 2013, month: 3, day: 28, hour: 14, minute: 36, second: 3, fractionMs: 243, offsetMinutes: 0 });
    });

    it('reads seconds without a fraction, and keeps microseconds of a longer one', () => {
      expect(compileLayout('epoch-s').parse('1364481363')?.epochMs).toBe(1364481363000);
      expect(compileLayout('epoch-s').parse('1364481363.243123')?.epochMs).toBeCloseTo(1364481363243.123, 3);
    });

    it('reads microseconds, keeping them as a fraction of a millisecond', () => {
      const parts = compileLayout('epoch-us').parse('1534860261221373');
      expect(parts?.epochMs).toBe(1534860261221.373);
      expect(parts).toMatchObject({ year: 2018, month: 8, day: 21, hour: 14, minute: 4, second: 21 });
      expect(parts?.fractionMs).toBe(221.373);
    });

    it('reads milliseconds', () => {
      expect(compileLayout('epoch-ms').parse('1534860261221')?.epochMs).toBe(1534860261221);
      expect(compileLayout('epoch-ms').parse('1534860261221.5')?.epochMs).toBe(1534860261221.5);
    });

    it('rejects text that is not a number of the unit', () => {
      for (const text of ['', 'abc', '-1', '1.2.3', '1364481363.', ' 1364481363']) {
        expect(compileLayout('epoch-s').parse(text), text).toBeNull();
      }
      expect(compileLayout('epoch-us').parse('1534860261221.373')).toBeNull();
      expect(compileLayout('epoch-ms').parse('9999999999999999'), 'after the last instant a Date holds').toBeNull();
    });
  });

  describe('rejects what is not a stamp', () => {
    it('rejects garbage, and stamps with text around them', () => {
      const layout = compileLayout('yyyy-MM-dd HH:mm:ss');
      for (const text of ['', 'garbage', '2026-01-01', '2026-01-01 00:00:00 trailing', 'x2026-01-01 00:00:00', '2026-1-01 00:00:00']) {
        expect(layout.parse(text), text).toBeNull();
      }
    });

    it('rejects out-of-range months, days, hours, minutes and seconds', () => {
      const layout = compileLayout('yyyy-MM-dd HH:mm:ss');
      for (const text of ['2026-13-01 00:00:00', '2026-00-01 00:00:00', '2026-01-32 00:00:00', '2026-01-00 00:00:00', '2026-01-01 24:00:00', '2026-01-01 00:60:00', '2026-01-01 00:00:61']) {
        expect(layout.parse(text), text).toBeNull();
      }
    });

    it('accepts a leap second', () => {
      expect(compileLayout('yyyy-MM-dd HH:mm:ss').parse('2016-12-31 23:59:60')?.second).toBe(60);
    });

    it('rejects a month name that is not one', () => {
      expect(compileLayout('MMM d HH:mm:ss').parse('Foo  6 16:27:08')).toBeNull();
    });
  });

  describe('bad layouts', () => {
    it('refuses an unknown token, naming it and where it is', () => {
      expect(() => compileLayout('yyyy-MM-dd QQ')).toThrow('timestamp layout "yyyy-MM-dd QQ": unknown token "QQ" at column 12');
      expect(() => compileLayout('yy-MM-dd HH:mm')).toThrow(/unknown token "yy"/);
      expect(() => compileLayout('yyyy-MM-dd HH:mm:ss.SSS')).toThrow(/unknown token "SSS"/);
    });

    it('asks for literal letters to be quoted', () => {
      expect(() => compileLayout('yyyy-MM-ddTHH:mm:ss')).toThrow(/unknown token "T" at column 11 .*quote literal letters/);
      expect(compileLayout("yyyy-MM-dd'T'HH:mm:ss").parse('2026-01-02T03:04:05')).toMatchObject({ year: 2026, hour: 3 });
    });

    it('refuses unclosed quotes and brackets', () => {
      expect(() => compileLayout("yyyy-MM-dd'T HH:mm:ss")).toThrow(/quote at column 11 is not closed/);
      expect(() => compileLayout('MMM d HH:mm:ss[.S')).toThrow(/\[ at column 15 is not closed/);
      expect(() => compileLayout('MMM d HH:mm:ss.S]')).toThrow(/\] at column 17 closes nothing/);
    });

    it('refuses a field given twice', () => {
      expect(() => compileLayout('MMM MM d HH:mm:ss')).toThrow(/"MM" at column 5 repeats the month/);
    });

    it('refuses a layout without a month, a day and an hour', () => {
      expect(() => compileLayout('yyyy-MM HH:mm')).toThrow(/needs a month, a day and an hour/);
    });
  });
});
