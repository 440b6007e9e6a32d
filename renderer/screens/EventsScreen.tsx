import { getCoreRowModel, useReactTable, type ColumnDef, type VisibilityState } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient, EventDetail, EventFilter, EventSummary } from '../../shared/api.js';
import { AnnotationEditor } from '../components/annotations/AnnotationEditor.js';
import { useEventMarkUpdates, type EventMarks } from '../components/annotations/use-annotation-updates.js';
import { EventActionsMenu } from '../components/events/EventActionsMenu.js';
import { ExportMenu } from '../components/export/ExportMenu.js';
import { endpoint, eventsToCsv, eventsToJson, formatTime } from '../format.js';
import { EventDetailPane } from './EventDetailPane.js';
import { EventFilters } from './EventFilters.js';
import { EventsGrid, type ColumnSpec } from './EventsGrid.js';
import { useEventRows, type EventSort } from './use-event-rows.js';

const NO_ROWS: EventSummary[] = [];
const TIME_ORDER: EventSort = { column: 'ts', order: 'asc' };

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

function columnSpecs(zone: string, marks: ReadonlyMap<number, EventMarks>): ColumnSpec[] {
  const marked = (r: EventSummary): EventMarks => marks.get(r.id) ?? r;
  return [
    { id: 'starred', header: '★', size: 30, text: (r) => (marked(r).starred ? '★' : '') + (marked(r).noted ? '✎' : '') },
    { id: 'time', header: `Time (${zone})`, size: 190, sortBy: 'ts', text: (r) => formatTime(r.ts, zone) },
    { id: 'host', header: 'Host', size: 130, sortBy: 'host', text: (r) => r.host ?? '' },
    { id: 'source', header: 'Source', size: 80, sortBy: 'source', text: (r) => r.source },
    { id: 'program', header: 'Program', size: 100, sortBy: 'program', text: (r) => r.program ?? '' },
    { id: 'src', header: 'Source address', size: 150, sortBy: 'src_ip', text: (r) => endpoint(r.src_ip, r.src_port) },
    { id: 'dst', header: 'Destination', size: 150, sortBy: 'dst_ip', text: (r) => endpoint(r.dst_ip, r.dst_port) },
    { id: 'user', header: 'User', size: 90, sortBy: 'user', text: (r) => r.user ?? '' },
    { id: 'status', header: 'Status', size: 60, sortBy: 'status', text: (r) => (r.status === null ? '' : String(r.status)) },
    { id: 'tags', header: 'Tags', size: 120, text: (r) => marked(r).tags.join(', ') },
    { id: 'message', header: 'Message', size: 600, sortBy: 'message', text: (r) => r.message ?? '' },
  ];
}

function sortLabel(sort: EventSort, specs: readonly ColumnSpec[]): string {
  const spec = specs.find((s) => s.sortBy === sort.column);
  return `sorted by ${spec ? spec.header.replace(/ \(.*\)$/, '').toLowerCase() : sort.column}, ${sort.order === 'asc' ? 'ascending' : 'descending'}`;
}

/** The events table: every matching row scrollable, pages fetched by position as the view reaches them. */
export function EventsScreen({ client, filter, onFilterChange, zones, hosts, zone: zoneOverride, highlightIds, focusId, onPivot }: Props) {
  const [sort, setSort] = useState<EventSort>(TIME_ORDER);
  const [zoneChoice, setZone] = useState('UTC');
  const zone = zoneOverride ?? zoneChoice;
  const marks = useEventMarkUpdates(client);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const [selection, setSelection] = useState({ key: '', index: -1 });
  const [detail, setDetail] = useState<EventDetail | null>(null);
  const [visibility, setVisibility] = useState<VisibilityState>({});
  const [notice, setNotice] = useState('');
  const rows = useEventRows(client, filter, sort);
  const inView = useRef({ first: 0, last: 0 });
  const section = useRef<HTMLElement>(null);
  // A selection belongs to the query it was made in: a new filter or sort starts with none.
  const selected = selection.key === rows.key ? selection.index : -1;
  const selectedId = selected >= 0 ? rows.row(selected)?.id : undefined;

  const specs = useMemo(() => columnSpecs(zone, marks), [zone, marks]);
  const specById = useMemo(() => new Map(specs.map((s) => [s.id, s])), [specs]);
  const columns = useMemo<ColumnDef<EventSummary>[]>(() => specs.map((s) => ({ id: s.id, header: s.header, size: s.size, accessorFn: s.text })), [specs]);
  const table = useReactTable({
    data: NO_ROWS,
    columns,
    getCoreRowModel: getCoreRowModel(),
    columnResizeMode: 'onChange',
    state: { columnVisibility: visibility },
    onColumnVisibilityChange: setVisibility,
  });

  useEffect(() => {
    if (selectedId === undefined) {
      setDetail(null);
      return;
    }
    let current = true;
    client.call('events.detail', { id: selectedId }).then((d) => current && setDetail(d)).catch((err: unknown) => current && setNotice(String(err)));
    return () => {
      current = false;
    };
  }, [client, selectedId]);

  // The event a pivot started from is selected once its page is loaded.
  const focusIndex = focusId === undefined || selected >= 0 ? -1 : rows.indexOf(focusId);
  useEffect(() => {
    if (focusIndex >= 0) setSelection({ key: rows.key, index: focusIndex });
  }, [focusIndex, rows.key]);

  const copy = (kind: 'csv' | 'json'): void => {
    const one = selected >= 0 ? rows.row(selected) : undefined;
    const chosen = one ? [one] : rows.rows(inView.current.first, inView.current.last);
    const text = kind === 'csv' ? eventsToCsv(chosen) : eventsToJson(chosen);
    navigator.clipboard.writeText(text).then(
      () => setNotice(`Copied ${chosen.length} row(s) as ${kind.toUpperCase()}`),
      () => setNotice('The clipboard refused the copy'),
    );
  };

  const queryError = rows.error;
  const whereError = queryError !== null && filter.where !== undefined ? queryError : null;
  const menuEvent = menuAt !== null && selected >= 0 ? rows.row(selected) : undefined;
  return (
    <section ref={section} aria-labelledby="events-title" className="screen events">
      <h2 id="events-title">Events</h2>
      <EventFilters key={JSON.stringify(filter)} filter={filter} hosts={hosts} whereError={whereError} onApply={onFilterChange} />
      <div className="toolbar">
        <span aria-live="polite" className="count">
          {rows.count === null ? (rows.loading && queryError === null ? 'Loading…' : '') : `${rows.count} events`}
          {filter.findingId !== undefined ? ` (evidence of finding ${filter.findingId})` : ''}
        </span>
        <span className="sort-state">{rows.count === null ? '' : `${sortLabel(sort, specs)}${rows.loading ? '; fetching rows…' : ''}`}</span>
        {filter.findingId !== undefined ? <button type="button" onClick={() => onFilterChange({ ...filter, findingId: undefined })}>Show all events</button> : null}
        {zoneOverride === undefined ? (
          <label>Times in
            <select value={zone} onChange={(e) => setZone(e.target.value)}>
              {['UTC', ...zones.filter((z) => z !== 'UTC')].map((z) => <option key={z} value={z}>{z}</option>)}
            </select>
          </label>
        ) : null}
        <button type="button" onClick={() => copy('csv')}>Copy CSV</button>
        <button type="button" onClick={() => copy('json')}>Copy JSON</button>
        <ExportMenu client={client} filter={filter} />
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
        <EventsGrid
          table={table}
          specs={specById}
          rows={rows}
          sort={sort}
          onSort={setSort}
          selected={selected}
          onSelect={(index) => setSelection({ key: rows.key, index })}
          onView={(first, last) => (inView.current = { first, last })}
          highlightIds={highlightIds}
          onMenu={(_, at) => setMenuAt(at)}
        />
        <div className="side">
          {selectedId !== undefined ? <AnnotationEditor key={selectedId} client={client} target={{ kind: 'event', id: selectedId }} label={`event ${selectedId}`} /> : null}
          <EventDetailPane client={client} detail={selectedId === undefined ? null : detail} zone={zone} />
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
            section.current?.querySelector<HTMLElement>('[role=grid]')?.focus();
          }}
        />
      ) : null}
    </section>
  );
}
