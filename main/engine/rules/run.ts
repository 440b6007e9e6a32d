import type { AnalysisFinding } from '../../../shared/types/analysis.js';
import type { FieldValue } from '../../../shared/types/event.js';
import { SEVERITIES } from '../../../shared/types/rules.js';
import type { Store } from '../store/store.js';
import { formatIsoUtc } from '../time/zone.js';
import { isEventRule, type CompiledRule, type EventRule } from './compiled.js';
import { RULE_COLUMNS, toRuleEvent, type RuleEvent } from './fields.js';
import type { Finding } from './finding.js';

/** How long each rule took, for `npm run bench` and `mfw rules test`. */
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

/** Fetches candidates once per distinct WHERE clause: rules on the same events share one fetch. */
class CandidateCache {
  private readonly fetched = new Map<string, Promise<RuleEvent[]>>();

  constructor(private readonly store: Store) {}

  get(rule: EventRule): Promise<RuleEvent[]> {
    const { sql, params } = rule.candidates;
    const where = sql === null ? 'ts IS NOT NULL' : `ts IS NOT NULL AND (${sql})`;
    const cacheKey = JSON.stringify([where, params]);
    let events = this.fetched.get(cacheKey);
    if (!events) {
      events = this.fetch(where, params);
      this.fetched.set(cacheKey, events);
    }
    return events;
  }

  private async fetch(where: string, params: FieldValue[]): Promise<RuleEvent[]> {
    const result = await this.store.query(`SELECT ${RULE_COLUMNS.join(', ')} FROM events WHERE ${where} ORDER BY ts, id`, params);
    return result.rows.map(toRuleEvent);
  }
}

/** Orders findings most serious first, then by time. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.firstTs - b.firstTs || a.rule.localeCompare(b.rule));
}

/** Runs every rule over the store's events; nothing is stored (see saveFindings). */
export async function runRules(store: Store, rules: readonly CompiledRule[]): Promise<RuleRun> {
  const cache = new CandidateCache(store);
  const findings: Finding[] = [];
  const timings: RuleTiming[] = [];
  for (const rule of rules) {
    const started = performance.now();
    let candidates = 0;
    let found: Finding[];
    if (isEventRule(rule)) {
      const events = await cache.get(rule);
      candidates = events.length;
      found = rule.evaluate(events);
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
