import type { PreviewFinding } from '../../../shared/api-rules.js';
import { formatTime } from '../../format.js';
import type { PreviewState } from './use-rule-preview.js';

function keyText(key: PreviewFinding['key']): string {
  return Object.entries(key).map(([k, v]) => `${k} ${v}`).join(', ');
}

/** What the edited rule would find on the loaded events: counts, then the first findings with sample evidence. */
export function RulePreview({ state, loadedEvents }: { state: PreviewState; loadedEvents: number }) {
  const { preview, pending, error } = state;
  const result = preview?.result ?? null;
  let headline: string;
  if (error !== null) headline = `Preview failed: ${error}`;
  else if (!preview) headline = 'Running the rule on the loaded events…';
  else if (!result) headline = 'No preview: the rule has errors (below the text).';
  else headline = `${result.findings} finding${result.findings === 1 ? '' : 's'} (${result.events} events) on the loaded events`;
  return (
    <section className="rule-preview" aria-labelledby="rule-preview-title" aria-busy={pending}>
      <h3 id="rule-preview-title">Preview</h3>
      <p role="status" className={error !== null ? 'error' : undefined}>
        <span data-testid="preview-headline">{headline}</span>
        {result ? <span className="muted"> · {Math.round(result.ms)} ms{pending ? ' · updating…' : ''}</span> : null}
      </p>
      {result && result.shown.length ? (
        <ol className="preview-findings" aria-label="Findings the rule would raise">
          {result.shown.map((f, i) => (
            <li key={i}>
              <div><strong>{keyText(f.key)}</strong> <span className={`sev ${f.severity}`}>{f.severity}</span>: {f.count} events, {formatTime(f.firstTs)} to {formatTime(f.lastTs)} UTC</div>
              <div className="summary">{f.summary}</div>
              <ul className="samples" aria-label="Sample evidence">
                {f.samples.map((e) => (
                  <li key={e.id}><code>{formatTime(e.ts)}</code> {e.host ?? ''} {e.program ?? e.source}: <span className="raw">{e.message ?? ''}</span></li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      ) : null}
      {result && result.findings > result.shown.length ? <p className="muted">and {result.findings - result.shown.length} more.</p> : null}
      {loadedEvents === 0 ? <p className="muted">No events are loaded: import evidence on the Import screen to see what the rule finds.</p> : null}
    </section>
  );
}
