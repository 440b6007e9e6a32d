/**
 * Schemas of the Timeline's part of the API (docs/api.md, docs/timeline.md): the histogram and
 * the gaps in coverage. shared/api.ts joins them to the event filter and lists the methods.
 */
import { z } from 'zod';
import { MAX_BINS, MIN_BINS } from './time-bins.js';

/** What the bars are stacked by. */
export const TIMELINE_GROUPINGS = ['source', 'host', 'finding'] as const;
export type TimelineGrouping = (typeof TIMELINE_GROUPINGS)[number];

/** The histogram's options besides the event filter (whose fromMs/toMs is the visible range). */
export const HistogramOptionsSchema = z.strictObject({
  /** At most this many bins; the engine picks the width (shared/time-bins.ts). */
  maxBins: z.number().int().min(MIN_BINS).max(MAX_BINS),
  by: z.enum(TIMELINE_GROUPINGS),
  /** Also count this finding's evidence per bin (drawn over the bars). */
  evidenceOf: z.number().int().optional(),
});

export const HistogramSeriesSchema = z.strictObject({
  /** Source, host or finding id as text; null for "no host" and for the "other …" series. */
  key: z.string().nullable(),
  label: z.string(),
  counts: z.array(z.number().int()),
});

export const HistogramSchema = z.strictObject({
  /** The range counted, [fromMs, toMs), UTC epoch ms: the filter's, else every dated event. */
  fromMs: z.number(),
  toMs: z.number(),
  binMs: z.number().int(),
  /** Bin i covers [max(fromMs, firstBinMs + i binMs), min(toMs, firstBinMs + (i + 1) binMs)). */
  firstBinMs: z.number(),
  binCount: z.number().int(),
  series: z.array(HistogramSeriesSchema),
  /** Counts of the `evidenceOf` finding's events per bin, or null. */
  evidence: z.array(z.number().int()).nullable(),
  total: z.number().int(),
  /** Events matching the filter that have no time (never in a bin). */
  undated: z.number().int(),
  /** First and last dated event of the whole store, for reset and pan. */
  dataFirstTs: z.number().nullable(),
  dataLastTs: z.number().nullable(),
  /** How the counts were made: from the pre-counted rollup, or event by event. */
  counted: z.enum(['rollup', 'events']),
});

export const GAP_KINDS = ['silence', 'truncated', 'rotation-hole', 'journal-short'] as const;

/** A period some log of a host does not cover, drawn as a shaded band. */
export const GapSchema = z.strictObject({
  kind: z.enum(GAP_KINDS),
  host: z.string().nullable(),
  source: z.string().nullable(),
  fromMs: z.number(),
  toMs: z.number(),
  /** One line: `system logs of maas-rack-2 silent for 2 h 0 min`. */
  title: z.string(),
  /** Why this is called a gap, with the numbers that decided it. */
  explanation: z.string(),
});

/** The thresholds gap detection used (docs/timeline.md explains them). */
export const GapRulesSchema = z.strictObject({
  minActiveMinutes: z.number().int(),
  minSilenceMs: z.number(),
  silenceFactor: z.number(),
  journalShortfallMs: z.number(),
});

export const GapsSchema = z.strictObject({ gaps: z.array(GapSchema), rules: GapRulesSchema });

export type HistogramOptions = z.infer<typeof HistogramOptionsSchema>;
export type HistogramSeries = z.infer<typeof HistogramSeriesSchema>;
export type Histogram = z.infer<typeof HistogramSchema>;
export type Gap = z.infer<typeof GapSchema>;
export type GapKind = (typeof GAP_KINDS)[number];
export type GapRules = z.infer<typeof GapRulesSchema>;
