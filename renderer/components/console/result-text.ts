import type { ConsoleResult } from '../../../shared/api-console.js';
import { neutraliseTerminalText } from '../../../shared/terminal-text.js';
import type { OutputMode } from './dot-commands.js';

type Value = string | number | null;

/** Widest a table cell is shown; longer values are cut with `…` (csv and json show them whole). */
export const MAX_CELL_WIDTH = 100;

function text(value: Value): string {
  return value === null ? 'NULL' : String(value);
}

/** Characters as a terminal counts them (a code point each; wide scripts are not measured). */
function width(value: string): number {
  return Array.from(value).length;
}

function cut(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value;
}

/** An aligned table, numbers to the right; every name and value neutralised, NULL shown as NULL. */
export function tableLines(columns: readonly string[], rows: readonly Value[][]): string[] {
  const head = columns.map((c) => cut(neutraliseTerminalText(c), MAX_CELL_WIDTH));
  const body = rows.map((row) => columns.map((_, i) => cut(neutraliseTerminalText(text(row[i] ?? null)), MAX_CELL_WIDTH)));
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || r[i] === null));
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i]!))));
  const pad = (value: string, i: number): string => {
    const fill = ' '.repeat(widths[i]! - width(value));
    return numeric[i] ? fill + value : value + fill;
  };
  const line = (values: readonly string[]): string => values.map(pad).join(' | ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line)];
}

/** RFC 4180 CSV, the data unaltered (for a file; `csvLines` is the terminal's view). */
export function csvText(columns: readonly string[], rows: readonly Value[][]): string {
  const quote = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [columns, ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))))].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** A JSON array of objects keyed by column (for a file). */
export function jsonText(columns: readonly string[], rows: readonly Value[][]): string {
  return JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null]))), null, 2) + '\n';
}

/** A result as terminal lines in a mode; CSV and JSON lines are neutralised (a line break in a value shows as `^J`). */
export function resultLines(mode: OutputMode, columns: readonly string[], rows: readonly Value[][]): string[] {
  if (mode === 'table') return tableLines(columns, rows);
  const whole = mode === 'csv' ? csvText(columns, rows.map((r) => r.map((v) => (typeof v === 'string' ? neutraliseTerminalText(v) : v)))) : jsonText(columns, rows);
  return whole.replace(/\r?\n$/, '').split(/\r?\n/).map(neutraliseTerminalText);
}

/** A result as the text of an exported file (`table`: the aligned table, as the terminal shows it). */
export function exportText(mode: OutputMode, columns: readonly string[], rows: readonly Value[][]): string {
  if (mode === 'csv') return csvText(columns, rows);
  if (mode === 'json') return jsonText(columns, rows);
  return tableLines(columns, rows).join('\n') + '\n';
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The line under a page: which rows these are of how many, the time taken, and how to see more. */
export function pageFooter(result: ConsoleResult, offset: number): string {
  const shown = result.rows.length;
  const of = result.totalExact ? result.total.toLocaleString('en-US') : `more than ${result.total.toLocaleString('en-US')}`;
  const ms = `${Math.round(result.elapsedMs).toLocaleString('en-US')} ms`;
  if (offset === 0 && result.totalExact && shown === result.total) return `${count(shown, 'row', 'rows')} (${ms})`;
  if (shown === 0) return `no rows from row ${(offset + 1).toLocaleString('en-US')}: the result has ${of} rows (${ms})`;
  const last = offset + shown;
  const left = result.totalExact ? result.total - last : null;
  const more = left === 0 ? '' : `; ${left === null ? 'more rows' : count(left, 'more row', 'more rows')}, .more to see them`;
  return `rows ${(offset + 1).toLocaleString('en-US')}–${last.toLocaleString('en-US')} of ${of} (${ms})${more}`;
}
