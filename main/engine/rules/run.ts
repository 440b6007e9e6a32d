import type { AnalysisFinding } from '../../../shared/types/analysis.js';
import type { FieldValue } from '../../../shared/types/event.js';
import { SEVERITIES } from '../../../shared/types/rules.js';
import type { Store } from '../store/store.js';
import { eventRows } from './candidate-rows.js';
import { formatIsoUtc } from '../time/zone.js';
import { isEventRule, type CompiledRule, type EventRule } from './compiled.js';
import { columnIndex, columnsOfField, RULE_COLUMNS, toRuleEvent, type RuleEvent } from './fields.js';
import type { Filter } from './conditions.js';
import type { Finding } from './finding.js';
import type { RuleTap } from './tap.js';

/** How long each rule took (its wait for its fetch included), for `npm run bench`. */
export interface RuleTiming {
  rule: string;
  ms: number;
  candidates: number;
  findings: number;
}

export interface RuleRun {
  findings: Finding[];
  timings: RuleTiming[];
}

/** Rows per fetch query: ~25 MB of JSON for firewall rows. */
const FETCH_CHUNK = 250_000;

export interface RunOptions {
  /** Rows per fetch query (tests make it small to cross chunk borders). */
  fetchChunk?: number;
  /** Candidates collected while the store was filled: the rules it took need no fetch. */
  tap?: RuleTap;
}

/**
 * One query's worth of candidates: a WHERE clause, the columns, and for a fetch shared by the
 * rules of one source, one 0/1 flag per rule computed by SQL (`flags`, their SQL and params).
 */
interface Fetch {
  where: string;
  params: FieldValue[];
  columns: string[];
  flags: { rule: EventRule; sql: string; params: FieldValue[] }[];
}

function whereOf(filter: Filter): { where: string; params: FieldValue[] } {
  return { where: filter.sql === null ? 'ts IS NOT NULL' : `ts IS NOT NULL AND (${filter.sql})`, params: filter.params };
}

/** The columns to fetch for some fields: id and ts first. */
function columnsFor(fields: Iterable<string>): string[] {
  const wanted = new Set([...fields].flatMap(columnsOfField));
  return ['id', 'ts', ...RULE_COLUMNS.filter((c) => c !== 'id' && c !== 'ts' && wanted.has(c))];
}

/**
 * The fetch of the rules of one source: one scan, each row carrying a flag per rule for the part
 * SQL decides (so its columns need not be fetched), and only rows some rule may want.
 */
function sourceFetch(source: string, rules: readonly EventRule[]): Fetch {
  const flags = rules.map((rule) => ({ rule, sql: rule.candidates.sql === null ? '1' : `coalesce((${rule.candidates.sql}), 0)`, params: rule.candidates.params }));
  const everyNarrows = rules.every((r) => r.candidates.sql !== null);
  return {
    where: everyNarrows ? `ts IS NOT NULL AND source = ? AND (${rules.map((r) => `(${r.candidates.sql!})`).join(' OR ')})` : 'ts IS NOT NULL AND source = ?',
    params: everyNarrows ? [source, ...rules.flatMap((r) => r.candidates.params)] : [source],
    columns: columnsFor(rules.flatMap((r) => [...r.fields, ...r.candidates.residualFields])),
    flags,
  };
}

/**
 * Plans the fetches: thresholds and matches of one `source` share one scan of it (a scan per
 * rule costs far more than a flag per rule); other rules share a fetch when their WHERE is the
 * same. Sequences keep their own SQL, which skips keys that never reach their second step.
 */
function planFetches(rules: readonly EventRule[]): Map<EventRule, Fetch> {
  const bySource = new Map<string, EventRule[]>();
  const byWhere = new Map<string, EventRule[]>();
  for (const rule of rules) {
    const source = rule.meta.kind === 'sequence' ? undefined : rule.candidates.source;
    if (source !== undefined) bySource.set(source, [...(bySource.get(source) ?? []), rule]);
    else {
      const key = JSON.stringify(whereOf(rule.candidates));
      byWhere.set(key, [...(byWhere.get(key) ?? []), rule]);
    }
  }
  const plan = new Map<EventRule, Fetch>();
  for (const [source, sharing] of bySource) {
    if (sharing.length === 1) {
      byWhere.set(JSON.stringify(whereOf(sharing[0]!.candidates)), sharing);
      continue;
    }
    const fetch = sourceFetch(source, sharing);
    for (const rule of sharing) plan.set(rule, fetch);
  }
  for (const sharing of byWhere.values()) {
    const fetch: Fetch = { ...whereOf(sharing[0]!.candidates), columns: columnsFor(sharing.flatMap((r) => [...r.fields])), flags: [] };
    for (const rule of sharing) plan.set(rule, fetch);
  }
  return plan;
}

const flagColumn = (i: number): string => `rule_flag_${i}`;

/**
 * Fetches each planned set once, sorted by time. The rows come as one JSON array built by SQLite
 * (json_group_array): stepping a statement row by row from JS costs about twice as much
 * (measured on 200 k web events: 0.84 s against 0.41 s).
 */
class CandidateCache {
  private readonly fetched = new Map<Fetch, Promise<RuleEvent[]>>();
  private readonly plan: Map<EventRule, Fetch>;

  constructor(private readonly store: Store, rules: readonly EventRule[], private readonly chunk = FETCH_CHUNK) {
    this.plan = planFetches(rules);
  }

  async get(rule: EventRule): Promise<RuleEvent[]> {
    const fetch = this.plan.get(rule) ?? { ...whereOf(rule.candidates), columns: columnsFor(rule.fields), flags: [] };
    let pending = this.fetched.get(fetch);
    if (!pending) {
      pending = this.fetch(fetch);
      this.fetched.set(fetch, pending);
    }
    const events = await pending;
    const flag = fetch.flags.findIndex((f) => f.rule === rule);
    if (flag < 0) return events;
    const at = fetch.columns.length + flag;
    return events.filter((e) => e.values[at] === 1 && rule.candidates.residual(e));
  }

  /**
   * In chunks of rows in id order, so no JSON text nears SQLite's 1 GB string limit however
   * large the store. Sorted by time here, not by SQL: rows come in runs already in order (file by
   * file), which JS's merge sort joins in a few ms where SQLite's sort took a quarter of a second
   * (280 k rows).
   */
  private async fetch({ where, params, columns, flags }: Fetch): Promise<RuleEvent[]> {
    const inner = [...columns, ...flags.map((f, i) => `${f.sql} AS ${flagColumn(i)}`)].join(', ');
    const outer = [...columns, ...flags.map((_f, i) => flagColumn(i))].join(', ');
    const index = columnIndex(columns);
    const events: RuleEvent[] = [];
    let afterId = -1;
    for (;;) {
      const result = await this.store.query(
        `SELECT json_group_array(json_array(${outer})) FROM (SELECT ${inner} FROM events WHERE ${where} AND id > ? ORDER BY id LIMIT ${this.chunk})`,
        [...flags.flatMap((f) => f.params), ...params, afterId],
      );
      const rows = JSON.parse(String(result.rows[0]?.[0] ?? '[]')) as FieldValue[][];
      for (const row of rows) events.push(toRuleEvent(row, index));
      if (rows.length < this.chunk) break;
      afterId = events[events.length - 1]!.id;
    }
    return events.sort((a, b) => a.ts - b.ts || a.id - b.id);
  }
}

/** Orders findings most serious first, then by time. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.firstTs - b.firstTs || a.rule.localeCompare(b.rule));
}

/** Runs every rule over the store's events; nothing is stored (see saveFindings). */
export async function runRules(store: Store, rules: readonly CompiledRule[], options: RunOptions = {}): Promise<RuleRun> {
  const { tap } = options;
  const fetched = rules.filter(isEventRule).filter((rule) => !tap?.has(rule));
  const cache = new CandidateCache(store, fetched, options.fetchChunk);
  // Every fetch is asked for at once: the store's worker answers them one after another while this
  // thread judges the ones already answered, so SQL and JS overlap on two cores.
  const fetches = new Map<EventRule, Promise<readonly RuleEvent[]>>(fetched.map((rule) => [rule, cache.get(rule)]));
  for (const pending of fetches.values()) pending.catch(() => undefined); // awaited, and thrown, below
  const findings: Finding[] = [];
  const timings: RuleTiming[] = [];
  for (const rule of rules) {
    const started = performance.now();
    let candidates = 0;
    let found: Finding[];
    if (isEventRule(rule)) {
      // A tapped rule reads the tap's columns; events are made only for what it reports.
      const rows = tap?.has(rule) ? tap.rowsOf(rule) : eventRows(await fetches.get(rule)!);
      candidates = rows.length;
      found = rule.evaluate(rows);
    } else {
      found = await rule.evaluateStore(store);
    }
    findings.push(...found);
    timings.push({ rule: rule.meta.id, ms: performance.now() - started, candidates, findings: found.length });
  }
  return { findings: sortFindings(findings), timings };
}

/** Replaces the findings in the store with these (rules run again replace, never add). */
export async function saveFindings(store: Store, findings: readonly Finding[]): Promise<void> {
  await store.replaceFindings(findings.map((f) => ({
    rule: f.rule, severity: f.severity, title: f.title, key: JSON.stringify(f.key), count: f.count,
    firstTs: f.firstTs, lastTs: f.lastTs, summary: f.summary, eventIds: f.eventIds,
  })));
}

/** A finding as `mfw.analysis/1` shows it. */
export function toAnalysisFinding(f: Finding): AnalysisFinding {
  return {
    rule: f.rule, severity: f.severity, title: f.title, key: f.key, count: f.count,
    first: formatIsoUtc(f.firstTs), last: formatIsoUtc(f.lastTs), summary: f.summary,
  };
}
