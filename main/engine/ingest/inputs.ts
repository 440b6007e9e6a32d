import { createHash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { FileToImport } from './import-file.js';

export interface ExpandedInputs {
  files: FileToImport[];
  /** Inputs or members that were not read, with why. */
  warnings: string[];
}

/**
 * Turns the inputs the user named (files and folders) into the files to read. Folders are
 * walked without following symbolic links: evidence may link anywhere on the investigator's disk.
 */
export async function expandInputs(inputs: readonly string[]): Promise<ExpandedInputs> {
  const files: FileToImport[] = [];
  const warnings: string[] = [];
  for (const input of inputs) {
    let info;
    try {
      info = await lstat(input);
    } catch (err) {
      warnings.push(`${input}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); skipped`);
      continue;
    }
    if (info.isSymbolicLink()) warnings.push(`${input}: is a symbolic link; not followed`);
    else if (info.isDirectory()) await walk(input, input, files, warnings);
    else if (info.isFile()) files.push({ input, path: input, displayPath: input, bytes: info.size, mtimeMs: info.mtimeMs });
    else warnings.push(`${input}: not a regular file or folder; skipped`);
  }
  return { files, warnings };
}

async function walk(root: string, dir: string, files: FileToImport[], warnings: string[]): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (err) {
    warnings.push(`${dir}: cannot be listed (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); skipped`);
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    const info = await lstat(path);
    const shown = join(basename(root), relative(root, path)).split(sep).join('/');
    if (info.isSymbolicLink()) warnings.push(`${shown}: is a symbolic link; not followed`);
    else if (info.isDirectory()) await walk(root, path, files, warnings);
    else if (info.isFile()) files.push({ input: root, path, displayPath: shown, bytes: info.size, mtimeMs: info.mtimeMs });
  }
}

/**
 * The SHA-256 of a folder input: of its `sha256sum`-style manifest (`<hash>  <path>\n` per file,
 * sorted by path), so the same tree always hashes the same.
 */
export function manifestSha256(entries: readonly { path: string; sha256: string }[]): string {
  const manifest = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((e) => `${e.sha256}  ${e.path}\n`).join('');
  return createHash('sha256').update(manifest).digest('hex');
}
