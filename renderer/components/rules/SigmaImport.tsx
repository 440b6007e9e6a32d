import { useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { SigmaImport as SigmaImportResult } from '../../../shared/api-rules.js';

interface Props {
  client: ApiClient;
  /** Opens a converted rule in the editor, not yet saved. */
  onOpen: (yaml: string) => void;
}

/** Paste or open a Sigma rule; see what it became and what mfw refused, with the reasons. */
export function SigmaImport({ client, onOpen }: Props) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<SigmaImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const convert = (): void => {
    setError(null);
    client.call('sigma.import', { yaml: text }).then(setResult, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };

  return (
    <section className="sigma-import" aria-labelledby="sigma-import-title">
      <h3 id="sigma-import-title">Import Sigma YAML</h3>
      <label className="file-button">
        Open a Sigma file
        <input type="file" accept=".yml,.yaml,text/yaml" onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) file.text().then(setText, (err: unknown) => setError(String(err)));
        }} />
      </label>
      <label className="stacked">
        Sigma YAML
        <textarea rows={10} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="button" onClick={convert} disabled={text.trim() === ''}>Convert</button>
      {error !== null ? <p role="alert" className="error">{error}</p> : null}
      {result ? (
        <div role="status">
          <p>{result.rules.length} rule{result.rules.length === 1 ? '' : 's'} converted, {result.refused.length} refused.</p>
          {result.refused.length ? (
            <ul className="sigma-refused" aria-label="Not imported">
              {result.refused.map((r, i) => (
                <li key={i} className="error">{r.line !== null ? `line ${r.line}` : 'the rule'}{r.id ? ` (${r.id})` : ''}: {r.reason}</li>
              ))}
            </ul>
          ) : null}
          {result.rules.map((r) => (
            <div key={r.id} className="sigma-converted">
              <p><code>{r.id}</code> <button type="button" onClick={() => onOpen(r.yaml)}>Open {r.id} in the editor</button></p>
              <pre className="raw">{r.yaml}</pre>
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}
