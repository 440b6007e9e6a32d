import { createReadStream } from 'node:fs';
import { lstat, open, readdir, readlink } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { CancelledError } from '../errors.js';
import { HashingSource, peek } from './archive/byte-streams.js';
import type { Compression } from './archive/compression.js';
import type { ArchiveEntry } from './archive/entry.js';
import type { ExpansionBudget } from './archive/expansion.js';
import { checkMemberPath } from './archive/member-path.js';
import { archiveEntries, openContent, type OpenedContent } from './archive/open-content.js';

/** Detection and bundle facts read this much of a member's (decompressed) start. */
export const HEAD_BYTES = 64 * 1024;
/** An archive inside an archive is read; one more level down is not. */
export const MAX_NESTING = 1;
/** A sos-report's top folder, stripped from member paths to give paths inside the bundle. */
const SOS_ROOT = /^(sosreport-[^/]+|sos-collector-[^/]+)$/;

/** Files collected together from one host: an archive, a sos-report folder, or a folder input. */
export interface Bundle {
  id: number;
  /** The input the user named. */
  input: string;
  /** The archive or folder, as shown. */
  label: string;
  /** The sos-report's top folder name, when there is one. */
  sosRoot: string | null;
}

/** Where a file comes from: its input, bundle and paths, and what the disk or archive says of it. */
interface Whence {
  input: string;
  /** Shown and stored: relative to a folder input; `archive!/member` inside archives. */
  displayPath: string;
  bundle: Bundle;
  /** The path inside its bundle (`var/log/syslog`), for layouts and path hints. */
  bundlePath: string;
  storedBytes: number;
  mtimeMs: number | null;
}

/** A file to read: a file on disk or an archive member, decompressed. Read `content` once. */
export interface Member extends Whence {
  compression: Compression | null;
  /** The first HEAD_BYTES of the content. */
  head: Buffer;
  /** The whole content, head included. */
  content: AsyncIterable<Buffer>;
  /** SHA-256 and size of the stored bytes (the `.gz` for a compressed file), read to the end; never throws. */
  finish(): Promise<{ sha256: string; bytes: number; complete: boolean }>;
}

export type WalkItem =
  | { type: 'member'; member: Member }
  /** A symbolic or hard link: never followed, but its target is a bundle fact (etc/localtime). */
  | { type: 'link'; bundle: Bundle; bundlePath: string; displayPath: string; target: string | null }
  /** An archive, once read: evidence too. */
  | { type: 'archive'; bundle: Bundle; input: string; displayPath: string; sha256: string; bytes: number; mtimeMs: number | null };

export interface WalkContext {
  budget: ExpansionBudget;
  signal?: AbortSignal;
  warn(message: string): void;
  /** Bytes read from the inputs on disk, as they are read. */
  onInputBytes?(bytes: number): void;
  /** Orders a folder's files (lower first) from their first bytes and path inside the bundle. */
  rank?(head: Buffer, bundlePath: string): number;
}

interface Origin extends Whence {
  depth: number;
  /** The file on disk, when the stream is one (a zip there is read in place). */
  diskPath?: string;
}

/**
 * Walks the inputs (files, folders, archives, compressed files, archives in archives) and yields
 * every file in them, streamed: nothing is extracted to disk, links are never followed, member
 * names that climb out of an archive are refused. Damage is warned about with the member and
 * offset, and everything before it is still yielded.
 */
export async function* walkInputs(inputs: readonly string[], ctx: WalkContext): AsyncGenerator<WalkItem> {
  let bundles = 0;
  const newBundle = (input: string, label: string, sosRoot: string | null = null): Bundle => ({ id: ++bundles, input, label, sosRoot });

  async function* diskStream(path: string): AsyncIterable<Buffer> {
    for await (const chunk of createReadStream(path, { flags: 'r' }) as AsyncIterable<Buffer>) {
      if (ctx.signal?.aborted) throw new CancelledError('the import');
      ctx.onInputBytes?.(chunk.length);
      yield chunk;
    }
  }

  async function* fromStream(raw: AsyncIterable<Buffer>, origin: Origin): AsyncGenerator<WalkItem> {
    const stored = new HashingSource(raw);
    const opened = await openContent(stored, ctx.budget, () => stored.bytes);
    if (opened.archive) {
      yield* fromArchive(opened, stored, origin);
      return;
    }
    const content = await peek(opened.stream, HEAD_BYTES);
    let finished: ReturnType<Member['finish']> | undefined;
    const finish = (): ReturnType<Member['finish']> => (finished ??= stored.finish());
    yield {
      type: 'member',
      member: { ...origin, compression: opened.compression, head: content.head, content: content.stream, finish },
    };
    await finish();
  }

  async function* fromArchive(opened: OpenedContent, stored: HashingSource, origin: Origin): AsyncGenerator<WalkItem> {
    const label = origin.displayPath;
    if (origin.depth > MAX_NESTING) {
      ctx.warn(`${label}: an archive inside an archive inside an archive; not read (one level of nesting is read)`);
    } else {
      const bundle = newBundle(origin.input, label);
      const entries = await archiveEntries(opened, origin.diskPath, (limit) => {
        ctx.warn(`${label}: a zip inside an archive larger than ${limit} bytes; not read (unpack it and give the zip itself)`);
      });
      if (entries) {
        try {
          yield* fromEntries(entries, bundle, origin);
        } catch (err) {
          if (err instanceof CancelledError) throw err;
          ctx.warn(`${label}: ${(err as Error).message}; the members before it were read`);
        }
      }
    }
    const digest = await stored.finish();
    yield { type: 'archive', bundle: origin.bundle, input: origin.input, displayPath: label, sha256: digest.sha256, bytes: digest.bytes, mtimeMs: origin.mtimeMs };
  }

  async function* fromEntries(entries: AsyncIterable<ArchiveEntry>, bundle: Bundle, parent: Origin): AsyncGenerator<WalkItem> {
    for await (const entry of entries) {
      if (ctx.signal?.aborted) throw new CancelledError('the import');
      const checked = checkMemberPath(entry.name);
      const shown = `${parent.displayPath}!/${checked.ok ? checked.path : JSON.stringify(entry.name)}`;
      if (!checked.ok) {
        ctx.warn(`${shown}: refused: ${checked.reason}`);
        await entry.skip();
        continue;
      }
      let path = checked.path;
      const top = path.split('/')[0]!;
      if (SOS_ROOT.test(top)) {
        bundle.sosRoot ??= top;
        path = path.slice(top.length + 1);
      }
      if (entry.kind === 'symlink' || entry.kind === 'hardlink') {
        yield { type: 'link', bundle, bundlePath: path, displayPath: shown, target: entry.linkTarget };
        await entry.skip();
        continue;
      }
      if (entry.kind === 'device' || entry.kind === 'fifo' || entry.kind === 'other') {
        ctx.warn(`${shown}: a ${entry.kind === 'other' ? 'special' : entry.kind} member, not a file; skipped`);
        await entry.skip();
        continue;
      }
      if (entry.kind === 'directory' || path === '') {
        await entry.skip();
        continue;
      }
      yield* fromStream(entry.body, {
        input: parent.input,
        displayPath: shown,
        bundle,
        bundlePath: path,
        storedBytes: Number.isFinite(entry.size) ? entry.size : 0,
        mtimeMs: entry.mtimeMs,
        depth: parent.depth + 1,
      });
      await entry.skip();
    }
  }

  /**
   * A folder is listed first, so its files can be read in a useful order: rotated siblings
   * oldest first, and, by `rank`, bundle facts and fully dated logs before year-less ones.
   */
  async function* fromFolder(input: string, root: string, rootBundle: Bundle): AsyncGenerator<WalkItem> {
    const found: { origin: Origin; rank: number }[] = [];
    const links: WalkItem[] = [];
    const list = async (dir: string, bundle: Bundle): Promise<void> => {
      let names: string[];
      try {
        names = rotationOrder(await readdir(dir));
      } catch (err) {
        ctx.warn(`${dir}: cannot be listed (${errorCode(err)}); skipped`);
        return;
      }
      for (const name of names) {
        const path = join(dir, name);
        const shown = join(basename(root), relative(root, path)).split(sep).join('/');
        const bundleRoot = bundle.sosRoot && bundle !== rootBundle ? join(root, bundle.sosRoot) : root;
        const inBundle = relative(bundleRoot, path).split(sep).join('/');
        const info = await lstat(path).catch((err: unknown) => {
          ctx.warn(`${shown}: cannot be read (${errorCode(err)}); skipped`);
          return null;
        });
        if (!info) continue;
        if (info.isSymbolicLink()) {
          links.push({ type: 'link', bundle, bundlePath: inBundle, displayPath: shown, target: await readlink(path).catch(() => null) });
        } else if (info.isDirectory()) {
          await list(path, dir === root && SOS_ROOT.test(name) ? newBundle(input, shown, name) : bundle);
        } else if (info.isFile()) {
          const origin: Origin = { input, displayPath: shown, bundle, bundlePath: inBundle, storedBytes: info.size, mtimeMs: info.mtimeMs, depth: 0, diskPath: path };
          found.push({ origin, rank: ctx.rank ? ctx.rank(await readHead(path), inBundle) : 0 });
        } else {
          ctx.warn(`${shown}: not a regular file (a device, socket or pipe); skipped`);
        }
      }
    };
    await list(root, rootBundle);
    yield* links;
    found.sort((a, b) => a.origin.bundle.id - b.origin.bundle.id || a.rank - b.rank);
    for (const { origin } of found) yield* fromStream(diskStream(origin.diskPath!), origin);
  }

  let looseFiles: Bundle | undefined;
  for (const input of inputs) {
    let info;
    try {
      info = await lstat(input);
    } catch (err) {
      ctx.warn(`${input}: cannot be read (${errorCode(err)}); skipped`);
      continue;
    }
    if (info.isSymbolicLink()) ctx.warn(`${input}: is a symbolic link; not followed`);
    else if (info.isDirectory()) yield* fromFolder(input, input, newBundle(input, input, SOS_ROOT.test(basename(input)) ? basename(input) : null));
    else if (info.isFile()) {
      // Files named one by one are taken as one bundle: logs of the same machine.
      const bundle = (looseFiles ??= newBundle(input, 'the files given'));
      yield* fromStream(diskStream(input), { input, displayPath: input, bundle, bundlePath: basename(input), storedBytes: info.size, mtimeMs: info.mtimeMs, depth: 0, diskPath: input });
    } else ctx.warn(`${input}: not a regular file or folder; skipped`);
  }
}

/** The first HEAD_BYTES of a plain file (a compressed one gives its compressed start). */
async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return Buffer.alloc(0);
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

const ROTATED = /^(.*?)(?:[.-](\d+))?(\.(?:gz|xz|zst|bz2))?$/;

/**
 * Names sorted so that rotated siblings come oldest first: `syslog.2.gz`, `syslog.1`, `syslog`
 * (logrotate numbers upwards with age), so each log is read in the order it was written.
 */
export function rotationOrder(names: readonly string[]): string[] {
  const key = (name: string): [string, number] => {
    const m = ROTATED.exec(name)!;
    return [m[1]!, m[2] ? Number(m[2]) : 0];
  };
  return [...names].sort((a, b) => {
    const [baseA, nA] = key(a);
    const [baseB, nB] = key(b);
    if (baseA !== baseB) return baseA < baseB ? -1 : 1;
    if (nA !== nB) return nB - nA;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
