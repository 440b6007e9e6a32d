import type { Source } from '../../../shared/types/event.js';
import { CancelledError, isStoreFull } from '../errors.js';
import { detectFormat, type Detection } from '../formats/detect.js';
import type { FormatRegistry } from '../formats/registry.js';
import type { Store } from '../store/store.js';
import type { EventSink } from './event-sink.js';
import type { TimeOptions } from './file-time.js';
import type { LineCounts } from './line-parser.js';
import { createReader, FileReport } from './readers.js';
import type { Member } from './walk.js';

export interface ImportedFile extends LineCounts {
  id: number;
  input: string;
  path: string;
  format: string;
  source: Source | null;
  sha256: string;
  bytes: number;
  mtimeMs: number | null;
  firstTs: number | null;
  lastTs: number | null;
  warnings: string[];
  timeNote: string | null;
  /** Events and unparsed lines left out by the import's scope (the user's choice). */
  skipped?: number;
  /** The store filled up while this file was read: its events from here on are not kept. */
  storeFull?: boolean;
}

export interface ImportContext {
  registry: FormatRegistry;
  store: Store;
  sink: EventSink;
  time: TimeOptions;
  signal?: AbortSignal;
  /** Lines read so far, for progress. */
  onLines?(count: number): void;
}

/** The path detection and path hints see: inside the bundle, without sos's `.tailed` suffix. */
function hintPath(member: Pick<Member, 'bundlePath'>): string {
  return member.bundlePath.replace(/\.tailed$/, '');
}

/** Detects a member's format from its first 64 KiB. */
export function detectMember(registry: FormatRegistry, member: Pick<Member, 'head' | 'bundlePath'>): Detection {
  return detectFormat(registry, member.head.toString('utf8'), hintPath(member));
}

function countLines(chunk: Buffer): number {
  let count = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) count++;
  return count;
}

/** A binary systemd journal starts with this signature; it must be exported to be read. */
const JOURNAL_FILE_MAGIC = 'LPKSHHRH';

/**
 * Imports one member of a detected format: parses it, sends its events to the store and hashes
 * its stored bytes. Bad content never aborts the import: it is counted and kept.
 */
export async function importMember(member: Member, ctx: ImportContext, detection: Detection): Promise<ImportedFile> {
  const report = new FileReport(member.displayPath);
  const id = await ctx.store.addFile({ input: member.input, path: member.displayPath, format: null, source: null, sha256: '', bytes: member.storedBytes, mtimeMs: member.mtimeMs });
  ctx.sink.startFile(id);
  if (member.bundlePath.endsWith('.tailed')) report.warn(undefined, 'truncated by sos-report (.tailed): only the end of the log is here');
  if (detection.binary && member.head.subarray(0, 8).toString('latin1') === JOURNAL_FILE_MAGIC) {
    report.warn(undefined, 'a binary systemd journal file; export it with `journalctl --file … -o export` to read it');
  }
  const { reader, timeNote } = createReader(detection, { displayPath: member.displayPath, mtimeMs: member.mtimeMs ?? undefined }, ctx.registry, ctx.time, (event) => ctx.sink.add(event), report);
  try {
    for await (const chunk of member.content) {
      if (ctx.signal?.aborted) throw new CancelledError('the import');
      reader.push(chunk);
      ctx.onLines?.(countLines(chunk));
      await ctx.sink.drain();
    }
  } catch (err) {
    if (err instanceof CancelledError) throw err;
    if (!isStoreFull(err)) report.warn(undefined, `reading stopped: ${(err as Error).message}; what was read before is kept`);
  }
  reader.end();
  try {
    if (!ctx.sink.full) await ctx.sink.drain(true);
  } catch (err) {
    if (!isStoreFull(err)) throw err;
  }
  const full = ctx.sink.full;
  if (full) {
    report.warn(full.fileId === id ? full.line : undefined, `the store's memory is full: the import stopped here; the events before it are kept`);
  }
  const { sha256, bytes, complete } = await member.finish();
  if (!complete) report.warn(undefined, `its stored bytes end early (damage): the SHA-256 covers the ${bytes} bytes that could be read`);

  const format = detection.format;
  const imported: ImportedFile = {
    ...report.counts,
    id,
    input: member.input,
    path: member.displayPath,
    format: format?.id ?? (detection.binary ? 'binary' : 'unknown'),
    source: (ctx.sink.mainSource() as Source | null) ?? format?.source ?? null,
    sha256,
    bytes,
    mtimeMs: member.mtimeMs,
    firstTs: ctx.sink.firstTs,
    lastTs: ctx.sink.lastTs,
    warnings: report.list(),
    timeNote: timeNote(),
    ...(ctx.sink.scope ? { skipped: ctx.sink.scope.skippedInFile } : {}),
    ...(full ? { storeFull: true } : {}),
  };
  if (imported.skipped) imported.warnings.push(`${member.displayPath}: ${imported.skipped} events left out by the import's scope (counted, not stored)`);
  // With the store full even this small update may not fit: the analysis still has the counts.
  await ctx.store.finishFile(id, imported).catch((err: unknown) => {
    if (!full) throw err;
  });
  return imported;
}

/**
 * Records a file that is evidence but not a log (an archive, a bundle's configuration or command
 * output): hashed and listed in `files`, its lines not imported.
 */
export async function recordEvidence(
  store: Store,
  entry: { input: string; displayPath: string; sha256: string; bytes: number; mtimeMs: number | null },
  format: 'archive' | 'not-a-log',
): Promise<ImportedFile> {
  const id = await store.addFile({ input: entry.input, path: entry.displayPath, format, source: null, sha256: entry.sha256, bytes: entry.bytes, mtimeMs: entry.mtimeMs });
  const imported: ImportedFile = {
    lines: 0, events: 0, continuation: 0, ignored: 0, unparsed: 0,
    id, input: entry.input, path: entry.displayPath, format, source: null, sha256: entry.sha256, bytes: entry.bytes, mtimeMs: entry.mtimeMs,
    firstTs: null, lastTs: null, warnings: [], timeNote: null,
  };
  await store.finishFile(id, imported);
  return imported;
}
