import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ApiClient, EventCursor, EventDetail, EventFilter, EventSummary } from '../../shared/api.js';
import { AnnotationEditor } from '../components/annotations/AnnotationEditor.js';
import { useEventMarkUpdates, type EventMarks } from '../components/annotations/use-annotation-updates.js';
import { EventActionsMenu } from '../components/events/EventActionsMenu.js';
import { endpoint, eventsToCsv, eventsToJson, formatTime } from '../format.js';
import { EventDetailPane } from './EventDetailPane.js';
import { EventFilters } from './EventFilters.js';

const PAGE_ROWS = 200;
const NO_ROWS: EventSummary[] = [];
/**
 * Rows kept in the table at most (about 10 MB): past them the view asks for a narrower filter
 * or the other order, rather than growing without bound on a 5 M event store.
 */
const MAX_LOADED_ROWS = 50_000;
const ROW_HEIGHT = 26;
/** Fetch the next page when the view comes this close to the last loaded row. */
const PREFETCH_ROWS = 60;

interface Props {
  client: ApiClient;
  filter: EventFilter;
  onFilterChange: (filter: EventFilter) => void;
  /** The zones of the bundle's hosts, offered besides UTC. */
  zones: readonly string[];
  hosts: readonly string[];
  /** Times in this zone, without a zone picker of the table's own (the Timeline sets it). */
  zone?: string;
  /** Rows to highlight: a pivot's event, a finding's evidence. */
  highlightIds?: ReadonlySet<number>;
  /** The row to select once it is loaded (the event a pivot started from). */
  focusId?: number;
  /** A pivot chosen in an event's menu; by default it replaces this table's filter. */
  onPivot?: (filter: EventFilter, event: EventSummary) => void;
}

function columnsFor(zone: string, marks: ReadonlyMap<number, EventMarks>): ColumnDef<EventSummary>[] {
  const marked = (r: EventSummary): EventMarks => marks.get(r.id) ?? r;
  return [
    { id: 'starred', header: '★', size: 30, accessorFn: (r) => (marked(r).starred ? '★' : '') + (marked(r).noted ? '✎' : '') },
    { id: 'time', header: `Time (${zone})`, size: 190, accessorFn: (r) => formatTime(r.ts, zone) },
    { id: 'host', header: 'Host', size: 130, accessorFn: (r) => r.host ?? '' },
    { id: 'source', header: 'Source', size: 80, accessorFn: (r) => r.source },
    { id: 'program', header: 'Program', size: 100, accessorFn: (r) => r.program ?? '' },
    { id: 'src', header: 'Source address', size: 150, accessorFn: (r) => endpoint(r.src_ip, r.src_port) },
    { id: 'dst', header: 'Destination', size: 150, accessorFn: (r) => endpoint(r.dst_ip, r.dst_port) },
    { id: 'user', header: 'User', size: 90, accessorFn: (r) => r.user ?? '' },
    { id: 'status', header: 'Status', size: 60, accessorFn: (r) => (r.status === null ? '' : String(r.status)) },
    { id: 'tags', header: 'Tags', size: 120, accessorFn: (r) => marked(r).tags.join(', ') },
    { id: 'message', header: 'Message', size: 600, accessorFn: (r) => r.message ?? '' },
  ];
}

/** The events table: pages fetched by keyset as the view scrolls, never every row. */
export function EventsScreen({ client, filter, onFilterChange, zones, hosts, zone: zoneOverride, highlightIds, focusId, onPivot }: Props) {
  const [loadedRows, setRows] = useState<EventSummary[]>([]);
  const [next, setNext] = useState<EventCursor | null>(null);
  const [loadedCount, setCount] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadedError, setQueryError] = useState<string | null>(null);
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [zoneChoice, setZone] = useState('UTC');
  const zone = zoneOverride ?? zoneChoice;
  const marks = useEventMarkUpdates(client);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const [selected, setSelected] = useState(-1);
  const [detail, setDetail] = useState<EventDetail | null>(null);
  const [visibility, setVisibility] = useState<VisibilityState>({});
  const [notice, setNotice] = useState('');
  const generation = useRef(0);
  const scroller = useRef<HTMLDivElement>(null);
  // What was loaded is shown only for the query it answers: never old rows under a new filter.
  const queryKey = JSON.stringify({ filter, order });
  const [loadedKey, setLoadedKey] = useState('');
  const fresh = loadedKey === queryKey;
  const rows = fresh ? loadedRows : NO_ROWS;
  const count = fresh ? loadedCount : null;
  const queryError = fresh ? loadedError : null;

  // A new filter or order starts over from the first page; replies to an older one are dropped.
  useEffect(() => {
    const mine = ++generation.current;
    const key = JSON.stringify({ filter, order });
    setRows([]);
    setNext(null);
    setSelected(-1);
    setDetail(null);
    setCount(null);
    setQueryError(null);
    setLoading(true);
    client
      .call('events.page', { filter, after: null, order, limit: PAGE_ROWS })
      .then((page) => {
        if (mine !== generation.current) return;
        setRows(page.rows);
        setNext(page.next);
        setLoadedKey(key);
        return client.call('events.count', { filter }).then((c) => mine === generation.current && setCount(c.count));
      })
      .catch((err: unknown) => {
        if (mine !== generation.current) return;
        setQueryError(err instanceof Error ? err.message : String(err));
        setLoadedKey(key);
      })
      .finally(() => mine === generation.current && setLoading(false));
  }, [client, filter, order]);

  const loadMore = useCallback(() => {
    if (!fresh || loading || next === null || loadedRows.length >= MAX_LOADED_ROWS) return;
    const mine = generation.current;
    setLoading(true);
    client
      .call('events.page', { filter, after: next, order, limit: PAGE_ROWS })
      .then((page) => {
        if (mine !== generation.current) return;
        setRows((r) => [...r, ...page.rows]);
        setNext(page.next);
      })
      .catch((err: unknown) => mine === generation.current && setQueryError(err instanceof Error ? err.message : String(err)))
      .finally(() => mine === generation.current && setLoading(false));
  }, [client, filter, order, next, loading, fresh, loadedRows.length]);

  const columns = useMemo(() => columnsFor(zone, marks), [zone, marks]);
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    columnResizeMode: 'onChange',
    state: { columnVisibility: visibility },
    onColumnVisibilityChange: setVisibility,
    getRowId: (row) => String(row.id),
  });
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (lastVisible >= rows.length - PREFETCH_ROWS) loadMore();
  }, [lastVisible, rows.length, loadMore]);

  const selectedId = selected >= 0 ? rows[selected]?.id : undefined;
  const focusIndex = focusId === undefined ? -1 : rows.findIndex((r) => r.id === focusId);
  useEffect(() => {
    if (focusIndex >= 0 && selected < 0) setSelected(focusIndex);
  }, [focusIndex, selected]);
  useEffect(() => {
    if (selectedId === undefined) return;
    let current = true;
    client.call('events.detail', { id: selectedId }).then((d) => current && setDetail(d)).catch((err: unknown) => current && setNotice(String(err)));
    return () => {
      current = false;
    };
  }, [client, selectedId]);

  const select = (index: number): void => {
    if (rows.length === 0) return;
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    setSelected(clamped);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if ((e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) && selectedId !== undefined) {
      e.preventDefault();
      const box = document.getElementById(`event-${selectedId}`)?.getBoundingClientRect();
      setMenuAt({ x: (box?.left ?? 0) + 40, y: box?.bottom ?? 0 });
      return;
    }
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: selected + 1, ArrowUp: selected - 1, PageDown: selected + page, PageUp: selected - page, Home: 0, End: rows.length - 1 };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    select(target);
  };

  const copy = (kind: 'csv' | 'json'): void => {
    const chosen = selected >= 0 && rows[selected] ? [rows[selected]] : rows;
    const text = kind === 'csv' ? eventsToCsv(chosen) : eventsToJson(chosen);
    navigator.clipboard.writeText(text).then(
      () => setNotice(`Copied ${chosen.length} row(s) as ${kind.toUpperCase()}`),
      () => setNotice('The clipboard refused the copy'),
    );
  };

  const whereError = queryError !== null && filter.where !== undefined ? queryError : null;
  const menuEvent = menuAt !== null && selected >= 0 ? rows[selected] : undefined;
  return (
    <section aria-labelledby="events-title" className="screen events">
      <h2 id="events-title">Events</h2>
      <EventFilters key={JSON.stringify(filter)} filter={filter} hosts={hosts} whereError={whereError} onApply={onFilterChange} />
      <div className="toolbar">
        <span aria-live="polite" className="count">
          {count === null ? (loading ? 'Loading…' : '') : `${count} events`}
          {filter.findingId !== undefined ? ` (evidence of finding ${filter.findingId})` : ''}
          {rows.length >= MAX_LOADED_ROWS && next !== null ? `; the first ${MAX_LOADED_ROWS} are loaded: narrow the time range or sort the other way for the rest` : ''}
        </span>
        {filter.findingId !== undefined ? <button type="button" onClick={() => onFilterChange({ ...filter, findingId: undefined })}>Show all events</button> : null}
        {zoneOverride === undefined ? (
          <label>Times in
            <select value={zone} onChange={(e) => setZone(e.target.value)}>
              {['UTC', ...zones.filter((z) => z !== 'UTC')].map((z) => <option key={z} value={z}>{z}</option>)}
            </select>
          </label>
        ) : null}
        <button type="button" onClick={() => setOrder(order === 'asc' ? 'desc' : 'asc')}>{order === 'asc' ? 'Newest first' : 'Oldest first'}</button>
        <button type="button" onClick={() => copy('csv')}>Copy CSV</button>
        <button type="button" onClick={() => copy('json')}>Copy JSON</button>
        <details className="columns-menu">
          <summary>Columns</summary>
          {table.getAllLeafColumns().map((column) => (
            <label key={column.id}>
              <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
              {String(column.columnDef.header)}
            </label>
          ))}
        </details>
        <span role="status" className="notice">{notice}</span>
      </div>
      {queryError !== null && whereError === null ? <p role="alert" className="error">{queryError}</p> : null}
      <div className="events-body">
        <div
          ref={scroller}
          className="grid"
          role="grid"
          aria-label="Events"
          aria-rowcount={count ?? -1}
          aria-activedescendant={selectedId === undefined ? undefined : `event-${selectedId}`}
          tabIndex={0}
          onKeyDown={onKeyDown}
        >
          <div className="grid-head" role="rowgroup">
            {table.getHeaderGroups().map((group) => (
              <div key={group.id} role="row" className="grid-row head" style={{ width: table.getTotalSize() }}>
                {group.headers.map((header) => (
                  <div
                    key={header.id}
                    role="columnheader"
                    className="cell"
                    style={{ width: header.getSize() }}
                    aria-sort={header.column.id === 'time' ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {header.column.id === 'time' ? (
                      <button type="button" className="sort" onClick={() => setOrder(order === 'asc' ? 'desc' : 'asc')} title="Sort by time">
                        {flexRender(header.column.columnDef.header, header.getContext())} {order === 'asc' ? '▲' : '▼'}
                      </button>
                    ) : flexRender(header.column.columnDef.header, header.getContext())}
                    <span
                      className="resizer"
                      aria-hidden="true"
                      onMouseDown={header.getResizeHandler()}
                      onTouchStart={header.getResizeHandler()}
                    />
                  </div>
                ))}
              </div>
            ))}
          </div>
          <div role="rowgroup" className="grid-rows" style={{ height: virtualizer.getTotalSize(), width: table.getTotalSize() }}>
            {items.map((item) => {
              const row = table.getRowModel().rows[item.index];
              if (!row) return null;
              return (
                <div
                  key={row.id}
                  id={`event-${row.id}`}
                  role="row"
                  aria-rowindex={item.index + 1}
                  aria-selected={item.index === selected}
                  className={`grid-row${item.index === selected ? ' selected' : ''}${highlightIds?.has(row.original.id) ? ' highlighted' : ''}`}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => setSelected(item.index)}
                  onContextMenu={(e) => {
                    e.preventDefault();
                    setSelected(item.index);
                    setMenuAt({ x: e.clientX, y: e.clientY });
                  }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <div key={cell.id} role="gridcell" className="cell" style={{ width: cell.column.getSize() }}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
          {!loading && rows.length === 0 && queryError === null ? <p className="empty">No events match.</p> : null}
        </div>
        <div className="side">
          {selectedId !== undefined ? <AnnotationEditor key={selectedId} client={client} target={{ kind: 'event', id: selectedId }} label={`event ${selectedId}`} /> : null}
          <EventDetailPane detail={detail} zone={zone} />
        </div>
      </div>
      {menuAt !== null && menuEvent ? (
        <EventActionsMenu
          client={client}
          event={menuEvent}
          starred={(marks.get(menuEvent.id) ?? menuEvent).starred}
          at={menuAt}
          onPivot={onPivot ?? ((f) => onFilterChange(f))}
          onClose={() => {
            setMenuAt(null);
            scroller.current?.focus();
          }}
        />
      ) : null}
    </section>
  );
}
