import type { FieldValue } from '../../../shared/types/event.js';
import { csvRecord } from '../../engine/export/csv.js';

export type OutputFormat = 'table' | 'csv' | 'json';

/**
 * Log text is data: control characters (ESC, BEL, C1…) are shown as `\xNN` so a hostile line
 * cannot drive the terminal (set its title, hide text, move the cursor).
 */
export function sanitizeForTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function cell(value: FieldValue): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : value;
}

/**
 * Columns aligned for a terminal; newlines inside a value shown as `\n`, long values cut.
 * Column names are sanitised too: a query names them (`SELECT 1 AS "…"`).
 */
export function renderTable(columnNames: readonly string[], rows: readonly FieldValue[][], maxWidth = 80): string {
  const columns = columnNames.map((c) => sanitizeForTerminal(c));
  const shown = rows.map((row) => row.map((v) => {
    const text = sanitizeForTerminal(cell(v).replace(/\n/g, '\\n'));
    return text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text;
  }));
  const widths = columns.map((c, i) => Math.max(c.length, ...shown.map((r) => r[i]?.length ?? 0)));
  const line = (values: readonly string[]): string => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...shown.map(line)].join('\n') + '\n';
}

/** RFC 4180 CSV: every value that needs it is quoted, quotes doubled; the data is not altered. */
export function renderCsv(columns: readonly string[], rows: readonly FieldValue[][]): string {
  return [columns, ...rows].map(csvRecord).join('');
}

/** An array of objects keyed by column name. */
export function renderJson(columns: readonly string[], rows: readonly FieldValue[][]): string {
  return JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null]))), null, 2) + '\n';
}

export function render(format: OutputFormat, columns: readonly string[], rows: readonly FieldValue[][]): string {
  if (format === 'csv') return renderCsv(columns, rows);
  if (format === 'json') return renderJson(columns, rows);
  return renderTable(columns, rows);
}
