import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Histogram, TimelineGrouping } from '../../../shared/api-timeline.js';
import { axisLabels, binSpan, binStarts, describeBins, describeHistogram, seriesColour, stackedTops } from './chart-data.js';
import { fractionOf, normalise, pan, zoom, type ViewRange } from './view-range.js';
import type { ChartOverlay } from './ChartOverlay.js';
import { cssVar } from '../../prefs/css-var.js';
import { useTheme } from '../../prefs/use-view-prefs.js';

interface Props {
  histogram: Histogram;
  zone: string;
  by: TimelineGrouping;
  /** Asks for another visible range (zoom, pan); the screen fetches it. */
  onRange: (range: ViewRange) => void;
  onReset: () => void;
  /** Drawn over the plot area: gap bands, the pivot's instant (DOM, not canvas: a few elements). */
  overlay: ChartOverlay;
}

const HEIGHT = 230;
const WHEEL_SETTLE_MS = 150;
/** Tick steps of the count axis: whole events only. */
const COUNT_STEPS = Array.from({ length: 27 }, (_, i) => [1, 2, 5][i % 3]! * 10 ** Math.floor(i / 3));

/** The plot area inside the chart, in CSS pixels. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

function plotBox(u: uPlot): PlotBox {
  const px = (v: string): number => Number.parseFloat(v) || 0;
  return { left: px(u.over.style.left), top: px(u.over.style.top), width: px(u.over.style.width), height: px(u.over.style.height) };
}

/**
 * The event histogram: stacked bars on a canvas (uPlot, one path per series whatever the bins),
 * with the mouse (drag to zoom, Shift+drag or the wheel to pan, Ctrl+wheel to zoom, double-click
 * to reset) and the keyboard (arrows, Shift+arrows to select, Enter, + and −, PageUp/PageDown,
 * Home). Every bin can be read out by a screen reader.
 */
export function HistogramChart({ histogram: h, zone, by, onRange, onReset, overlay }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useTheme();
  const [width, setWidth] = useState(0);
  const [box, setBox] = useState<PlotBox | null>(null);
  const [focusBin, setFocusBin] = useState(-1);
  const [anchor, setAnchor] = useState(-1);
  const helpId = useId();
  // The chart is built once per histogram; its handlers read the latest callbacks from here.
  const latest = useRef({ onRange, onReset, h });
  latest.current = { onRange, onReset, h };

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    observer.observe(el);
    setWidth(Math.floor(el.clientWidth));
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    setFocusBin(-1);
    setAnchor(-1);
  }, [h]);

  useEffect(() => {
    const el = host.current;
    if (!el || width < 50) return;
    const tops = stackedTops(h);
    const bars = uPlot.paths.bars!({ align: 1, size: [1, Infinity], gap: 0 });
    // Tallest first, each lower stack drawn over it (chart-data.ts stackedTops).
    const order = h.series.map((s, i) => ({ s, i })).reverse();
    const series: uPlot.Series[] = [
      {},
      ...order.map(({ s, i }) => ({ label: s.label, fill: seriesColour(by, s.key, i), stroke: seriesColour(by, s.key, i), width: 0, paths: bars, points: { show: false } })),
    ];
    const data: (number | null)[][] = [binStarts(h), ...order.map(({ i }) => tops[i]!)];
    if (h.evidence) {
      series.push({ label: 'evidence', fill: cssVar('--evidence-fill'), stroke: cssVar('--evidence-stroke'), width: 2, paths: bars, points: { show: false } });
      data.push(h.evidence);
    }
    const axisColours = { stroke: cssVar('--chart-axis'), grid: { stroke: cssVar('--chart-grid'), width: 1 }, ticks: { stroke: cssVar('--chart-grid'), width: 1 } };
    let panFrom: number | null = null;
    let wheelRange: ViewRange | null = null;
    let wheelTimer: ReturnType<typeof setTimeout> | undefined;
    const u = new uPlot({
      width,
      height: HEIGHT,
      ms: 1,
      tzDate: (ts) => uPlot.tzDate(new Date(ts), zone),
      legend: { show: false },
      scales: { x: { time: true, auto: false, min: h.fromMs, max: h.toMs }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.05] } },
      axes: [
        { label: `Time (${zone})`, labelSize: 18, size: 52, values: (_self, ticks, _axis, _space, stepMs) => axisLabels(ticks, stepMs, zone), ...axisColours },
        { label: 'Events', size: 56, incrs: COUNT_STEPS, ...axisColours },
      ],
      series,
      cursor: {
        points: { show: false },
        drag: { x: true, y: false, setScale: false, dist: 4 },
        bind: {
          mousedown: (self, _targ, handler) => (e) => {
            if (!e.shiftKey) return handler(e);
            panFrom = self.posToVal(e.offsetX, 'x');
            return null;
          },
          mouseup: (self, _targ, handler) => (e) => {
            if (panFrom === null) return handler(e);
            const shift = panFrom - self.posToVal(e.offsetX, 'x');
            panFrom = null;
            const { h: now, onRange: go } = latest.current;
            if (Math.abs(shift) > 0) go(normalise({ fromMs: now.fromMs + shift, toMs: now.toMs + shift }));
            return null;
          },
          dblclick: () => () => {
            latest.current.onReset();
            return null;
          },
        },
      },
      hooks: {
        // The plot area is laid out after construction: read it once drawn, and after each resize.
        ready: [(self) => setBox(plotBox(self))],
        setSize: [(self) => setBox(plotBox(self))],
        setSelect: [(self) => {
          if (self.select.width < 4) return;
          const fromMs = self.posToVal(self.select.left, 'x');
          const toMs = self.posToVal(self.select.left + self.select.width, 'x');
          self.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          latest.current.onRange(normalise({ fromMs, toMs }));
        }],
      },
    }, data as uPlot.AlignedData, el);
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const current = wheelRange ?? { fromMs: h.fromMs, toMs: h.toMs };
      const delta = Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY;
      wheelRange = e.ctrlKey || e.metaKey
        ? zoom(current, delta > 0 ? 1.25 : 0.8, u.posToVal(e.offsetX, 'x'))
        : pan(current, Math.sign(delta) * 0.1);
      // The scale moves at once; the counts for the new range come when the wheel settles.
      u.setScale('x', { min: wheelRange.fromMs, max: wheelRange.toMs });
      clearTimeout(wheelTimer);
      wheelTimer = setTimeout(() => wheelRange && latest.current.onRange(wheelRange), WHEEL_SETTLE_MS);
    };
    u.over.addEventListener('wheel', onWheel, { passive: false });
    u.root.querySelector('canvas')?.setAttribute('aria-hidden', 'true');
    return () => {
      clearTimeout(wheelTimer);
      u.over.removeEventListener('wheel', onWheel);
      u.destroy();
    };
  }, [h, zone, by, width, theme]);

  const range = { fromMs: h.fromMs, toMs: h.toMs };
  const selection = anchor >= 0 && focusBin >= 0 ? [Math.min(anchor, focusBin), Math.max(anchor, focusBin)] as const : null;
  const spanOf = (first: number, last: number): ViewRange => ({ fromMs: binSpan(h, first).fromMs, toMs: binSpan(h, last).toMs });
  const centre = focusBin >= 0 ? (binSpan(h, focusBin).fromMs + binSpan(h, focusBin).toMs) / 2 : undefined;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const last = h.binCount - 1;
    const move = (to: number): void => {
      const next = Math.max(0, Math.min(last, to));
      if (e.shiftKey) setAnchor(anchor >= 0 ? anchor : focusBin >= 0 ? focusBin : next);
      else setAnchor(-1);
      setFocusBin(next);
    };
    const from = focusBin >= 0 ? focusBin : Math.floor(last / 2);
    const actions: Record<string, () => void> = {
      ArrowRight: () => move(focusBin >= 0 ? focusBin + 1 : from),
      ArrowLeft: () => move(focusBin >= 0 ? focusBin - 1 : from),
      Enter: () => {
        if (selection) onRange(normalise(spanOf(selection[0], selection[1])));
        else if (focusBin >= 0) onRange(normalise(spanOf(focusBin, focusBin)));
      },
      '+': () => onRange(zoom(range, 0.5, centre)),
      '=': () => onRange(zoom(range, 0.5, centre)),
      '-': () => onRange(zoom(range, 2, centre)),
      PageUp: () => onRange(pan(range, -0.5)),
      PageDown: () => onRange(pan(range, 0.5)),
      Home: () => onReset(),
      Escape: () => setAnchor(-1),
    };
    const action = actions[e.key];
    if (!action || h.binCount === 0) return;
    e.preventDefault();
    action();
  };

  const readout = selection
    ? `Selected ${describeBins(h, selection[0], selection[1], zone)}. Enter zooms to it.`
    : focusBin >= 0 ? describeBins(h, focusBin, focusBin, zone) : '';
  const marked = selection ?? (focusBin >= 0 ? [focusBin, focusBin] as const : null);
  const at = (ms: number): number => fractionOf(range, ms) * (box?.width ?? 0);

  return (
    <div
      className="histogram"
      role="group"
      aria-roledescription="histogram"
      aria-label={`Event histogram: ${describeHistogram(h, zone)}`}
      aria-describedby={helpId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-from-ms={h.fromMs}
      data-to-ms={h.toMs}
      data-bin-ms={h.binMs}
    >
      <div ref={host} className="chart-host" />
      {box ? (
        <div className="plot-overlay" style={{ left: box.left, top: box.top, width: box.width, height: box.height }} aria-hidden="true">
          {overlay.render(at, box)}
          {marked ? <div className="key-bin" style={{ left: at(binSpan(h, marked[0]).fromMs), width: Math.max(2, at(binSpan(h, marked[1]).toMs) - at(binSpan(h, marked[0]).fromMs)) }} /> : null}
        </div>
      ) : null}
      {box ? overlay.below?.(at, box) : null}
      <p id={helpId} className="chart-help">
        Drag to zoom; Shift+drag or the wheel to pan; Ctrl+wheel to zoom; double-click to reset.
        Keys: ← → move between bins, Shift+← → select, Enter zooms to them, + and − zoom, PageUp and PageDown pan, Home resets.
      </p>
      <p role="status" aria-live="polite" className="bin-readout">{readout}</p>
    </div>
  );
}
