import type { EventSummary } from '../shared/api.js';

/** Rows fetched in one call. */
export const PAGE_ROWS = 200;
/** Pages kept at most (10 000 rows, about 2 MB): the ones farthest from the view are let go first. */
export const MAX_PAGES = 50;

/**
 * The rows of one query (filter and sort) that the table holds: pages of PAGE_ROWS by position,
 * loaded as the view reaches them, never all of them.
 */
export class RowPages {
  private readonly pages = new Map<number, readonly EventSummary[]>();
  private readonly asked = new Set<number>();

  /** The row at a position, if its page is loaded. */
  row(index: number): EventSummary | undefined {
    return this.pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS];
  }

  /** The loaded rows of positions [first, last), in order. */
  rows(first: number, last: number): EventSummary[] {
    const out: EventSummary[] = [];
    for (let i = first; i < last; i++) {
      const row = this.row(i);
      if (row) out.push(row);
    }
    return out;
  }

  /** The position of a loaded row by its event id, or -1. */
  indexOf(id: number): number {
    for (const [page, rows] of this.pages) {
      const at = rows.findIndex((row) => row.id === id);
      if (at >= 0) return page * PAGE_ROWS + at;
    }
    return -1;
  }

  /** Pages that hold rows of [first, last) and are neither loaded nor asked for yet; marks them asked. */
  take(first: number, last: number): number[] {
    const wanted: number[] = [];
    for (let page = Math.floor(first / PAGE_ROWS); page * PAGE_ROWS < last; page++) {
      if (this.pages.has(page) || this.asked.has(page)) continue;
      this.asked.add(page);
      wanted.push(page);
    }
    return wanted;
  }

  /** The last row before a page, when that page is loaded: where a keyset read of the page starts. */
  rowBefore(page: number): EventSummary | undefined {
    return page > 0 ? this.pages.get(page - 1)?.[PAGE_ROWS - 1] : undefined;
  }

  loaded(page: number, rows: readonly EventSummary[], viewPage: number): void {
    this.asked.delete(page);
    this.pages.set(page, rows);
    if (this.pages.size <= MAX_PAGES) return;
    const farthest = [...this.pages.keys()].sort((a, b) => Math.abs(b - viewPage) - Math.abs(a - viewPage))[0]!;
    this.pages.delete(farthest);
  }

  failed(page: number): void {
    this.asked.delete(page);
  }

  get loading(): boolean {
    return this.asked.size > 0;
  }
}
