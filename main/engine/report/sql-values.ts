import type { FieldValue } from '../../../shared/types/event.js';

/** A column's value as text, null kept. */
export function text(value: FieldValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** A column's value as a number, null kept. */
export function num(value: FieldValue | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** A finding's key (JSON text `{"src_ip":"203.0.113.9"}`) as `src_ip=203.0.113.9`, pairs joined by `, `. */
export function keyText(key: FieldValue | undefined): string {
  if (key === null || key === undefined) return '';
  try {
    const parsed: unknown = JSON.parse(String(key));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return Object.entries(parsed as Record<string, unknown>).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');
    }
  } catch {
    // Not JSON: a key written by hand in SQL, shown as it is.
  }
  return String(key);
}

/** Characters of an evidence line printed at most: a longer line is cut, and says so. */
export const MAX_LINE_CHARS = 2000;

/** An evidence line's text as the report prints it: cut after MAX_LINE_CHARS. */
export function evidenceText(value: FieldValue | undefined, length: number): string {
  const full = value === null || value === undefined ? '' : String(value);
  return length > MAX_LINE_CHARS ? `${full.slice(0, MAX_LINE_CHARS)} … [${length - MAX_LINE_CHARS} more characters]` : full;
}
