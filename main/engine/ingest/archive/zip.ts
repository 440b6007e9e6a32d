import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import unzipper from 'unzipper';
import yauzl from 'yauzl';
import { CancelledError } from '../../errors.js';
import { ArchiveDamage, type ArchiveEntry } from './entry.js';

/** Whether a stream starts like a zip file (a local header, or the end record of an empty zip). */
export function isZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

type ZipSource = { path: string } | { buffer: Buffer };

function openZip(source: ZipSource): Promise<yauzl.ZipFile> {
  // decodeStrings: false, so yauzl hands names over raw and we check them ourselves
  // (its own check would stop the whole archive at the first bad name).
  const options: yauzl.Options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true };
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile): void => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip));
    if ('path' in source) yauzl.open(source.path, options, done);
    else yauzl.fromBuffer(source.buffer, options, done);
  });
}

function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileNameRaw;
  // Bit 11: UTF-8 names; otherwise CP437, of which latin1 keeps the ASCII part right.
  return raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
}

function kindOf(entry: yauzl.Entry, name: string): ArchiveEntry['kind'] {
  if (name.endsWith('/')) return 'directory';
  const unixType = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (unixType === 0o120000) return 'symlink';
  if (unixType === 0o020000 || unixType === 0o060000) return 'device';
  if (unixType === 0o010000) return 'fifo';
  return 'file';
}

/**
 * Reads a zip (from a file, or a buffer for a zip inside another archive) member by member, from
 * its central directory. When that directory is missing or damaged (a truncated zip: it is the
 * last thing in the file), the members are read from their local headers instead, up to the
 * damage, which is then reported. A damaged member ends with an error after its good part.
 */
export async function* zipEntries(source: ZipSource): AsyncGenerator<ArchiveEntry> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(source);
  } catch (err) {
    yield* streamedEntries(source);
    throw new ArchiveDamage(0, null, `the zip directory cannot be read (${(err as Error).message}); the members before the damage were read from their local headers`);
  }
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(null));
        zip.once('error', reject);
        zip.readEntry();
      }).finally(() => zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error'));
      if (!entry) return;
      const name = entryName(entry);
      const kind = kindOf(entry, name);
      const open = async function* (): AsyncIterable<Buffer> {
        const stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
        yield* stream as AsyncIterable<Buffer>;
      };
      yield {
        name,
        kind,
        size: entry.uncompressedSize,
        mtimeMs: entry.getLastModDate().getTime(),
        linkTarget: null,
        body: open(),
        skip: async () => undefined,
      };
    }
  } catch (err) {
    if (err instanceof ArchiveDamage || err instanceof CancelledError) throw err;
    throw new ArchiveDamage(0, null, (err as Error).message);
  } finally {
    zip.close();
  }
}

/**
 * The members of a zip read front to back from their local headers (unzipper's parser), for a
 * zip without a readable directory. Local headers do not say which members are links: each is
 * read as data, never followed. Reading stops quietly at the damage.
 */
async function* streamedEntries(source: ZipSource): AsyncGenerator<ArchiveEntry> {
  const input = 'path' in source ? createReadStream(source.path) : Readable.from([source.buffer]);
  const parse = input.pipe(unzipper.Parse({ forceStream: true }));
  input.on('error', (err: Error) => parse.destroy(err));
  // A member the input cuts short never ends by itself: the parser's error (FILE_ENDED) ends it.
  const current: { entry?: unzipper.Entry } = {};
  // The parser's async iterator does not end on that error by itself: destroying it ends it.
  parse.on('error', (err: Error) => {
    current.entry?.destroy(new Error(`the zip ends inside this member (${err.message})`));
    parse.destroy(err);
  });
  try {
    for await (const item of parse as AsyncIterable<unzipper.Entry>) {
      current.entry = item;
      const state = { consumed: false };
      yield {
        name: item.path,
        kind: item.type === 'Directory' ? 'directory' : 'file',
        // Local headers hold the size unless the member was streamed (then 0: counted as read).
        size: (item.vars as { uncompressedSize?: number }).uncompressedSize ?? 0,
        mtimeMs: null,
        linkTarget: null,
        body: {
          [Symbol.asyncIterator]: () => {
            state.consumed = true;
            return (item as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
          },
        },
        skip: async () => {
          if (!state.consumed) await item.autodrain().promise();
          state.consumed = true;
        },
      };
      if (!state.consumed) await item.autodrain().promise();
    }
  } catch {
    // The damage: reported by the caller, after what could be read.
  } finally {
    input.destroy();
  }
}
