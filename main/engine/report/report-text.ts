import type { ReportEvidenceLine, ReportModel } from './model.js';

/** A UTC time as `2026-02-06 22:30:01Z` (milliseconds shown only when there are some); `—` for none. */
export function utc(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const iso = new Date(Math.floor(ms)).toISOString().replace('T', ' ');
  return iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso;
}

/** A time span `from – to` in UTC. */
export function period(from: number | null, to: number | null): string {
  return from === null && to === null ? '—' : `${utc(from)} – ${utc(to)}`;
}

/** Bytes in binary units (`12.3 MiB`), exact below 1 KiB. */
export function size(bytes: number | null): string {
  if (bytes === null) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Log text made printable: control characters (a log line can hold any byte) shown as `\xNN`,
 * line ends as `⏎`, so that one evidence line stays one line in every format.
 */
export function printable(value: string): string {
  return value
    .replace(/\r?\n/g, ' ⏎ ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/\t/g, ' ');
}

/** Where an evidence line is: `path:line` (`path` alone without a line; `(no file)` without a file). */
export function location(line: ReportEvidenceLine): string {
  if (line.path === null) return '(no file)';
  return line.line === null ? line.path : `${line.path}:${line.line}`;
}

/** The sections of a report, in order: every renderer titles and lists them alike. */
export const SECTIONS = [
  { id: 'summary', title: 'Executive summary' },
  { id: 'findings', title: 'Findings by severity' },
  { id: 'timeline', title: 'Timeline' },
  { id: 'bookmarks', title: 'Bookmarked events' },
  { id: 'evidence', title: 'Evidence examined' },
  { id: 'rules', title: 'Rules used' },
  { id: 'queries', title: 'Appendix: saved queries' },
] as const;
export type SectionId = (typeof SECTIONS)[number]['id'];

/** The report's title: the case's, else a generic one. */
export function reportTitle(model: ReportModel): string {
  return model.cover.case.title || 'Incident report';
}

/** Cover lines as label/value pairs (an unset case detail shows as `—`). */
export function coverFacts(model: ReportModel): [string, string][] {
  const c = model.cover;
  return [
    ['Case', c.case.id || '—'],
    ['Investigator', c.case.investigator || '—'],
    ['Organisation', c.case.organisation || '—'],
    ['Period (UTC)', period(c.firstTs, c.lastTs)],
    ['Events', String(c.events)],
    ['Hosts', c.hosts.length ? c.hosts.map((h) => `${h.hostname ?? h.label} (${h.timezone})`).join(', ') : '—'],
    ['Generated', `${utc(model.generatedAtMs)} by mfw ${model.version}`],
    ['Case log', c.caseLog.broken ? `BROKEN at ${c.caseLog.broken}` : `${c.caseLog.entries} entries, head SHA-256 ${c.caseLog.head}`],
  ];
}

/** `1 finding`, `3 findings`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The opening line of the executive summary. */
export function overview(model: ReportModel): string {
  return `${plural(model.summary.total, 'finding')} over ${plural(model.cover.events, 'event')} from ${plural(model.evidence.length, 'file')}.`;
}
