import type { FieldValue } from '../../../shared/types/event.js';

/** Columns the rules may read from `events`. */
export const RULE_COLUMNS = [
  'id', 'ts', 'source', 'format', 'host', 'file_id', 'line', 'program', 'src_ip', 'src_port', 'dst_ip', 'dst_port',
  'proto', 'action', 'direction', 'user', 'method', 'path', 'query', 'status', 'user_agent', 'message', 'extra',
] as const;
export type RuleColumn = (typeof RULE_COLUMNS)[number];

/** Fields computed from columns, usable wherever a column is. */
export const DERIVED_FIELDS = ['src_subnet', 'dst_subnet', 'request'] as const;
export type DerivedField = (typeof DERIVED_FIELDS)[number];

/** Where each fetched column sits in an event's values. */
export type ColumnIndex = ReadonlyMap<string, number>;

/**
 * One event as the evaluators see it, with the columns its rules need (not every column: fetching
 * fewer is most of the speed). `ts` is never null here: undated events are not fetched.
 */
export interface RuleEvent {
  readonly id: number;
  readonly ts: number;
  readonly values: readonly FieldValue[];
  readonly columns: ColumnIndex;
  /** Parsed `extra`, filled on first use. */
  extraCache?: Record<string, unknown> | null;
  /** Decoded request, filled on first use. */
  requestCache?: string | null;
}

const COLUMN_INDEX = new Map<string, number>(RULE_COLUMNS.map((c, i) => [c, i]));

/** The columns a field is computed from. */
export function columnsOfField(name: string): string[] {
  if (COLUMN_INDEX.has(name)) return [name];
  if (name.startsWith('extra.')) return ['extra'];
  if (name === 'src_subnet') return ['src_ip'];
  if (name === 'dst_subnet') return ['dst_ip'];
  if (name === 'request') return ['path', 'query'];
  return [];
}

/** An index for rows whose values follow `columns` (which start with id and ts). */
export function columnIndex(columns: readonly string[]): ColumnIndex {
  return new Map(columns.map((c, i) => [c, i]));
}

/** Whether a rule may name this field: a column, a derived field, or `extra.KEY`. */
export function isKnownField(name: string): boolean {
  return COLUMN_INDEX.has(name) || (DERIVED_FIELDS as readonly string[]).includes(name) || /^extra\.[\w.-]+$/.test(name);
}

/** Whether a field is a plain column, so a condition on it can run in SQL. */
export function isColumn(name: string): name is RuleColumn {
  return COLUMN_INDEX.has(name);
}

/** An event from a fetched row (values in the order of `columns`, which start with id and ts). */
export function toRuleEvent(row: readonly FieldValue[], columns: ColumnIndex): RuleEvent {
  return { id: Number(row[0]), ts: Number(row[1]), values: row, columns };
}

function extraOf(ev: RuleEvent): Record<string, unknown> | null {
  if (ev.extraCache !== undefined) return ev.extraCache;
  const at = ev.columns.get('extra');
  const text = at === undefined ? null : ev.values[at];
  let parsed: Record<string, unknown> | null = null;
  if (typeof text === 'string') {
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === 'object') parsed = value as Record<string, unknown>;
    } catch {
      parsed = null;
    }
  }
  ev.extraCache = parsed;
  return parsed;
}

const subnets = new Map<string, string | null>();
const SUBNET_CACHE_SIZE = 100_000;

/** The /24 of an IPv4 address or the /64 of an IPv6 one, as CIDR text; null if not an address. */
export function subnetOf(ip: FieldValue): string | null {
  if (typeof ip !== 'string') return null;
  // Attack traffic repeats its addresses: computing each once saves most of the work.
  let subnet = subnets.get(ip);
  if (subnet === undefined) {
    if (subnets.size >= SUBNET_CACHE_SIZE) subnets.clear();
    subnets.set(ip, (subnet = computeSubnet(ip)));
  }
  return subnet;
}

function computeSubnet(ip: string): string | null {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = expandIpv6(ip);
  if (!groups) return null;
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, or null. */
export function expandIpv6(ip: string): number[] | null {
  const bare = ip.replace(/%.*$/, '');
  if (!/^[0-9a-f:]+$/i.test(bare) || !bare.includes(':')) return null;
  const halves = bare.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** Path and query, percent-decoded (twice, for double encoding) and with `+` as space: what SQL injection hides in. */
export function decodedRequest(path: FieldValue, query: FieldValue): string | null {
  if (path === null && query === null) return null;
  let text = `${path ?? ''}${query === null ? '' : `?${String(query)}`}`;
  if (!text.includes('%') && !text.includes('+')) return text;
  for (let i = 0; i < 2; i++) {
    const next = text.replace(/\+/g, ' ').replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === text) break;
    text = next;
  }
  return text;
}

function derive(ev: RuleEvent, name: string): FieldValue {
  switch (name) {
    case 'src_subnet': return subnetOf(fieldValue(ev, 'src_ip'));
    case 'dst_subnet': return subnetOf(fieldValue(ev, 'dst_ip'));
    case 'request': return decodedRequest(fieldValue(ev, 'path'), fieldValue(ev, 'query'));
    default: return null;
  }
}

/**
 * Reads one field of events, faster than fieldValue for a column: its place is looked up once
 * per column layout (events of one fetch, or of the rule tap, share one), not once per event.
 */
export function fieldReader(name: string): (ev: RuleEvent) => FieldValue {
  if (name === 'src_subnet' || name === 'dst_subnet') {
    const ip = fieldReader(name === 'src_subnet' ? 'src_ip' : 'dst_ip');
    return (ev) => subnetOf(ip(ev));
  }
  if (name === 'request') {
    // Decoded once per event, for every test and rule that reads it (web rules test it on every request).
    const path = fieldReader('path');
    const query = fieldReader('query');
    return (ev) => (ev.requestCache !== undefined ? ev.requestCache : (ev.requestCache = decodedRequest(path(ev), query(ev))));
  }
  if (!COLUMN_INDEX.has(name)) return (ev) => fieldValue(ev, name);
  let layout: ColumnIndex | undefined;
  let at: number | undefined;
  return (ev) => {
    if (ev.columns !== layout) {
      layout = ev.columns;
      at = layout.get(name);
    }
    return at === undefined ? null : ev.values[at] ?? null;
  };
}

/** The value of a column, derived field or `extra.KEY` of an event (null when absent). */
export function fieldValue(ev: RuleEvent, name: string): FieldValue {
  if (COLUMN_INDEX.has(name)) {
    const index = ev.columns.get(name);
    return index === undefined ? null : ev.values[index] ?? null;
  }
  if (name.startsWith('extra.')) {
    const value = extraOf(ev)?.[name.slice(6)];
    return typeof value === 'string' || typeof value === 'number' ? value : null;
  }
  if (name !== 'request') return derive(ev, name);
  if (ev.requestCache === undefined) ev.requestCache = derive(ev, name) as string | null;
  return ev.requestCache;
}
