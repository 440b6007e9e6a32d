import type { ApiResponse } from '../../../shared/api.js';
import type { FieldValue, ParsedEvent } from '../../../shared/types/event.js';
import type { CompiledFormat } from '../formats/compile.js';
import type { FormatRegistry } from '../formats/registry.js';
import { toRow } from '../ingest/event-sink.js';
import { fileTimeContext, type TimeOptions } from '../ingest/file-time.js';
import { LineParser } from '../ingest/line-parser.js';
import type { EventRewrite, Store } from '../store/store.js';

type ReparsedFile = ApiResponse<'formats.reparse'>['files'][number];

/** Unparsed rows fetched from the store at a time, and rewrites sent to it at a time. */
const CHUNK_ROWS = 5000;

interface FileRow {
  id: number;
  path: string;
  format: string | null;
  mtimeMs: number | null;
  warnings: string[];
}

interface UnparsedRow {
  id: number;
  seq: number;
  host: FieldValue;
}

function parseWarnings(text: FieldValue): string[] {
  try {
    const list: unknown = JSON.parse(typeof text === 'string' ? text : '[]');
    return Array.isArray(list) ? list.map(String) : [];
  } catch {
    return [];
  }
}

async function filesToReparse(store: Store, fileIds: readonly number[] | undefined): Promise<FileRow[]> {
  const only = fileIds ? ` AND id IN (${fileIds.filter(Number.isSafeInteger).join(', ') || 'NULL'})` : '';
  const result = await store.query(`SELECT id, path, format, mtime_ms, warnings FROM files WHERE unparsed > 0${only} ORDER BY id`);
  return result.rows.map(([id, path, format, mtime, warnings]) => ({
    id: Number(id), path: String(path), format: format === null ? null : String(format), mtimeMs: mtime === null ? null : Number(mtime), warnings: parseWarnings(warnings ?? null),
  }));
}

/**
 * Reads one file's unparsed lines again with a line format, in line order, through the same
 * LineParser an import uses. A line that becomes an event rewrites its own row (id, seq, file
 * and line kept; the bundle's host kept when the format names none); a continuation or ignored
 * line's row is deleted (its text is now in the record above, or it is no record); a line
 * still not parsed keeps its row untouched. Only the store is read: the evidence is not opened.
 */
async function reparseFile(store: Store, registry: FormatRegistry, format: CompiledFormat, file: FileRow, time: TimeOptions): Promise<ReparsedFile & { firstTs: number | null; lastTs: number | null; note: string }> {
  const fileTime = fileTimeContext(format, file.path, time, file.mtimeMs ?? undefined);
  const rows = new Map<number, UnparsedRow>();
  let rewrites: EventRewrite[] = [];
  let deletes: number[] = [];
  let firstTs: number | null = null;
  let lastTs: number | null = null;
  const emit = (event: ParsedEvent): void => {
    if (event.format === 'unparsed') return;
    const row = rows.get(event.line);
    if (!row) return;
    if (event.fields.host === undefined || event.fields.host === null) event.fields.host = row.host;
    if (!Number.isNaN(event.ts)) {
      firstTs = firstTs === null ? event.ts : Math.min(firstTs, event.ts);
      lastTs = lastTs === null ? event.ts : Math.max(lastTs, event.ts);
    }
    rewrites.push({ id: row.id, row: toRow(event, row.seq, file.id) });
  };
  const parser = new LineParser(format, registry, fileTime, { emit, warn: () => undefined });
  const flush = async (): Promise<void> => {
    if (rewrites.length === 0 && deletes.length === 0) return;
    const batch = [rewrites, deletes] as const;
    rewrites = [];
    deletes = [];
    await store.rewriteEvents(batch[0], batch[1]);
  };
  // Ids first (one pass over events, integers only), then the rows by primary key, a chunk at a time.
  const ids = (await store.query("SELECT id FROM events WHERE file_id = ? AND format = 'unparsed' ORDER BY line, id", [file.id])).rows.map((r) => Number(r[0]));
  for (let at = 0; at < ids.length; at += CHUNK_ROWS) {
    const chunk = await store.query(`SELECT id, seq, line, raw, host FROM events WHERE id IN (${ids.slice(at, at + CHUNK_ROWS).join(', ')}) ORDER BY line, id`);
    for (const [id, seq, line, raw, host] of chunk.rows) {
      const lineNo = Number(line);
      const before = { ...parser.counts };
      rows.set(lineNo, { id: Number(id), seq: Number(seq), host: host ?? null });
      parser.push(typeof raw === 'string' ? raw : '', lineNo);
      const after = parser.counts;
      if (after.continuation > before.continuation || after.ignored > before.ignored) deletes.push(Number(id));
    }
    if (rewrites.length + deletes.length >= CHUNK_ROWS) await flush();
  }
  const counts = parser.finish();
  await flush();
  return { id: file.id, path: file.path, tried: ids.length, events: counts.events, continuation: counts.continuation, ignored: counts.ignored, unparsed: counts.unparsed, firstTs, lastTs, note: fileTime.note };
}

/**
 * Re-parses the unparsed lines of loaded files (all files with some, or `fileIds`) with a user's
 * line format, and updates each file's counts, time span and, for a file no format had claimed,
 * its format and family. `timeOf` gives each file's time options (zone and year defaults).
 */
export async function reparseUnparsed(
  store: Store,
  registry: FormatRegistry,
  format: CompiledFormat,
  fileIds: readonly number[] | undefined,
  timeOf: (fileId: number) => Promise<TimeOptions>,
): Promise<ReparsedFile[]> {
  const done: ReparsedFile[] = [];
  for (const file of await filesToReparse(store, fileIds)) {
    const result = await reparseFile(store, registry, format, file, await timeOf(file.id));
    const { firstTs, lastTs, note, ...counts } = result;
    done.push(counts);
    const became = counts.tried - counts.unparsed;
    if (became === 0) continue;
    const claimed = file.format === 'unknown';
    const warnings = [...file.warnings, `${file.path}: ${counts.events} unparsed lines re-parsed as events by the user format ${format.id}`];
    await store.query(
      `UPDATE files SET events = events + ?, unparsed = unparsed - ?, continuation = coalesce(continuation, 0) + ?, ignored = coalesce(ignored, 0) + ?,
         first_ts = CASE WHEN ? IS NULL THEN first_ts WHEN first_ts IS NULL OR ? < first_ts THEN ? ELSE first_ts END,
         last_ts = CASE WHEN ? IS NULL THEN last_ts WHEN last_ts IS NULL OR ? > last_ts THEN ? ELSE last_ts END,
         format = CASE WHEN ? THEN ? ELSE format END, source = CASE WHEN ? THEN coalesce(?, source) ELSE source END,
         time_note = coalesce(time_note, ?), warnings = ?
       WHERE id = ?`,
      [
        counts.events, became, counts.continuation, counts.ignored,
        firstTs, firstTs, firstTs, lastTs, lastTs, lastTs,
        claimed ? 1 : 0, format.id, claimed ? 1 : 0, format.source ?? null,
        note, JSON.stringify(warnings), file.id,
      ],
    );
  }
  return done;
}
