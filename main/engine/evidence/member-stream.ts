import { createReadStream, type ReadStream } from 'node:fs';
import type { ArchiveEntry } from '../ingest/archive/entry.js';
import type { ExpansionBudget } from '../ingest/archive/expansion.js';
import { checkMemberPath } from '../ingest/archive/member-path.js';
import { archiveEntries, openContent } from '../ingest/archive/open-content.js';

/** Evidence that is not as it was imported: the reason is shown instead of a line. */
export class EvidenceChanged extends Error {}

/** The stored bytes of a file, and what must be closed once they are read. */
export interface StoredBytes {
  stream: AsyncIterable<Buffer>;
  close(): Promise<void>;
}

/**
 * Streams the stored bytes of a file: the file on disk itself, or a member found by reading the
 * archives around it from their start, member after member, with the import's own readers (tar
 * streamed, zip by its directory, each decompressed as the import did). Nothing is written anywhere.
 */
export async function openStoredBytes(diskPath: string, members: readonly string[], budget: ExpansionBudget, signal?: AbortSignal): Promise<StoredBytes> {
  const disk: ReadStream = createReadStream(diskPath, { highWaterMark: 1024 * 1024 });
  const levels: AsyncIterator<ArchiveEntry>[] = [];
  const close = async (): Promise<void> => {
    disk.destroy();
    for (const level of levels.reverse()) await level.return?.().catch(() => undefined);
  };
  let stream: AsyncIterable<Buffer> = disk;
  let container = diskPath;
  try {
    for (const [depth, name] of members.entries()) {
      let read = 0;
      const counted = countBytes(stream, (n) => (read += n));
      const opened = await openContent(counted, budget, () => read);
      if (!opened.archive) throw new EvidenceChanged(`${container} is not an archive any more`);
      const entries = await archiveEntries(opened, depth === 0 ? diskPath : undefined, (limit) => {
        throw new EvidenceChanged(`${container} holds a zip larger than ${limit} bytes, which is not read`);
      });
      if (!entries) throw new EvidenceChanged(`${container} cannot be read`);
      const iterator = entries[Symbol.asyncIterator]();
      levels.push(iterator);
      stream = await findMember(iterator, name, container, signal);
      container = `${container}!/${name}`;
    }
    return { stream, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function* countBytes(source: AsyncIterable<Buffer>, count: (n: number) => void): AsyncIterable<Buffer> {
  for await (const chunk of source) {
    count(chunk.length);
    yield chunk;
  }
}

/** The body of the member named `name` (as the import named it: checkMemberPath's form). */
async function findMember(entries: AsyncIterator<ArchiveEntry>, name: string, container: string, signal?: AbortSignal): Promise<AsyncIterable<Buffer>> {
  for (;;) {
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('reading stopped');
    const next = await entries.next();
    if (next.done) throw new EvidenceChanged(`${container} has no member ${name} any more`);
    const entry = next.value;
    const checked = checkMemberPath(entry.name);
    if (checked.ok && checked.path === name && entry.kind === 'file') return entry.body;
    await entry.skip();
  }
}
