import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiClient, BundleSummary, EventFilter, EventSummary, Finding } from '../shared/api.js';
import { CaseNotes } from './components/annotations/CaseNotes.js';
import { UndoButton } from './components/annotations/UndoButton.js';
import { aroundLabel } from './components/events/pivots.js';
import { highlightOf, type Focus } from './components/timeline/focus.js';
import { findingWindow } from './components/timeline/view-range.js';
import { EventsScreen } from './screens/EventsScreen.js';
import { FindingsScreen } from './screens/FindingsScreen.js';
import { ImportScreen } from './screens/ImportScreen.js';
import { TimelineScreen } from './screens/TimelineScreen.js';

// xterm.js is loaded when the Console is first opened, not with the app.
const ConsoleScreen = lazy(() => import('./screens/ConsoleScreen.js').then((m) => ({ default: m.ConsoleScreen })));

type Screen = 'import' | 'events' | 'timeline' | 'findings' | 'console';
const SCREENS: readonly { id: Screen; label: string }[] = [
  { id: 'import', label: 'Import' },
  { id: 'events', label: 'Events' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'findings', label: 'Findings' },
  { id: 'console', label: 'Console' },
];

/** How a pivot's filter is described next to the highlighted event. */
function describePivot(filter: EventFilter): string {
  if (filter.fromMs !== undefined && filter.toMs !== undefined) return `${aroundLabel(Math.round((filter.toMs - 1 - filter.fromMs) / 120_000))} around it, every source and host`;
  if (filter.ip !== undefined) return `every event of ${filter.ip}`;
  if (filter.host !== undefined) return `every event of host ${filter.host}`;
  return filter.where ?? 'its pivot';
}

/** The workbench: Import, Events, Timeline, Findings and Console over one API client. */
export function App({ client }: { client: ApiClient }) {
  const [screen, setScreen] = useState<Screen>('import');
  const [bundle, setBundle] = useState<BundleSummary | null>(null);
  const [filter, setFilter] = useState<EventFilter>({});
  const [hosts, setHosts] = useState<string[]>([]);
  const [version, setVersion] = useState('');
  const [focus, setFocus] = useState<Focus | null>(null);

  useEffect(() => {
    client.call('session.info', {}).then((info) => {
      setVersion(info.version);
      if (info.bundle) setBundle(info.bundle);
    }, () => undefined);
  }, [client]);

  useEffect(() => {
    if (!bundle) return;
    client.call('events.facets', {}).then((f) => setHosts(f.hosts.map((h) => h.value)), () => undefined);
  }, [client, bundle]);

  // An import started from the native menu (or another tab) shows its progress on the Import screen.
  useEffect(() => {
    let shownJob = '';
    return client.on('import.progress', (p) => {
      if (p.jobId === shownJob) return;
      shownJob = p.jobId;
      setScreen('import');
    });
  }, [client]);

  const onImported = useCallback((b: BundleSummary) => setBundle(b), []);
  const openFinding = useCallback((f: Finding) => {
    setFilter({ findingId: f.id });
    setScreen('events');
  }, []);
  const pivot = useCallback((next: EventFilter, event: EventSummary) => {
    setFilter(next);
    setFocus({ kind: 'event', eventId: event.id, tsMs: event.ts, label: describePivot(next) });
  }, []);
  // A finding in the Timeline: its window, every event in it, its evidence highlighted.
  const showFindingInTimeline = useCallback((f: Finding) => {
    if (f.firstTs === null || f.lastTs === null) return;
    const window = findingWindow(f.firstTs, f.lastTs);
    client.call('findings.evidence', { id: f.id, limit: 10_000 }).then((e) => {
      setFocus({ kind: 'finding', finding: f, evidenceIds: new Set(e.ids) });
      setFilter({ fromMs: window.fromMs, toMs: window.toMs });
      setScreen('timeline');
    }, () => undefined);
  }, [client]);
  const zones = useMemo(() => [...new Set(bundle?.hosts.map((h) => h.timezone) ?? [])], [bundle]);

  return (
    <div className="app">
      <header className="top">
        <h1>MAAS Forensic Workbench</h1>
        <nav aria-label="Screens">
          {SCREENS.map((s) => (
            <button key={s.id} type="button" aria-current={screen === s.id ? 'page' : undefined} onClick={() => setScreen(s.id)}>
              {s.label}
            </button>
          ))}
        </nav>
        {bundle ? <p className="facts-line">{bundle.hosts.map((h) => h.hostname ?? '(unknown)').join(', ')}: {bundle.events} events</p> : null}
        <UndoButton client={client} />
        <CaseNotes client={client} />
        {version ? <p className="version">v{version}</p> : null}
      </header>
      <main>
        {screen === 'import' ? <ImportScreen client={client} onImported={onImported} /> : null}
        {screen === 'events' ? (
          <EventsScreen client={client} filter={filter} onFilterChange={setFilter} zones={zones} hosts={hosts} highlightIds={highlightOf(focus)} focusId={focus?.kind === 'event' ? focus.eventId : undefined} onPivot={pivot} />
        ) : null}
        {screen === 'timeline' ? (
          <TimelineScreen client={client} filter={filter} onFilterChange={setFilter} zones={zones} hosts={hosts} focus={focus} onFocus={setFocus} onPivot={pivot} importedEvents={bundle?.events ?? 0} />
        ) : null}
        {screen === 'findings' ? <FindingsScreen client={client} onOpen={openFinding} onTimeline={showFindingInTimeline} /> : null}
        {screen === 'console' ? <Suspense fallback={<p>Loading the console…</p>}><ConsoleScreen client={client} /></Suspense> : null}
      </main>
    </div>
  );
}
