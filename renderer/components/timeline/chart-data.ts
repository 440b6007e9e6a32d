import type { Histogram } from '../../../shared/api-timeline.js';
import { formatBinWidth } from '../../../shared/time-bins.js';
import { formatTime } from '../../format.js';

/** One colour per source (fixed), and a cycle for hosts and findings. */
const SOURCE_COLOURS: Record<string, string> = { firewall: '#d64545', web: '#3b7dd8', maas: '#8e5bd6', system: '#3c9c5c', audit: '#e08a1e' };
const CYCLE = ['#3b7dd8', '#d64545', '#3c9c5c', '#e08a1e', '#8e5bd6', '#17a2b8', '#b8860b', '#c2185b', '#607d8b'];

export function seriesColour(by: string, key: string | null, index: number): string {
  if (by === 'source' && key !== null && SOURCE_COLOURS[key]) return SOURCE_COLOURS[key];
  if (key === null && index > 0) return '#888888';
  return CYCLE[index % CYCLE.length]!;
}

/** Start of each bin (the first may begin before the view; the chart clips it). */
export function binStarts(h: Histogram): number[] {
  return Array.from({ length: h.binCount }, (_, i) => h.firstBinMs + i * h.binMs);
}

/**
 * Stacked tops: series i drawn as the sum of series 0..i, so drawing the tallest first and each
 * lower one over it shows the stack (uPlot draws bars, not stacks).
 */
export function stackedTops(h: Histogram): number[][] {
  const tops: number[][] = [];
  let running = new Array<number>(h.binCount).fill(0);
  for (const s of h.series) {
    running = running.map((v, i) => v + (s.counts[i] ?? 0));
    tops.push(running);
  }
  return tops;
}

/** The bin's span as shown, clipped to the view: [start, end). */
export function binSpan(h: Histogram, index: number): { fromMs: number; toMs: number } {
  const start = h.firstBinMs + index * h.binMs;
  return { fromMs: Math.max(h.fromMs, start), toMs: Math.min(h.toMs, start + h.binMs) };
}

/** What a screen reader hears for bins first..last: `2026-03-05 08:20:00 to 08:25:00 UTC: 6 events (system 6)`. */
export function describeBins(h: Histogram, first: number, last: number, zone: string): string {
  const fromMs = binSpan(h, first).fromMs;
  const toMs = binSpan(h, last).toMs;
  const count = (counts: readonly number[]): number => counts.slice(first, last + 1).reduce((a, b) => a + b, 0);
  const parts = h.series.map((s) => ({ label: s.label, n: count(s.counts) })).filter((p) => p.n > 0);
  const total = parts.reduce((n, p) => n + p.n, 0);
  const evidence = h.evidence ? `, ${count(h.evidence)} of them evidence` : '';
  const start = formatTime(fromMs, zone).slice(0, 19);
  const end = formatTime(toMs, zone).slice(0, 19);
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  return `${start} to ${sameDay ? end.slice(11) : end} ${zone}: ${total} event${total === 1 ? '' : 's'}${parts.length ? ` (${parts.map((p) => `${p.label} ${p.n}`).join(', ')})` : ''}${evidence}`;
}

/** The chart's summary for its label: `1234 events, 5 min bins, 2026-03-05 08:00 to 2026-03-05 14:30 UTC`. */
export function describeHistogram(h: Histogram, zone: string): string {
  return `${h.total} events in ${h.binCount} bins of ${formatBinWidth(h.binMs)}, ${formatTime(h.fromMs, zone).slice(0, 19)} to ${formatTime(h.toMs, zone).slice(0, 19)} ${zone}`;
}

const DAY_MS = 86_400_000;

/**
 * Labels of the time axis in a zone, 24-hour: `08:20` (or `08:20:30` under a minute per tick),
 * with the date under the first tick of each day; days alone from one day per tick up.
 */
export function axisLabels(ticks: readonly number[], stepMs: number, zone: string): string[] {
  let shownDay = '';
  return ticks.map((t) => {
    const stamp = formatTime(t, zone);
    const day = stamp.slice(0, 10);
    if (stepMs >= DAY_MS) return day;
    const time = stepMs < 60_000 ? stamp.slice(11, 19) : stamp.slice(11, 16);
    const first = day !== shownDay;
    shownDay = day;
    return first ? `${time}\n${day}` : time;
  });
}

/** A finding as people name it: its title and who it is about (`SSH brute force 198.51.100.23`). */
export function findingName(f: { title: string | null; rule: string; key: string | null }): string {
  let who = '';
  try {
    who = Object.values(JSON.parse(f.key ?? '{}') as Record<string, unknown>).map(String).join(' ');
  } catch {
    who = f.key ?? '';
  }
  return `${f.title ?? f.rule}${who ? ` ${who}` : ''}`;
}
