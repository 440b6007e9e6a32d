import { RE2JS } from 're2js';
import { parseSigmaCondition, SigmaConditionError, type ConditionNode } from './sigma-condition.js';

/** A Sigma rule or correlation that mfw cannot run as written: refused whole, never half-run. */
export class SigmaRefusal extends Error {}

type Where = Record<string, unknown>;

/** A Sigma detection rule, converted: its condition as an mfw `where` (log source included). */
export interface SigmaDetection {
  kind: 'detection';
  /** Its `id` and `name`: what correlations may reference. */
  refs: string[];
  id: string;
  title: string;
  description: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  where: Where;
}

export interface SigmaCorrelation {
  kind: 'correlation';
  id: string;
  title: string;
  description: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  type: 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered';
  rules: string[];
  groupBy: string[];
  timespan: string;
  min: number;
  field?: string;
  /** Whether the referenced rules also raise findings of their own. */
  generate: boolean;
}

/** Whether a YAML document is a Sigma rule (detection or correlation) rather than an mfw rule. */
export function isSigmaDocument(data: unknown): boolean {
  if (data === null || typeof data !== 'object') return false;
  return ('logsource' in data && 'detection' in data) || 'correlation' in data;
}

/** Sigma field names (SigmaHQ taxonomy for web servers and Linux) → events columns. */
const FIELD_MAP: Record<string, string> = {
  'c-ip': 'src_ip', 'c-useragent': 'user_agent', 'cs-user-agent': 'user_agent', 'cs-method': 'method',
  'cs-uri-stem': 'path', 'cs-uri-query': 'query', 'cs-uri': 'request', 'cs-referer': 'referrer', 'sc-status': 'status',
  'cs-username': 'user', 'cs-host': 'host', 'User': 'user', 'user': 'user', 'SourceIp': 'src_ip', 'src_ip': 'src_ip',
  'IpAddress': 'src_ip', 'DestinationIp': 'dst_ip', 'DestinationPort': 'dst_port', 'dst_ip': 'dst_ip', 'dst_port': 'dst_port',
  'SourcePort': 'src_port', 'pam_rhost': 'src_ip', 'rhost': 'src_ip', 'pam_user': 'user', 'Hostname': 'host', 'host': 'host',
  'program': 'program', 'message': 'message', 'Message': 'message',
};

const LEVELS: Record<string, SigmaDetection['severity']> = { informational: 'low', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

function record(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SigmaRefusal(`${what} is not a map`);
  return value as Record<string, unknown>;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function mapField(name: string): string {
  const mapped = FIELD_MAP[name];
  if (!mapped) throw new SigmaRefusal(`field "${name}" is not one mfw has (known: ${Object.keys(FIELD_MAP).join(', ')})`);
  return mapped;
}

/** The events a Sigma log source covers. */
function logsourceWhere(logsource: Record<string, unknown>): Where {
  const product = text(logsource.product)?.toLowerCase();
  const service = text(logsource.service)?.toLowerCase();
  const category = text(logsource.category)?.toLowerCase();
  if (product === 'linux' && !category) {
    if (service === 'sshd') return { source: 'system', program: { startswith: 'sshd' } };
    if (service === 'auth' || service === 'syslog') return { source: 'system' };
  }
  if ((category === 'webserver' || category === undefined) && (product === undefined || product === 'apache' || product === 'nginx') && (category || product)) {
    if (service === undefined || service === 'access') return { source: 'web' };
  }
  throw new SigmaRefusal(`log source ${JSON.stringify(logsource)} is not one mfw reads (linux sshd/auth/syslog, webserver or apache/nginx access)`);
}

/** A Sigma plain value: case-insensitive, `*` and `?` wildcards, `\\` escapes. */
function wildcardRegex(value: string, anchorStart: boolean, anchorEnd: boolean): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length && '*?\\'.includes(value[i + 1]!)) out += RE2JS.quote(value[++i]!);
    else if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else out += RE2JS.quote(c);
  }
  return `(?is)${anchorStart ? '^' : ''}${out}${anchorEnd ? '$' : ''}`;
}

const SUPPORTED_MODIFIERS = ['contains', 'startswith', 'endswith', 're', 'cidr', 'all', 'i'];

/** One `field|mod|mod: values` entry as an mfw condition. */
function fieldEntry(key: string, value: unknown): Where {
  const [rawField, ...modifiers] = key.split('|');
  const unknown = modifiers.filter((m) => !SUPPORTED_MODIFIERS.includes(m));
  if (unknown.length) throw new SigmaRefusal(`modifier "${unknown.join('|')}" of "${key}" is not supported (only ${SUPPORTED_MODIFIERS.join(', ')})`);
  const field = rawField ? mapField(rawField) : 'message';
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  if (values.some((v) => v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) {
    throw new SigmaRefusal(`"${key}" has a value that is not a string or number`);
  }
  const one = (v: string | number | boolean | null): Where => {
    if (v === null) return { [field]: { exists: false } };
    const s = String(v);
    if (modifiers.includes('re')) return { [field]: { regex: modifiers.includes('i') ? `(?i)${s}` : s } };
    if (modifiers.includes('cidr')) return { [field]: { cidr: s } };
    if (typeof v === 'number' && modifiers.length === 0) return { [field]: v };
    // A keyword (no field) matches anywhere in the message, as Sigma's keyword lists do.
    const contains = modifiers.includes('contains') || !rawField;
    const start = !contains && !modifiers.includes('endswith');
    const end = !contains && !modifiers.includes('startswith');
    return { [field]: { regex: wildcardRegex(s, start, end) } };
  };
  const conditions = (values as (string | number | boolean | null)[]).map(one);
  if (conditions.length === 1) return conditions[0]!;
  return modifiers.includes('all') ? { all: conditions } : { any: conditions };
}

/** A named selection: a map (all entries hold), a list of maps (one holds) or a list of keywords. */
function selectionWhere(name: string, value: unknown): Where {
  if (Array.isArray(value)) {
    if (value.length === 0) throw new SigmaRefusal(`selection "${name}" is empty`);
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) return fieldEntry('', value);
    return { any: value.map((v) => selectionWhere(name, v)) };
  }
  const map = record(value, `selection "${name}"`);
  const entries = Object.entries(map);
  if (entries.length === 0) throw new SigmaRefusal(`selection "${name}" is empty`);
  return { all: entries.map(([k, v]) => fieldEntry(k, v)) };
}

function matchingNames(pattern: string, names: readonly string[]): string[] {
  if (pattern === 'them') return names.filter((n) => !n.startsWith('_'));
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const found = names.filter((n) => re.test(n));
  if (found.length === 0) throw new SigmaRefusal(`condition names "${pattern}", which matches no selection`);
  return found;
}

function conditionWhere(node: ConditionNode, selections: Record<string, Where>): Where {
  const names = Object.keys(selections);
  switch (node.op) {
    case 'ref': {
      const sel = selections[node.name];
      if (!sel) throw new SigmaRefusal(`condition names "${node.name}", which is not a selection`);
      return sel;
    }
    case 'not': return { not: conditionWhere(node.arg, selections) };
    case 'and': return { all: node.args.map((a) => conditionWhere(a, selections)) };
    case 'or': return { any: node.args.map((a) => conditionWhere(a, selections)) };
    case 'of': {
      const parts = matchingNames(node.pattern, names).map((n) => selections[n]!);
      return node.quantifier === 'all' ? { all: parts } : { any: parts };
    }
  }
}

function commonFacts(data: Record<string, unknown>): Pick<SigmaDetection, 'id' | 'title' | 'description' | 'severity'> {
  const title = text(data.title);
  if (!title) throw new SigmaRefusal('a Sigma rule needs a title');
  const name = text(data.name);
  const id = text(data.id) ?? name;
  if (!id) throw new SigmaRefusal('a Sigma rule needs an id or a name');
  const level = text(data.level)?.toLowerCase() ?? 'medium';
  const severity = LEVELS[level];
  if (!severity) throw new SigmaRefusal(`level "${level}" is not a Sigma level`);
  const falsePositives = Array.isArray(data.falsepositives) ? `False positives: ${data.falsepositives.map(String).join('; ')}.` : '';
  const description = [text(data.description) ?? title, falsePositives].filter(Boolean).join(' ');
  const ruleId = `sigma.${(name ?? id).toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[^a-z0-9]+/, '')}`;
  return { id: ruleId, title, description, severity };
}

function convertDetection(data: Record<string, unknown>): SigmaDetection {
  const facts = commonFacts(data);
  const detection = record(data.detection, 'detection');
  const condition = detection.condition;
  if (typeof condition !== 'string') {
    throw new SigmaRefusal(Array.isArray(condition) ? 'a list of conditions is deprecated Sigma: write one condition' : 'detection has no condition');
  }
  if ('timeframe' in detection) throw new SigmaRefusal('detection.timeframe is Sigma 1 syntax: write a correlation rule instead');
  const source = logsourceWhere(record(data.logsource, 'logsource'));
  const selections: Record<string, Where> = {};
  for (const [name, value] of Object.entries(detection)) if (name !== 'condition') selections[name] = selectionWhere(name, value);
  let tree: ConditionNode;
  try {
    tree = parseSigmaCondition(condition);
  } catch (err) {
    if (err instanceof SigmaConditionError) throw new SigmaRefusal(err.message);
    throw err;
  }
  const where = { all: [source, conditionWhere(tree, selections)] };
  return { kind: 'detection', refs: [text(data.id), text(data.name)].filter((r): r is string => r !== undefined), ...facts, where };
}

function minimumOf(condition: unknown): number {
  const c = record(condition, 'correlation.condition');
  const keys = Object.keys(c);
  if (keys.length === 1 && typeof c.gte === 'number') return c.gte;
  if (keys.length === 1 && typeof c.gt === 'number') return c.gt + 1;
  throw new SigmaRefusal(`correlation condition ${JSON.stringify(c)}: only "gte" or "gt" alone can be run (a minimum over a sliding window)`);
}

function convertCorrelation(data: Record<string, unknown>): SigmaCorrelation {
  const facts = commonFacts(data);
  const c = record(data.correlation, 'correlation');
  const type = c.type;
  if (type !== 'event_count' && type !== 'value_count' && type !== 'temporal' && type !== 'temporal_ordered') {
    throw new SigmaRefusal(`correlation type ${JSON.stringify(type)} is not supported (event_count, value_count, temporal, temporal_ordered)`);
  }
  const rules = (Array.isArray(c.rules) ? c.rules : [c.rules]).map(text);
  if (rules.length === 0 || rules.some((r) => r === undefined)) throw new SigmaRefusal('correlation.rules must name one or more rules');
  const timespan = text(c.timespan);
  if (!timespan || !/^\d+[smhd]$/.test(timespan)) throw new SigmaRefusal(`correlation.timespan ${JSON.stringify(c.timespan)}: use seconds, minutes, hours or days (30s, 10m, 1h, 1d)`);
  const groupBy = (Array.isArray(c['group-by']) ? c['group-by'] : []).map((f) => mapField(String(f)));
  if (groupBy.length === 0) throw new SigmaRefusal('correlation needs group-by: mfw keys every finding');
  const temporal = type === 'temporal' || type === 'temporal_ordered';
  if (temporal && rules.length !== 2) throw new SigmaRefusal(`a ${type} correlation of ${rules.length} rules cannot be run: mfw sequences have two steps`);
  let field: string | undefined;
  if (type === 'value_count') {
    const f = text(c.field);
    if (!f) throw new SigmaRefusal('a value_count correlation needs field');
    field = mapField(f);
  }
  return {
    kind: 'correlation', ...facts, type, rules: rules as string[], groupBy, timespan,
    min: temporal ? 1 : minimumOf(c.condition), ...(field ? { field } : {}), generate: c.generate === true,
  };
}

/** Converts one Sigma YAML document; throws SigmaRefusal with the reason when it cannot be run. */
export function convertSigma(data: unknown): SigmaDetection | SigmaCorrelation {
  const map = record(data, 'a Sigma rule');
  return 'correlation' in map ? convertCorrelation(map) : convertDetection(map);
}
