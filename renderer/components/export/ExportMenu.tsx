import { useState, type SyntheticEvent } from 'react';
import { EXPORT_FORMATS, type ApiClient, type EventFilter, type ExportFormat } from '../../../shared/api.js';
import { formatBytes } from '../../format.js';

const FORMAT_LABELS: Record<ExportFormat, string> = {
  csv: 'CSV',
  jsonl: 'JSON lines',
  timesketch: 'Timesketch JSONL',
  ecs: 'Elastic ECS (bulk NDJSON)',
};

type Status = { kind: 'working' | 'done' | 'error'; text: string } | null;

/** "Export…": writes the events of the current filter to a file on the engine's machine. */
export function ExportMenu({ client, filter }: { client: ApiClient; filter: EventFilter }) {
  const [format, setFormat] = useState<ExportFormat>('timesketch');
  const [path, setPath] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const working = status?.kind === 'working';

  const submit = (e: SyntheticEvent): void => {
    e.preventDefault();
    const target = path.trim();
    if (!target || working) return;
    setStatus({ kind: 'working', text: `Exporting to ${target}…` });
    client.call('export.events', { format, path: target, filter }).then(
      (r) => setStatus({ kind: 'done', text: `Exported ${r.events} events (${formatBytes(r.bytes)}) to ${r.path}${r.skipped ? `; ${r.skipped} without a time left out` : ''}` }),
      (err: unknown) => setStatus({ kind: 'error', text: err instanceof Error ? err.message : String(err) }),
    );
  };

  return (
    <details className="export-menu">
      <summary>Export…</summary>
      <form aria-label="Export events" onSubmit={submit}>
        <p>The events of the current filter, to a file on the engine's machine.</p>
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {EXPORT_FORMATS.map((f) => <option key={f} value={f}>{FORMAT_LABELS[f]}</option>)}
          </select>
        </label>
        <label>
          Export file path
          <input type="text" value={path} spellCheck={false} placeholder="/cases/42/events.jsonl" onChange={(e) => setPath(e.target.value)} />
        </label>
        <button type="submit" disabled={working || path.trim() === ''}>Export</button>
        {status ? <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error' : 'notice'}>{status.text}</p> : null}
      </form>
    </details>
  );
}
