/**
 * Writes a gzip-compressed tar archive from members held in memory, the same bytes every time:
 * fixed times, owners and order, as `tar --sort=name --mtime=… --owner=0 --group=0` would.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tarStream from 'tar-stream';

/** A file (`content`) or a symbolic link (`linkTarget`), by its path inside the archive. */
export interface TarMember {
  path: string;
  content?: string | Buffer;
  linkTarget?: string;
}

/** Every folder above the members, shortest first, each once. */
function parentFolders(paths: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  return [...folders];
}

/**
 * Writes `members` as a tar.gz at `out`, with `mtime` on every member.
 *
 * @example
 * await writeTarGz('/tmp/x.tar.gz', [{ path: 'r/etc/hostname', content: 'h\n' }], new Date(0));
 */
export async function writeTarGz(out: string, members: readonly TarMember[], mtime: Date): Promise<void> {
  const pack = tarStream.pack();
  const written = pipeline(pack, createGzip({ level: 6 }), createWriteStream(out));
  const base = { mtime, uid: 0, gid: 0, uname: 'root', gname: 'root' };
  const sorted = [...members].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const folder of parentFolders(sorted.map((m) => m.path)).sort()) {
    pack.entry({ ...base, name: `${folder}/`, type: 'directory', mode: 0o755 });
  }
  for (const member of sorted) {
    if (member.linkTarget !== undefined) {
      pack.entry({ ...base, name: member.path, type: 'symlink', linkname: member.linkTarget, mode: 0o777 });
      continue;
    }
    const content = typeof member.content === 'string' ? Buffer.from(member.content, 'utf8') : member.content ?? Buffer.alloc(0);
    pack.entry({ ...base, name: member.path, type: 'file', mode: 0o644, size: content.length }, content);
  }
  pack.finalize();
  await written;
}

