import { useEffect, useState, type SyntheticEvent } from 'react';
import type { ApiClient, ApiResponse, UiState } from '../../../shared/api.js';
import { formatBytes, formatTime } from '../../format.js';

type Status = { kind: 'working' | 'done' | 'error'; text: string } | null;
type Recovered = ApiResponse<'session.info'>['recovered'];

/**
 * Save what is loaded as one `.mfw` session file, or open one, by its path on the engine's
 * machine (the desktop app also has File > Open session… and Save session as…).
 */
export function SessionPanel({ client, busy, uiState }: { client: ApiClient; busy: boolean; uiState?: () => UiState }) {
  const [path, setPath] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const [recovered, setRecovered] = useState<Recovered>(null);
  const [autosaveError, setAutosaveError] = useState<string | null>(null);
  const [recent, setRecent] = useState<readonly string[]>([]);
  const working = status?.kind === 'working';

  useEffect(() => {
    let current = true;
    client.call('session.info', {}).then((info) => {
      if (!current) return;
      setRecovered(info.recovered);
      setAutosaveError(info.autosaveError);
      setRecent(info.recentSessions);
    }, () => undefined);
    return () => {
      current = false;
    };
  }, [client]);

  const openRecovered = (path: string): void => {
    setStatus({ kind: 'working', text: 'Opening the autosaved session…' });
    client.call('session.open', { path }).then(
      (r) => {
        setRecovered(null);
        setStatus({ kind: 'done', text: `Opened the autosaved session: ${r.bundle.events} events, ${r.bundle.files} files` });
      },
      (err: unknown) => setStatus({ kind: 'error', text: err instanceof Error ? err.message : String(err) }),
    );
  };

  const discardRecovered = (): void => {
    client.call('recovery.discard', {}).then(() => setRecovered(null), (err: unknown) => setStatus({ kind: 'error', text: String(err) }));
  };
  const disabled = busy || working || path.trim() === '';

  const run = (action: 'save' | 'open'): void => {
    const target = path.trim();
    setStatus({ kind: 'working', text: action === 'save' ? `Saving ${target}…` : `Opening ${target}…` });
    const done = action === 'save'
      ? client.call('session.save', { path: target, ...(uiState ? { ui: uiState() } : {}) }).then((r) => `Saved ${formatBytes(r.bytes)} to ${r.path}`)
      : client.call('session.open', { path: target }).then((r) => `Opened ${target}: ${r.bundle.events} events, ${r.bundle.files} files`);
    done.then(
      (text) => setStatus({ kind: 'done', text }),
      (err: unknown) => setStatus({ kind: 'error', text: err instanceof Error ? err.message : String(err) }),
    );
  };

  const submit = (e: SyntheticEvent): void => {
    e.preventDefault();
    if (!disabled) run('save');
  };

  return (
    <section aria-labelledby="session-title" className="session-panel">
      <h3 id="session-title">Session file</h3>
      {recovered ? (
        <div role="group" aria-label="Autosaved session" className="recovered">
          <p>
            The last session was autosaved at {formatTime(recovered.savedMs)} UTC ({formatBytes(recovered.bytes)}), when the
            workbench last stopped or crashed.
          </p>
          <button type="button" disabled={busy || working} onClick={() => openRecovered(recovered.path)}>Open the autosaved session</button>
          <button type="button" disabled={busy || working} onClick={discardRecovered}>Discard it</button>
        </div>
      ) : null}
      {autosaveError ? <p role="alert" className="error">The last autosave failed: {autosaveError}</p> : null}
      <p>
        Save everything loaded (events, findings, stars, tags and notes) as one <code>.mfw</code> file on this
        machine, or open one saved before: the evidence is not needed to open it.
      </p>
      <form className="session-form" onSubmit={submit}>
        <label>
          Session file path
          <input type="text" value={path} spellCheck={false} placeholder="/cases/42/case.mfw" onChange={(e) => setPath(e.target.value)} />
        </label>
        <button type="submit" disabled={disabled}>Save session</button>
        <button type="button" disabled={disabled} onClick={() => run('open')}>Open session</button>
      </form>
      {recent.length ? (
        <section aria-labelledby="recent-sessions-title" className="recent-sessions">
          <h4 id="recent-sessions-title">Recent sessions</h4>
          <ul>
            {recent.map((p) => (
              <li key={p}>
                <button type="button" className="link" disabled={busy || working} onClick={() => setPath(p)} title="Put this path in the field above">{p}</button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {status ? <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error' : 'notice'}>{status.text}</p> : null}
    </section>
  );
}
