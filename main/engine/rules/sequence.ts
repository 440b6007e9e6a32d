import type { EventRule } from './compiled.js';
import { or, type Filter } from './conditions.js';
import { allEvents } from './candidate-rows.js';
import { fieldReader, isColumn, type RuleEvent } from './fields.js';
import { joinedKeyReader, keyReader, keyRecord, makeFinding, type Finding, type RuleMeta } from './finding.js';
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

/** Events are fetched in (ts, id) order, and ids follow the order of the lines. */
function comesBefore(a: RuleEvent, b: RuleEvent): boolean {
  return a.ts < b.ts || (a.ts === b.ts && a.id < b.id);
}

/**
 * Per key, a `then` event with at least `minFirst` `first` events within the window before it
 * (or around it, unordered). Successive `then` events that reuse the same `first` events are one
 * finding: N failures then two logins is one compromise, not two.
 */
function findSequences(events: readonly RuleEvent[], spec: SequenceSpec): RuleEvent[][] {
  const firsts = events.filter((e) => spec.first.test(e));
  const found: RuleEvent[][] = [];
  let current: { firstIds: Set<number>; events: RuleEvent[] } | undefined;
  // Both lists are in time order: the window over `firsts` only moves forward.
  let lo = 0;
  let hi = 0;
  for (const then of events) {
    if (!spec.then.test(then) || spec.first.test(then)) continue;
    while (hi < firsts.length && (spec.ordered ? comesBefore(firsts[hi]!, then) : firsts[hi]!.ts - then.ts <= spec.windowMs)) hi++;
    while (lo < hi && then.ts - firsts[lo]!.ts > spec.windowMs) lo++;
    if (hi - lo < spec.minFirst) continue;
    const inWindow = firsts.slice(lo, hi);
    if (current && inWindow.some((f) => current!.firstIds.has(f.id))) {
      for (const f of inWindow.filter((x) => !current!.firstIds.has(x.id))) {
        current.firstIds.add(f.id);
        current.events.push(f);
      }
      current.events.push(then);
      continue;
    }
    current = { firstIds: new Set(inWindow.map((f) => f.id)), events: [...inWindow, then] };
    found.push(current.events);
  }
  return found.map((list) => [...list].sort((a, b) => a.ts - b.ts || a.id - b.id));
}

export function evaluateSequence(meta: RuleMeta, spec: SequenceSpec, candidates: readonly RuleEvent[]): Finding[] {
  const findings: Finding[] = [];
  const readers = spec.by.map(fieldReader);
  const keyOf = keyReader(readers);
  for (const events of groupBy(candidates, joinedKeyReader(readers)).values()) {
    const key = keyRecord(spec.by, keyOf(events[0]!)!);
    for (const sequence of findSequences(events, spec)) findings.push(makeFinding(meta, meta.severity, key, sequence, sequence.length));
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
  const fields = new Set([...spec.first.fields, ...spec.then.fields, ...spec.by, ...summaryFields(meta.summary)]);
  return { meta, candidates: sequenceCandidates(spec), fields, evaluate: (rows) => evaluateSequence(meta, spec, allEvents(rows)) };
}
