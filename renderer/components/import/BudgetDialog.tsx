import { useState, type SyntheticEvent } from 'react';
import type { ImportEstimate } from '../../../shared/api.js';
import { SOURCES, type Source } from '../../../shared/types/event.js';
import type { ImportScope } from '../../../shared/types/import-scope.js';
import { formatBytes } from '../../format.js';
import { useModalDialog } from '../keyboard/use-modal-dialog.js';

interface Props {
  open: boolean;
  estimate: ImportEstimate | null;
  /** The engine's reason for refusing. */
  reason: string | null;
  /** Imports again with this scope, or (`force`) all of it. */
  onChoose: (choice: { scope?: ImportScope; force?: boolean }) => void;
  onCancel: () => void;
}

/** A `datetime-local` value read as UTC (the label says so); undefined when empty or not a time. */
function utcMs(value: string): number | undefined {
  if (value === '') return undefined;
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Says that an import would not fit the store and offers narrower ones: a time window (UTC),
 * some hosts, some sources, skipping unparsed lines; or everything anyway. A modal dialog:
 * Escape or Cancel closes it and nothing is imported.
 */
export function BudgetDialog({ open, estimate, reason, onChoose, onCancel }: Props) {
  const dialog = useModalDialog(open);
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [hosts, setHosts] = useState('');
  const [sources, setSources] = useState<Source[]>([]);
  const [skipUnparsed, setSkipUnparsed] = useState(false);

  const scope: ImportScope = {};
  const sinceMs = utcMs(since);
  const untilMs = utcMs(until);
  if (sinceMs !== undefined) scope.sinceMs = sinceMs;
  if (untilMs !== undefined) scope.untilMs = untilMs;
  const hostList = hosts.split(',').map((h) => h.trim()).filter((h) => h !== '');
  if (hostList.length) scope.hosts = hostList;
  if (sources.length) scope.sources = sources;
  if (skipUnparsed) scope.skipUnparsed = true;
  const windowBackwards = sinceMs !== undefined && untilMs !== undefined && untilMs <= sinceMs;
  const chosen = Object.keys(scope).length > 0 && !windowBackwards;

  const submit = (e: SyntheticEvent): void => {
    e.preventDefault();
    if (chosen) onChoose({ scope });
  };
  const toggle = (source: Source): void => setSources((s) => (s.includes(source) ? s.filter((x) => x !== source) : [...s, source]));

  return (
    <dialog ref={dialog} className="budget-dialog" aria-labelledby="budget-title" aria-describedby="budget-why" onClose={onCancel}>
      <form onSubmit={submit}>
        <h2 id="budget-title">This import would not fit in memory</h2>
        <p id="budget-why">
          {estimate
            ? <>About {estimate.events.toLocaleString('en')} events ({formatBytes(estimate.textBytes)} of text in {estimate.files} file{estimate.files === 1 ? '' : 's'}) would need about {formatBytes(estimate.storeBytes)} in the store, which holds {estimate.budgetBytes === null ? 'an unknown amount' : formatBytes(estimate.budgetBytes)}.</>
            : reason}
          {' '}Import less: what is left out is counted and shown, and the evidence is not changed.
        </p>
        <fieldset>
          <legend>Time window (UTC)</legend>
          <label>From <input type="datetime-local" step="1" value={since} onChange={(e) => setSince(e.target.value)} /></label>
          <label>Until (excluded) <input type="datetime-local" step="1" value={until} onChange={(e) => setUntil(e.target.value)} /></label>
          {windowBackwards ? <p role="alert" className="error">The end of the window is not after its start.</p> : null}
        </fieldset>
        <label className="budget-hosts">Hosts (comma-separated) <input type="text" value={hosts} onChange={(e) => setHosts(e.target.value)} placeholder="maas-region-1, maas-rack-2" /></label>
        <fieldset>
          <legend>Sources</legend>
          {SOURCES.map((source) => (
            <label key={source}><input type="checkbox" checked={sources.includes(source)} onChange={() => toggle(source)} /> {source}</label>
          ))}
        </fieldset>
        <label><input type="checkbox" checked={skipUnparsed} onChange={(e) => setSkipUnparsed(e.target.checked)} /> Skip lines no format reads (count them, do not store them)</label>
        <div className="buttons">
          <button type="submit" disabled={!chosen}>Import the narrower choice</button>
          <button type="button" onClick={() => onChoose({ force: true })}>Import everything anyway</button>
          <button type="button" onClick={() => dialog.current?.close()}>Cancel</button>
        </div>
      </form>
    </dialog>
  );
}
