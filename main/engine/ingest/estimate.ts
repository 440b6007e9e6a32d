import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { sniffCompression, type Compression } from './archive/compression.js';

/**
 * Bytes a line on the generated mixed set (test/fixtures/generate.ts, 200 000 lines, measured:
 * UFW kern.log 231, Apache access 146, regiond 152, syslog 128, maas.log 117, auth.log 114).
 */
export const BYTES_PER_LINE = 162;
/** Store bytes an event, indexes included, on the same set (docs/benchmarks.md, "Memory"). */
export const BYTES_PER_EVENT = 360;
/**
 * Expansion assumed where a format does not state its uncompressed size (zstd, bzip2, or a
 * gzip/xz whose trailer cannot be read): typical of text logs, and said to the user as assumed.
 */
export const ASSUMED_RATIO: Record<Compression, number> = { gzip: 8, xz: 10, zstd: 9, bzip2: 9 };

/** How a file's uncompressed size was found. */
export type SizeSource = 'file-size' | 'gzip-isize' | 'xz-index' | 'zip-directory' | 'tar-headers' | 'assumed-ratio';

export interface FileSizeEstimate {
  path: string;
  storedBytes: number;
  /** Uncompressed bytes (of the members, for a zip or a plain tar). */
  textBytes: number;
  how: SizeSource;
}

export interface ImportEstimate {
  files: FileSizeEstimate[];
  storedBytes: number;
  textBytes: number;
  lines: number;
  /** Every line becomes an event or an unparsed row (continuation and blank lines aside): an upper estimate. */
  events: number;
  storeBytes: number;
  /** The store's heap budget (wasm-memory.ts); null when unknown, then it is taken to fit. */
  budgetBytes: number | null;
  fits: boolean;
  /** Whether some size was assumed rather than read from the format. */
  assumed: boolean;
}

/**
 * Estimates what importing the inputs would hold in the store, from the bundle alone: file
 * sizes, and for compressed files and archives the uncompressed size where the format states it
 * (gzip's ISIZE trailer, the xz index, a zip's central directory, tar headers), else an assumed
 * ratio. Nothing is decompressed. Lines are bytes / BYTES_PER_LINE, store bytes events × BYTES_PER_EVENT.
 *
 * @example
 * const e = await estimateImport(['/evidence/sosreport.tar.xz'], storeHeapLimitBytes());
 * if (!e.fits) console.log(`~${e.events} events need ${e.storeBytes} bytes of ${e.budgetBytes}`);
 */
export async function estimateImport(inputs: readonly string[], budgetBytes: number | null): Promise<ImportEstimate> {
  const files: FileSizeEstimate[] = [];
  const visit = async (path: string): Promise<void> => {
    const info = await lstat(path).catch(() => null);
    if (info?.isDirectory()) {
      for (const name of (await readdir(path).catch(() => [])).sort()) await visit(join(path, name));
    } else if (info?.isFile()) {
      files.push({ path, storedBytes: info.size, ...(await uncompressedSize(path, info.size)) });
    }
  };
  for (const input of inputs) await visit(input);
  const storedBytes = files.reduce((n, f) => n + f.storedBytes, 0);
  const textBytes = files.reduce((n, f) => n + f.textBytes, 0);
  const lines = Math.ceil(textBytes / BYTES_PER_LINE);
  const storeBytes = lines * BYTES_PER_EVENT;
  return {
    files, storedBytes, textBytes, lines, events: lines, storeBytes, budgetBytes,
    fits: budgetBytes === null || storeBytes <= budgetBytes,
    assumed: files.some((f) => f.how === 'assumed-ratio'),
  };
}

/** A file's uncompressed size, as its format states it where it does. */
export async function uncompressedSize(path: string, size: number): Promise<{ textBytes: number; how: SizeSource }> {
  const handle = await open(path, 'r');
  try {
    const read = async (at: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - at)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
      return buffer.subarray(0, bytesRead);
    };
    const head = await read(0, 512);
    const compression = sniffCompression(head);
    if (compression === 'gzip' && size >= 18) {
      // ISIZE is the size modulo 2^32: nothing grows by more than gzip's framing when gzipped
      // (an empty file: 20 bytes), so 4 GiB is added until it is at least the stored size less that.
      let isize = (await read(size - 4, 4)).readUInt32LE(0);
      while (isize < size - 1024 - size / 1000) isize += 2 ** 32;
      return { textBytes: isize, how: 'gzip-isize' };
    }
    if (compression === 'xz') {
      const total = xzUncompressedSize(await read(Math.max(0, size - 1024 * 1024), 1024 * 1024));
      if (total !== null) return { textBytes: total, how: 'xz-index' };
    }
    if (compression) return { textBytes: size * ASSUMED_RATIO[compression], how: 'assumed-ratio' };
    if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) {
      const total = await zipUncompressedSize(path).catch(() => null);
      if (total !== null) return { textBytes: total, how: 'zip-directory' };
    }
    if (head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') {
      let total = 0;
      for (let at = 0; at + 512 <= size; ) {
        const header = await read(at, 512);
        if (header.length < 512 || header.every((b) => b === 0)) break;
        const member = parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
        if (!Number.isFinite(member)) break;
        if (header[156] === 0x30 || header[156] === 0) total += member; // regular files only
        at += 512 + Math.ceil(member / 512) * 512;
      }
      return { textBytes: total, how: 'tar-headers' };
    }
    return { textBytes: size, how: 'file-size' };
  } finally {
    await handle.close();
  }
}

/** Reads a variable-length integer of the xz format at `at`. */
function xzNumber(buf: Buffer, at: { i: number }): number {
  let value = 0;
  for (let shift = 0; shift < 63; shift += 7) {
    const byte = buf[at.i++];
    if (byte === undefined) throw new RangeError('truncated');
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return value;
  }
  throw new RangeError('too long');
}

/**
 * The uncompressed size an xz file's last stream records in its index (the records' sizes
 * summed), from the file's tail; null when the tail is not a stream footer and index.
 */
export function xzUncompressedSize(tail: Buffer): number | null {
  let end = tail.length;
  while (end >= 4 && tail.readUInt32LE(end - 4) === 0) end -= 4; // stream padding
  if (end < 12 || tail.subarray(end - 2, end).toString('latin1') !== 'YZ') return null;
  const indexBytes = (tail.readUInt32LE(end - 8) + 1) * 4;
  const start = end - 12 - indexBytes;
  if (start < 0 || tail[start] !== 0) return null;
  try {
    const at = { i: start + 1 };
    const records = xzNumber(tail, at);
    let total = 0;
    for (let r = 0; r < records; r++) {
      xzNumber(tail, at); // unpadded size
      total += xzNumber(tail, at);
    }
    return total;
  } catch {
    return null;
  }
}

/** The uncompressed sizes of a zip's members, from its central directory. */
function zipUncompressedSize(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err) return reject(err);
      let total = 0;
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        zip.readEntry();
      });
      zip.on('end', () => resolve(total));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
