import { useEffect, useState } from 'react';
import type { ApiClient, FileSummary } from '../../../shared/api.js';

interface Props {
  client: ApiClient;
  /** Counts change with each import: asked again when this does. */
  importedEvents: number;
  onSend: (fileId: number) => void;
}

/** The files with lines no format parsed, each one click from the format editor. */
export function UnparsedFiles({ client, importedEvents, onSend }: Props) {
  const [files, setFiles] = useState<FileSummary[]>([]);
  useEffect(() => {
    client.call('files.list', {}).then((r) => setFiles(r.files.filter((f) => (f.unparsed ?? 0) > 0)), () => undefined);
  }, [client, importedEvents]);
  if (files.length === 0) return null;
  return (
    <section aria-labelledby="unparsed-files-title" className="unparsed-files">
      <h3 id="unparsed-files-title">Files with unparsed lines ({files.length})</h3>
      <ul>
        {files.map((f) => (
          <li key={f.id}>
            <span className="path">{f.path}</span>: {f.unparsed} of {f.lines ?? 0} lines unparsed ({f.format ?? 'no format'}){' '}
            <button type="button" onClick={() => onSend(f.id)} aria-label={`Send the unmatched lines of ${f.path} to the format editor`}>Send unmatched lines to the format editor</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
