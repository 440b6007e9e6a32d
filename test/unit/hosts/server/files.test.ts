import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveStatic } from '../../../../main/hosts/server/static-files.js';
import { safeUploadName, storeUpload } from '../../../../main/hosts/server/upload.js';

describe('the built renderer files', () => {
  const root = mkdtempSync(join(tmpdir(), 'mfw-static-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves index.html for / and files under the root', () => {
    expect(resolveStatic(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStatic(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('never leaves the root, however the path is spelt', () => {
    for (const path of ['/../etc/passwd', '/assets/../../etc/passwd', '/%2e%2e/etc/passwd', '/..%2fetc/passwd', '/%00', '/%E0%A4%A']) {
      expect(resolveStatic(root, path), path).toBeUndefined();
    }
  });
});

describe('an upload', () => {
  it('keeps the last part of the name, without control characters', () => {
    expect(safeUploadName('sosreport-a.tar.xz')).toBe('sosreport-a.tar.xz');
    expect(safeUploadName('../../etc/cron.d/x')).toBe('x');
    expect(safeUploadName('C:\\evidence\\auth.log')).toBe('auth.log');
    expect(safeUploadName('a\u001b[2Jb')).toBe('a_[2Jb');
    expect(safeUploadName('..')).toBe('upload');
  });

  it('is streamed to a temp file named as uploaded, removed with its folder afterwards', async () => {
    const chunks = ['first line\n', 'second line\n'];
    const upload = await storeUpload(Readable.from(chunks.map((c) => Buffer.from(c))) as unknown as IncomingMessage, 'auth.log');
    expect(basename(upload.path)).toBe('auth.log');
    expect(dirname(upload.path).startsWith(join(tmpdir(), 'mfw-upload-'))).toBe(true);
    expect(readFileSync(upload.path, 'utf8')).toBe(chunks.join(''));
    expect(upload.bytes).toBe(chunks.join('').length);
    await upload.remove();
    expect(existsSync(dirname(upload.path))).toBe(false);
  });
});
