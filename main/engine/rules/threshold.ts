import type { Severity } from '../../../shared/types/rules.js';
import type { EventRule } from './compiled.js';
import type { Filter } from './conditions.js';
import { fieldValue, type RuleEvent } from './fields.js';
import { keyOf, keyRecord, makeFinding, type Finding, type RuleMeta } from './finding.js';
import { findBursts, groupBy } from './window.js';

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
  const matched = candidates.filter((e) => spec.where.test(e));
  const severityOf = spec.severityOf ?? ((): Severity => meta.severity);
  const groups = groupBy(matched, (e) => {
    const key = keyOf(e, spec.groupBy, spec.missingKey);
    return key ? JSON.stringify([severityOf(e), ...key]) : null;
  });
  const findings: Finding[] = [];
  for (const [groupKey, events] of groups) {
    const [severity, ...values] = JSON.parse(groupKey) as [Severity, ...string[]];
    const distinctField = spec.distinct;
    const bursts = findBursts(events, {
      windowMs: spec.windowMs,
      min: spec.min,
      ts: (e) => e.ts,
      ...(distinctField ? { distinctValue: (e: RuleEvent) => fieldValue(e, distinctField) } : {}),
    });
    for (const burst of bursts) {
      const key = narrowed(keyRecord(spec.groupBy, values), burst.events, spec.narrowKey);
      findings.push(makeFinding(meta, severity, key, burst.events, burst.distinct));
    }
  }
  return findings;
}

export function thresholdRule(meta: RuleMeta, spec: ThresholdSpec): EventRule {
  return { meta, candidates: spec.where, evaluate: (events) => evaluateThreshold(meta, spec, events) };
}
