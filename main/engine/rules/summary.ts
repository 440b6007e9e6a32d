import { formatIsoUtc } from '../time/zone.js';
import type { FieldValue } from '../../../shared/types/event.js';
import type { RuleMeta } from './finding.js';

export interface SummaryFacts {
  key: Record<string, string>;
  count: number;
  /** The values of a field over the finding's events. */
  valuesOf: (field: string) => readonly FieldValue[];
  distinct: number;
  firstTs: number;
  lastTs: number;
}

/** `40 s`, `2 min`, `1 h 5 min`, `3 d 2 h`: how long a finding lasted, to the unit that matters. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** A field's value over the events: the first one, and how many others there are. */
function sharedValue(of: readonly FieldValue[], field: string): string {
  const values = new Set<string>();
  for (const v of of) if (v !== null && v !== '') values.add(String(v));
  const first = [...values][0];
  if (first === undefined) return `(no ${field})`;
  return values.size === 1 ? first : `${first} (+${values.size - 1} more)`;
}

const BUILT_IN_PLACEHOLDERS = new Set(['count', 'distinct', 'duration', 'first', 'last', 'key']);

/** The event fields a summary template names (the other placeholders are computed). */
export function summaryFields(template: string | undefined): string[] {
  if (!template) return [];
  return [...template.matchAll(/\{([\w.]+)\}/g)].map((m) => m[1]!).filter((name) => !BUILT_IN_PLACEHOLDERS.has(name));
}

/**
 * Renders a rule's summary template: `{count}`, `{distinct}`, `{duration}`, `{first}`, `{last}`,
 * key fields, and any other field (its one value, or how many values there are).
 */
export function renderSummary(meta: RuleMeta, facts: SummaryFacts): string {
  const keyText = Object.values(facts.key).join(' ');
  const template = meta.summary ?? `${keyText}: {count} events matching "${meta.title}" in {duration}`;
  const text = template.replace(/\{([\w.]+)\}/g, (_m, name: string) => {
    switch (name) {
      case 'count': return String(facts.count);
      case 'distinct': return String(facts.distinct);
      case 'duration': return formatDuration(facts.lastTs - facts.firstTs);
      case 'first': return formatIsoUtc(facts.firstTs);
      case 'last': return formatIsoUtc(facts.lastTs);
      case 'key': return keyText;
      default: return facts.key[name] ?? sharedValue(facts.valuesOf(name), name);
    }
  });
  return text.replace(/\s+/g, ' ').trim();
}
