/**
 * Histogram bins of the timeline, shared by the engine (which counts) and the renderer (which
 * zooms and labels): a bin is one of a few "nice" widths, the smallest that keeps the visible
 * range within a bounded number of bins. Bins are aligned to multiples of their width from the
 * epoch, so in UTC a 1-hour bin starts on the hour and a 1-day bin at 00:00Z.
 */

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

/**
 * The widths a bin can take, 1 s to 1 day, then whole days growing by 1-2-5 steps. No 15 s
 * step: every width from 10 s up is a multiple of 10 s, the finest pre-counted level (timeline
 * rollup), so only the 1, 2 and 5 s bins count events one by one.
 */
export const NICE_BIN_MS: readonly number[] = [
  S, 2 * S, 5 * S, 10 * S, 20 * S, 30 * S,
  M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M,
  H, 2 * H, 3 * H, 6 * H, 12 * H,
  D, 2 * D, 7 * D, 14 * D, 28 * D,
];

/** Bounds of the `maxBins` a caller may ask for. */
export const MIN_BINS = 10;
export const MAX_BINS = 2000;

/** Number of bins [fromMs, toMs) spans at a width, counting the partial first and last ones. */
export function binCount(fromMs: number, toMs: number, binMs: number): number {
  if (toMs <= fromMs) return 0;
  return Math.floor((toMs - 1) / binMs) - Math.floor(fromMs / binMs) + 1;
}

/** The smallest nice width (past 28 days, a whole number of weeks) that keeps [fromMs, toMs) within `maxBins` bins. */
export function chooseBinMs(fromMs: number, toMs: number, maxBins: number): number {
  const bound = Math.max(1, Math.floor(maxBins));
  for (const width of NICE_BIN_MS) if (binCount(fromMs, toMs, width) <= bound) return width;
  let weeks = Math.ceil((toMs - fromMs) / (7 * D) / Math.max(1, bound - 1));
  while (binCount(fromMs, toMs, weeks * 7 * D) > bound) weeks++;
  return weeks * 7 * D;
}

/** Start of the bin holding `tsMs`. */
export function binStart(tsMs: number, binMs: number): number {
  return Math.floor(tsMs / binMs) * binMs;
}

/** `1 s`, `30 s`, `5 min`, `1 h`, `1 d`, `14 d`. */
export function formatBinWidth(binMs: number): string {
  if (binMs % D === 0) return `${binMs / D} d`;
  if (binMs % H === 0) return `${binMs / H} h`;
  if (binMs % M === 0) return `${binMs / M} min`;
  return `${binMs / S} s`;
}
