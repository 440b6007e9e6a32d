import { describe, expect, it } from 'vitest';
import { binCount, binStart, chooseBinMs, formatBinWidth, NICE_BIN_MS } from '../../../shared/time-bins.js';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 2, 5, 8, 14, 2, 5);

describe('the timeline\'s bins', () => {
  it('picks the smallest nice width that keeps the range within the bound', () => {
    expect(chooseBinMs(T0, T0 + 10 * 60_000, 100)).toBe(10_000);
    expect(chooseBinMs(T0, T0 + D, 300)).toBe(5 * 60_000);
    expect(chooseBinMs(T0, T0 + 30 * D, 300)).toBe(3 * H);
    expect(chooseBinMs(T0, T0 + 5_000, 300)).toBe(1000);
  });

  it('never gives more bins than asked, whatever the range, partial bins at both ends counted', () => {
    for (const span of [999, 61_001, 7 * H + 13, 400 * D, 40 * 365 * D]) {
      for (const bound of [10, 37, 300, 2000]) {
        const width = chooseBinMs(T0, T0 + span, bound);
        expect(binCount(T0, T0 + span, width)).toBeLessThanOrEqual(bound);
      }
    }
  });

  it('keeps every width from 10 s up a multiple of 10 s, so the rollup can count it', () => {
    for (const width of NICE_BIN_MS.filter((w) => w >= 10_000)) expect(width % 10_000).toBe(0);
  });

  it('aligns bins to multiples of their width from the epoch: hours on the hour, days at 00:00Z', () => {
    expect(new Date(binStart(T0, H)).toISOString()).toBe('2026-03-05T08:00:00.000Z');
    expect(new Date(binStart(T0, D)).toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(binCount(Date.UTC(2026, 2, 5, 8), Date.UTC(2026, 2, 5, 9), H)).toBe(1);
    expect(binCount(Date.UTC(2026, 2, 5, 8, 30), Date.UTC(2026, 2, 5, 9, 30), H)).toBe(2);
  });

  it('names widths as people read them', () => {
    expect(formatBinWidth(1000)).toBe('1 s');
    expect(formatBinWidth(5 * 60_000)).toBe('5 min');
    expect(formatBinWidth(3 * H)).toBe('3 h');
    expect(formatBinWidth(14 * D)).toBe('14 d');
  });
});
