import { describe, expect, it } from 'vitest';
import { DEFAULT_GAP_RULES, findSilences, percentile } from '../../../../main/engine/timeline/gaps/silences.js';

const MIN = 60_000;

describe('silences of a log that usually logs', () => {
  it('calls a two-hour hole in a log written every minute a gap, from the end of its last active minute', () => {
    // 100 active minutes, one spacing of 121 minutes ending at minute 1000 (the rest are 1).
    const gaps = findSilences(100, [{ endMinute: 1000, minutes: 121 }]);
    expect(gaps).toEqual([{ fromMs: 880 * MIN, toMs: 1000 * MIN, usualMs: MIN }]);
  });

  it('says nothing of a log with too few active minutes to have a rhythm', () => {
    expect(findSilences(DEFAULT_GAP_RULES.minActiveMinutes - 1, [{ endMinute: 5000, minutes: 2000 }])).toEqual([]);
  });

  it('measures a silence against the log\'s own rhythm: an hourly log is not silent after two hours', () => {
    const hourly = Array.from({ length: 40 }, (_, i) => ({ endMinute: 60 * (i + 1), minutes: 60 }));
    expect(findSilences(41, hourly)).toEqual([]);
    const withHole = [...hourly, { endMinute: 60 * 40 + 720, minutes: 720 }];
    expect(findSilences(42, withHole).map((g) => (g.toMs - g.fromMs) / MIN)).toEqual([719]);
  });

  it('never calls a silence shorter than the floor a gap, however regular the log', () => {
    expect(findSilences(500, [{ endMinute: 2000, minutes: 25 }])).toEqual([]);
    expect(findSilences(500, [{ endMinute: 2000, minutes: 32 }])).toHaveLength(1);
  });

  it('takes the nearest-rank percentile', () => {
    expect(percentile([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 50], 0.95)).toBe(1);
    expect(percentile([5, 1, 3], 0.5)).toBe(3);
    expect(percentile([], 0.95)).toBe(0);
  });
});
