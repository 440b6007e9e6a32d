import { formatBinWidth } from '../../../shared/time-bins.js';
import { chartLayout, SERIES_COLOURS } from './chart.js';
import type { ReportEvidenceLine, ReportModel, ReportTimeline } from './model.js';
import { coverFacts, location, overview, period, plural, printable, reportTitle, SECTIONS, size, utc, type SectionId } from './report-text.js';

/** Text made safe for HTML content and attribute values: log text is data, never markup. */
export function escapeHtml(value: string): string {
  return printable(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeHtml;

const STYLE = `
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #111; max-width: 60em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 20pt; margin-bottom: .2em; } h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 2em; } h3 { font-size: 11.5pt; margin-bottom: .3em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; } th, td { border: 1px solid #ccc; padding: 2px 5px; text-align: left; vertical-align: top; }
th { background: #eee; } code, .mono { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; word-break: break-all; }
.sev-critical { color: #8b0000; } .sev-high { color: #c0392b; } .sev-medium { color: #b9770e; } .sev-low { color: #555; }
.sample { margin: 0 0 .5em 1em; } .muted { color: #666; } .legend span { display: inline-block; margin-right: 1em; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .3em; vertical-align: middle; }
@media print { h2 { page-break-before: always; } }
`;

function section(id: SectionId, body: string): string {
  const title = SECTIONS.find((s) => s.id === id)!.title;
  return `<section id="${id}"><h2>${e(title)}</h2>\n${body}</section>\n`;
}

function facts(rows: [string, string][]): string {
  return `<table>${rows.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table>`;
}

function evidenceLine(line: ReportEvidenceLine): string {
  return `<div class="sample"><code>${e(location(line))}</code> <span class="muted">${e(utc(line.ts))}${line.host ? ` ${e(line.host)}` : ''}</span><br><code>${e(line.text)}</code></div>`;
}

function summary(model: ReportModel): string {
  const counts = model.summary.bySeverity.map((s) => `<tr><td class="sev-${e(s.severity)}">${e(s.severity)}</td><td>${s.count}</td></tr>`).join('');
  const top = model.summary.top.length ? `<ul>${model.summary.top.map((t) => `<li>${e(t)}</li>`).join('')}</ul>` : '<p>No rule raised a finding.</p>';
  return `<p>${e(overview(model))}</p><table><tr><th>Severity</th><th>Findings</th></tr>${counts}</table>${top}`;
}

function findings(model: ReportModel): string {
  if (!model.findings.length) return '<p>No findings.</p>';
  return model.findings.map((f) => {
    const rows: [string, string][] = [['Rule', f.rule], ['Key', f.key || '—'], ['Events', String(f.count)], ['First – last (UTC)', period(f.firstTs, f.lastTs)]];
    if (f.tags.length) rows.push(['Tags', f.tags.join(', ')]);
    return `<article><h3 class="sev-${e(f.severity)}">[${e(f.severity)}] ${e(f.title)}</h3>
<p>${e(f.summary)}</p>${f.explanation ? `<p class="muted">${e(f.explanation)}</p>` : ''}${facts(rows)}${f.note ? `<p><b>Note:</b> ${e(f.note)}</p>` : ''}
${f.samples.map(evidenceLine).join('\n')}${f.moreEvents ? `<p class="muted">… and ${plural(f.moreEvents, 'more event')}.</p>` : ''}</article>`;
  }).join('\n');
}

function chart(t: ReportTimeline): string {
  const width = 700;
  const height = 180;
  const { rects, max } = chartLayout(t, width, height);
  const bars = rects.map((r) => `<rect x="${r.x.toFixed(2)}" y="${r.y.toFixed(2)}" width="${r.width.toFixed(2)}" height="${r.height.toFixed(2)}" fill="${r.colour}"/>`).join('');
  const legend = t.series.map((s, i) => `<span><span class="swatch" style="background:${SERIES_COLOURS[i % SERIES_COLOURS.length]}"></span>${e(s.label)}</span>`).join('');
  return `<p>${plural(t.total, 'event')}, ${plural(t.binCount, 'bar')} of ${e(formatBinWidth(t.binMs))}, stacked by source; the tallest holds ${max}.</p>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 20}" viewBox="0 0 ${width} ${height + 20}" role="img" aria-label="events per ${e(formatBinWidth(t.binMs))} by source">
<line x1="0" y1="${height}" x2="${width}" y2="${height}" stroke="#333"/>${bars}
<text x="0" y="${height + 14}" font-size="10">${e(utc(t.fromMs))}</text><text x="${width}" y="${height + 14}" font-size="10" text-anchor="end">${e(utc(t.toMs - 1))}</text></svg>
<p class="legend">${legend}</p>`;
}

function bookmarks(model: ReportModel): string {
  if (!model.bookmarks.length) return '<p>No event is bookmarked.</p>';
  return model.bookmarks.map((b) => `<article>${evidenceLine(b.event)}<p class="sample">${b.tags.length ? `<b>Tags:</b> ${e(b.tags.join(', '))} ` : ''}${b.note ? `<b>Note:</b> ${e(b.note)}` : ''}</p></article>`).join('\n');
}

function evidence(model: ReportModel): string {
  const head = '<tr><th>File</th><th>Host</th><th>Size</th><th>SHA-256</th><th>Format</th><th>Events</th><th>First – last (UTC)</th></tr>';
  const rows = model.evidence.map((f) => `<tr><td class="mono">${e(f.path)}</td><td>${e(f.host ?? '—')}</td><td>${e(size(f.bytes))}</td><td class="mono">${e(f.sha256 ?? '—')}</td><td>${e(f.format ?? '—')}</td><td>${f.events ?? '—'}</td><td>${e(period(f.firstTs, f.lastTs))}</td></tr>`);
  return `<table>${head}${rows.join('')}</table>`;
}

function rules(model: ReportModel): string {
  const head = '<tr><th>Rule</th><th>Title</th><th>Severity</th><th>Origin</th><th>Version</th><th>Findings</th></tr>';
  const rows = model.rules.map((r) => `<tr><td class="mono">${e(r.id)}</td><td>${e(r.title)}</td><td>${e(r.severity)}</td><td>${e(r.origin)}</td><td class="mono">${e(r.version ?? '—')}</td><td>${r.findings}</td></tr>`);
  return `<p>mfw ${e(model.version)}. A rule's version is the first 12 hex digits of the SHA-256 of its file.</p><table>${head}${rows.join('')}</table>`;
}

function queries(model: ReportModel): string {
  if (!model.queries.length) return '<p>No saved query.</p>';
  return model.queries.map((q) => `<h3>${e(q.name)}</h3><pre class="mono">${q.sql.split('\n').map(e).join('\n')}</pre>`).join('\n');
}

/** The report as one self-contained HTML page: CSS inline, no script, no outside resource. */
export function renderHtml(model: ReportModel): string {
  const title = reportTitle(model);
  const toc = SECTIONS.map((s) => `<li><a href="#${s.id}">${e(s.title)}</a></li>`).join('');
  const timeline = model.timeline ? chart(model.timeline) : '<p>No dated event.</p>';
  const caseNote = model.caseNote ? `<h3>Case note</h3><p>${e(model.caseNote)}</p>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body>
<header><h1>${e(title)}</h1>${facts(coverFacts(model))}</header>
<nav><h2>Contents</h2><ol>${toc}</ol></nav>
${section('summary', summary(model) + caseNote)}${section('findings', findings(model))}${section('timeline', timeline)}${section('bookmarks', bookmarks(model))}${section('evidence', evidence(model))}${section('rules', rules(model))}${section('queries', queries(model))}</body></html>
`;
}
