import { createHash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Bytes of the inputs on disk (regular files, folders walked without following links): progress's total. */
export async function inputBytes(inputs: readonly string[]): Promise<number> {
  let total = 0;
  const visit = async (path: string): Promise<void> => {
    const info = await lstat(path).catch(() => null);
    if (info?.isFile()) total += info.size;
    else if (info?.isDirectory()) for (const name of await readdir(path).catch(() => [])) await visit(join(path, name));
  };
  for (const input of inputs) await visit(input);
  return total;
}

/**
 * The SHA-256 of a folder input: of its `sha256sum`-style manifest (`<hash>  <path>\n` per file,
 * sorted by path), so the same tree always hashes the same.
 */
export function manifestSha256(entries: readonly { path: string; sha256: string }[]): string {
  const manifest = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((e) => `${e.sha256}  ${e.path}\n`).join('');
  return createHash('sha256').update(manifest).digest('hex');
}
