import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient, EventFilter, EventSummary, Finding } from '../../shared/api.js';
import { TIMELINE_GROUPINGS, type Gap, type GapRules, type Histogram, type TimelineGrouping } from '../../shared/api-timeline.js';
import { formatBinWidth, MAX_BINS, MIN_BINS } from '../../shared/time-bins.js';
import { FindingMarkers, findingsInView, GapBands, InstantLine, type ChartOverlay } from '../components/timeline/ChartOverlay.js';
import { findingName, seriesColour } from '../components/timeline/chart-data.js';
import { highlightOf, type Focus } from '../components/timeline/focus.js';
import { GapList } from '../components/timeline/GapList.js';
import { HistogramChart } from '../components/timeline/HistogramChart.js';
import { findingWindow, normalise, pan, zoom, type ViewRange } from '../components/timeline/view-range.js';
import { ZonePicker } from '../components/timeline/ZonePicker.js';
import { formatTime } from '../format.js';
import { EventsScreen } from './EventsScreen.js';

interface Props {
  client: ApiClient;
  filter: EventFilter;
  onFilterChange: (filter: EventFilter) => void;
  zones: readonly string[];
  hosts: readonly string[];
  focus: Focus | null;
  onFocus: (focus: Focus | null) => void;
  onPivot: (filter: EventFilter, event: EventSummary) => void;
  /** Changes when an import ends: gaps and findings are read again. */
  importedEvents: number;
}

/** Pixels per bin the chart aims at: the engine picks the width, this bounds how many. */
const PX_PER_BIN = 5;
const EVIDENCE_IDS = 10_000;
const FETCH_SETTLE_MS = 60;
const GROUPING_LABELS: Record<TimelineGrouping, string> = { source: 'Source', host: 'Host', finding: 'Finding' };

/**
 * The Timeline: the histogram of the events matching the filter over its time range (every
 * event when it has none), stacked by source, host or finding, with gaps shaded and findings
 * marked; below it the events of the visible range in the Events table. Zooming and panning
 * set the filter's fromMs/toMs, so the table, the Events screen and the chart agree.
 */
export function TimelineScreen({ client, filter, onFilterChange, zones, hosts, focus, onFocus, onPivot, importedEvents }: Props) {
  const [by, setBy] = useState<TimelineGrouping>('source');
  const [zone, setZone] = useState('UTC');
  const [histogram, setHistogram] = useState<Histogram | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [gaps, setGaps] = useState<{ gaps: Gap[]; rules: GapRules | null }>({ gaps: [], rules: null });
  const [findings, setFindings] = useState<Finding[]>([]);
  const [width, setWidth] = useState(0);
  const section = useRef<HTMLElement>(null);
  const generation = useRef(0);
  const evidenceOf = focus?.kind === 'finding' ? focus.finding.id : undefined;
  const maxBins = Math.max(MIN_BINS, Math.min(MAX_BINS, Math.floor(width / PX_PER_BIN)));
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    const el = section.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    client.call('timeline.gaps', {}).then((g) => setGaps(g), (err: unknown) => setError(String(err)));
    client.call('findings.list', {}).then((f) => setFindings(f.findings), () => undefined);
  }, [client, importedEvents]);

  // One histogram per filter, grouping and width; replies to an older request are dropped.
  useEffect(() => {
    if (width === 0) return;
    const mine = ++generation.current;
    setLoading(true);
    const timer = setTimeout(() => {
      const req = { filter: JSON.parse(filterKey) as EventFilter, maxBins, by, ...(evidenceOf === undefined ? {} : { evidenceOf }) };
      client.call('timeline.histogram', req).then(
        (h) => {
          if (mine !== generation.current) return;
          setHistogram(h);
          setError(null);
        },
        (err: unknown) => mine === generation.current && setError(err instanceof Error ? err.message : String(err)),
      ).finally(() => mine === generation.current && setLoading(false));
    }, FETCH_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [client, filterKey, by, maxBins, evidenceOf, width, importedEvents]);

  const setRange = useCallback((range: ViewRange) => {
    const r = normalise(range);
    onFilterChange({ ...filter, fromMs: r.fromMs, toMs: r.toMs });
  }, [filter, onFilterChange]);
  const reset = useCallback(() => onFilterChange({ ...filter, fromMs: undefined, toMs: undefined }), [filter, onFilterChange]);

  const openFinding = useCallback((f: Finding) => {
    if (f.firstTs === null || f.lastTs === null) return;
    const window = findingWindow(f.firstTs, f.lastTs);
    client.call('findings.evidence', { id: f.id, limit: EVIDENCE_IDS }).then((e) => {
      onFocus({ kind: 'finding', finding: f, evidenceIds: new Set(e.ids) });
      onFilterChange({ fromMs: window.fromMs, toMs: window.toMs });
    }, (err: unknown) => setError(String(err)));
  }, [client, onFocus, onFilterChange]);

  const view = histogram ? { fromMs: histogram.fromMs, toMs: histogram.toMs } : null;
  const gapsInView = view ? gaps.gaps.filter((g) => g.toMs >= view.fromMs && g.fromMs <= view.toMs) : [];
  const markers = view ? findingsInView(findings, view.fromMs, view.toMs) : [];
  const pivotTs = focus?.kind === 'event' ? focus.tsMs : null;
  const overlay: ChartOverlay = {
    render: (at, box) => (
      <>
        <GapBands gaps={gapsInView} at={at} box={box} />
        {pivotTs !== null ? <InstantLine tsMs={pivotTs} at={at} box={box} /> : null}
      </>
    ),
    below: (at, box) => <FindingMarkers findings={markers} zone={zone} at={at} box={box} onOpen={openFinding} />,
  };

  return (
    <section ref={section} aria-labelledby="timeline-title" className="screen timeline">
      <h2 id="timeline-title">Timeline</h2>
      <div className="toolbar">
        <fieldset className="grouping">
          <legend>Stack by</legend>
          {TIMELINE_GROUPINGS.map((g) => (
            <label key={g}><input type="radio" name="timeline-by" value={g} checked={by === g} onChange={() => setBy(g)} />{GROUPING_LABELS[g]}</label>
          ))}
        </fieldset>
        <ZonePicker zone={zone} zones={zones} onChange={setZone} />
        {view ? (
          <>
            <button type="button" onClick={() => setRange(zoom(view, 0.5))}>Zoom in</button>
            <button type="button" onClick={() => setRange(zoom(view, 2))}>Zoom out</button>
            <button type="button" onClick={() => setRange(pan(view, -0.5))}>← Earlier</button>
            <button type="button" onClick={() => setRange(pan(view, 0.5))}>Later →</button>
          </>
        ) : null}
        <button type="button" onClick={reset} disabled={filter.fromMs === undefined && filter.toMs === undefined}>Reset zoom</button>
        <span className="range" aria-live="polite">
          {histogram ? `${formatTime(histogram.fromMs, zone).slice(0, 19)} to ${formatTime(histogram.toMs, zone).slice(0, 19)} ${zone}, bins of ${formatBinWidth(histogram.binMs)}` : ''}
          {loading ? ' (counting…)' : ''}
        </span>
      </div>
      {focus ? (
        <p className="focus-line">
          {focus.kind === 'finding' ? `Evidence of “${findingName(focus.finding)}” is highlighted (${focus.evidenceIds.size} events).` : `Pivot from event ${focus.eventId}: ${focus.label}.`}
          <button type="button" onClick={() => onFocus(null)}>Clear highlight</button>
        </p>
      ) : null}
      {error !== null ? <p role="alert" className="error">{error}</p> : null}
      {histogram && histogram.binCount > 0 ? (
        <>
          <ul className="legend" aria-label="Series">
            {histogram.series.map((s, i) => (
              <li key={`${s.key ?? ''}:${s.label}`}>
                <span className="swatch" style={{ background: seriesColour(by, s.key, i) }} aria-hidden="true" />
                {s.label} ({s.counts.reduce((a, b) => a + b, 0)})
              </li>
            ))}
            {histogram.evidence ? <li><span className="swatch evidence" aria-hidden="true" />evidence ({histogram.evidence.reduce((a, b) => a + b, 0)})</li> : null}
          </ul>
          <HistogramChart histogram={histogram} zone={zone} by={by} onRange={setRange} onReset={reset} overlay={overlay} />
          {histogram.undated > 0 ? <p className="undated">{histogram.undated} matching events have no time and are not in the chart.</p> : null}
        </>
      ) : histogram ? <p>No dated events to chart.</p> : null}
      {histogram && by === 'finding' && histogram.binCount > 0 && histogram.series.length === 0 ? <p>No finding has evidence in view.</p> : null}
      <GapList gaps={gapsInView} rules={gaps.rules} zone={zone} onShow={(g) => setRange({ fromMs: g.fromMs - (g.toMs - g.fromMs) / 2, toMs: g.toMs + (g.toMs - g.fromMs) / 2 })} />
      <EventsScreen
        client={client}
        filter={filter}
        onFilterChange={onFilterChange}
        zones={zones}
        hosts={hosts}
        zone={zone}
        highlightIds={highlightOf(focus)}
        focusId={focus?.kind === 'event' ? focus.eventId : undefined}
        onPivot={onPivot}
      />
    </section>
  );
}
