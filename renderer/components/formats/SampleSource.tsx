import { useEffect, useState } from 'react';
import type { ApiClient, FileSummary } from '../../../shared/api.js';

/** Lines asked for at once (the test takes at most 2000). */
const SAMPLE_LIMIT = 500;

interface Props {
  client: ApiClient;
  fileId: number | null;
  onFileChange: (fileId: number | null) => void;
  /** Lines loaded from the file: replace the sample text. */
  onLoaded: (lines: string[], from: string) => void;
}

/** Picks a loaded file and loads its unparsed lines (from the store) or its first lines (from the evidence). */
export function SampleSource({ client, fileId, onFileChange, onLoaded }: Props) {
  const [files, setFiles] = useState<FileSummary[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    client.call('files.list', {}).then((r) => setFiles(r.files.filter((f) => (f.lines ?? 0) > 0)), (err: unknown) => setError(String(err)));
  }, [client]);

  const load = (unparsedOnly: boolean): void => {
    if (fileId === null) return;
    setError(null);
    client.call('formats.samples', { fileId, unparsedOnly, limit: SAMPLE_LIMIT }).then((r) => {
      if (r.unavailable !== null) setError(r.unavailable);
      else onLoaded(r.lines.map((l) => l.text), `${r.lines.length} ${unparsedOnly ? 'unparsed' : 'first'} lines of ${r.path}${unparsedOnly && r.unparsed > r.lines.length ? ` (of ${r.unparsed})` : ''}`);
    }, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };

  return (
    <div className="sample-source">
      <label>
        Loaded file
        <select value={fileId ?? ''} onChange={(e) => onFileChange(e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">(choose a file)</option>
          {files.map((f) => (
            <option key={f.id} value={f.id}>
              {f.path} ({f.format ?? 'no format'}, {f.unparsed ?? 0} unparsed)
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={fileId === null} onClick={() => load(true)}>Load unparsed lines</button>
      <button type="button" disabled={fileId === null} onClick={() => load(false)}>Load first lines</button>
      {error !== null ? <p role="alert" className="error">{error}</p> : null}
    </div>
  );
}
