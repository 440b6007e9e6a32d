import PDFDocument from 'pdfkit';
import { formatBinWidth } from '../../../shared/time-bins.js';
import { chartLayout, SERIES_COLOURS } from './chart.js';
import type { ReportEvidenceLine, ReportModel, ReportTimeline } from './model.js';
import { pdfFonts } from './pdf-fonts.js';
import { PdfLayout } from './pdf-layout.js';
import { coverFacts, location, overview, period, plural, reportTitle, SECTIONS, size, utc, type SectionId } from './report-text.js';

export interface PdfOptions {
  /** Folder of the DejaVu fonts (tests point it elsewhere to check the fallback). */
  fontDir?: string;
}

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

const SEVERITY_COLOURS: Record<string, string> = { critical: '#8b0000', high: '#c0392b', medium: '#b9770e', low: '#555555' };
/** Pages before the first section: the cover, then the contents. */
const CONTENTS_PAGE = 1;

function evidenceLine(out: PdfLayout, line: ReportEvidenceLine): void {
  out.paragraph(`${location(line)}  ${utc(line.ts)}${line.host ? `  ${line.host}` : ''}`, { size: 7.5, colour: '#555', indent: 10 });
  out.paragraph(line.text, { role: 'mono', size: 7.5, indent: 10 });
  out.gap(0.25);
}

function summary(out: PdfLayout, model: ReportModel): void {
  out.paragraph(overview(model));
  out.gap();
  out.facts(model.summary.bySeverity.map((s) => [s.severity, String(s.count)]), 80);
  out.gap();
  if (!model.summary.top.length) out.paragraph('No rule raised a finding.');
  for (const sentence of model.summary.top) out.paragraph(`• ${sentence}`);
  if (model.caseNote) {
    out.gap();
    out.heading('Case note', 11);
    out.paragraph(model.caseNote);
  }
}

function findings(out: PdfLayout, model: ReportModel): void {
  if (!model.findings.length) out.paragraph('No findings.');
  for (const f of model.findings) {
    out.ensure(90);
    out.use('bold', 10.5);
    out.doc.fillColor(SEVERITY_COLOURS[f.severity] ?? '#000').text(out.fit(`[${f.severity}] ${f.title}`), out.left, out.doc.y, { width: out.width });
    out.doc.fillColor('#000');
    if (f.summary) out.paragraph(f.summary);
    if (f.explanation) out.paragraph(f.explanation, { size: 8, colour: '#444' });
    out.gap(0.3);
    const facts: [string, string][] = [['Rule', f.rule], ['Key', f.key || '—'], ['Events', String(f.count)], ['First – last (UTC)', period(f.firstTs, f.lastTs)]];
    if (f.tags.length) facts.push(['Tags', f.tags.join(', ')]);
    if (f.note) facts.push(['Note', f.note]);
    out.facts(facts, 100, 8.5);
    for (const line of f.samples) evidenceLine(out, line);
    if (f.moreEvents) out.paragraph(`… and ${plural(f.moreEvents, 'more event')}.`, { size: 8, colour: '#555', indent: 10 });
    out.gap();
  }
}

function timeline(out: PdfLayout, t: ReportTimeline | null): void {
  if (!t) {
    out.paragraph('No dated event.');
    return;
  }
  out.paragraph(`${plural(t.total, 'event')}, ${plural(t.binCount, 'bar')} of ${formatBinWidth(t.binMs)}, stacked by source.`);
  out.gap();
  const height = 170;
  out.ensure(height + 60);
  const top = out.doc.y;
  const { rects, max } = chartLayout(t, out.width, height);
  for (const r of rects) out.doc.rect(out.left + r.x, top + r.y, r.width, r.height).fill(r.colour);
  out.doc.moveTo(out.left, top + height).lineTo(out.left + out.width, top + height).strokeColor('#333').lineWidth(0.7).stroke();
  out.use('body', 7).doc.fillColor('#333');
  out.doc.text(String(max), out.left - 30, top - 3, { width: 26, align: 'right' });
  out.doc.text('0', out.left - 30, top + height - 4, { width: 26, align: 'right' });
  out.doc.text(out.fit(utc(t.fromMs)), out.left, top + height + 3, { width: out.width / 2 });
  out.doc.text(out.fit(utc(t.toMs - 1)), out.left + out.width / 2, top + height + 3, { width: out.width / 2, align: 'right' });
  out.doc.fillColor('#000');
  out.doc.y = top + height + 18;
  let x = out.left;
  const y = out.doc.y;
  t.series.forEach((s, i) => {
    const label = out.fit(s.label);
    out.use('body', 8);
    const w = out.doc.widthOfString(label) + 22;
    if (x + w > out.left + out.width) return;
    out.doc.rect(x, y + 1, 8, 8).fill(SERIES_COLOURS[i % SERIES_COLOURS.length]);
    out.doc.fillColor('#000').text(label, x + 11, y, { lineBreak: false });
    x += w;
  });
  out.doc.y = y + 16;
}

function bookmarks(out: PdfLayout, model: ReportModel): void {
  if (!model.bookmarks.length) out.paragraph('No event is bookmarked.');
  for (const b of model.bookmarks) {
    out.ensure(50);
    evidenceLine(out, b.event);
    if (b.tags.length) out.paragraph(`Tags: ${b.tags.join(', ')}`, { size: 8.5, indent: 10 });
    if (b.note) out.paragraph(`Note: ${b.note}`, { size: 8.5, indent: 10 });
    out.gap(0.6);
  }
}

function evidence(out: PdfLayout, model: ReportModel): void {
  out.paragraph('Each file as imported: its size and SHA-256 digest, the format read, the events it gave and the time they span.', { size: 8.5, colour: '#444' });
  out.gap();
  for (const f of model.evidence) {
    out.ensure(42);
    out.paragraph(f.path, { role: 'bold', size: 8.5 });
    out.paragraph(`${f.host ?? 'no host'} · ${size(f.bytes)} · ${f.format ?? 'format unknown'} · ${f.events ?? 0} events · ${period(f.firstTs, f.lastTs)}`, { size: 8, indent: 10 });
    out.paragraph(`SHA-256 ${f.sha256 ?? '—'}`, { role: 'mono', size: 7.5, indent: 10 });
    out.gap(0.4);
  }
}

function rules(out: PdfLayout, model: ReportModel): void {
  out.paragraph(`mfw ${model.version}. A rule's version is the first 12 hex digits of the SHA-256 of its file.`, { size: 8.5, colour: '#444' });
  out.gap();
  out.table(
    [{ header: 'Rule', width: 150, font: 'mono' }, { header: 'Title', width: 150 }, { header: 'Severity', width: 50 }, { header: 'Origin', width: 45 }, { header: 'Version', width: 65, font: 'mono' }, { header: 'Findings', width: 35 }],
    model.rules.map((r) => [r.id, r.title, r.severity, r.origin, r.version ?? '—', String(r.findings)]),
  );
}

function queries(out: PdfLayout, model: ReportModel): void {
  if (!model.queries.length) out.paragraph('No saved query.');
  for (const q of model.queries) {
    out.heading(q.name, 10);
    for (const line of q.sql.split('\n')) out.paragraph(line, { role: 'mono', size: 8 });
    out.gap();
  }
}

const DRAW: Record<SectionId, (out: PdfLayout, model: ReportModel) => void> = {
  summary,
  findings,
  timeline: (out, model) => timeline(out, model.timeline),
  bookmarks,
  evidence,
  rules,
  queries,
};

function cover(out: PdfLayout, model: ReportModel): void {
  out.doc.y = 160;
  out.use('bold', 24).doc.text(out.fit(reportTitle(model)), out.left, out.doc.y, { width: out.width });
  out.gap(0.4);
  out.paragraph('Incident report', { size: 13, colour: '#555' });
  out.gap(2);
  out.facts(coverFacts(model), 110, 10.5);
}

/** The contents page, once every section's first page is known. */
function contents(out: PdfLayout, pages: ReadonlyMap<SectionId, number>): void {
  out.doc.switchToPage(CONTENTS_PAGE);
  out.doc.y = out.doc.page.margins.top;
  out.heading('Contents', 16);
  out.gap();
  SECTIONS.forEach((s, i) => {
    const y = out.doc.y;
    const page = String((pages.get(s.id) ?? 0) + 1);
    out.use('body', 11).doc.text(`${i + 1}. ${s.title}`, out.left, y, { width: out.width - 40, goTo: s.id });
    out.doc.text(page, out.left + out.width - 40, y, { width: 40, align: 'right' });
    out.doc.y = y + 20;
  });
}

/** `Page n of N` and the case on every page, in the bottom margin. */
function footers(out: PdfLayout, model: ReportModel): void {
  const { start, count } = out.doc.bufferedPageRange();
  const label = out.fit([model.cover.case.id, reportTitle(model)].filter(Boolean).join(' · '));
  for (let i = start; i < start + count; i++) {
    out.doc.switchToPage(i);
    const bottomMargin = out.doc.page.margins.bottom;
    // Text in the margin would otherwise make pdfkit start a new page.
    out.doc.page.margins.bottom = 0;
    const y = out.doc.page.height - bottomMargin + 18;
    out.use('body', 8).doc.fillColor('#555');
    out.doc.text(label, out.left, y, { width: out.width / 2, lineBreak: false });
    out.doc.text(`Page ${i + 1} of ${count}`, out.left + out.width / 2, y, { width: out.width / 2, align: 'right', lineBreak: false });
    out.doc.page.margins.bottom = bottomMargin;
  }
  out.doc.fillColor('#000');
}

/**
 * The report as a PDF with pdfkit: real text (selectable, extractable), a contents page with
 * the page of each section (and links to it), bookmarks, page numbers and a vector timeline.
 */
export function renderPdf(model: ReportModel, options: PdfOptions = {}): Promise<RenderedPdf> {
  const fonts = pdfFonts(options.fontDir);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    info: { Title: reportTitle(model), Author: model.cover.case.investigator, Creator: `mfw ${model.version}`, CreationDate: new Date(model.generatedAtMs) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const out = new PdfLayout(doc, fonts);
  cover(out, model);
  doc.addPage(); // the contents, written last
  const pages = new Map<SectionId, number>();
  for (const s of SECTIONS) {
    doc.addPage();
    const { start, count } = doc.bufferedPageRange();
    pages.set(s.id, start + count - 1);
    doc.addNamedDestination(s.id);
    doc.outline.addItem(s.title);
    out.heading(s.title, 16);
    out.gap(0.5);
    DRAW[s.id](out, model);
  }
  contents(out, pages);
  footers(out, model);
  const count = doc.bufferedPageRange().count;
  doc.end();
  return done.then((bytes) => ({ bytes, pages: count }));
}
