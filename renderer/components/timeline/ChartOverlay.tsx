import type { ReactNode } from 'react';
import type { Finding } from '../../../shared/api.js';
import type { Gap } from '../../../shared/api-timeline.js';
import { formatTime } from '../../format.js';
import { findingName } from './chart-data.js';
import type { PlotBox } from './HistogramChart.js';

/** Positions an instant on the plot: pixels from the plot area's left edge. */
export type Place = (ms: number) => number;

/** What the Timeline draws on and under the chart, in DOM elements positioned over the canvas. */
export interface ChartOverlay {
  /** Inside the plot area. */
  render: (at: Place, box: PlotBox) => ReactNode;
  /** Under the chart, aligned with the plot area. */
  below?: (at: Place, box: PlotBox) => ReactNode;
}

/** The part of [from, to) inside the plot, at least 3 px wide so an instant stays visible; null if outside. */
export function placeSpan(at: Place, box: PlotBox, fromMs: number, toMs: number): { left: number; width: number } | null {
  const left = Math.max(0, at(fromMs));
  const right = Math.min(box.width, at(toMs));
  if (right < 0 || left > box.width) return null;
  const width = Math.max(3, right - left);
  return { left: Math.min(left, box.width - width), width };
}

/** Gaps as shaded bands over the bars (the list under the chart says the same in words). */
export function GapBands({ gaps, at, box }: { gaps: readonly Gap[]; at: Place; box: PlotBox }) {
  return (
    <>
      {gaps.map((g) => {
        const place = placeSpan(at, box, g.fromMs, g.toMs);
        return place ? <div key={`${g.kind}:${g.host ?? ''}:${g.fromMs}:${g.toMs}`} className={`gap-band ${g.kind}`} data-gap-kind={g.kind} style={place} title={`${g.title}: ${g.explanation}`} /> : null;
      })}
    </>
  );
}

/** A vertical line at the instant a pivot started from. */
export function InstantLine({ tsMs, at, box }: { tsMs: number; at: Place; box: PlotBox }) {
  const x = at(tsMs);
  return x >= 0 && x <= box.width ? <div className="pivot-line" style={{ left: x }} /> : null;
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
/** Markers shown at most; the rest are counted. */
export const MAX_MARKERS = 60;

/** Findings whose first..last meets the view, most severe first. */
export function findingsInView(findings: readonly Finding[], fromMs: number, toMs: number): Finding[] {
  return findings
    .filter((f) => f.firstTs !== null && f.lastTs !== null && f.lastTs >= fromMs && f.firstTs < toMs)
    .sort((a, b) => (SEVERITY_RANK[a.severity] ?? 4) - (SEVERITY_RANK[b.severity] ?? 4) || (a.firstTs ?? 0) - (b.firstTs ?? 0));
}

/**
 * Finding markers along the time axis: one button per finding in view, spanning its first to
 * last event; choosing one zooms to its window with its evidence highlighted.
 */
export function FindingMarkers({ findings, zone, at, box, onOpen }: { findings: readonly Finding[]; zone: string; at: Place; box: PlotBox; onOpen: (f: Finding) => void }) {
  const shown = findings.slice(0, MAX_MARKERS);
  return (
    <div className="finding-markers" style={{ marginLeft: box.left, width: box.width }}>
      <ul aria-label="Findings in view">
        {shown.map((f, i) => {
          const place = placeSpan(at, box, f.firstTs!, f.lastTs! + 1);
          if (!place) return null;
          const label = `${findingName(f)} (${f.severity}), ${formatTime(f.firstTs, zone).slice(0, 19)} to ${formatTime(f.lastTs, zone).slice(0, 19)} ${zone}`;
          return (
            <li key={f.id} style={{ left: place.left, width: place.width, top: (i % 3) * 7 }}>
              <button type="button" className={`marker ${f.severity}`} aria-label={`Finding: ${label}`} title={label} onClick={() => onOpen(f)} />
            </li>
          );
        })}
      </ul>
      {findings.length > shown.length ? <p className="more-markers">{findings.length - shown.length} more findings in view: zoom in to see them</p> : null}
    </div>
  );
}
