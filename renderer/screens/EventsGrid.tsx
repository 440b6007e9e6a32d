import { flexRender, type Table } from '@tanstack/react-table';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { EventSummary, SortColumn } from '../../shared/api.js';
import { RowScroller } from '../virtual-rows.js';
import type { EventRows, EventSort } from './use-event-rows.js';

export const ROW_HEIGHT = 26;
/** Rows drawn above and below the view, so a small scroll shows rows at once. */
const OVERSCAN_ROWS = 10;

/** What a column shows and what it sorts by. */
export interface ColumnSpec {
  id: string;
  header: string;
  size: number;
  /** The column of the engine's sort, or none: a column the engine cannot sort by. */
  sortBy?: SortColumn;
  text: (row: EventSummary) => string;
}

interface Props {
  table: Table<EventSummary>;
  specs: ReadonlyMap<string, ColumnSpec>;
  rows: EventRows;
  sort: EventSort;
  onSort: (sort: EventSort) => void;
  selected: number;
  onSelect: (index: number) => void;
  /** Told the rows in view (first inclusive, last exclusive) as they change. */
  onView: (first: number, last: number) => void;
  /** Rows drawn highlighted: a pivot's event, a finding's evidence. */
  highlightIds?: ReadonlySet<number>;
  /** A row's actions asked for: right click, the Menu key or Shift+F10 (then on the selected row). */
  onMenu?: (index: number, at: { x: number; y: number }) => void;
}

function ariaSort(sort: EventSort, column: SortColumn | undefined): 'ascending' | 'descending' | undefined {
  if (column === undefined || sort.column !== column) return undefined;
  return sort.order === 'asc' ? 'ascending' : 'descending';
}

/**
 * The table of events: a header of sortable columns and the rows in view, drawn from a scroll
 * space of every matching row (scaled past what a browser can hold: virtual-rows.ts), their
 * pages fetched as the view reaches them. Keyboard: arrows, Page Up/Down, Home/End (with Ctrl too).
 */
export function EventsGrid({ table, specs, rows, sort, onSort, selected, onSelect, onView, highlightIds, onMenu }: Props) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(400);
  const [, setScrolled] = useState(0);
  const count = rows.count ?? 0;
  const scroller = useMemo(() => new RowScroller(count, ROW_HEIGHT, viewport), [count, viewport]);
  const shown = useRef({ key: '', top: 0 });

  // A new query starts at the top; a new view height or count keeps the rows where they were.
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    const top = shown.current.key === rows.key ? shown.current.top : 0;
    if (el) el.scrollTop = scroller.scrollTo(top);
    shown.current = { key: rows.key, top: scroller.virtualTop };
    setScrolled((n) => n + 1);
  }, [scroller, rows.key]);

  useEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const measure = (): void => setViewport(Math.max(ROW_HEIGHT, el.clientHeight - (headRef.current?.offsetHeight ?? 0)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const { first, last } = scroller.range(OVERSCAN_ROWS);
  const { request } = rows;
  useEffect(() => {
    if (last > first) request(first, last);
  }, [request, first, last, rows.key]);
  const view = scroller.range();
  useEffect(() => {
    onView(view.first, view.last);
  }, [onView, view.first, view.last]);

  const onScroll = (): void => {
    const el = scrollerRef.current;
    if (!el) return;
    scroller.onScroll(el.scrollTop);
    shown.current = { key: rows.key, top: scroller.virtualTop };
    setScrolled((n) => n + 1);
  };

  /** Brings a row into view, scrolling as little as needed. */
  const reveal = (index: number): void => {
    const el = scrollerRef.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    const view = scroller.virtualTop;
    if (top < view) el.scrollTop = scroller.scrollTo(top);
    else if (top + ROW_HEIGHT > view + viewport) el.scrollTop = scroller.scrollTo(top + ROW_HEIGHT - viewport);
    else return;
    shown.current = { key: rows.key, top: scroller.virtualTop };
    setScrolled((n) => n + 1);
  };

  // A selection made outside the grid (a pivot's event found in the rows) is brought into view too.
  const revealed = useRef(-1);
  useEffect(() => {
    if (selected >= 0 && selected !== revealed.current) reveal(selected);
    revealed.current = selected;
  });

  const select = (index: number): void => {
    if (count === 0) return;
    const clamped = Math.max(0, Math.min(count - 1, index));
    onSelect(clamped);
    reveal(clamped);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.target !== e.currentTarget) return; // keys on a header button are the button's
    if ((e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) && onMenu && selected >= 0) {
      e.preventDefault();
      const box = scrollerRef.current?.querySelector('.grid-row.selected')?.getBoundingClientRect();
      onMenu(selected, { x: (box?.left ?? 0) + 40, y: box?.bottom ?? 0 });
      return;
    }
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const from = selected < 0 ? Math.floor(scroller.virtualTop / ROW_HEIGHT) - 1 : selected;
    const moves: Record<string, number> = { ArrowDown: from + 1, ArrowUp: from - 1, PageDown: from + page, PageUp: from - page, Home: 0, End: count - 1 };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    select(target);
  };

  const toggleSort = (column: SortColumn): void => {
    onSort(sort.column === column ? { column, order: sort.order === 'asc' ? 'desc' : 'asc' } : { column, order: 'asc' });
  };

  const columns = table.getVisibleLeafColumns();
  const width = table.getTotalSize();
  const selectedId = selected >= 0 ? rows.row(selected)?.id : undefined;
  const drawn: number[] = [];
  for (let i = first; i < last; i++) drawn.push(i);
  return (
    <div
      ref={scrollerRef}
      className="grid"
      role="grid"
      aria-label="Events"
      aria-rowcount={rows.count ?? -1}
      aria-activedescendant={selectedId === undefined ? undefined : `event-${selectedId}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={onScroll}
    >
      <div className="grid-head" role="rowgroup" ref={headRef}>
        {table.getHeaderGroups().map((group) => (
          <div key={group.id} role="row" className="grid-row head" style={{ width }}>
            {group.headers.map((header) => {
              const spec = specs.get(header.column.id)!;
              const sorted = ariaSort(sort, spec.sortBy);
              return (
                <div key={header.id} role="columnheader" className="cell" style={{ width: header.getSize() }} aria-sort={sorted}>
                  {spec.sortBy === undefined ? (
                    flexRender(header.column.columnDef.header, header.getContext())
                  ) : (
                    <button type="button" className="sort" onClick={() => toggleSort(spec.sortBy!)} title={`Sort by ${spec.header.toLowerCase()}`}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      {sorted ? (sorted === 'ascending' ? ' ▲' : ' ▼') : ''}
                    </button>
                  )}
                  <span className="resizer" aria-hidden="true" onMouseDown={header.getResizeHandler()} onTouchStart={header.getResizeHandler()} />
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div role="rowgroup" className="grid-rows" style={{ height: scroller.physicalHeight, width }}>
        {drawn.map((index) => {
          const row = rows.row(index);
          const style = { transform: `translateY(${scroller.rowOffset(index)}px)`, height: ROW_HEIGHT, width };
          if (!row) {
            return <div key={`pending-${index}`} role="row" aria-rowindex={index + 1} aria-busy="true" className="grid-row pending" style={style}><div role="gridcell" className="cell">…</div></div>;
          }
          return (
            <div
              key={row.id}
              id={`event-${row.id}`}
              role="row"
              aria-rowindex={index + 1}
              aria-selected={index === selected}
              className={`grid-row${index === selected ? ' selected' : ''}${highlightIds?.has(row.id) ? ' highlighted' : ''}`}
              style={style}
              onClick={() => onSelect(index)}
              onContextMenu={(e) => {
                if (!onMenu) return;
                e.preventDefault();
                onSelect(index);
                onMenu(index, { x: e.clientX, y: e.clientY });
              }}
            >
              {columns.map((column) => (
                <div key={column.id} role="gridcell" className="cell" style={{ width: column.getSize() }}>
                  {specs.get(column.id)!.text(row)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
      {rows.count === 0 && rows.error === null ? <p className="empty">No events match.</p> : null}
    </div>
  );
}
