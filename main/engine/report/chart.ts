import type { ReportTimeline } from './model.js';

/** Colours of the stacked series, in order (print-safe, told apart in grey too). */
export const SERIES_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export interface ChartRect {
  x: number;
  y: number;
  width: number;
  height: number;
  colour: string;
}

export interface ChartLayout {
  rects: ChartRect[];
  /** The largest bin total: the top of the y axis. */
  max: number;
}

/**
 * The stacked bars of the timeline in a `width` × `height` box whose origin is the top left
 * (as in SVG and PDF): one bar per bin, each series a segment, bottom up in series order.
 */
export function chartLayout(timeline: ReportTimeline, width: number, height: number): ChartLayout {
  const totals = Array.from({ length: timeline.binCount }, (_, i) => timeline.series.reduce((n, s) => n + (s.counts[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const slot = width / Math.max(1, timeline.binCount);
  const barWidth = Math.max(0.5, slot * 0.8);
  const rects: ChartRect[] = [];
  for (let i = 0; i < timeline.binCount; i++) {
    let top = height;
    timeline.series.forEach((s, k) => {
      const n = s.counts[i] ?? 0;
      if (n === 0) return;
      const h = (n / max) * height;
      top -= h;
      rects.push({ x: i * slot + (slot - barWidth) / 2, y: top, width: barWidth, height: h, colour: SERIES_COLOURS[k % SERIES_COLOURS.length]! });
    });
  }
  return { rects, max };
}
