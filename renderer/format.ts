import type { EventSummary } from '../shared/api.js';

/** An epoch-ms stamp as `YYYY-MM-DD HH:MM:SS.mmm` in a zone (UTC by default). */
export function formatTime(ms: number | null, zone = 'UTC'): string {
  if (ms === null) return '';
  const date = new Date(ms);
  if (zone === 'UTC') return date.toISOString().replace('T', ' ').replace('Z', '');
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}.${String(date.getUTCMilliseconds()).padStart(3, '0')}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** `ip:port`, or the ip alone. */
export function endpoint(ip: string | null, port: number | null): string {
  if (ip === null) return '';
  return port === null ? ip : `${ip}:${port}`;
}

const CSV_COLUMNS = ['id', 'ts', 'source', 'host', 'program', 'src_ip', 'src_port', 'dst_ip', 'dst_port', 'user', 'status', 'message'] as const;

/** RFC 4180 CSV of event rows, time as ISO UTC. */
export function eventsToCsv(rows: readonly EventSummary[]): string {
  const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const cell = (row: EventSummary, column: (typeof CSV_COLUMNS)[number]): string => {
    const value = row[column];
    if (column === 'ts') return row.ts === null ? '' : new Date(row.ts).toISOString();
    return value === null ? '' : String(value);
  };
  return [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => quote(cell(r, c))).join(','))].join('\r\n') + '\r\n';
}

export function eventsToJson(rows: readonly EventSummary[]): string {
  return JSON.stringify(rows.map((r) => ({ ...r, ts: r.ts === null ? null : new Date(r.ts).toISOString() })), null, 2);
}
