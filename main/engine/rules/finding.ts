import type { Severity, RuleInfo } from '../../../shared/types/rules.js';
import type { FieldValue } from '../../../shared/types/event.js';
import { eventRows, type CandidateRows } from './candidate-rows.js';
import type { RuleEvent } from './fields.js';
import { renderSummary } from './summary.js';

/** What every compiled rule knows about itself. */
export interface RuleMeta extends RuleInfo {
  description: string;
  /** Summary template (docs/rules.md); a default one is used when absent. */
  summary?: string;
  /** The rule as YAML, as loaded (a Sigma rule: as converted); what the Rules screen edits. */
  yaml?: string;
}

/** A finding before it is stored: the rule, its key, its span and the events that raised it. */
export interface Finding {
  rule: string;
  severity: Severity;
  title: string;
  key: Record<string, string>;
  count: number;
  firstTs: number;
  lastTs: number;
  summary: string;
  eventIds: number[];
}

/** The value of a key field as key text: null when absent, unless `missing` stands in for it. */
function keyText(v: FieldValue, missing: string | undefined): string | null {
  return v === null || v === '' ? missing ?? null : String(v);
}

/**
 * The key of events (or of candidate rows, read by `readers`): their values, or null when one is
 * missing (the event has no key), unless `missing` stands in for an absent value.
 */
export function keyReader<T>(readers: readonly ((item: T) => FieldValue)[], missing?: string): (item: T) => string[] | null {
  return (ev) => {
    const values: string[] = [];
    for (const read of readers) {
      const v = keyText(read(ev), missing);
      if (v === null) return null;
      values.push(v);
    }
    return values;
  };
}

/**
 * The key of events (or of candidate rows, read by `readers`) as one string (the values joined by
 * U+001F), for grouping: no array per event, and for one field no new string either.
 */
export function joinedKeyReader<T>(readers: readonly ((item: T) => FieldValue)[], missing?: string): (item: T) => string | null {
  const one = readers.length === 1 ? readers[0]! : undefined;
  if (one) return (ev) => keyText(one(ev), missing);
  return (ev) => {
    let joined = '';
    for (let i = 0; i < readers.length; i++) {
      const v = keyText(readers[i]!(ev), missing);
      if (v === null) return null;
      joined = i === 0 ? v : `${joined}\u001f${v}`;
    }
    return joined;
  };
}

/** Builds a finding from the candidate rows at `positions` (in time order) that raised it; no event is made. */
export function findingOfRows(
  meta: RuleMeta,
  severity: Severity,
  key: Record<string, string>,
  rows: CandidateRows,
  positions: readonly number[],
  distinct: number,
): Finding {
  const firstTs = rows.ts(positions[0]!);
  const lastTs = rows.ts(positions[positions.length - 1]!);
  const valuesOf = (field: string): FieldValue[] => positions.map(rows.reader(field));
  return {
    rule: meta.id,
    severity,
    title: meta.title,
    key,
    count: positions.length,
    firstTs,
    lastTs,
    summary: renderSummary(meta, { key, count: positions.length, distinct, firstTs, lastTs, valuesOf }),
    eventIds: positions.map((i) => rows.id(i)),
  };
}

/** Builds a finding from the events (sorted by time) that raised it. */
export function makeFinding(meta: RuleMeta, severity: Severity, key: Record<string, string>, events: readonly RuleEvent[], distinct: number): Finding {
  return findingOfRows(meta, severity, key, eventRows(events), events.map((_e, i) => i), distinct);
}

export function keyRecord(fields: readonly string[], values: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.map((f, i) => [f, values[i]!]));
}
