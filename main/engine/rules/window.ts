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
  // Fewer distinct values in all than the minimum: no window can reach it (one Set, not a window's Map work).
  if (spec.distinctValue && countDistinct(events, spec.distinctValue) < spec.min) return bursts;
  const counts = new Map<FieldValue, number>();
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
    distinctInWindow += add(counts, spec.distinctValue?.(events[right]!), 1);
    while (tsRight - spec.ts(events[left]!) > spec.windowMs) {
      distinctInWindow += add(counts, spec.distinctValue?.(events[left]!), -1);
      left++;
    }
    const size = spec.distinctValue ? distinctInWindow : right - left + 1;
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

/** Adds `delta` to a value's count; returns the change in the number of distinct values. */
function add(counts: Map<FieldValue, number>, value: FieldValue | undefined, delta: number): number {
  if (value === undefined || value === null) return 0;
  const before = counts.get(value) ?? 0;
  const after = before + delta;
  if (after === 0) counts.delete(value);
  else counts.set(value, after);
  return before === 0 ? 1 : after === 0 ? -1 : 0;
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
