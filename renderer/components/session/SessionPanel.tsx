import { useState, type SyntheticEvent } from 'react';
import type { ApiClient, UiState } from '../../../shared/api.js';
import { formatBytes } from '../../format.js';

type Status = { kind: 'working' | 'done' | 'error'; text: string } | null;

/**
 * Save what is loaded as one `.mfw` session file, or open one, by its path on the engine's
 * machine (the desktop app also has File > Open session… and Save session as…).
 */
export function SessionPanel({ client, busy, uiState }: { client: ApiClient; busy: boolean; uiState?: () => UiState }) {
  const [path, setPath] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const working = status?.kind === 'working';
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
      {status ? <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error' : 'notice'}>{status.text}</p> : null}
    </section>
  );
}
