import { basename, join } from 'node:path';

/** A row of `files` as the re-reader needs it. */
export interface EvidenceFile {
  id: number;
  /** The input the user named (a file, folder or archive on disk). */
  input: string;
  /** As stored and shown: relative to a folder input; `archive!/member` inside archives. */
  path: string;
  sha256: string | null;
  bytes: number | null;
  mtimeMs: number | null;
}

/** Where a file's bytes are: a file on disk, and the members to open inside it, outermost first. */
export interface EvidenceLocation {
  /** The file on disk. */
  diskPath: string;
  /** The `files` row of that file on disk (the file itself, or the outermost archive). */
  disk: EvidenceFile;
  /** Member names inside the archives, outermost first; empty for a file on disk. */
  members: string[];
}

/** The separator of archive and member in a stored path (walk.ts). */
const MEMBER_MARK = '!/';

/**
 * Inverts walk.ts's naming: a file in an archive is `archive!/member`; an archive in an archive is
 * recorded as a file of format `archive` under its own path, so the archives around a file are the
 * archive rows of the same input whose path and `!/` begin the file's path (a member's own name may
 * hold `!/`; the rows say where the archives really are). The file on disk is then the input
 * itself, or, for a folder input, the stored path under the folder (stored as the folder's name
 * followed by the path inside it).
 *
 * `inputOnDisk` gives where an input is now (an uploaded file's temp folder is not in the paths).
 */
export function locateEvidence(file: EvidenceFile, archives: readonly EvidenceFile[], inputOnDisk: (row: EvidenceFile) => string): EvidenceLocation {
  const chain = archives
    .filter((a) => a.input === file.input && a.id !== file.id && file.path.startsWith(a.path + MEMBER_MARK))
    .sort((a, b) => a.path.length - b.path.length);
  const disk = chain[0] ?? file;
  const members: string[] = [];
  let outer = disk.path;
  for (const inner of [...chain.slice(1), file]) {
    if (inner === disk) break;
    members.push(inner.path.slice(outer.length + MEMBER_MARK.length));
    outer = inner.path;
  }
  return { diskPath: diskPathOf(disk, inputOnDisk(disk)), disk, members };
}

/** A file of a folder input is stored as `<folder name>/<path in the folder>`; an input file as itself. */
function diskPathOf(row: EvidenceFile, inputPath: string): string {
  if (row.path === row.input) return inputPath;
  const folder = basename(row.input);
  const inside = folder !== '.' && folder !== '' && row.path.startsWith(`${folder}/`) ? row.path.slice(folder.length + 1) : row.path;
  return join(inputPath, inside);
}
