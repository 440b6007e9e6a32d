import type { EventRaw } from '../../../shared/api.js';
import type { FieldValue } from '../../../shared/types/event.js';
import { MfwError } from '../errors.js';
import type { EvidenceFile } from '../evidence/evidence-location.js';
import type { EvidenceReader } from '../evidence/evidence-reader.js';
import { recordSpan } from '../evidence/record-span.js';
import type { FormatRegistry } from '../formats/registry.js';
import type { Store } from '../store/store.js';

export const FILE_COLUMNS = 'f.id, f.input, f.path, f.sha256, f.bytes, f.mtime_ms';

/** A `files` row (FILE_COLUMNS from `at`) as the evidence reader takes it. */
export function toEvidenceFile(row: readonly FieldValue[], at: number): EvidenceFile {
  const num = (v: FieldValue | undefined): number | null => (v === null || v === undefined ? null : Number(v));
  return {
    id: Number(row[at]), input: String(row[at + 1]), path: String(row[at + 2]),
    sha256: row[at + 3] === null || row[at + 3] === '' ? null : String(row[at + 3]), bytes: num(row[at + 4]), mtimeMs: num(row[at + 5]),
  };
}

/**
 * An event's raw lines: an unparsed line from the store (it keeps its raw text), any other read
 * again from the evidence at its file and line (parsed lines are not kept in the store: design §11).
 */
/** The archive rows of a file's input: where its evidence may sit, archive in archive (evidence-location.ts). */
export async function archivesAround(store: Store, file: EvidenceFile): Promise<EvidenceFile[]> {
  const archives = await store.query(`SELECT ${FILE_COLUMNS} FROM files f WHERE f.format = 'archive' AND f.input = ?`, [file.input]);
  return archives.rows.map((r) => toEvidenceFile(r, 0));
}

export async function readEventRaw(store: Store, registry: FormatRegistry, reader: EvidenceReader, id: number, signal?: AbortSignal): Promise<EventRaw> {
  const found = await store.query(`SELECT e.line, e.raw, e.message, f.format, ${FILE_COLUMNS} FROM events e LEFT JOIN files f ON f.id = e.file_id WHERE e.id = ?`, [id]);
  const row = found.rows[0];
  if (!row) throw new MfwError('usage', `no event ${id}`);
  const [line, raw, message, fileFormat] = row;
  const file = row[4] === null ? null : toEvidenceFile(row, 4);
  if (typeof raw === 'string') {
    return { status: 'ok', lines: raw.split('\n'), firstLine: Number(line), path: file?.path ?? '', from: 'store', verified: 'stored', cut: false };
  }
  if (!file) return { status: 'unavailable', path: null, reason: 'evidence not available: the event names no file' };
  return reader.readRecord({
    file,
    archives: await archivesAround(store, file),
    line: Number(line),
    span: recordSpan(typeof fileFormat === 'string' ? registry.get(fileFormat) : undefined, typeof message === 'string' ? message : null),
    signal,
  });
}
