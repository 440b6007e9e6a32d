import { describe, expect, it } from 'vitest';
import { compileLayout } from '../../../../main/engine/time/layout.js';

describe('compileLayout', () => {
  it('reads classic syslog stamps with a space-padded or zero-padded day', () => {
    const layout = compileLayout('MMM d HH:mm:ss[.S]');
    expect(layout.parse('Feb  6 16:27:08')).toEqual({ month: 2, day: 6, hour: 16, minute: 27, second: 8, fractionMs: 0 });
    expect(layout.parse('Jun 06 13:45:19')).toMatchObject({ month: 6, day: 6 });
    expect(layout.parse('Jun 06 13:45:19.123456')?.fractionMs).toBeCloseTo(123.456, 9);
  });

  it('reads RFC 3339 and ISO 8601 stamps with every offset form, keeping microseconds', () => {
    const iso = compileLayout('iso8601');
    expect(iso.parse('2025-11-01T17:50:05.536116+01:00')).toEqual({ year: 2025, month: 11, day: 1, hour: 17, minute: 50, second: 5, fractionMs: 536.116, offsetMinutes: 60 });
    expect(iso.parse('2023-07-25T07:23:28+0000')?.offsetMinutes).toBe(0);
    expect(iso.parse('2023-07-25T07:23:28.730Z')).toMatchObject({ fractionMs: 730, offsetMinutes: 0 });
    expect(iso.parse('2015-03-07T05:09:30-05')?.offsetMinutes).toBe(-300);
    expect(iso.parse('2022-09-29 20:00:16')).toMatchObject({ year: 2022, hour: 20 });
    expect(iso.parse('2022-09-29 20:00:16')?.offsetMinutes).toBeUndefined();
  });

  it('reads the Apache, nginx and MAAS events API layouts', () => {
    expect(compileLayout('dd/MMM/yyyy:HH:mm:ss Z').parse('10/Oct/2000:13:55:36 -0700')).toMatchObject({ year: 2000, month: 10, day: 10, offsetMinutes: -420 });
    const apacheError = compileLayout('EEE MMM dd HH:mm:ss[.S] yyyy').parse('Fri Sep 09 10:42:29.902022 2011');
    expect(apacheError).toMatchObject({ year: 2011, month: 9, day: 9, hour: 10 });
    expect(apacheError?.fractionMs).toBeCloseTo(902.022, 9);
    expect(compileLayout('yyyy/MM/dd HH:mm:ss').parse('2012/04/09 11:53:29')).toMatchObject({ year: 2012, month: 4, day: 9 });
    expect(compileLayout("EEE, dd MMM'.' yyyy HH:mm:ss").parse('Thu, 29 Sep. 2022 20:04:17')).toMatchObject({ year: 2022, month: 9, day: 29, hour: 20 });
  });

  it('reads epoch stamps exactly, microseconds included', () => {
    expect(compileLayout('epoch-s').parse('1364481363.243')?.epochMs).toBe(1364481363243);
    expect(compileLayout('epoch-us').parse('1534860261221373')?.epochMs).toBe(1534860261221.373);
    expect(compileLayout('epoch-ms').parse('1534860261221')?.epochMs).toBe(1534860261221);
  });

  it('rejects text that is not a stamp or has out-of-range values', () => {
    const layout = compileLayout('yyyy-MM-dd HH:mm:ss');
    for (const text of ['garbage', '2026-13-01 00:00:00', '2026-01-32 00:00:00', '2026-01-01 24:00:00', '2026-01-01 00:60:00', '2026-01-01 00:00:00 trailing']) {
      expect(layout.parse(text), text).toBeNull();
    }
    expect(compileLayout('MMM d HH:mm:ss').parse('Foo  6 16:27:08')).toBeNull();
  });

  it('refuses a layout with an unknown token, naming it', () => {
    expect(() => compileLayout('yyyy-MM-dd QQ')).toThrow(/unknown token at "QQ"/);
  });
});
