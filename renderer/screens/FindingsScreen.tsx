import { useEffect, useState } from 'react';
import { SEVERITIES, type ApiClient, type Finding } from '../../shared/api.js';
import { AnnotationEditor } from '../components/annotations/AnnotationEditor.js';
import { formatTime } from '../format.js';

interface Props {
  client: ApiClient;
  /** Opens the finding's evidence in the Events table. */
  onOpen: (finding: Finding) => void;
  /** Shows the finding's window in the Timeline, its evidence highlighted. */
  onTimeline: (finding: Finding) => void;
}

/** Findings grouped by severity, most severe first; each opens its evidence events. */
export function FindingsScreen({ client, onOpen, onTimeline }: Props) {
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    client.call('findings.list', {}).then((r) => setFindings(r.findings), (err: unknown) => setError(String(err)));
  }, [client]);

  if (error !== null) return <p role="alert" className="error">{error}</p>;
  if (findings === null) return <p>Loading findings…</p>;
  const known = new Set<string>(SEVERITIES);
  const groups = [...SEVERITIES, 'other'].map((severity) => ({
    severity,
    items: findings.filter((f) => (severity === 'other' ? !known.has(f.severity) : f.severity === severity)),
  }));
  return (
    <section aria-labelledby="findings-title" className="screen findings">
      <h2 id="findings-title">Findings</h2>
      {findings.length === 0 ? <p>No findings: no detection rule fired on this evidence.</p> : null}
      {groups.filter((g) => g.items.length).map((group) => (
        <section key={group.severity} aria-labelledby={`sev-${group.severity}`} className={`severity ${group.severity}`}>
          <h3 id={`sev-${group.severity}`}>{group.severity} ({group.items.length})</h3>
          <ul>
            {group.items.map((f) => (
              <li key={f.id}>
                <button type="button" className="finding" onClick={() => onOpen(f)}>
                  <span className="title">{f.title ?? f.rule}</span>
                  <span className="summary">{f.summary ?? ''}</span>
                  <span className="key">{f.key ?? ''}</span>
                  <span className="meta">{f.count ?? 0} events, {formatTime(f.firstTs)} to {formatTime(f.lastTs)} UTC</span>
                </button>
                <div className="finding-actions">
                  <button type="button" onClick={() => onTimeline(f)} aria-label={`Show in timeline: finding ${f.id}`}>Show in timeline</button>
                  <details>
                    <summary>Tags and note</summary>
                    <AnnotationEditor client={client} target={{ kind: 'finding', id: f.id }} label={`finding ${f.id}`} />
                  </details>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
