import type { FieldValue } from '../../../shared/types/event.js';

/** A run of events whose sliding windows reached the minimum: first..last qualifying event. */
export interface Burst<T> {
  events: T[];
  /** Distinct values of the counted field in the burst (events when counting events). */
  distinct: number;
}

export interface WindowSpec<T> {
  windowMs: number;
  min: number;
  ts: (event: T) => number;
  /** The value counted distinctly; omitted: events are counted. A null value is not counted. */
  distinctValue?: (event: T) => FieldValue;
}

/**
 * True sliding windows over events sorted by time: the window ending at each event holds the
 * events at most `windowMs` before it. Every window that reaches `min` marks its events; windows
 * sharing an event join into one burst, so a long attack is one finding, not one per position.
 */
export function findBursts<T>(events: readonly T[], spec: WindowSpec<T>): Burst<T>[] {
  const bursts: Burst<T>[] = [];
  // Distinct values as small numbers (-1: none), counted in an array: one Map lookup per event.
  const codes = spec.distinctValue ? distinctCodes(events, spec.distinctValue) : undefined;
  // Fewer distinct values in all than the minimum: no window can reach it.
  if (codes && codes.distinct < spec.min) return bursts;
  const counts = new Int32Array(codes?.distinct ?? 0);
  let distinctInWindow = 0;
  let left = 0;
  let open: { from: number; to: number } | undefined;
  const close = (): void => {
    if (!open) return;
    const slice = events.slice(open.from, open.to + 1);
    bursts.push({ events: slice, distinct: spec.distinctValue ? countDistinct(slice, spec.distinctValue) : slice.length });
    open = undefined;
  };
  for (let right = 0; right < events.length; right++) {
    const tsRight = spec.ts(events[right]!);
    if (codes) {
      const code = codes.of[right]!;
      if (code >= 0 && counts[code]!++ === 0) distinctInWindow++;
    }
    while (tsRight - spec.ts(events[left]!) > spec.windowMs) {
      if (codes) {
        const code = codes.of[left]!;
        if (code >= 0 && --counts[code]! === 0) distinctInWindow--;
      }
      left++;
    }
    const size = codes ? distinctInWindow : right - left + 1;
    if (size < spec.min) continue;
    if (open && left <= open.to) open.to = right;
    else {
      close();
      open = { from: left, to: right };
    }
  }
  close();
  return bursts;
}

/** Each event's value as a number, the same for equal values (-1 for null), and how many there are. */
function distinctCodes<T>(events: readonly T[], value: (e: T) => FieldValue): { of: Int32Array; distinct: number } {
  const codeOf = new Map<FieldValue, number>();
  const of = new Int32Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const v = value(events[i]!);
    if (v === null) {
      of[i] = -1;
      continue;
    }
    let code = codeOf.get(v);
    if (code === undefined) codeOf.set(v, (code = codeOf.size));
    of[i] = code;
  }
  return { of, distinct: codeOf.size };
}

function countDistinct<T>(events: readonly T[], value: (e: T) => FieldValue): number {
  const seen = new Set<FieldValue>();
  for (const e of events) {
    const v = value(e);
    if (v !== null) seen.add(v);
  }
  return seen.size;
}

/** Groups items by a string key, keeping their order within each group. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    let group = groups.get(k);
    if (!group) groups.set(k, (group = []));
    group.push(item);
  }
  return groups;
}
