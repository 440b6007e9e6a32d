import type { Severity, RuleInfo } from '../../../shared/types/rules.js';
import { fieldReader, fieldValue, type RuleEvent } from './fields.js';
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

/**
 * The key of an event: its values of `fields`, or null when one is missing (the event has no
 * key), unless `missing` stands in for an absent value.
 */
export function keyOf(ev: RuleEvent, fields: readonly string[], missing?: string): string[] | null {
  const values: string[] = [];
  for (const f of fields) {
    const v = fieldValue(ev, f);
    if (v === null || v === '') {
      if (missing === undefined) return null;
      values.push(missing);
    } else values.push(String(v));
  }
  return values;
}

/** keyOf for many events: the fields' readers are made once. */
export function keyReader(fields: readonly string[], missing?: string): (ev: RuleEvent) => string[] | null {
  const readers = fields.map(fieldReader);
  return (ev) => {
    const values: string[] = [];
    for (const read of readers) {
      const v = read(ev);
      if (v === null || v === '') {
        if (missing === undefined) return null;
        values.push(missing);
      } else values.push(String(v));
    }
    return values;
  };
}

/** Builds a finding from the events (sorted by time) that raised it. */
export function makeFinding(
  meta: RuleMeta,
  severity: Severity,
  key: Record<string, string>,
  events: readonly RuleEvent[],
  distinct: number,
): Finding {
  const firstTs = events[0]!.ts;
  const lastTs = events[events.length - 1]!.ts;
  return {
    rule: meta.id,
    severity,
    title: meta.title,
    key,
    count: events.length,
    firstTs,
    lastTs,
    summary: renderSummary(meta, { key, events, distinct, firstTs, lastTs }),
    eventIds: events.map((e) => e.id),
  };
}

export function keyRecord(fields: readonly string[], values: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.map((f, i) => [f, values[i]!]));
}
