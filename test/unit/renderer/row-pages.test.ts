import { describe, expect, it } from 'vitest';
import type { EventSummary } from '../../../shared/api.js';
import { MAX_PAGES, PAGE_ROWS, RowPages } from '../../../renderer/row-pages.js';

const rowsOf = (page: number): EventSummary[] => Array.from({ length: PAGE_ROWS }, (_, i) => ({
  id: page * PAGE_ROWS + i + 1, ts: null, seq: 0, source: 'system', host: null, program: null, src_ip: null, src_port: null, dst_ip: null, dst_port: null, user: null, status: null, message: null, starred: false, tags: [], noted: false,
}));

describe('the rows the Events table holds', () => {
  it('asks once for each page the view reaches, and finds rows by position', () => {
    const pages = new RowPages();
    expect(pages.take(150, 450)).toEqual([0, 1, 2]);
    expect(pages.take(0, 450)).toEqual([]);
    expect(pages.loading).toBe(true);
    pages.loaded(1, rowsOf(1), 1);
    expect(pages.row(200)?.id).toBe(201);
    expect(pages.row(0)).toBeUndefined();
    expect(pages.rows(195, 205).map((r) => r.id)).toEqual([201, 202, 203, 204, 205]);
    expect(pages.rowBefore(2)?.id).toBe(400);
    expect(pages.rowBefore(1)).toBeUndefined();
    expect(pages.indexOf(203)).toBe(202);
    expect(pages.indexOf(1)).toBe(-1); // its page is not loaded
    pages.failed(0);
    expect(pages.take(0, 10)).toEqual([0]);
  });

  it('lets go of the pages farthest from the view past MAX_PAGES', () => {
    const pages = new RowPages();
    for (let page = 0; page <= MAX_PAGES; page++) {
      pages.take(page * PAGE_ROWS, (page + 1) * PAGE_ROWS);
      pages.loaded(page, rowsOf(page), MAX_PAGES);
    }
    expect(pages.row(0)).toBeUndefined();
    expect(pages.row(MAX_PAGES * PAGE_ROWS)?.id).toBe(MAX_PAGES * PAGE_ROWS + 1);
  });
});
