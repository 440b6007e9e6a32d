import type { Severity } from '../../../shared/types/rules.js';
import type { EventRule } from './compiled.js';
import type { Filter } from './conditions.js';
import type { CandidateRows } from './candidate-rows.js';
import type { RuleEvent } from './fields.js';
import { findingOfRows, joinedKeyReader, keyReader, keyRecord, type Finding, type RuleMeta } from './finding.js';
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

function narrowed(key: Record<string, string>, rows: CandidateRows, positions: readonly number[], narrow: Readonly<Record<string, string>> | undefined): Record<string, string> {
  if (!narrow) return key;
  const out: Record<string, string> = {};
  for (const [field, value] of Object.entries(key)) {
    const finer = narrow[field];
    const values = finer ? new Set(positions.map(rows.reader(finer))) : undefined;
    const only = values?.size === 1 ? [...values][0] : undefined;
    if (finer && only !== undefined && only !== null) out[finer] = String(only);
    else out[field] = value;
  }
  return out;
}

/** Findings of a threshold: per key, every burst of sliding windows holding at least `min` events (or distinct values). */
export function evaluateThreshold(meta: RuleMeta, spec: ThresholdSpec, rows: CandidateRows): Finding[] {
  const residual = spec.where.exact || rows.judged ? undefined : spec.where.residual;
  // Groups hold positions: events are made only for the rows of a finding.
  const groups = new Map<string, { severity: Severity; positions: number[] }>();
  const joinedKeyOf = joinedKeyReader(spec.groupBy.map((f) => rows.reader(f)), spec.missingKey);
  for (let i = 0; i < rows.length; i++) {
    if (residual && !residual(rows.event(i))) continue;
    const joined = joinedKeyOf(i);
    if (joined === null) continue;
    const severity = spec.severityOf ? spec.severityOf(rows.event(i)) : meta.severity;
    const groupKey = spec.severityOf ? `${severity}\u001f${joined}` : joined;
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = { severity, positions: [] }));
    group.positions.push(i);
  }
  const findings: Finding[] = [];
  const keyOf = keyReader(spec.groupBy.map((f) => rows.reader(f)), spec.missingKey);
  const distinctValue = spec.distinct ? rows.reader(spec.distinct) : undefined;
  // The windows read each row's time several times: it is read from the rows once, into an array.
  const times = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) times[i] = rows.ts(i);
  const ts = (i: number): number => times[i]!;
  for (const { severity, positions } of groups.values()) {
    if (positions.length < spec.min) continue; // nor can it hold `min` distinct values
    const bursts = findBursts(positions, { windowMs: spec.windowMs, min: spec.min, ts, ...(distinctValue ? { distinctValue } : {}) });
    for (const burst of bursts) {
      const key = narrowed(keyRecord(spec.groupBy, keyOf(burst.events[0]!)!), rows, burst.events, spec.narrowKey);
      findings.push(findingOfRows(meta, severity, key, rows, burst.events, burst.distinct));
    }
  }
  return findings;
}

/** The fields a threshold reads of rows its condition is known to hold for (`extra`: its levels'). */
function thresholdValueFields(meta: RuleMeta, spec: ThresholdSpec, extra: readonly string[] = []): Set<string> {
  return new Set([
    ...spec.groupBy, ...(spec.distinct ? [spec.distinct] : []), ...Object.values(spec.narrowKey ?? {}), ...summaryFields(meta.summary), ...extra,
  ]);
}

/** A threshold rule; `levelFields`: the fields its levels read (a match rule's). */
export function thresholdRule(meta: RuleMeta, spec: ThresholdSpec, levelFields: readonly string[] = []): EventRule {
  const valueFields = thresholdValueFields(meta, spec, levelFields);
  return {
    meta, candidates: spec.where, fields: new Set([...spec.where.residualFields, ...valueFields]), valueFields,
    evaluate: (rows) => evaluateThreshold(meta, spec, rows),
  };
}
