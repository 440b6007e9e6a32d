/**
 * The visible range of the timeline, [fromMs, toMs) in UTC ms, and how zooming and panning
 * move it. Pure: the Timeline screen turns the result into the event filter's fromMs/toMs.
 */
export interface ViewRange {
  fromMs: number;
  toMs: number;
}

/** The narrowest view: below it, bins of 1 s would be wider than the view. */
export const MIN_SPAN_MS = 10_000;

/** A range of whole milliseconds, at least MIN_SPAN_MS wide (widened around its middle). */
export function normalise(range: ViewRange): ViewRange {
  let from = Math.floor(Math.min(range.fromMs, range.toMs));
  let to = Math.ceil(Math.max(range.fromMs, range.toMs));
  if (to - from < MIN_SPAN_MS) {
    const mid = Math.floor((from + to) / 2);
    from = mid - MIN_SPAN_MS / 2;
    to = from + MIN_SPAN_MS;
  }
  return { fromMs: from, toMs: to };
}

/** Zooms by `factor` (< 1 in, > 1 out) keeping the instant `atMs` where it is on screen. */
export function zoom(range: ViewRange, factor: number, atMs = (range.fromMs + range.toMs) / 2): ViewRange {
  return normalise({ fromMs: atMs - (atMs - range.fromMs) * factor, toMs: atMs + (range.toMs - atMs) * factor });
}

/** Moves the view by a fraction of its width (negative: earlier). */
export function pan(range: ViewRange, fraction: number): ViewRange {
  const shift = Math.round((range.toMs - range.fromMs) * fraction);
  return { fromMs: range.fromMs + shift, toMs: range.toMs + shift };
}

/** A finding's first..last with a margin of a fifth of its span each side (at least 30 s), so its edges show. */
export function findingWindow(firstTs: number, lastTs: number): ViewRange {
  const margin = Math.max(30_000, Math.round((lastTs - firstTs) / 5));
  return normalise({ fromMs: firstTs - margin, toMs: lastTs + margin + 1 });
}

/** The x position (0..1 of the plot width) of an instant; outside the view it is < 0 or > 1. */
export function fractionOf(range: ViewRange, tsMs: number): number {
  return (tsMs - range.fromMs) / (range.toMs - range.fromMs);
}
