/** The five families every event belongs to (design §4). */
export const SOURCES = ['firewall', 'web', 'maas', 'system', 'audit'] as const;
export type Source = (typeof SOURCES)[number];

/**
 * Columns of the `events` table, in table order (design §4, the SQL contract).
 * `id` is assigned by the store; every other column is filled by the parser or left null.
 */
export const EVENT_COLUMNS = [
  'ts', 'seq', 'source', 'format', 'host', 'file_id', 'line', 'level', 'program', 'pid',
  'src_ip', 'src_port', 'dst_ip', 'dst_port', 'proto', 'action', 'direction', 'user',
  'method', 'path', 'query', 'status', 'bytes', 'referrer', 'user_agent', 'message', 'raw',
  'extra',
] as const;
export type EventColumn = (typeof EVENT_COLUMNS)[number];

/** Columns a format may fill from a named capture; any other capture goes to `extra`. */
export const FIELD_COLUMNS = [
  'host', 'level', 'program', 'pid', 'src_ip', 'src_port', 'dst_ip', 'dst_port', 'proto',
  'action', 'direction', 'user', 'method', 'path', 'query', 'status', 'bytes', 'referrer',
  'user_agent', 'message',
] as const satisfies readonly EventColumn[];
export type FieldColumn = (typeof FIELD_COLUMNS)[number];

export const INTEGER_COLUMNS: ReadonlySet<string> = new Set([
  'pid', 'src_port', 'dst_port', 'status', 'bytes',
]);

export type FieldValue = string | number | null;

/** One parsed record before the store gives it an id. */
export interface ParsedEvent {
  /** UTC epoch milliseconds; may carry a fraction when the source has microseconds. */
  ts: number;
  source: Source;
  format: string;
  line: number;
  fields: Partial<Record<FieldColumn, FieldValue>>;
  extra: Record<string, FieldValue>;
  raw: string;
}

/** A row ready for the store, values in EVENT_COLUMNS order. */
export type EventRow = FieldValue[];
