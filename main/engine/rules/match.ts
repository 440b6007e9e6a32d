import type { Severity } from '../../../shared/types/rules.js';
import type { EventRule } from './compiled.js';
import type { Filter } from './conditions.js';
import type { RuleEvent } from './fields.js';
import type { RuleMeta } from './finding.js';
import { thresholdRule } from './threshold.js';

export interface MatchSpec {
  where: Filter;
  groupBy: readonly string[];
  mergeWithinMs: number;
  levels: readonly { severity: Severity; where: Filter }[];
}

/**
 * Every matching event raises a finding; matches of one key (and level) less than `mergeWithinMs`
 * apart are one finding: a threshold of one over a window of that length.
 */
export function matchRule(meta: RuleMeta, spec: MatchSpec): EventRule {
  const severityOf = (ev: RuleEvent): Severity => spec.levels.find((l) => l.where.test(ev))?.severity ?? meta.severity;
  const threshold = { where: spec.where, groupBy: spec.groupBy, min: 1, windowMs: spec.mergeWithinMs, missingKey: '-', ...(spec.levels.length ? { severityOf } : {}) };
  return thresholdRule(meta, threshold, spec.levels.flatMap((l) => [...l.where.fields]));
}
