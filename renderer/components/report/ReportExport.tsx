import { useState, type SyntheticEvent } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import { REPORT_FORMATS, type CaseDetails, type ReportFormat } from '../../../shared/api-report.js';
import { formatBytes } from '../../format.js';

type Status = { kind: 'working' | 'done' | 'error'; text: string } | null;

const FORMAT_LABELS: Record<ReportFormat, string> = { pdf: 'PDF', html: 'HTML (one file)', md: 'Markdown' };
const EMPTY_CASE: CaseDetails = { id: '', title: '', investigator: '', organisation: '' };
const CASE_FIELDS: readonly { key: keyof CaseDetails; label: string }[] = [
  { key: 'id', label: 'Case id' },
  { key: 'title', label: 'Title' },
  { key: 'investigator', label: 'Investigator' },
  { key: 'organisation', label: 'Organisation' },
];

/** The path with its extension made the format's (`report.pdf` → `report.html`), so the two never disagree. */
export function withExtension(path: string, format: ReportFormat): string {
  const cut = path.replace(/\.(pdf|html?|md|markdown)$/i, '');
  return cut === '' ? '' : `${cut}.${format}`;
}

/**
 * Export the incident report (docs/reports.md) to a path on the engine's machine, in the same
 * layout as `mfw report`; the case details typed here are kept with the session.
 */
export function ReportExport({ client, loaded }: { client: ApiClient; loaded: boolean }) {
  const [details, setDetails] = useState<CaseDetails>(EMPTY_CASE);
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [path, setPath] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const working = status?.kind === 'working';

  const onToggle = (e: SyntheticEvent<HTMLDetailsElement>): void => {
    if (!e.currentTarget.open) return;
    client.call('case.get', {}).then(setDetails, () => undefined);
  };

  const chooseFormat = (next: ReportFormat): void => {
    setFormat(next);
    setPath((p) => withExtension(p, next) || p);
  };

  const submit = (e: SyntheticEvent): void => {
    e.preventDefault();
    const target = path.trim();
    if (working || target === '') return;
    setStatus({ kind: 'working', text: `Writing ${target}…` });
    client.call('case.set', details)
      .then(() => client.call('report.write', { path: target, format }))
      .then(
        (r) => setStatus({ kind: 'done', text: `Wrote ${formatBytes(r.bytes)}${r.pages !== undefined ? `, ${r.pages} pages,` : ''} to ${r.path}` }),
        (err: unknown) => setStatus({ kind: 'error', text: err instanceof Error ? err.message : String(err) }),
      );
  };

  return (
    <details className="report-export" onToggle={onToggle}>
      <summary>Export report…</summary>
      <form className="report-form" onSubmit={submit} aria-label="Export the incident report">
        {!loaded ? <p className="notice">Import evidence or open a session first.</p> : null}
        {CASE_FIELDS.map((f) => (
          <label key={f.key}>
            {f.label}
            <input type="text" value={details[f.key]} maxLength={500} onChange={(e) => setDetails({ ...details, [f.key]: e.target.value })} />
          </label>
        ))}
        <fieldset>
          <legend>Format</legend>
          {REPORT_FORMATS.map((f) => (
            <label key={f} className="inline">
              <input type="radio" name="report-format" value={f} checked={format === f} onChange={() => chooseFormat(f)} />
              {FORMAT_LABELS[f]}
            </label>
          ))}
        </fieldset>
        <label>
          Report file path (on the engine&apos;s machine)
          <input type="text" value={path} spellCheck={false} placeholder={`/cases/42/report.${format}`} onChange={(e) => setPath(e.target.value)} />
        </label>
        <button type="submit" disabled={!loaded || working || path.trim() === ''}>Export report</button>
        {status ? <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error' : 'notice'}>{status.text}</p> : null}
      </form>
    </details>
  );
}
