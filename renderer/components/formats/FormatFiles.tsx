import { useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { FormatSummary } from '../../../shared/api-formats.js';

interface Props {
  client: ApiClient;
  /** The format to export (a saved one), or null. */
  formatId: string | null;
  onImported: (format: FormatSummary) => void;
}

/** Hands a text to the browser as a file download (the page never writes files itself). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: fileName.endsWith('.json') ? 'application/json' : 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export a format as JSON or YAML; import a format file (validated and saved by the engine). */
export function FormatFiles({ client, formatId, onImported }: Props) {
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const exportAs = (as: 'json' | 'yaml'): void => {
    if (formatId === null) return;
    client.call('formats.export', { id: formatId, as }).then((r) => {
      download(r.fileName, r.text);
      setMessage({ error: false, text: `Exported ${r.fileName}` });
    }, (err: unknown) => setMessage({ error: true, text: err instanceof Error ? err.message : String(err) }));
  };

  const importFile = async (file: File): Promise<void> => {
    try {
      const saved = await client.call('formats.import', { fileName: file.name, text: await file.text() });
      setMessage({ error: false, text: `Imported ${saved.id} from ${file.name}` });
      onImported(saved);
    } catch (err) {
      setMessage({ error: true, text: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <div className="format-files toolbar">
      <button type="button" disabled={formatId === null} onClick={() => exportAs('json')}>Export JSON</button>
      <button type="button" disabled={formatId === null} onClick={() => exportAs('yaml')}>Export YAML</button>
      <label className="file-button">
        Import format file
        <input
          ref={input}
          type="file"
          accept=".json,.yaml,.yml,application/json,application/yaml"
          aria-label="Import format file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
            if (input.current) input.current.value = '';
          }}
        />
      </label>
      {message ? <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'format-note'}>{message.text}</p> : null}
    </div>
  );
}
