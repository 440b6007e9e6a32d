import { useEffect, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { SigmaExport as SigmaExportResult } from '../../../shared/api-rules.js';

/** The rule in the editor as a Sigma rule, or why it cannot be one. */
export function SigmaExport({ client, yaml }: { client: ApiClient; yaml: string }) {
  const [result, setResult] = useState<SigmaExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  // An export is of the text it was made from: another rule, or an edit, clears it.
  useEffect(() => {
    setResult(null);
    setError(null);
  }, [yaml]);
  const run = (): void => {
    setError(null);
    client.call('sigma.export', { yaml }).then(setResult, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };
  return (
    <section className="sigma-export" aria-label="Export to Sigma">
      <button type="button" onClick={run}>Export to Sigma</button>
      {error !== null ? <p role="alert" className="error">{error}</p> : null}
      {result?.sigma ? (
        <>
          <button type="button" onClick={() => void navigator.clipboard.writeText(result.sigma!)}>Copy the Sigma rule</button>
          <pre className="raw" aria-label="The rule as Sigma">{result.sigma}</pre>
        </>
      ) : null}
      {result && result.reasons.length ? (
        <ul className="sigma-reasons" aria-label="Why it cannot be exported">
          {result.reasons.map((r, i) => <li key={i}>Cannot be written as Sigma: {r}</li>)}
        </ul>
      ) : null}
      {result && result.notes.length ? (
        <ul className="muted" aria-label="What the Sigma rule leaves out">
          {result.notes.map((n, i) => <li key={i}>{n}</li>)}
        </ul>
      ) : null}
    </section>
  );
}
