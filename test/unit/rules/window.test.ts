import { describe, expect, it } from 'vitest';
import { findBursts } from '../../../main/engine/rules/window.js';

const spec = (min: number, windowMs: number) => ({ min, windowMs, ts: (t: number) => t });

describe('findBursts (true sliding windows)', () => {
  it('finds nothing below the minimum', () => {
    expect(findBursts([0, 1, 2, 3], spec(5, 10))).toEqual([]);
  });

  it('counts a window that starts between events, not at fixed buckets', () => {
    // Fixed 10-unit buckets [0,10) [10,20) would see 2 and 3; the window [7,16] holds all 5.
    expect(findBursts([7, 8, 12, 14, 16], spec(5, 10)).map((b) => b.events)).toEqual([[7, 8, 12, 14, 16]]);
  });

  it('includes the window edge and excludes one unit beyond it', () => {
    expect(findBursts([0, 5, 10], spec(3, 10))).toHaveLength(1);
    expect(findBursts([0, 5, 11], spec(3, 10))).toHaveLength(0);
  });

  it('makes one burst of a long run, not one per window position', () => {
    const events = Array.from({ length: 100 }, (_, i) => i * 2);
    const bursts = findBursts(events, spec(5, 10));
    expect(bursts).toHaveLength(1);
    expect(bursts[0]!.events[0]).toBe(0);
    expect(bursts[0]!.events.at(-1)).toBe(198);
  });

  it('splits runs that share no qualifying window', () => {
    expect(findBursts([0, 1, 2, 100, 101, 102], spec(3, 10)).map((b) => b.events)).toEqual([[0, 1, 2], [100, 101, 102]]);
  });

  it('counts distinct values when asked, ignoring repeats and nulls', () => {
    const events = [{ t: 0, v: 'a' }, { t: 1, v: 'a' }, { t: 2, v: null }, { t: 3, v: 'b' }, { t: 4, v: 'c' }];
    const bursts = findBursts(events, { min: 3, windowMs: 10, ts: (e) => e.t, distinctValue: (e) => e.v });
    expect(bursts).toHaveLength(1);
    expect(bursts[0]!.distinct).toBe(3);
    expect(findBursts(events.slice(0, 4), { min: 3, windowMs: 10, ts: (e) => e.t, distinctValue: (e) => e.v })).toEqual([]);
  });
});
