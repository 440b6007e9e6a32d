import type { EventRule } from './compiled.js';
import { or, type Filter } from './conditions.js';
import type { CandidateRows } from './candidate-rows.js';
import { isColumn } from './fields.js';
import { findingOfRows, joinedKeyReader, keyReader, keyRecord, type Finding, type RuleMeta } from './finding.js';
import { summaryFields } from './summary.js';
import { groupBy } from './window.js';

export interface SequenceSpec {
  first: Filter;
  then: Filter;
  by: readonly string[];
  minFirst: number;
  windowMs: number;
  /** false: the `first` events may come on either side of the `then` event. */
  ordered: boolean;
}

/**
 * Per key, a `then` row with at least `minFirst` `first` rows within the window before it (or
 * around it, unordered). Successive `then` rows that reuse the same `first` rows are one finding:
 * N failures then two logins is one compromise, not two. `group` holds positions in `rows`, in
 * (ts, id) order (ids follow the order of the lines).
 */
function findSequences(rows: CandidateRows, group: readonly number[], spec: SequenceSpec): number[][] {
  const isFirst = rows.passes(spec.first);
  const isThen = rows.passes(spec.then);
  const byTime = (a: number, b: number): number => rows.ts(a) - rows.ts(b) || rows.id(a) - rows.id(b);
  const firsts = group.filter((i) => isFirst(i));
  const found: number[][] = [];
  let current: { firsts: Set<number>; positions: number[] } | undefined;
  // Both lists are in time order: the window over `firsts` only moves forward.
  let lo = 0;
  let hi = 0;
  for (const then of group) {
    if (!isThen(then) || isFirst(then)) continue;
    const thenTs = rows.ts(then);
    while (hi < firsts.length && (spec.ordered ? byTime(firsts[hi]!, then) < 0 : rows.ts(firsts[hi]!) - thenTs <= spec.windowMs)) hi++;
    while (lo < hi && thenTs - rows.ts(firsts[lo]!) > spec.windowMs) lo++;
    if (hi - lo < spec.minFirst) continue;
    const inWindow = firsts.slice(lo, hi);
    if (current && inWindow.some((f) => current!.firsts.has(f))) {
      for (const f of inWindow.filter((x) => !current!.firsts.has(x))) {
        current.firsts.add(f);
        current.positions.push(f);
      }
      current.positions.push(then);
      continue;
    }
    current = { firsts: new Set(inWindow), positions: [...inWindow, then] };
    found.push(current.positions);
  }
  return found.map((list) => [...list].sort(byTime));
}

export function evaluateSequence(meta: RuleMeta, spec: SequenceSpec, rows: CandidateRows): Finding[] {
  const findings: Finding[] = [];
  const readers = spec.by.map((f) => rows.reader(f));
  const keyOf = keyReader(readers);
  const all = Array.from({ length: rows.length }, (_v, i) => i);
  for (const group of groupBy(all, joinedKeyReader(readers)).values()) {
    const key = keyRecord(spec.by, keyOf(group[0]!)!);
    for (const sequence of findSequences(rows, group, spec)) findings.push(findingOfRows(meta, meta.severity, key, rows, sequence, sequence.length));
  }
  return findings;
}

/**
 * The candidates of a sequence: events of `first` or `then`, and, when SQL can tell, only of keys
 * that have at least `minFirst` of the one and one of the other at all. Most brute forcers never
 * get in: their many failures need not be fetched.
 */
function sequenceCandidates(spec: SequenceSpec): Filter {
  const either = or([spec.first, spec.then]);
  const { first, then } = spec;
  if (!spec.by.every(isColumn) || first.sql === null || then.sql === null || either.sql === null) return either;
  const key = spec.by.length === 1 ? spec.by[0]! : `(${spec.by.join(', ')})`;
  const keys = `SELECT ${spec.by.join(', ')} FROM events WHERE ts IS NOT NULL AND (${either.sql}) GROUP BY ${spec.by.join(', ')}
    HAVING sum(CASE WHEN (${first.sql}) THEN 1 ELSE 0 END) >= ? AND sum(CASE WHEN (${then.sql}) THEN 1 ELSE 0 END) >= 1`;
  return {
    ...either,
    sql: `(${either.sql}) AND ${key} IN (${keys})`,
    params: [...either.params, ...either.params, ...first.params, spec.minFirst, ...then.params],
    exact: false,
    residual: either.test,
    residualFields: either.fields,
  };
}

export function sequenceRule(meta: RuleMeta, spec: SequenceSpec): EventRule {
  const valueFields = new Set([...spec.by, ...summaryFields(meta.summary)]);
  return {
    meta, candidates: sequenceCandidates(spec), fields: new Set([...spec.first.fields, ...spec.then.fields, ...valueFields]), valueFields,
    rowFilters: [spec.first, spec.then], evaluate: (rows) => evaluateSequence(meta, spec, rows),
  };
}
