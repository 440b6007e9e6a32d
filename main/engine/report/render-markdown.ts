import { formatBinWidth } from '../../../shared/time-bins.js';
import type { ReportEvidenceLine, ReportModel } from './model.js';
import { coverFacts, location, overview, period, plural, printable, reportTitle, SECTIONS, size, utc, type SectionId } from './report-text.js';

/**
 * Text made inert in Markdown (CommonMark and GitHub's tables): HTML's `& < >` as entities, so no
 * tag or entity of the log reaches a renderer; every inline metacharacter backslash-escaped;
 * and a character that would open a block (heading, list, quote) escaped at the start.
 */
export function escapeMarkdown(value: string): string {
  return printable(value)
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
    .replace(/[\\`*_{}[\]()!|~]/g, '\\$&')
    .replace(/^(\s*)(\d+)\./, '$1$2\\.')
    .replace(/^(\s*)([#+\-=])/, '$1\\$2');
}

const m = escapeMarkdown;

/** A hash in a code span (hex needs no escaping there); anything else escaped as text. */
function hexCode(value: string): string {
  return /^[0-9a-f]+$/i.test(value) ? `\`${value}\`` : m(value);
}

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n';
}

function heading(id: SectionId): string {
  return `## ${SECTIONS.find((s) => s.id === id)!.title}\n\n`;
}

function evidenceLine(line: ReportEvidenceLine): string {
  return `- ${m(location(line))}, ${m(utc(line.ts))}${line.host ? `, ${m(line.host)}` : ''}:  \n  ${m(line.text)}`;
}

function findings(model: ReportModel): string {
  if (!model.findings.length) return 'No findings.\n';
  return model.findings.map((f) => {
    const lines = [
      `### \\[${m(f.severity)}\\] ${m(f.title)}`,
      '',
      m(f.summary),
      '',
      ...(f.explanation ? [`*${m(f.explanation)}*`, ''] : []),
      `- Rule: ${m(f.rule)}`,
      `- Key: ${m(f.key || '—')}`,
      `- Events: ${f.count}`,
      `- First – last (UTC): ${m(period(f.firstTs, f.lastTs))}`,
      ...(f.tags.length ? [`- Tags: ${m(f.tags.join(', '))}`] : []),
      ...(f.note ? [`- Note: ${m(f.note)}`] : []),
      '',
      ...(f.samples.length ? ['Evidence:', '', ...f.samples.map(evidenceLine), ''] : []),
      ...(f.moreEvents ? [`… and ${plural(f.moreEvents, 'more event')}.`, ''] : []),
    ];
    return lines.join('\n');
  }).join('\n');
}

function timeline(model: ReportModel): string {
  const t = model.timeline;
  if (!t) return 'No dated event.\n';
  const rows: string[][] = [];
  for (let i = 0; i < t.binCount; i++) {
    const counts = t.series.map((s) => s.counts[i] ?? 0);
    const total = counts.reduce((a, b) => a + b, 0);
    if (total === 0) continue;
    rows.push([m(utc(Math.max(t.fromMs, t.firstBinMs + i * t.binMs))), String(total), ...counts.map(String)]);
  }
  return `${plural(t.total, 'event')} in bins of ${formatBinWidth(t.binMs)}, by source (bins without events left out).\n\n${table(['Bin start (UTC)', 'Events', ...t.series.map((s) => m(s.label))], rows)}`;
}

function bookmarks(model: ReportModel): string {
  if (!model.bookmarks.length) return 'No event is bookmarked.\n';
  return model.bookmarks.map((b) => [
    evidenceLine(b.event),
    ...(b.tags.length ? [`  Tags: ${m(b.tags.join(', '))}`] : []),
    ...(b.note ? [`  Note: ${m(b.note)}`] : []),
  ].join('  \n')).join('\n') + '\n';
}

/** The report as Markdown: the same sections as the PDF, the timeline as a table. */
export function renderMarkdown(model: ReportModel): string {
  const parts = [
    `# ${m(reportTitle(model))}\n`,
    table(['', ''], coverFacts(model).map(([k, v]) => [`**${m(k)}**`, m(v)])),
    '## Contents\n',
    SECTIONS.map((s, i) => `${i + 1}. [${s.title}](#${s.title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')})`).join('\n') + '\n',
    heading('summary'),
    `${overview(model)}\n`,
    table(['Severity', 'Findings'], model.summary.bySeverity.map((s) => [s.severity, String(s.count)])),
    model.summary.top.length ? model.summary.top.map((t) => `- ${m(t)}`).join('\n') + '\n' : 'No rule raised a finding.\n',
    ...(model.caseNote ? [`### Case note\n\n${m(model.caseNote)}\n`] : []),
    heading('findings') + findings(model),
    heading('timeline') + timeline(model),
    heading('bookmarks') + bookmarks(model),
    heading('evidence') + table(['File', 'Host', 'Size', 'SHA-256', 'Format', 'Events', 'First – last (UTC)'], model.evidence.map((f) => [
      m(f.path), m(f.host ?? '—'), m(size(f.bytes)), f.sha256 ? hexCode(f.sha256) : '—', m(f.format ?? '—'), String(f.events ?? '—'), m(period(f.firstTs, f.lastTs)),
    ])),
    heading('rules') + `mfw ${m(model.version)}. A rule's version is the first 12 hex digits of the SHA-256 of its file.\n\n` + table(['Rule', 'Title', 'Severity', 'Origin', 'Version', 'Findings'], model.rules.map((r) => [
      m(r.id), m(r.title), m(r.severity), m(r.origin), m(r.version ?? '—'), String(r.findings),
    ])),
    heading('queries') + (model.queries.length ? model.queries.map((q) => `### ${m(q.name)}\n\n${q.sql.split('\n').map((l) => `    ${printable(l)}`).join('\n')}\n`).join('\n') : 'No saved query.\n'),
  ];
  return parts.join('\n');
}
