import type { Severity } from '../../../shared/types/rules.js';
import type { EventRule } from './compiled.js';
import type { Filter } from './conditions.js';
import { fieldReader, fieldValue, type RuleEvent } from './fields.js';
import { joinedKeyReader, keyReader, keyRecord, makeFinding, type Finding, type RuleMeta } from './finding.js';
import { summaryFields } from './summary.js';
import { findBursts } from './window.js';

export interface ThresholdSpec {
  where: Filter;
  groupBy: readonly string[];
  distinct?: string;
  min: number;
  windowMs: number;
  /** `{ src_subnet: 'src_ip' }`: a finding whose events share one src_ip is keyed by it. */
  narrowKey?: Readonly<Record<string, string>>;
  /** Severity of an event (match levels); the rule's when absent. */
  severityOf?: (ev: RuleEvent) => Severity;
  /** Stands in for a missing key value (match rules); absent: events without a key are skipped. */
  missingKey?: string;
}

function narrowed(key: Record<string, string>, events: readonly RuleEvent[], narrow: Readonly<Record<string, string>> | undefined): Record<string, string> {
  if (!narrow) return key;
  const out: Record<string, string> = {};
  for (const [field, value] of Object.entries(key)) {
    const finer = narrow[field];
    const values = finer ? new Set(events.map((e) => fieldValue(e, finer))) : undefined;
    const only = values?.size === 1 ? [...values][0] : undefined;
    if (finer && only !== undefined && only !== null) out[finer] = String(only);
    else out[field] = value;
  }
  return out;
}

/** Findings of a threshold: per key, every burst of sliding windows holding at least `min` events (or distinct values). */
export function evaluateThreshold(meta: RuleMeta, spec: ThresholdSpec, candidates: readonly RuleEvent[]): Finding[] {
  const matched = spec.where.exact ? candidates : candidates.filter((e) => spec.where.residual(e));
  const groups = new Map<string, { severity: Severity; values: string[]; events: RuleEvent[] }>();
  const keyOf = keyReader(spec.groupBy, spec.missingKey);
  const joinedKeyOf = joinedKeyReader(spec.groupBy, spec.missingKey);
  for (const e of matched) {
    const joined = joinedKeyOf(e);
    if (joined === null) continue;
    const severity = spec.severityOf ? spec.severityOf(e) : meta.severity;
    const groupKey = spec.severityOf ? `${severity}\u001f${joined}` : joined;
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = { severity, values: keyOf(e)!, events: [] }));
    group.events.push(e);
  }
  const findings: Finding[] = [];
  const distinctField = spec.distinct;
  const distinctValue = distinctField ? fieldReader(distinctField) : undefined;
  for (const { severity, values, events } of groups.values()) {
    if (events.length < spec.min) continue; // nor can it hold `min` distinct values
    const bursts = findBursts(events, { windowMs: spec.windowMs, min: spec.min, ts: (e) => e.ts, ...(distinctValue ? { distinctValue } : {}) });
    for (const burst of bursts) {
      const key = narrowed(keyRecord(spec.groupBy, values), burst.events, spec.narrowKey);
      findings.push(makeFinding(meta, severity, key, burst.events, burst.distinct));
    }
  }
  return findings;
}

/** The fields a threshold reads once its candidates are fetched. */
export function thresholdFields(meta: RuleMeta, spec: ThresholdSpec, extra: readonly string[] = []): Set<string> {
  return new Set([
    ...spec.where.residualFields, ...spec.groupBy, ...(spec.distinct ? [spec.distinct] : []),
    ...Object.values(spec.narrowKey ?? {}), ...summaryFields(meta.summary), ...extra,
  ]);
}

export function thresholdRule(meta: RuleMeta, spec: ThresholdSpec): EventRule {
  return { meta, candidates: spec.where, fields: thresholdFields(meta, spec), evaluate: (events) => evaluateThreshold(meta, spec, events) };
}
