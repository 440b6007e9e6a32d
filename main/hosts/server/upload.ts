import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface StoredUpload {
  /** The temp file, named as the upload was (archive kinds are told by their names). */
  path: string;
  bytes: number;
  /** Removes the temp folder and the file in it. */
  remove(): Promise<void>;
}

/** A file name safe to create: the last path part, no control characters, not empty. */
export function safeUploadName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '_').slice(-200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'upload' : cleaned;
}

/** Streams a request body into a new temp folder of the OS temp dir; never holds it whole in memory. */
export async function storeUpload(req: IncomingMessage, name: string): Promise<StoredUpload> {
  const dir = await mkdtemp(join(tmpdir(), 'mfw-upload-'));
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const path = join(dir, safeUploadName(name));
  let bytes = 0;
  req.on('data', (chunk: Buffer) => (bytes += chunk.length));
  try {
    await pipeline(req, createWriteStream(path, { flags: 'wx' }));
  } catch (err) {
    await remove();
    throw err;
  }
  return { path, bytes, remove };
}
