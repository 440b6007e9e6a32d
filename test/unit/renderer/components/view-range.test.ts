import { describe, expect, it } from 'vitest';
import { findingWindow, fractionOf, MIN_SPAN_MS, normalise, pan, zoom } from '../../../../renderer/components/timeline/view-range.js';

const T = Date.UTC(2026, 2, 5, 8, 0, 0);
const H = 3_600_000;

describe('zooming and panning the timeline', () => {
  it('zooms around an instant, keeping it where it is on screen', () => {
    const range = { fromMs: T, toMs: T + 4 * H };
    expect(zoom(range, 0.5)).toEqual({ fromMs: T + H, toMs: T + 3 * H });
    const at = T + H;
    const zoomed = zoom(range, 0.5, at);
    expect(fractionOf(zoomed, at)).toBeCloseTo(fractionOf(range, at));
    expect(zoom(range, 2)).toEqual({ fromMs: T - 2 * H, toMs: T + 6 * H });
  });

  it('never zooms narrower than ten seconds, and keeps whole milliseconds', () => {
    const tiny = zoom({ fromMs: T, toMs: T + 12_000 }, 0.1);
    expect(tiny.toMs - tiny.fromMs).toBe(MIN_SPAN_MS);
    expect(normalise({ fromMs: T + 0.4, toMs: T + 20_000.2 })).toEqual({ fromMs: T, toMs: T + 20_001 });
    expect(normalise({ fromMs: T + 20_000, toMs: T })).toEqual({ fromMs: T, toMs: T + 20_000 });
  });

  it('pans by a fraction of the view', () => {
    expect(pan({ fromMs: T, toMs: T + 2 * H }, -0.5)).toEqual({ fromMs: T - H, toMs: T + H });
  });

  it('frames a finding with a margin so its first and last events show', () => {
    expect(findingWindow(T, T + 45_000)).toEqual({ fromMs: T - 30_000, toMs: T + 75_001 });
    expect(findingWindow(T, T + 10 * H)).toEqual({ fromMs: T - 2 * H, toMs: T + 12 * H + 1 });
  });
});
