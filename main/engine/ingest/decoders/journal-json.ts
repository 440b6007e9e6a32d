import type { FieldValue } from '../../../../shared/types/event.js';
import { journalRecordValues, type JournalValue } from './journal-fields.js';

/** Decodes one line of `journalctl -o json`; undefined when it is not a journal record. */
export function decodeJournalJsonLine(text: string): { tsMs: number; values: Record<string, FieldValue> } | undefined {
  if (!text.startsWith('{')) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  const fields = record as Record<string, JournalValue>;
  return journalRecordValues((name) => fields[name]);
}
