import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { collectLines, type CollectedLines } from './line-collector.js';

/** Every this many lines the index keeps a byte offset: a read starts at most this many lines early. */
export const LINE_INDEX_STRIDE = 1000;

/**
 * Where the lines of a plain file start, every LINE_INDEX_STRIDE-th line, with the file's size,
 * modification time and SHA-256 when it was indexed: about 8 bytes per thousand lines.
 */
export interface LineIndex {
  bytes: number;
  mtimeMs: number;
  sha256: string;
  /** Lines in the file, numbered as the import numbers them. */
  lines: number;
  /** `offsets[k]` is the byte offset of line `k * LINE_INDEX_STRIDE + 1`. */
  offsets: number[];
}

/** Reads a plain file once, hashing it and noting where every LINE_INDEX_STRIDE-th line starts. */
export async function buildLineIndex(path: string, stat: { bytes: number; mtimeMs: number }, signal?: AbortSignal): Promise<LineIndex> {
  const hash = createHash('sha256');
  const offsets = [0];
  let position = 0;
  let newlines = 0;
  let lastByte = -1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024, signal }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, nl + 1)) {
      newlines++;
      if (newlines % LINE_INDEX_STRIDE === 0) offsets.push(position + nl + 1);
    }
    position += chunk.length;
    lastByte = chunk.length ? chunk[chunk.length - 1]! : lastByte;
  }
  // A last line without its newline is still a line.
  const lines = newlines + (position > 0 && lastByte !== 0x0a ? 1 : 0);
  // An offset at the very end starts no line.
  if (offsets.length > 1 && offsets.at(-1) === position) offsets.pop();
  return { bytes: position, mtimeMs: stat.mtimeMs, sha256: hash.digest('hex'), lines, offsets };
}

/** Lines `[first, first + count)` of an indexed file, read from the nearest indexed offset before them. */
export async function readIndexedLines(path: string, index: LineIndex, first: number, count: number, signal?: AbortSignal): Promise<CollectedLines> {
  const k = Math.min(Math.floor((first - 1) / LINE_INDEX_STRIDE), index.offsets.length - 1);
  const start = index.offsets[k]!;
  const stream = createReadStream(path, { start, highWaterMark: 256 * 1024, signal });
  try {
    return await collectLines(stream as AsyncIterable<Buffer>, k * LINE_INDEX_STRIDE + 1, first, count, signal);
  } finally {
    stream.destroy();
  }
}
