import { EVENT_COLUMNS, type EventColumn, type FieldValue } from '../../../shared/types/event.js';
import { formatIsoUtc } from '../time/zone.js';


/** An event as exported: its columns, its id and the path of its file. */
export type ExportedEvent = Record<EventColumn, FieldValue> & { id: number; file_path: string | null };

/** Columns of the CSV export, in order: every column of `events`, with `ts` also as ISO text. */
export const CSV_COLUMNS = ['id', 'time_utc', ...EVENT_COLUMNS, 'file_path'] as const;

export function csvValues(ev: ExportedEvent): FieldValue[] {
  return CSV_COLUMNS.map((c) => (c === 'time_utc' ? (typeof ev.ts === 'number' ? formatIsoUtc(ev.ts) : null) : ev[c]));
}

/** The event's set columns (nulls left out), `ts` also as `time_utc`, `extra` as an object. */
export function jsonlDoc(ev: ExportedEvent): Record<string, unknown> {
  const doc: Record<string, unknown> = { id: ev.id };
  if (typeof ev.ts === 'number') doc.time_utc = formatIsoUtc(ev.ts);
  for (const column of EVENT_COLUMNS) {
    const value = ev[column];
    if (value === null) continue;
    doc[column] = column === 'extra' ? parseExtra(value) : value;
  }
  if (ev.file_path !== null) doc.file_path = ev.file_path;
  return doc;
}

const TIMESTAMP_DESC: Record<string, string> = {
  firewall: 'Firewall Log Time',
  web: 'Web Request Time',
  audit: 'Audit Event Time',
};

/**
 * A Timesketch event: its three required fields `message`, `datetime` (ISO 8601) and
 * `timestamp_desc`, `timestamp` in microseconds, and the event's other columns as fields.
 * Only dated events can be one (the caller counts the others).
 */
export function timesketchDoc(ev: ExportedEvent & { ts: number }): Record<string, unknown> {
  const { id, ts, message, raw, ...rest } = jsonlDoc(ev) as Record<string, unknown> & { id: number; ts: number };
  return {
    message: message ?? raw ?? `${String(ev.source)} event ${id}`,
    datetime: formatIsoUtc(ts),
    timestamp: Math.round(ts * 1000),
    timestamp_desc: TIMESTAMP_DESC[ev.source as string] ?? 'Log Time',
    mfw_event_id: id,
    ...rest,
    ...(raw !== undefined && message !== undefined ? { raw } : {}),
  };
}

const ECS_CATEGORY: Record<string, string[]> = {
  firewall: ['network'],
  web: ['web'],
  audit: ['configuration'],
  maas: ['host'],
  system: ['host'],
};

/** An event in Elastic Common Schema (8.x field names); fields the event lacks are left out. */
export function ecsDoc(ev: ExportedEvent): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  const set = (path: string, value: FieldValue | undefined): void => {
    if (value === null || value === undefined || value === '') return;
    const keys = path.split('.');
    let node = doc;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = value;
  };
  if (typeof ev.ts === 'number') set('@timestamp', formatIsoUtc(ev.ts));
  set('message', ev.message ?? ev.raw);
  doc.event = { kind: 'event', module: 'mfw', dataset: `mfw.${String(ev.source)}`, category: ECS_CATEGORY[ev.source as string] ?? ['host'] };
  set('event.action', ev.action);
  set('event.original', ev.raw);
  set('host.name', ev.host);
  set('log.level', ev.level);
  set('log.file.path', ev.file_path);
  set('log.origin.file.line', ev.line);
  set('process.name', ev.program);
  set('process.pid', ev.pid);
  set('source.ip', ev.src_ip);
  set('source.port', ev.src_port);
  set('destination.ip', ev.dst_ip);
  set('destination.port', ev.dst_port);
  set('network.transport', typeof ev.proto === 'string' ? ev.proto.toLowerCase() : null);
  set('network.direction', ev.direction);
  set('user.name', ev.user);
  set('http.request.method', ev.method);
  set('url.path', ev.path);
  set('url.query', ev.query);
  set('http.response.status_code', ev.status);
  set('http.response.body.bytes', ev.bytes);
  set('http.request.referrer', ev.referrer);
  set('user_agent.original', ev.user_agent);
  doc.labels = { mfw_event_id: ev.id, mfw_format: ev.format };
  return doc;
}

function parseExtra(text: FieldValue): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
