/**
 * Browsers stop an element's height at about 16.7 M px (Firefox) or 33.5 M px (Chromium), so a
 * table of millions of rows cannot be one element of rows × row height. Past this height the scroll
 * space is kept at it and the rows are placed by a map from the scroll bar's position to the rows'
 * (SlickGrid's technique): a jump (the scroll bar dragged, End) goes to the same fraction of the
 * rows; a step (the wheel, arrow keys) moves the rows by as many pixels as the bar moved.
 */
export const MAX_SCROLL_PX = 4_000_000;

/**
 * Where the rows are for a scroll position, for `rows` rows of `rowHeight` px in a view `viewport` px
 * high. Positions are in px: "virtual" over all the rows (row i starts at i × rowHeight), "physical"
 * in the scroll space the browser has.
 */
export class RowScroller {
  /** Scroll space height to give the element. */
  readonly physicalHeight: number;
  private readonly virtualRange: number;
  private readonly physicalRange: number;
  private lastScrollTop = 0;
  private top = 0;

  constructor(readonly rows: number, readonly rowHeight: number, readonly viewport: number) {
    const virtualHeight = rows * rowHeight;
    this.physicalHeight = Math.min(virtualHeight, MAX_SCROLL_PX);
    this.virtualRange = Math.max(0, virtualHeight - viewport);
    this.physicalRange = Math.max(0, this.physicalHeight - viewport);
  }

  /** Whether the scroll space is smaller than the rows (positions are mapped, not equal). */
  get scaled(): boolean {
    return this.virtualRange > this.physicalRange;
  }

  /** The virtual position of the view's top. */
  get virtualTop(): number {
    return this.top;
  }

  /** Follows a scroll position the browser reports; returns the new virtual top. */
  onScroll(scrollTop: number): number {
    const step = scrollTop - this.lastScrollTop;
    this.lastScrollTop = scrollTop;
    if (!this.scaled) this.top = Math.min(scrollTop, this.virtualRange);
    else if (scrollTop <= 0) this.top = 0;
    else if (scrollTop >= this.physicalRange - 1) this.top = this.virtualRange;
    else if (Math.abs(step) > this.viewport) this.top = (scrollTop / this.physicalRange) * this.virtualRange;
    else this.top = Math.min(this.virtualRange, Math.max(0, this.top + step));
    return this.top;
  }

  /**
   * The scroll position that shows the view from virtual `top`: a step within a view's height from
   * where it is now keeps moving 1:1, anything else is the same fraction of the scroll space. The
   * scroller takes `top` at once, so the browser's scroll event for it moves nothing more.
   */
  scrollTo(top: number): number {
    const target = Math.min(this.virtualRange, Math.max(0, top));
    let scrollTop = target;
    if (this.scaled) {
      const stepped = this.lastScrollTop + (target - this.top);
      const near = Math.abs(target - this.top) <= this.viewport && stepped > 0 && stepped < this.physicalRange - 1;
      scrollTop = near ? stepped : this.virtualRange === 0 ? 0 : Math.round((target / this.virtualRange) * this.physicalRange);
    }
    this.top = target;
    this.lastScrollTop = scrollTop;
    return scrollTop;
  }

  /** The rows in view (first inclusive, last exclusive), `overscan` more on each side. */
  range(overscan = 0): { first: number; last: number } {
    const first = Math.max(0, Math.floor(this.top / this.rowHeight) - overscan);
    const last = Math.min(this.rows, Math.ceil((this.top + this.viewport) / this.rowHeight) + overscan);
    return { first, last };
  }

  /** Where to draw row `index` in the scroll space, for the current scroll position. */
  rowOffset(index: number): number {
    return this.lastScrollTop + index * this.rowHeight - this.top;
  }
}
