import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { REPORT_FORMATS, type ReportFormat } from '../../../shared/api-report.js';
import { MfwError, UsageError } from '../errors.js';
import type { Store } from '../store/store.js';
import { buildReportModel, type ReportOptions } from './build-model.js';
import type { ReportModel } from './model.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { renderPdf, type PdfOptions } from './render-pdf.js';

const EXTENSIONS: Record<string, ReportFormat> = { '.pdf': 'pdf', '.html': 'html', '.htm': 'html', '.md': 'md', '.markdown': 'md' };

/** The format asked for, else the one the file's extension names. */
export function reportFormat(path: string, format?: string): ReportFormat {
  if (format !== undefined) {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format ${format}: use ${REPORT_FORMATS.join(', ')}`);
    return format as ReportFormat;
  }
  const byExtension = EXTENSIONS[extname(path).toLowerCase()];
  if (!byExtension) throw new UsageError(`${path}: the report's format is told by its extension (.pdf, .html or .md)`, 'or give --format pdf|html|md');
  return byExtension;
}

export interface RenderedReport {
  bytes: Uint8Array;
  pages?: number;
}

/** The model in one format. */
export async function renderReport(model: ReportModel, format: ReportFormat, pdf: PdfOptions = {}): Promise<RenderedReport> {
  if (format === 'pdf') return renderPdf(model, pdf);
  return { bytes: Buffer.from(format === 'html' ? renderHtml(model) : renderMarkdown(model), 'utf8') };
}

/** Writes beside the target then renames, so a failed write never leaves half a report under the name. */
function writeWhole(path: string, bytes: Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new MfwError('store', `the report could not be written to ${path}: ${(err as Error).message}`);
  }
}

/** Builds the report of what the store holds and writes it to `path` (docs/reports.md). */
export async function writeReport(store: Store, path: string, format: ReportFormat, options: ReportOptions): Promise<{ path: string; bytes: number; pages?: number }> {
  const target = resolve(path);
  const rendered = await renderReport(await buildReportModel(store, options), format);
  writeWhole(target, rendered.bytes);
  return { path: target, bytes: rendered.bytes.length, ...(rendered.pages !== undefined ? { pages: rendered.pages } : {}) };
}
