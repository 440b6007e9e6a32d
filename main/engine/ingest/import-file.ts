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
import { createReader, FileReport, type Reader } from './readers.js';

const HEAD_BYTES = 64 * 1024;

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

/**
 * Imports one file: hashes it, detects its format from its first 64 KiB (unless `known`), parses it and
 * sends its events to the store. Bad content never aborts the import: it is counted and kept.
 */
export async function importFile(file: FileToImport, ctx: ImportContext, known?: Detection): Promise<ImportedFile> {
  const report = new FileReport(file.displayPath);
  const hash = createHash('sha256');
  const id = await ctx.store.addFile({ input: file.input, path: file.displayPath, format: null, source: null, sha256: '', bytes: file.bytes, mtimeMs: file.mtimeMs });
  ctx.sink.startFile(id);
  let detection: Detection | undefined;
  let reader: Reader | undefined;
  let timeNote: () => string | null = () => null;
  const head: Buffer[] = [];
  let headBytes = 0;

  const start = (): void => {
    const headBuffer = Buffer.concat(head);
    detection = known ?? detectFormat(ctx.registry, headBuffer.toString('utf8'), file.displayPath);
    const created = createReader(detection, file, ctx.registry, ctx.time, (event) => ctx.sink.add(event), report);
    reader = created.reader;
    timeNote = created.timeNote;
    reader.push(headBuffer);
  };

  const consume = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      if (reader) reader.push(chunk);
      else {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes >= HEAD_BYTES) start();
      }
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
  if (!reader) start();
  reader!.end();
  await ctx.sink.drain(true);

  const format = detection?.format;
  const imported: ImportedFile = {
    ...report.counts,
    id,
    input: file.input,
    path: file.displayPath,
    format: format?.id ?? (detection?.binary ? 'binary' : 'unknown'),
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

