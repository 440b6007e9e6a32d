import { useEffect, useState } from 'react';
import type { ApiClient, FileSummary } from '../../shared/api.js';
import { formatTime } from '../format.js';

/** The part of a member path worth showing: from the bundle's own folders on. */
function shortPath(path: string): string {
  const cut = path.lastIndexOf('!/');
  return cut >= 0 ? path.slice(cut + 2) : path;
}

/** What each log file covers: host, source, format, events and its first and last UTC times. */
export function CoverageTable({ client, importedEvents }: { client: ApiClient; importedEvents: number }) {
  const [files, setFiles] = useState<FileSummary[] | null>(null);
  useEffect(() => {
    client.call('files.list', {}).then((r) => setFiles(r.files.filter((f) => f.source !== null)), () => setFiles([]));
  }, [client, importedEvents]);
  if (!files?.length) return null;
  return (
    <table className="facts coverage">
      <caption>Coverage: the log files read</caption>
      <thead>
        <tr>
          <th scope="col">Host</th><th scope="col">Source</th><th scope="col">File</th><th scope="col">Format</th>
          <th scope="col">Events</th><th scope="col">Unparsed</th><th scope="col">First (UTC)</th><th scope="col">Last (UTC)</th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={f.id}>
            <td>{f.host ?? ''}</td><td>{f.source ?? ''}</td><td className="path" title={f.path}>{shortPath(f.path)}</td><td>{f.format ?? ''}</td>
            <td>{f.events ?? 0}</td><td>{f.unparsed ?? 0}</td><td>{formatTime(f.firstTs)}</td><td>{formatTime(f.lastTs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
