import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiClient, BundleSummary, EventFilter, Finding } from '../shared/api.js';
import { EventsScreen } from './screens/EventsScreen.js';
import { FindingsScreen } from './screens/FindingsScreen.js';
import { ImportScreen } from './screens/ImportScreen.js';

type Screen = 'import' | 'events' | 'findings';
const SCREENS: readonly { id: Screen; label: string }[] = [
  { id: 'import', label: 'Import' },
  { id: 'events', label: 'Events' },
  { id: 'findings', label: 'Findings' },
];

/** The workbench: Import, Events and Findings over one API client. */
export function App({ client }: { client: ApiClient }) {
  const [screen, setScreen] = useState<Screen>('import');
  const [bundle, setBundle] = useState<BundleSummary | null>(null);
  const [filter, setFilter] = useState<EventFilter>({});
  const [hosts, setHosts] = useState<string[]>([]);
  const [version, setVersion] = useState('');

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
        {version ? <p className="version">v{version}</p> : null}
      </header>
      <main>
        {screen === 'import' ? <ImportScreen client={client} onImported={onImported} /> : null}
        {screen === 'events' ? <EventsScreen client={client} filter={filter} onFilterChange={setFilter} zones={zones} hosts={hosts} /> : null}
        {screen === 'findings' ? <FindingsScreen client={client} onOpen={openFinding} /> : null}
      </main>
    </div>
  );
}
