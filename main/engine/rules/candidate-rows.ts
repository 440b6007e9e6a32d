import type { FieldValue } from '../../../shared/types/event.js';
import type { Filter } from './conditions.js';
import { fieldReader, type RuleEvent } from './fields.js';

/**
 * A rule's candidates in (ts, id) order, read by position: from the rule tap's columns (tap.ts)
 * or from events fetched from the store. Evaluators group, count and slide their windows through
 * `ts` and `reader`, and make events (`event`) only for what they report: of the ~450 000
 * candidates of the built-in pack over a million lines, a few thousand raise findings, and an
 * object per candidate cost more in making and garbage collection than the windows themselves.
 */
export interface CandidateRows {
  readonly length: number;
  ts(i: number): number;
  id(i: number): number;
  /** Reads a field by position, as fieldValue reads it from the event. */
  reader(field: string): (i: number) => FieldValue;
  /** A test of a condition by position, as `filter.test` says of the event. */
  passes(filter: Filter): (i: number) => boolean;
  /** The row as an event. */
  event(i: number): RuleEvent;
  /** Every row is known to pass the rule's whole condition (the tap judged it), so no residual test is due. */
  readonly judged: boolean;
}

/** Rows over events fetched from the store (only their SQL-decided part of the condition is known to hold). */
export function eventRows(events: readonly RuleEvent[]): CandidateRows {
  return {
    length: events.length,
    ts: (i) => events[i]!.ts,
    id: (i) => events[i]!.id,
    reader: (field) => {
      const read = fieldReader(field);
      return (i) => read(events[i]!);
    },
    passes: (filter) => (i) => filter.test(events[i]!),
    event: (i) => events[i]!,
    judged: false,
  };
}

/** Several rows' lists as one, in (ts, id) order; each row read from its own list. */
export function mergeRows(parts: readonly CandidateRows[]): CandidateRows {
  const partOf: number[] = [];
  const indexIn: number[] = [];
  parts.forEach((part, p) => {
    for (let i = 0; i < part.length; i++) {
      partOf.push(p);
      indexIn.push(i);
    }
  });
  const tsOf = (k: number): number => parts[partOf[k]!]!.ts(indexIn[k]!);
  const idOf = (k: number): number => parts[partOf[k]!]!.id(indexIn[k]!);
  const order = partOf.map((_p, k) => k).sort((a, b) => tsOf(a) - tsOf(b) || idOf(a) - idOf(b));
  /** A per-part reader as one over the merged positions. */
  const merged = <T>(readerOf: (part: CandidateRows) => (i: number) => T): ((i: number) => T) => {
    const readers = parts.map(readerOf);
    return (i) => readers[partOf[order[i]!]!]!(indexIn[order[i]!]!);
  };
  return {
    length: order.length,
    ts: merged((part) => (i) => part.ts(i)),
    id: merged((part) => (i) => part.id(i)),
    reader: (field) => merged((part) => part.reader(field)),
    passes: (filter) => merged((part) => part.passes(filter)),
    event: merged((part) => (i) => part.event(i)),
    judged: parts.every((part) => part.judged),
  };
}
