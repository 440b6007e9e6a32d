import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ASSUMED_RATIO, BYTES_PER_EVENT, BYTES_PER_LINE, estimateImport, uncompressedSize, xzUncompressedSize } from '../../../../main/engine/ingest/estimate.js';
import { storeHeapLimitBytes } from '../../../../main/engine/store/wasm-memory.js';

const dir = mkdtempSync(join(tmpdir(), 'mfw-estimate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = Buffer.from(Array.from({ length: 20000 }, (_, i) => `Mar  5 10:${String(i % 60).padStart(2, '0')}:00 host sshd[${i}]: Failed password for root from 203.0.113.${i % 250} port ${40000 + i} ssh2\n`).join(''));

function write(name: string, data: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

describe('uncompressedSize', () => {
  it('takes a plain file at its size', async () => {
    const path = write('auth.log', text);
    expect(await uncompressedSize(path, text.length)).toEqual({ textBytes: text.length, how: 'file-size' });
  });

  it("reads a gzip's size from its ISIZE trailer", async () => {
    const path = write('auth.log.1.gz', gzipSync(text));
    expect(await uncompressedSize(path, statSync(path).size)).toEqual({ textBytes: text.length, how: 'gzip-isize' });
  });

  it('takes an empty gzip as empty, not as 4 GiB', async () => {
    const path = write('empty.gz', gzipSync(Buffer.alloc(0)));
    expect(await uncompressedSize(path, statSync(path).size)).toEqual({ textBytes: 0, how: 'gzip-isize' });
  });

  it("reads an xz's size from its index, without decompressing", async () => {
    const packed = execFileSync('xz', ['-c', '-T1'], { input: text });
    const path = write('auth.log.xz', packed);
    expect(await uncompressedSize(path, packed.length)).toEqual({ textBytes: text.length, how: 'xz-index' });
    expect(xzUncompressedSize(Buffer.from('not an xz tail at all'))).toBeNull();
  });

  it('adds the member sizes of a plain tar from its headers, and of a zip from its central directory', async () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'var/log'), { recursive: true });
    writeFileSync(join(src, 'var/log/auth.log'), text);
    writeFileSync(join(src, 'var/log/syslog'), text.subarray(0, 1000));
    execFileSync('tar', ['-cf', join(dir, 'bundle.tar'), '-C', src, 'var']);
    execFileSync('zip', ['-qr', join(dir, 'bundle.zip'), 'var'], { cwd: src });
    const tar = await uncompressedSize(join(dir, 'bundle.tar'), statSync(join(dir, 'bundle.tar')).size);
    expect(tar).toEqual({ textBytes: text.length + 1000, how: 'tar-headers' });
    const zip = await uncompressedSize(join(dir, 'bundle.zip'), statSync(join(dir, 'bundle.zip')).size);
    expect(zip).toEqual({ textBytes: text.length + 1000, how: 'zip-directory' });
  });

  it('assumes a ratio where the format does not say (zstd, bzip2), and says it is assumed', async () => {
    const packed = execFileSync('bzip2', ['-c'], { input: text });
    const path = write('auth.log.bz2', packed);
    expect(await uncompressedSize(path, packed.length)).toEqual({ textBytes: packed.length * ASSUMED_RATIO.bzip2, how: 'assumed-ratio' });
  });
});

describe('estimateImport', () => {
  it('estimates lines, events and store bytes of a folder against the budget', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'auth.log'), text);
    writeFileSync(join(folder, 'auth.log.1.gz'), gzipSync(text));
    const e = await estimateImport([folder], 10 * 2 ** 20);
    const lines = Math.ceil((2 * text.length) / BYTES_PER_LINE);
    expect(e).toMatchObject({ textBytes: 2 * text.length, lines, events: lines, storeBytes: lines * BYTES_PER_EVENT, budgetBytes: 10 * 2 ** 20, fits: true, assumed: false });
    expect(e.files.map((f) => f.how)).toEqual(['file-size', 'gzip-isize']);
  });

  it('says a bundle does not fit when its store would pass the budget', async () => {
    const e = await estimateImport([join(dir, 'auth.log')], 1000);
    expect(e.fits).toBe(false);
    expect(e.storeBytes).toBeGreaterThan(1000);
  });

  it('never changes the evidence it measures', async () => {
    const path = join(dir, 'auth.log.1.gz');
    const before = readFileSync(path);
    await estimateImport([path], null);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("takes the budget from sql.js's declared heap maximum (2 GiB)", () => {
    expect(storeHeapLimitBytes()).toBe(2 * 2 ** 30);
  });
});
