/** One member of a tar or zip archive, read in archive order. */
export interface ArchiveEntry {
  /** The name as stored: unchecked (see checkMemberPath). */
  name: string;
  kind: 'file' | 'directory' | 'symlink' | 'hardlink' | 'device' | 'fifo' | 'other';
  size: number;
  mtimeMs: number | null;
  linkTarget: string | null;
  /**
   * Its stored bytes, readable once. The next entry is only reached once these are read to
   * the end or skipped.
   */
  body: AsyncIterable<Buffer>;
  skip(): Promise<void>;
}

/** Where reading an archive stopped on damage: the member it was in and the byte offset. */
export class ArchiveDamage extends Error {
  constructor(
    readonly offset: number,
    readonly member: string | null,
    cause: string,
  ) {
    super(`damaged at byte ${offset}${member ? `, in member ${member}` : ''}: ${cause}`);
  }
}
