import { useState } from 'react';
import type { ApiClient, ApiResponse } from '../../../shared/api.js';

interface Props {
  client: ApiClient;
  formatId: string;
  /** The file the samples came from, offered as the only file to re-parse. */
  fileId: number | null;
  tz: string;
  year: number | undefined;
  /** Shows the events the format made, in the Events screen. */
  onShowEvents: (formatId: string) => void;
  /** Events changed: what shows counts must ask again. */
  onChanged: () => void;
}

type Result = ApiResponse<'formats.reparse'>;

function describe(r: Result): string {
  const files = r.files.filter((f) => f.tried > 0);
  const joined = r.files.reduce((n, f) => n + f.continuation + f.ignored, 0);
  return `${r.events} unparsed lines of ${files.length} file${files.length === 1 ? '' : 's'} are now events${joined ? `, ${joined} joined to a record or ignored` : ''}; ${r.unparsed} still unparsed${r.findings !== null ? `; detection ran again: ${r.findings} findings` : ''}.`;
}

/** Re-parses the unparsed lines of loaded files with a saved format. */
export function ReparsePanel({ client, formatId, fileId, tz, year, onShowEvents, onChanged }: Props) {
  const [scope, setScope] = useState<'all' | 'file'>(fileId === null ? 'all' : 'file');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = (): void => {
    setBusy(true);
    setError(null);
    const fileIds = scope === 'file' && fileId !== null ? [fileId] : undefined;
    client.call('formats.reparse', { formatId, tz, ...(fileIds ? { fileIds } : {}), ...(year !== undefined ? { year } : {}) }).then((r) => {
      setResult(r);
      if (r.events > 0) onChanged();
    }, (err: unknown) => setError(err instanceof Error ? err.message : String(err))).finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby="reparse-title" className="reparse">
      <h3 id="reparse-title">Re-parse with {formatId}</h3>
      <fieldset className="grouping">
        <legend>Unparsed lines of</legend>
        <label>
          <input type="radio" name="reparse-scope" checked={scope === 'all'} onChange={() => setScope('all')} /> every loaded file
        </label>
        <label>
          <input type="radio" name="reparse-scope" disabled={fileId === null} checked={scope === 'file'} onChange={() => setScope('file')} /> the sample file only
        </label>
      </fieldset>
      <button type="button" disabled={busy} onClick={run}>{busy ? 'Re-parsing…' : 'Re-parse unparsed lines'}</button>
      {result ? (
        <p role="status" className="reparse-result">
          {describe(result)}{' '}
          {result.events > 0 ? <button type="button" onClick={() => onShowEvents(formatId)}>Show them in Events</button> : null}
        </p>
      ) : null}
      {error !== null ? <p role="alert" className="error">{error}</p> : null}
    </section>
  );
}
