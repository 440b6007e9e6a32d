import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient, EventFilter, EventSummary, SortColumn } from '../../shared/api.js';
import { PAGE_ROWS, RowPages } from '../row-pages.js';

export interface EventSort {
  column: SortColumn;
  order: 'asc' | 'desc';
}

export interface EventRows {
  /** Identifies the query the rows answer: a new filter or sort is a new key. */
  key: string;
  /** How many events match; null until known. */
  count: number | null;
  error: string | null;
  loading: boolean;
  row: (index: number) => EventSummary | undefined;
  rows: (first: number, last: number) => EventSummary[];
  /** The position of a loaded row by its event id, or -1. */
  indexOf: (id: number) => number;
  /** Asks for the rows of positions [first, last) that are not loaded. */
  request: (first: number, last: number) => void;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The rows of the Events table for a filter and a sort, fetched from the engine a page at a time
 * by position as the view asks for them; replies to an older query are dropped.
 */
export function useEventRows(client: ApiClient, filter: EventFilter, sort: EventSort): EventRows {
  const key = JSON.stringify({ filter, sort });
  const pages = useRef({ key: '', store: new RowPages() });
  if (pages.current.key !== key) pages.current = { key, store: new RowPages() };
  const [, setTick] = useState(0);
  const redraw = useCallback(() => setTick((t) => t + 1), []);
  const [counted, setCounted] = useState<{ key: string; count: number | null; error: string | null }>({ key: '', count: null, error: null });
  const viewPage = useRef(0);

  const request = useCallback((first: number, last: number) => {
    const current = pages.current;
    viewPage.current = Math.floor(first / PAGE_ROWS);
    const wanted = current.store.take(first, last);
    for (const page of wanted) {
      const before = current.store.rowBefore(page);
      const hint = before ? { after: { ts: before.ts, seq: before.seq, id: before.id, ...(sort.column === 'ts' ? {} : { value: before[sort.column] }) } } : {};
      client
        .call('events.page', { filter, sortBy: sort.column, order: sort.order, offset: page * PAGE_ROWS, limit: PAGE_ROWS, ...hint })
        .then((reply) => {
          current.store.loaded(page, reply.rows, viewPage.current);
          if (pages.current === current) redraw();
        })
        .catch((err: unknown) => {
          current.store.failed(page);
          if (pages.current === current) setCounted((c) => (c.key === current.key ? { ...c, error: message(err) } : c));
        });
    }
    if (wanted.length) redraw();
  }, [client, filter, sort, redraw]);

  useEffect(() => {
    let current = true;
    client.call('events.count', { filter }).then(
      (c) => current && setCounted({ key, count: c.count, error: null }),
      (err: unknown) => current && setCounted({ key, count: null, error: message(err) }),
    );
    return () => {
      current = false;
    };
  }, [client, filter, key]);

  const fresh = counted.key === key;
  const store = pages.current.store;
  return {
    key,
    count: fresh ? counted.count : null,
    error: fresh ? counted.error : null,
    loading: store.loading || !fresh,
    row: (index) => store.row(index),
    rows: (first, last) => store.rows(first, last),
    indexOf: (id) => store.indexOf(id),
    request,
  };
}
