import { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import { CancelledError } from '../../errors.js';
import { drain } from './byte-streams.js';
import { ArchiveDamage, type ArchiveEntry } from './entry.js';

/** Whether a (decompressed) stream starts with a POSIX or GNU tar header. */
export function isTar(head: Buffer): boolean {
  return head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar';
}

const KINDS: Partial<Record<string, ArchiveEntry['kind']>> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'hardlink',
  'character-device': 'device',
  'block-device': 'device',
  fifo: 'fifo',
};

/**
 * Reads a tar stream member by member, without writing anything anywhere. Damage (a truncated
 * or corrupt archive) ends the walk with an ArchiveDamage after every intact member.
 */
export async function* tarEntries(source: AsyncIterable<Buffer>): AsyncGenerator<ArchiveEntry> {
  let offset = 0;
  async function* counted(): AsyncIterable<Buffer> {
    for await (const chunk of source) {
      offset += chunk.length;
      yield chunk;
    }
  }
  // Its typings omit the option that lets old (pre-POSIX) tar headers through.
  const extract = tarStream.extract({ allowUnknownFormat: true } as Parameters<typeof tarStream.extract>[0]);
  const input = Readable.from(counted(), { objectMode: false });
  input.on('error', (err) => extract.destroy(err));
  input.pipe(extract);
  let current: string | null = null;
  try {
    for await (const stream of extract) {
      const h = stream.header;
      current = h.name;
      const state = { consumed: false };
      yield {
        name: h.name,
        kind: KINDS[h.type] ?? 'other',
        size: h.size,
        mtimeMs: h.mtime.getTime(),
        linkTarget: h.linkname || null,
        body: {
          [Symbol.asyncIterator]: () => {
            state.consumed = true;
            return (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
          },
        },
        skip: async () => {
          if (state.consumed) return;
          state.consumed = true;
          await drain(stream);
        },
      };
      if (!state.consumed) await drain(stream);
      current = null;
    }
  } catch (err) {
    if (err instanceof CancelledError) throw err;
    throw new ArchiveDamage(offset, current, (err as Error).message);
  } finally {
    // A reader that stops before the end (an evidence re-read found its member) stops the source.
    input.destroy();
  }
}
