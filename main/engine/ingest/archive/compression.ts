import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import unbzip2 from 'unbzip2-stream';
import xz from 'xz-decompress';

export type Compression = 'gzip' | 'xz' | 'zstd' | 'bzip2';

/**
 * xz-decompress 0.2 lets one XzReadableStream decode at a time: a global lock taken when a stream
 * starts and let go only when it ends. An xz archive inside an xz archive (a sos-collector of
 * sos-reports) then waits for itself, and a stream left before its end (an event's raw line read
 * out of a .tar.xz) blocks every later one: the process stops with nothing left to run (exit 13).
 * Each stream has its own decoder context in the shared WASM instance, so streams can run side by
 * side: the lock is replaced by one that never waits.
 */
(xz.XzReadableStream as unknown as { _contextMutex: { acquire(): Promise<void>; release(): void } })._contextMutex = {
  acquire: () => Promise.resolve(),
  release: () => undefined,
};

/** What a stream's first bytes say it is compressed with, if anything. */
export function sniffCompression(head: Buffer): Compression | null {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (head.length >= 4 && head.subarray(0, 3).toString('latin1') === 'BZh' && head[3]! >= 0x31 && head[3]! <= 0x39) return 'bzip2';
  return null;
}

/** The name a compressed file has once decompressed: `syslog.2.gz` → `syslog.2`, `x.tgz` → `x.tar`. */
export function decompressedName(name: string): string {
  return name.replace(/\.(tgz|txz|tzst|tbz2?)$/i, '.tar').replace(/\.(gz|xz|zst|bz2)$/i, '');
}

/** Decompresses a stream; damage (truncation, corruption) surfaces as an error after the good part. */
export function decompress(kind: Compression, source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  switch (kind) {
    case 'gzip':
      return throughTransform(source, createGunzip());
    case 'bzip2':
      return decompressBzip2(source);
    case 'xz':
      return decompressXz(source);
    case 'zstd':
      return decompressZstd(source);
  }
}

function throughTransform(source: AsyncIterable<Buffer>, transform: Transform): AsyncIterable<Buffer> {
  // The transform is read by the caller; pipeline only feeds it and destroys it on a source error.
  pipeline(Readable.from(source, { objectMode: false }), transform, () => undefined);
  return transform;
}

async function* decompressBzip2(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  // unbzip2-stream is a classic (through) stream. Its output is queued here so that what was
  // decoded before an error is still yielded before the error is thrown.
  const bzip2 = unbzip2();
  const queue: Buffer[] = [];
  // One object, so that changes made in the callbacks are seen in the loops below.
  const state: { failure?: Error; ended: boolean; wake?: () => void } = { ended: false };
  const failed = (): boolean => state.failure !== undefined;
  const notify = (): void => {
    state.wake?.();
    state.wake = undefined;
  };
  bzip2.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    notify();
  });
  bzip2.on('end', () => {
    state.ended = true;
    notify();
  });
  bzip2.on('error', (err: Error) => {
    state.failure ??= err;
    notify();
  });
  const feed = async (): Promise<void> => {
    try {
      for await (const chunk of source) {
        if (state.failure) return;
        bzip2.write(chunk);
        while (queue.length > 64 && !failed()) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      bzip2.end();
    } catch (err) {
      state.failure ??= err as Error;
      notify();
    }
  };
  void feed();
  for (;;) {
    const chunk = queue.shift();
    if (chunk) {
      yield chunk;
      continue;
    }
    if (state.failure) throw new Error(`bzip2 data is truncated or corrupt (${state.failure.message})`);
    if (state.ended) return;
    await new Promise<void>((resolve) => (state.wake = resolve));
  }
}

async function* decompressXz(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const web = new xz.XzReadableStream(Readable.toWeb(Readable.from(source, { objectMode: false })) as ReadableStream<Uint8Array>);
  try {
    for await (const chunk of web as unknown as AsyncIterable<Uint8Array>) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  } catch (err) {
    throw new Error(`xz data is truncated or corrupt (${(err as Error).message})`);
  }
}

async function* decompressZstd(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const out: Buffer[] = [];
  const state = { ended: false };
  const stream = new ZstdDecompress((data, final) => {
    out.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    if (final) state.ended = true;
  });
  for await (const chunk of source) {
    try {
      stream.push(chunk);
    } catch (err) {
      throw new Error(`zstd data is corrupt (${(err as Error).message})`);
    }
    yield* out.splice(0);
  }
  if (!state.ended) {
    try {
      stream.push(new Uint8Array(0), true);
    } catch (err) {
      throw new Error(`zstd data is truncated (${(err as Error).message})`);
    }
    yield* out.splice(0);
  }
}
