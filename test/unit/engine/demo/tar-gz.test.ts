import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTarGz, type TarMember } from '../../../../main/engine/demo/tar-gz.js';

const MTIME = new Date('2026-03-11T15:10:00Z');
const MEMBERS: TarMember[] = [
  { path: 'root/var/log/auth.log', content: 'Mar 10 07:20:26 maas-region sshd[3010]: Accepted password for root\n' },
  { path: 'root/etc/localtime', linkTarget: '/usr/share/zoneinfo/Asia/Kolkata' },
  { path: 'root/version.txt', content: Buffer.from('sosreport: 4.7.2\n') },
];

async function headers(file: string): Promise<{ name: string; type: string; mtime: string; linkname: string; text: string }[]> {
  const out = [];
  const extract = tarStream.extract();
  Readable.from([readFileSync(file)]).pipe(createGunzip()).pipe(extract);
  for await (const entry of extract) {
    let text = '';
    for await (const chunk of entry) text += (chunk as Buffer).toString('utf8');
    out.push({ name: entry.header.name, type: entry.header.type, mtime: entry.header.mtime.toISOString(), linkname: entry.header.linkname, text });
  }
  return out;
}

describe('writeTarGz', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-tar-gz-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes folders first, then members sorted by path, each with the given time', async () => {
    await writeTarGz(join(dir, 'a.tar.gz'), MEMBERS, MTIME);
    const found = await headers(join(dir, 'a.tar.gz'));
    expect(found.map((h) => [h.name, h.type])).toEqual([
      ['root/', 'directory'], ['root/etc/', 'directory'], ['root/var/', 'directory'], ['root/var/log/', 'directory'],
      ['root/etc/localtime', 'symlink'], ['root/var/log/auth.log', 'file'], ['root/version.txt', 'file'],
    ]);
    expect(new Set(found.map((h) => h.mtime))).toEqual(new Set([MTIME.toISOString()]));
    expect(found.find((h) => h.type === 'symlink')!.linkname).toBe('/usr/share/zoneinfo/Asia/Kolkata');
    expect(found.find((h) => h.name === 'root/var/log/auth.log')!.text).toBe(MEMBERS[0]!.content);
  });

  it('writes the same bytes whatever the order it is given', async () => {
    await writeTarGz(join(dir, 'a.tar.gz'), MEMBERS, MTIME);
    await writeTarGz(join(dir, 'b.tar.gz'), [...MEMBERS].reverse(), MTIME);
    const sha = (f: string): string => createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
    expect(sha('b.tar.gz')).toBe(sha('a.tar.gz'));
  });
});
