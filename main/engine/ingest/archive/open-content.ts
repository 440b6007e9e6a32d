import { peek } from './byte-streams.js';
import { decompress, sniffCompression, type Compression } from './compression.js';
import type { ArchiveEntry } from './entry.js';
import type { ExpansionBudget } from './expansion.js';
import { isTar, tarEntries } from './tar.js';
import { isZip, zipEntries } from './zip.js';

/** A zip inside another archive is held in memory to be read (zip needs random access). */
export const MAX_NESTED_ZIP_BYTES = 512 * 1024 * 1024;

/** A file's content as read: decompressed if it was compressed, and whether it is an archive. */
export interface OpenedContent {
  compression: Compression | null;
  archive: 'tar' | 'zip' | null;
  /** The (decompressed) content, from its first byte. */
  stream: AsyncIterable<Buffer>;
}

/**
 * Opens stored bytes the way the import reads them: compression told by the first bytes and
 * undone (within the budget, against bombs), then tar or zip told by the content's first bytes.
 * `storedBytes` counts the compressed bytes read so far, for the ratio limit.
 */
export async function openContent(stored: AsyncIterable<Buffer>, budget: ExpansionBudget, storedBytes: () => number): Promise<OpenedContent> {
  let { head, stream } = await peek(stored, 512);
  const compression = sniffCompression(head);
  if (compression) ({ head, stream } = await peek(budget.watch(decompress(compression, stream), storedBytes), 512));
  const archive = isTar(head) ? 'tar' : isZip(head) ? 'zip' : null;
  return { compression, archive, stream };
}

/**
 * The members of an opened archive: a tar streamed; a zip read in place when it is a file on disk
 * (and not compressed), otherwise held in memory up to MAX_NESTED_ZIP_BYTES (undefined past it,
 * after `tooLarge` is told).
 */
export async function archiveEntries(content: OpenedContent, diskPath: string | undefined, tooLarge: (limit: number) => void): Promise<AsyncIterable<ArchiveEntry> | undefined> {
  if (content.archive === 'tar') return tarEntries(content.stream);
  if (diskPath && !content.compression) return zipEntries({ path: diskPath });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of content.stream) {
    size += chunk.length;
    if (size > MAX_NESTED_ZIP_BYTES) {
      tooLarge(MAX_NESTED_ZIP_BYTES);
      return undefined;
    }
    chunks.push(chunk);
  }
  return zipEntries({ buffer: Buffer.concat(chunks) });
}
