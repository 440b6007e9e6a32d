import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, RowScroller } from '../../../renderer/virtual-rows.js';

const ROW = 26;
const VIEW = 520; // 20 rows

describe('placing millions of rows in a scroll space a browser can hold', () => {
  it('maps nothing when the rows fit: the scroll position is the rows\' position', () => {
    const s = new RowScroller(1000, ROW, VIEW);
    expect(s.scaled).toBe(false);
    expect(s.physicalHeight).toBe(26_000);
    expect(s.onScroll(2600)).toBe(2600);
    expect(s.range()).toEqual({ first: 100, last: 120 });
    expect(s.rowOffset(100)).toBe(2600);
  });

  it('keeps the scroll space under the browsers\' limit for 5 million rows', () => {
    const s = new RowScroller(5_000_000, ROW, VIEW);
    expect(s.scaled).toBe(true);
    expect(s.physicalHeight).toBe(MAX_SCROLL_PX);
  });

  it('shows the last rows when the scroll bar reaches the bottom, and the first at the top', () => {
    const s = new RowScroller(5_000_000, ROW, VIEW);
    s.onScroll(MAX_SCROLL_PX - VIEW);
    expect(s.range()).toEqual({ first: 4_999_980, last: 5_000_000 });
    // The last row is drawn at the bottom of the scroll space, in view.
    expect(s.rowOffset(4_999_999)).toBe(MAX_SCROLL_PX - ROW);
    s.onScroll(0);
    expect(s.range().first).toBe(0);
  });

  it('jumps to the same fraction of the rows when the bar is dragged, and steps row by row with the wheel', () => {
    const s = new RowScroller(5_000_000, ROW, VIEW);
    const half = (MAX_SCROLL_PX - VIEW) / 2;
    s.onScroll(half);
    expect(s.range().first).toBe(2_499_990);
    s.onScroll(half + 52);
    expect(s.range().first).toBe(2_499_992);
    s.onScroll(half + 52 - 26);
    expect(s.range().first).toBe(2_499_991);
  });

  it('scrolls to a row near the view by steps, and to a far one by the same fraction, showing that row', () => {
    const s = new RowScroller(5_000_000, ROW, VIEW);
    s.onScroll((MAX_SCROLL_PX - VIEW) / 2);
    const near = s.scrollTo(s.virtualTop + 5 * ROW);
    expect(s.onScroll(near)).toBe(s.virtualTop);
    expect(s.range().first).toBe(2_499_995);
    const far = s.scrollTo(4_000_000 * ROW);
    s.onScroll(far);
    expect(s.range().first).toBe(4_000_000);
    const end = s.scrollTo(Number.MAX_SAFE_INTEGER);
    expect(end).toBe(MAX_SCROLL_PX - VIEW);
    s.onScroll(end);
    expect(s.range().last).toBe(5_000_000);
  });
});
