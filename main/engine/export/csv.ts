import type { FieldValue } from '../../../shared/types/event.js';

function text(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : value;
}

/** One RFC 4180 record: values quoted when they need it, quotes doubled, the data not altered. */
export function csvRecord(values: readonly (FieldValue | undefined)[]): string {
  return values.map((v) => {
    const t = text(v);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  }).join(',') + '\r\n';
}
