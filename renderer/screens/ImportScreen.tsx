import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { ApiClient, BundleSummary, ImportEstimate, ImportFinished, ImportProgress, UiState } from '../../shared/api.js';
import type { ImportScope } from '../../shared/types/import-scope.js';
import { BudgetDialog } from '../components/import/BudgetDialog.js';
import { FirstEvents } from '../components/import/FirstEvents.js';
import { electronBridge } from '../api/bridge.js';
import { uploadFile, type UploadHandle } from '../api/upload.js';
import { SessionPanel } from '../components/session/SessionPanel.js';
import { DemoOffer } from '../components/demo/DemoOffer.js';
import { formatBytes } from '../format.js';
import { UnparsedFiles } from '../components/formats/UnparsedFiles.js';
import { CoverageTable } from './CoverageTable.js';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; name: string; sent: number; total: number }
  | { kind: 'importing'; jobId: string; progress: ImportProgress | null }
  | { kind: 'finished'; result: ImportFinished };

interface Props {
  client: ApiClient;
  onImported: (bundle: BundleSummary) => void;
  /** Opens the format editor on a file's unparsed lines. */
  onSendToFormats?: (fileId: number) => void;
  /** The window's state, saved with a session. */
  uiState?: () => UiState;
  /** An import refused as over budget before this screen was shown: its choices are offered. */
  refusal?: ImportFinished | null;
  /** Told once `refusal` is shown here (it is not offered again). */
  onRefusalTaken?: () => void;
}

/** Drop zone, open buttons, per-file progress, warnings and the bundle's facts once done. */
export function ImportScreen({ client, onImported, onSendToFormats, uiState, refusal, onRefusalTaken }: Props) {
  const [phase, setPhase] = useState<Phase>(refusal ? { kind: 'finished', result: refusal } : { kind: 'idle' });
  useEffect(() => {
    if (refusal) onRefusalTaken?.();
  }, [refusal, onRefusalTaken]);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  /** Warnings of the running import, shown as they come (the finished import lists them all). */
  const [liveWarnings, setLiveWarnings] = useState<{ jobId: string; messages: string[] }>({ jobId: '', messages: [] });
  /** The estimate of the running (or refused) import, sent before anything is loaded. */
  const [estimate, setEstimate] = useState<{ jobId: string; estimate: ImportEstimate } | null>(null);
  const upload = useRef<UploadHandle | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const bridge = electronBridge();

  useEffect(() => {
    const offEstimated = client.on('import.estimated', (e) => setEstimate(e));
    const offProgress = client.on('import.progress', (progress) => setPhase({ kind: 'importing', jobId: progress.jobId, progress }));
    const offWarning = client.on('import.warning', ({ jobId, message }) =>
      setLiveWarnings((w) => (w.jobId === jobId ? { jobId, messages: [...w.messages, message] } : { jobId, messages: [message] })));
    const offFinished = client.on('import.finished', (result) => {
      setPhase({ kind: 'finished', result });
      if (result.bundle) onImported(result.bundle);
    });
    return () => {
      offEstimated();
      offProgress();
      offWarning();
      offFinished();
    };
  }, [client, onImported]);

  // The job's events may overtake the reply that names it (a small file imports at once).
  const started = (jobId: string): void =>
    setPhase((p) => ((p.kind === 'importing' && p.jobId === jobId) || (p.kind === 'finished' && p.result.jobId === jobId) ? p : { kind: 'importing', jobId, progress: null }));

  const fail = (err: unknown): void => {
    setError(err instanceof Error ? err.message : String(err));
    setPhase({ kind: 'idle' });
  };

  const importFiles = async (files: readonly File[]): Promise<void> => {
    setError(null);
    if (files.length === 0) return;
    if (bridge) {
      const { jobId } = await client.call('import.paths', { paths: files.map((f) => bridge.pathForFile(f)) });
      started(jobId);
      return;
    }
    // The browser sends one file per upload and the host runs one import at a time: the files
    // go one after the other, each once the import of the one before has ended.
    const ended = new Map<string, ImportFinished['outcome']>();
    const waiters = new Map<string, () => void>();
    const off = client.on('import.finished', (r) => {
      ended.set(r.jobId, r.outcome);
      waiters.get(r.jobId)?.();
    });
    try {
      for (const file of files) {
        setPhase({ kind: 'uploading', name: file.name, sent: 0, total: file.size });
        upload.current = uploadFile(file, (sent, total) => setPhase({ kind: 'uploading', name: file.name, sent, total }));
        const jobId = await upload.current.done;
        upload.current = null;
        started(jobId);
        if (!ended.has(jobId)) await new Promise<void>((resolve) => waiters.set(jobId, resolve));
        if (ended.get(jobId) !== 'done') return;
      }
    } finally {
      off();
    }
  };

  const onDrop = (e: DragEvent<HTMLElement>): void => {
    e.preventDefault();
    setDragging(false);
    importFiles(Array.from(e.dataTransfer.files)).catch(fail);
  };

  const cancel = (): void => {
    if (phase.kind === 'uploading') upload.current?.abort();
    if (phase.kind === 'importing') client.call('import.cancel', { jobId: phase.jobId }).catch(fail);
  };

  const refused = phase.kind === 'finished' && phase.result.outcome === 'refused' ? phase.result : null;
  const narrow = (choice: { scope?: ImportScope; force?: boolean }): void => {
    if (!refused) return;
    setPhase({ kind: 'importing', jobId: refused.jobId, progress: null });
    client.call('import.narrow', { jobId: refused.jobId, ...choice }).then(({ jobId }) => started(jobId), fail);
  };
  const declineNarrowing = (): void => {
    if (!refused) return;
    setPhase({ kind: 'idle' });
    client.call('import.cancel', { jobId: refused.jobId }).catch(() => undefined);
  };

  const busy = phase.kind === 'uploading' || phase.kind === 'importing';
  const shownEstimate = estimate && (phase.kind === 'importing' || phase.kind === 'finished') && estimate.jobId === (phase.kind === 'importing' ? phase.jobId : phase.result.jobId) ? estimate.estimate : null;
  return (
    <section aria-labelledby="import-title" className="screen import">
      <h2 id="import-title">Import evidence</h2>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop sos-reports, archives or log files{bridge ? ' or a folder' : ''} here, or</p>
        {bridge ? (
          <div className="buttons">
            <button type="button" disabled={busy} onClick={() => void bridge.openDialog('bundle').then((ref) => ref && started(ref.jobId)).catch(fail)}>Open bundle…</button>
            <button type="button" disabled={busy} onClick={() => void bridge.openDialog('folder').then((ref) => ref && started(ref.jobId)).catch(fail)}>Open folder…</button>
          </div>
        ) : (
          <label className="file-button">
            Choose files…
            <input ref={fileInput} type="file" multiple disabled={busy} onChange={(e) => {
              const chosen = e.target.files ? Array.from(e.target.files) : [];
              // Emptied, so choosing the same file again (after declining the budget's choices) imports it.
              e.target.value = '';
              void importFiles(chosen).catch(fail);
            }} />
          </label>
        )}
      </div>
      {error === null ? null : <p role="alert" className="error">{error}</p>}
      {phase.kind === 'idle' ? <DemoOffer client={client} onStarted={started} onError={fail} /> : null}
      {shownEstimate ? <EstimateLine estimate={shownEstimate} /> : null}
      <ImportStatus phase={phase} onCancel={cancel} />
      {phase.kind === 'importing' && phase.progress ? <FirstEvents client={client} jobId={phase.jobId} events={phase.progress.events} /> : null}
      {/* Mounted only while offered: a closed dialog's fields would still be in the page's text fields. */}
      {refused ? <BudgetDialog open estimate={refused.estimate ?? null} reason={refused.error} onChoose={narrow} onCancel={declineNarrowing} /> : null}
      {phase.kind === 'importing' && liveWarnings.jobId === phase.jobId && liveWarnings.messages.length ? <LiveWarnings messages={liveWarnings.messages} /> : null}
      {phase.kind === 'finished' && phase.result.bundle ? <CoverageTable client={client} importedEvents={phase.result.bundle.events} /> : null}
      {phase.kind === 'finished' && phase.result.bundle && onSendToFormats ? <UnparsedFiles client={client} importedEvents={phase.result.bundle.events} onSend={onSendToFormats} /> : null}
      <SessionPanel client={client} busy={busy} uiState={uiState} />
    </section>
  );
}

/** The newest warnings of a running import; its end lists them all. */
const LIVE_WARNINGS_SHOWN = 10;

export function LiveWarnings({ messages }: { messages: readonly string[] }) {
  const shown = messages.slice(-LIVE_WARNINGS_SHOWN);
  return (
    <section aria-label="warnings so far" aria-live="polite">
      <h3>Warnings so far ({messages.length})</h3>
      <ul className="warnings">{shown.map((w, i) => <li key={messages.length - shown.length + i}>{w}</li>)}</ul>
    </section>
  );
}

/** What the bundle would hold in the store, estimated before loading it (docs/memory.md). */
function EstimateLine({ estimate }: { estimate: ImportEstimate }) {
  const budget = estimate.budgetBytes === null ? '' : ` of the ${formatBytes(estimate.budgetBytes)} store${estimate.fits ? '' : ': too much'}`;
  return (
    <p className="estimate">
      Estimate: {formatBytes(estimate.textBytes)} of text, about {estimate.events.toLocaleString('en')} events, {formatBytes(estimate.storeBytes)}{budget}
    </p>
  );
}

const SKIP_LABELS = { unparsed: 'unparsed lines', source: 'other sources', host: 'other hosts', time: 'outside the time window' } as const;

function ImportStatus({ phase, onCancel }: { phase: Phase; onCancel: () => void }) {
  if (phase.kind === 'idle') return null;
  if (phase.kind === 'uploading') {
    return (
      <div className="progress" aria-live="polite">
        <p>Uploading {phase.name}: {formatBytes(phase.sent)} of {formatBytes(phase.total)}</p>
        <progress max={phase.total || 1} value={phase.sent} aria-label="upload progress" />
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    );
  }
  if (phase.kind === 'importing') {
    const p = phase.progress;
    return (
      <div className="progress" aria-live="polite">
        {p ? (
          <>
            <p>Reading <span className="path">{p.file}</span></p>
            <progress max={p.bytesTotal || 1} value={p.bytesDone} aria-label="import progress" />
            <p>{formatBytes(p.bytesDone)} of {formatBytes(p.bytesTotal)}, {p.filesDone} files, {p.lines} lines, {p.events} events</p>
          </>
        ) : <p>Starting the import…</p>}
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    );
  }
  const { result } = phase;
  return (
    <div className="import-result" role="status">
      {result.outcome === 'done' ? <p className="done">Import finished: {result.bundle?.events ?? 0} events from {result.bundle?.files ?? 0} files.</p> : null}
      {result.partial ? <p role="alert" className="error">Partial import: {result.partial}</p> : null}
      {result.skipped ? (
        <p className="skipped">
          Left out by your choice (counted, not stored): {Object.entries(result.skipped).filter(([, n]) => n > 0).map(([why, n]) => `${n} ${SKIP_LABELS[why as keyof typeof SKIP_LABELS]}`).join(', ') || 'nothing'}.
        </p>
      ) : null}
      {result.outcome === 'refused' ? <p>Not imported: {result.error}</p> : null}
      {result.outcome === 'cancelled' ? <p>Import cancelled; nothing of it was kept.</p> : null}
      {result.outcome === 'failed' ? <p className="error">Import failed: {result.error}</p> : null}
      {result.bundle ? <BundleFacts bundle={result.bundle} /> : null}
      {result.warnings.length ? (
        <>
          <h3>Warnings ({result.warnings.length})</h3>
          <ul className="warnings">{result.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
        </>
      ) : null}
    </div>
  );
}

function BundleFacts({ bundle }: { bundle: BundleSummary }) {
  return (
    <table className="facts">
      <caption>Hosts in the evidence</caption>
      <thead>
        <tr><th scope="col">Host</th><th scope="col">Zone</th><th scope="col">Collected (UTC)</th><th scope="col">Bundle</th></tr>
      </thead>
      <tbody>
        {bundle.hosts.map((h) => (
          <tr key={h.label}>
            <td>{h.hostname ?? '(unknown)'}</td>
            <td>{h.timezone}{h.timezoneSource ? ` (from ${h.timezoneSource})` : ' (not in the bundle)'}</td>
            <td>{h.collected ?? ''}</td>
            <td className="path">{h.label}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
