import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient, BundleSummary, EventFilter, EventSummary, Finding, ImportFinished, UiState } from '../shared/api.js';
import { CaseNotes } from './components/annotations/CaseNotes.js';
import { UndoButton } from './components/annotations/UndoButton.js';
import { MemoryLine } from './components/MemoryLine.js';
import { aroundLabel } from './components/events/pivots.js';
import { CommandPalette } from './components/keyboard/CommandPalette.js';
import { ShortcutList } from './components/keyboard/ShortcutList.js';
import { useAppCommands } from './components/keyboard/use-app-commands.js';
import { ViewControls } from './components/prefs/ViewControls.js';
import { ReportExport } from './components/report/ReportExport.js';
import { highlightOf, type Focus } from './components/timeline/focus.js';
import { findingWindow } from './components/timeline/view-range.js';
import { EventsScreen } from './screens/EventsScreen.js';
import { FindingsScreen } from './screens/FindingsScreen.js';
import { ImportScreen } from './screens/ImportScreen.js';
import { usePrefs } from './prefs/use-view-prefs.js';
import { TimelineScreen } from './screens/TimelineScreen.js';

// The rule editor's YAML parser, the format editor and xterm.js load when their screen is first opened.
const RulesScreen = lazy(() => import('./screens/RulesScreen.js').then((m) => ({ default: m.RulesScreen })));
const FormatsScreen = lazy(() => import('./screens/FormatsScreen.js').then((m) => ({ default: m.FormatsScreen })));
const ConsoleScreen = lazy(() => import('./screens/ConsoleScreen.js').then((m) => ({ default: m.ConsoleScreen })));

type Screen = 'import' | 'events' | 'timeline' | 'findings' | 'rules' | 'formats' | 'console';
const SCREENS: readonly { id: Screen; label: string }[] = [
  { id: 'import', label: 'Import' },
  { id: 'events', label: 'Events' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'findings', label: 'Findings' },
  { id: 'rules', label: 'Rules' },
  { id: 'formats', label: 'Formats' },
  { id: 'console', label: 'Console' },
];

/** The zone the bundle's hosts state (not the machine's stand-in), when they agree on one; else UTC. */
function statedZone(bundle: BundleSummary | null): string {
  const zones = new Set(bundle?.hosts.filter((h) => h.timezoneSource !== null).map((h) => h.timezone));
  return zones.size === 1 ? [...zones][0]! : 'UTC';
}

/** How a pivot's filter is described next to the highlighted event. */
function describePivot(filter: EventFilter): string {
  if (filter.fromMs !== undefined && filter.toMs !== undefined) return `${aroundLabel(Math.round((filter.toMs - 1 - filter.fromMs) / 120_000))} around it, every source and host`;
  if (filter.ip !== undefined) return `every event of ${filter.ip}`;
  if (filter.host !== undefined) return `every event of host ${filter.host}`;
  return filter.where ?? 'its pivot';
}

/** The workbench: Import, Events, Timeline, Findings, Rules, Formats and Console over one API client. */
export function App({ client }: { client: ApiClient }) {
  const [screen, setScreen] = useState<Screen>('import');
  const [bundle, setBundle] = useState<BundleSummary | null>(null);
  const [filter, setFilter] = useState<EventFilter>({});
  const [hosts, setHosts] = useState<string[]>([]);
  const [version, setVersion] = useState('');
  const [focus, setFocus] = useState<Focus | null>(null);
  /** The file whose unparsed lines the Formats screen opens with (sent from Import). */
  const [formatsFile, setFormatsFile] = useState<{ fileId: number; key: number } | null>(null);

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

  // An import refused as over the store budget (from the native menu too) opens the Import screen
  // with its choices; kept here, as the screen may mount only after the refusal has come.
  const [refusal, setRefusal] = useState<ImportFinished | null>(null);
  useEffect(() => client.on('import.finished', (r) => {
    if (r.outcome !== 'refused') return;
    setRefusal(r);
    setScreen('import');
  }), [client]);
  const refusalTaken = useCallback(() => setRefusal(null), []);

  const onImported = useCallback((b: BundleSummary) => setBundle(b), []);
  // A session opened (here or from the native menu) replaces every row: the screens start afresh.
  const [opened, setOpened] = useState(0);
  useEffect(() => client.on('session.opened', ({ bundle: b, ui }) => {
    setBundle(b);
    setFilter(ui?.filter ?? {});
    setFocus(null);
    setOpened((n) => n + 1);
    const saved = SCREENS.find((s) => s.id === ui?.screen);
    if (saved) setScreen(saved.id);
  }), [client]);
  // What a saved session keeps of the window: the screen last worked in (not Import, where one saves) and the filter.
  const [workScreen, setWorkScreen] = useState<Screen>('events');
  useEffect(() => {
    if (screen !== 'import') setWorkScreen(screen);
  }, [screen]);
  const uiState = useCallback((): UiState => ({ screen: workScreen, filter }), [workScreen, filter]);
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
  const sendToFormats = useCallback((fileId: number) => {
    setFormatsFile((f) => ({ fileId, key: (f?.key ?? 0) + 1 }));
    setScreen('formats');
  }, []);
  // Re-parsed lines are new events: the counts shown ask again, Events opens on the format's events.
  const refreshBundle = useCallback(() => {
    client.call('session.info', {}).then((info) => setBundle(info.bundle), () => undefined);
  }, [client]);
  const showFormatEvents = useCallback((formatId: string) => {
    setFilter({ where: `format = '${formatId.replace(/'/g, "''")}'` });
    setScreen('events');
  }, []);
  const { prefs, update: updatePrefs } = usePrefs();
  const mainRef = useRef<HTMLElement>(null);
  const goTo = useCallback((target: Screen) => {
    setScreen(target);
    // Focus was maybe in the screen that goes away: the next Tab starts in the new one.
    mainRef.current?.focus();
  }, []);
  const commands = useAppCommands({ screens: SCREENS, goTo, prefs, updatePrefs, client });
  const zones = useMemo(() => [...new Set(bundle?.hosts.map((h) => h.timezone) ?? [])], [bundle]);

  return (
    <div className="app">
      <header className="top">
        <h1>MAAS Forensic Workbench</h1>
        <nav aria-label="Screens">
          {SCREENS.map((s, i) => (
            <button key={s.id} type="button" aria-current={screen === s.id ? 'page' : undefined} aria-keyshortcuts={`Alt+${i + 1}`} title={`${s.label} (Alt+${i + 1})`} onClick={() => setScreen(s.id)}>
              {s.label}
            </button>
          ))}
        </nav>
        {bundle ? <p className="facts-line">{bundle.hosts.map((h) => h.hostname ?? '(unknown)').join(', ')}: {bundle.events} events</p> : null}
        {bundle ? <MemoryLine memory={bundle.memory} /> : null}
        <UndoButton client={client} />
        <CaseNotes client={client} />
        <ReportExport client={client} loaded={bundle !== null} />
        <ViewControls prefs={prefs} onChange={updatePrefs} onShowShortcuts={() => commands.setShortcutsOpen(true)} />
        {version ? <p className="version">v{version}</p> : null}
      </header>
      <CommandPalette open={commands.paletteOpen} commands={commands.paletteCommands} onClose={() => commands.setPaletteOpen(false)} />
      <ShortcutList open={commands.shortcutsOpen} screens={SCREENS.map((s) => s.label)} onClose={() => commands.setShortcutsOpen(false)} />
      <main ref={mainRef} tabIndex={-1}>
        {screen === 'import' ? <ImportScreen client={client} onImported={onImported} onSendToFormats={sendToFormats} uiState={uiState} refusal={refusal} onRefusalTaken={refusalTaken} /> : null}
        {screen === 'events' ? (
          <EventsScreen key={opened} client={client} filter={filter} onFilterChange={setFilter} zones={zones} hosts={hosts} highlightIds={highlightOf(focus)} focusId={focus?.kind === 'event' ? focus.eventId : undefined} onPivot={pivot} />
        ) : null}
        {screen === 'timeline' ? (
          <TimelineScreen key={opened} client={client} filter={filter} onFilterChange={setFilter} zones={zones} hosts={hosts} focus={focus} onFocus={setFocus} onPivot={pivot} importedEvents={bundle?.events ?? 0} />
        ) : null}
        {screen === 'findings' ? <FindingsScreen key={opened} client={client} onOpen={openFinding} onTimeline={showFindingInTimeline} /> : null}
        {screen === 'rules' ? (
          <Suspense fallback={<p>Loading the rule editor…</p>}>
            <RulesScreen key={opened} client={client} loadedEvents={bundle?.events ?? 0} />
          </Suspense>
        ) : null}
        {screen === 'formats' ? (
          <Suspense fallback={<p>Loading the format editor…</p>}>
            <FormatsScreen key={opened} client={client} sent={formatsFile} defaultZone={statedZone(bundle)} onShowEvents={showFormatEvents} onEventsChanged={refreshBundle} />
          </Suspense>
        ) : null}
        {screen === 'console' ? <Suspense fallback={<p>Loading the console…</p>}><ConsoleScreen key={opened} client={client} /></Suspense> : null}
      </main>
    </div>
  );
}
