import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EventFilter, ExportFormat } from '../../../shared/api.js';
import { EVENT_COLUMNS, type FieldValue } from '../../../shared/types/event.js';
import { CancelledError, MfwError } from '../errors.js';
import { filterClause } from '../session/event-query.js';
import type { Store } from '../store/store.js';
import { csvRecord } from './csv.js';
import { CSV_COLUMNS, csvValues, ecsDoc, jsonlDoc, timesketchDoc, type ExportedEvent } from './event-docs.js';

/** Events read from the store at a time: the export's memory does not grow with the store. */
const PAGE_ROWS = 5000;

export interface ExportOptions {
  format: ExportFormat;
  out: string;
  filter?: EventFilter;
  /** ECS: the index named in each bulk action line. */
  index?: string;
  signal?: AbortSignal;
  onProgress?: (written: number) => void;
}

export interface ExportResult {
  path: string;
  /** Events written. */
  events: number;
  /** Events a format cannot hold (Timesketch needs a time), counted, never silently dropped. */
  skipped: number;
  bytes: number;
}

/** Lines of the export for one event, or null when the format cannot hold it. */
function linesOf(format: ExportFormat, ev: ExportedEvent, index: string): string | null {
  switch (format) {
    case 'csv': return csvRecord(csvValues(ev));
    case 'jsonl': return `${JSON.stringify(jsonlDoc(ev))}\n`;
    case 'timesketch': return typeof ev.ts === 'number' ? `${JSON.stringify(timesketchDoc(ev as ExportedEvent & { ts: number }))}\n` : null;
    case 'ecs': return `${JSON.stringify({ create: { _index: index } })}\n${JSON.stringify(ecsDoc(ev))}\n`;
  }
}

/**
 * Writes the events matching a filter (every event by default) in id order, a page at a time, to
 * a temp file beside `out` renamed over it at the end: a failed or cancelled export leaves no
 * half file under the name asked for.
 */
export async function exportEvents(store: Store, options: ExportOptions): Promise<ExportResult> {
  const { format, out } = options;
  const index = options.index ?? 'mfw-events';
  const filePaths = new Map((await store.query('SELECT id, path FROM files')).rows.map((r) => [Number(r[0]), String(r[1])]));
  const where = filterClause(options.filter ?? {});
  const temp = join(dirname(out), `.${basename(out)}.${process.pid}.partial`);
  const stream = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
  let failure: Error | undefined;
  stream.on('error', (err) => (failure ??= err));
  const write = async (text: string): Promise<void> => {
    if (failure) throw failure;
    if (!stream.write(text)) await once(stream, 'drain'); // rejects if the stream fails meanwhile
  };
  const result: ExportResult = { path: out, events: 0, skipped: 0, bytes: 0 };
  try {
    await once(stream, 'open');
    if (format === 'csv') await write(csvRecord(CSV_COLUMNS));
    for (let after = 0; ;) {
      if (options.signal?.aborted) throw new CancelledError('the export');
      const page = await store.query(`SELECT id, ${EVENT_COLUMNS.join(', ')} FROM events WHERE id > ? AND (${where.sql}) ORDER BY id LIMIT ${PAGE_ROWS}`, [after, ...where.params]);
      for (const row of page.rows) {
        const ev = toExported(row, filePaths);
        const lines = linesOf(format, ev, index);
        if (lines === null) result.skipped++;
        else {
          result.events++;
          await write(lines);
        }
      }
      options.onProgress?.(result.events);
      if (page.rows.length < PAGE_ROWS) break;
      after = Number(page.rows.at(-1)![0]);
    }
    stream.end();
    await once(stream, 'finish');
    if (failure) throw failure;
    result.bytes = stream.bytesWritten;
    renameSync(temp, out);
    return result;
  } catch (err) {
    stream.destroy();
    rmSync(temp, { force: true });
    if (err instanceof MfwError) throw err;
    throw new MfwError('store', `the export to ${out} failed: ${(err as Error).message}`);
  }
}

function toExported(row: readonly FieldValue[], filePaths: ReadonlyMap<number, string>): ExportedEvent {
  const ev = { id: Number(row[0]) } as ExportedEvent;
  EVENT_COLUMNS.forEach((column, i) => (ev[column] = row[i + 1] ?? null));
  ev.file_path = typeof ev.file_id === 'number' ? filePaths.get(ev.file_id) ?? null : null;
  return ev;
}
