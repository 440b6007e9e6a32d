import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Source } from '../../../shared/types/event.js';
import { detectFormat, type Detection } from '../formats/detect.js';
import type { FormatRegistry } from '../formats/registry.js';
import type { Store } from '../store/store.js';
import type { EventSink } from './event-sink.js';
import type { TimeOptions } from './file-time.js';
import type { LineCounts } from './line-parser.js';
import { createReader, FileReport } from './readers.js';

export interface FileToImport {
  /** The input (file or folder) the user named. */
  input: string;
  /** The file on disk. */
  path: string;
  /** The path shown and stored: relative to a folder input, else as given. */
  displayPath: string;
  bytes: number;
  mtimeMs: number;
}

export interface ImportedFile extends LineCounts {
  id: number;
  input: string;
  path: string;
  format: string;
  source: Source | null;
  sha256: string;
  bytes: number;
  firstTs: number | null;
  lastTs: number | null;
  warnings: string[];
  timeNote: string | null;
}

export interface ImportContext {
  registry: FormatRegistry;
  store: Store;
  sink: EventSink;
  time: TimeOptions;
  /** Called as bytes are read (compressed bytes for .gz). */
  onBytes?(file: FileToImport, bytesDone: number): void;
}

function isGzip(path: string): boolean {
  return path.endsWith('.gz');
}

/** SHA-256 of a whole file, streamed. */
async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function hashTap(hash: Hash, onBytes: (n: number) => void): Transform {
  let done = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      done += chunk.length;
      onBytes(done);
      callback(null, chunk);
    },
  });
}

/** Detection reads this much of a file's (decompressed) start. */
const HEAD_BYTES = 64 * 1024;

/** Reads a file's first 64 KiB (decompressed for .gz) and detects its format. */
export async function peekFormat(registry: FormatRegistry, file: FileToImport): Promise<Detection> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const raw = createReadStream(file.path, { end: isGzip(file.path) ? undefined : HEAD_BYTES - 1 });
    const stream = isGzip(file.path) ? raw.pipe(createGunzip()) : raw;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= HEAD_BYTES) break;
    }
    raw.destroy();
  } catch {
    // An unreadable or corrupt file is reported, with its reason, when it is imported.
  }
  return detectFormat(registry, Buffer.concat(chunks).toString('utf8'), file.displayPath);
}

/**
 * Imports one file of a detected format (see peekFormat): hashes it, parses it and sends its
 * events to the store. Bad content never aborts the import: it is counted and kept.
 */
export async function importFile(file: FileToImport, ctx: ImportContext, detection: Detection): Promise<ImportedFile> {
  const report = new FileReport(file.displayPath);
  const hash = createHash('sha256');
  const id = await ctx.store.addFile({ input: file.input, path: file.displayPath, format: null, source: null, sha256: '', bytes: file.bytes, mtimeMs: file.mtimeMs });
  ctx.sink.startFile(id);
  const { reader, timeNote } = createReader(detection, file, ctx.registry, ctx.time, (event) => ctx.sink.add(event), report);

  const consume = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      reader.push(chunk);
      await ctx.sink.drain();
    }
  };

  let sha256: string | undefined;
  try {
    const tap = hashTap(hash, (n) => ctx.onBytes?.(file, n));
    if (isGzip(file.path)) await pipeline(createReadStream(file.path), tap, createGunzip(), consume);
    else await pipeline(createReadStream(file.path), tap, consume);
    sha256 = hash.digest('hex');
  } catch (err) {
    report.warn(undefined, `reading stopped: ${(err as Error).message}; what was read before is kept`);
    // The evidence hash is of the whole file, whatever part of it could be decoded.
    sha256 = await hashFile(file.path).catch(() => '');
  }
  reader.end();
  await ctx.sink.drain(true);

  const format = detection.format;
  const imported: ImportedFile = {
    ...report.counts,
    id,
    input: file.input,
    path: file.displayPath,
    format: format?.id ?? (detection.binary ? 'binary' : 'unknown'),
    source: (ctx.sink.mainSource() as Source | null) ?? format?.source ?? null,
    sha256,
    bytes: file.bytes,
    firstTs: ctx.sink.firstTs,
    lastTs: ctx.sink.lastTs,
    warnings: report.list(),
    timeNote: timeNote(),
  };
  await ctx.store.finishFile(id, imported);
  return imported;
}

