import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../main/engine/analyze.js';
import type { ExpansionLimits } from '../../main/engine/ingest/archive/expansion.js';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import { openStore } from '../../main/engine/store/store.js';

const cli = fileURLToPath(new URL('../../bin/mfw.js', import.meta.url));
const LINE = (n: number): string => `Mar  1 10:00:${String(n % 60).padStart(2, '0')} host sshd[1]: Failed password for root from 10.0.0.${n % 250} port 22 ssh2`;
const LOG = (from: number, count: number): string => Array.from({ length: count }, (_, i) => LINE(from + i)).join('\n') + '\n';

type Member = { name: string; body?: string | Buffer; type?: 'file' | 'symlink' | 'link' | 'character-device' | 'directory'; linkname?: string };

/** A tar built member by member, names exactly as given (no tool would write some of them). */
async function tar(members: Member[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const m of members) {
    const body = typeof m.body === 'string' ? Buffer.from(m.body) : (m.body ?? Buffer.alloc(0));
    const isFile = !m.type || m.type === 'file';
    const header = { name: m.name, type: m.type ?? 'file', linkname: m.linkname, size: isFile ? body.length : 0, mode: 0o644, mtime: new Date('2026-03-01T12:00:00Z'), devmajor: 1, devminor: 3 };
    if (isFile) pack.entry(header, body);
    else pack.entry(header);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function run(inputs: string[], limits?: ExpansionLimits) {
  const store = await openStore({ inThread: true });
  try {
    const result = await analyze({ inputs, registry: loadRegistry(), store, time: { tz: 'UTC', year: 2026 }, limits });
    const count = Number((await store.query('SELECT count(*) FROM events')).rows[0]![0]);
    return { ...result, count, warnings: result.analysis.warnings.join('\n') };
  } finally {
    await store.close();
  }
}

function mfw(args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
}

describe('archive kinds', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-kinds-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['logs.tar', (t: Buffer) => t],
    ['logs.tar.gz', (t: Buffer) => gzipSync(t)],
    ['logs.tgz', (t: Buffer) => gzipSync(t)],
    ['logs.tar.xz', (t: Buffer) => execFileSync('xz', ['-c', '-T1'], { input: t })],
    ['logs.tar.zst', (t: Buffer) => execFileSync('zstd', ['-q', '-c'], { input: t })],
    ['logs.tar.bz2', (t: Buffer) => execFileSync('bzip2', ['-c'], { input: t })],
  ])('reads every member of %s, rotated .gz members included, and leaves the input untouched', async (name, pack) => {
    const path = join(dir, name);
    writeFileSync(path, pack(await tar([
      { name: 'var/log/auth.log', body: LOG(1, 5) },
      { name: 'var/log/auth.log.1', body: LOG(10, 4) },
      { name: 'var/log/auth.log.2.gz', body: gzipSync(LOG(20, 3)) },
    ])));
    const before = { bytes: readFileSync(path), mtime: statSync(path).mtimeMs };
    const { count, analysis } = await run([path]);
    expect(count).toBe(12);
    expect(analysis.files.filter((f) => f.format === 'syslog').map((f) => [f.path.split('!/')[1], f.events])).toEqual([
      ['var/log/auth.log', 5], ['var/log/auth.log.1', 4], ['var/log/auth.log.2.gz', 3],
    ]);
    expect(readFileSync(path).equals(before.bytes)).toBe(true);
    expect(statSync(path).mtimeMs).toBe(before.mtime);
  });
});

describe('hostile and broken archives', () => {
  let dir: string;
  const file = (name: string, content: Buffer | string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-archives-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses member names that climb out or are absolute, reads the rest, writes nothing', async () => {
    const path = file('traversal.tar', await tar([
      { name: '../../mfw-escaped.log', body: LOG(1, 2) },
      { name: '/etc/mfw-absolute.log', body: LOG(3, 2) },
      { name: 'var/log/../../../up.log', body: LOG(5, 2) },
      { name: 'var/log/auth.log', body: LOG(7, 3) },
    ]));
    const { count, warnings, analysis } = await run([path]);
    expect(count).toBe(3);
    expect(warnings).toMatch(/mfw-escaped\.log.*refused: its name climbs out of the archive/);
    expect(warnings).toMatch(/mfw-absolute\.log.*refused: its name is an absolute path/);
    expect(warnings).toMatch(/up\.log.*refused: its name climbs out/);
    expect(analysis.files.filter((f) => f.format !== 'archive').map((f) => f.path)).toEqual([`${path}!/var/log/auth.log`]);
    expect(existsSync(join(dir, '..', '..', 'mfw-escaped.log'))).toBe(false);
    expect(existsSync('/etc/mfw-absolute.log')).toBe(false);
  });

  it('never follows symbolic or hard links in an archive, and skips device files', async () => {
    const path = file('links.tar', await tar([
      { name: 'var/log/auth.log', body: LOG(1, 2) },
      { name: 'var/log/evil.log', type: 'symlink', linkname: '/etc/shadow' },
      { name: 'var/log/copy.log', type: 'link', linkname: 'var/log/auth.log' },
      { name: 'dev/sda', type: 'character-device' },
    ]));
    const { count, warnings } = await run([path]);
    expect(count).toBe(2);
    expect(warnings).toMatch(/2 symbolic or hard link\(s\) not followed \(a link is not a file\)/);
    expect(warnings).toMatch(/dev\/sda: a device member, not a file; skipped/);
  });

  it('stops a decompression bomb at the ratio limit, with a clear warning, keeping what came before', async () => {
    const bomb = execFileSync('zstd', ['-q', '-c'], { input: Buffer.alloc(64 * 1024 * 1024, 0x41) });
    const path = file('bomb.log.zst', bomb);
    const { warnings } = await run([path]);
    expect(warnings).toMatch(/bomb\.log\.zst: reading stopped: decompression stopped: expands more than 1000:1 \(--max-ratio\)/);
  });

  it('stops at the total expanded-bytes limit (configurable)', async () => {
    const path = file('big.tar.gz', gzipSync(await tar([{ name: 'a/auth.log', body: LOG(0, 20000) }, { name: 'b/auth.log', body: LOG(0, 20000) }])));
    const { warnings, count } = await run([path], { maxExpandedBytes: 2 * 1024 * 1024, maxRatio: 1000 });
    expect(warnings).toMatch(/more than 2097152 bytes expanded in this import \(--max-expanded\)/);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(40000);
  });

  it('cuts a 100 MB line in an archive, counts it, and imports the lines after it', async () => {
    const huge = Buffer.alloc(100 * 1024 * 1024, 0x78);
    const body = Buffer.concat([Buffer.from(LOG(1, 1)), huge, Buffer.from('\n'), Buffer.from(LOG(2, 2))]);
    const path = file('longline.tar.gz', gzipSync(await tar([{ name: 'var/log/auth.log', body }]), { level: 1 }));
    const { analysis } = await run([path]);
    const auth = analysis.files.find((f) => f.path.endsWith('auth.log'))!;
    expect(auth).toMatchObject({ lines: 4, events: 3, unparsed: 1 });
    expect(auth.warnings.join('\n')).toMatch(/auth\.log:2: .*(longer than|over)/);
  });

  it('keeps lines with invalid UTF-8 and NUL bytes as data', async () => {
    const body = Buffer.concat([Buffer.from(`${LINE(1)}\n`), Buffer.from('Mar  1 10:00:02 host sshd[1]: Failed password for r\xffo\x00t from 10.0.0.2 port 22 ssh2\n', 'latin1')]);
    const path = file('utf8.tar', await tar([{ name: 'var/log/auth.log', body }]));
    const { count } = await run([path]);
    expect(count).toBe(2);
  });

  it.each([
    ['tar.gz', (t: Buffer) => gzipSync(t)],
    ['tar.xz', (t: Buffer) => execFileSync('xz', ['-c', '-T1'], { input: t })],
    ['tar', (t: Buffer) => t],
  ])('keeps the members before the damage of a truncated %s, naming the damage', async (kind, pack) => {
    const members = Array.from({ length: 6 }, (_, i) => ({ name: `var/log/auth.log.${i}`, body: LOG(i * 100, 400) }));
    const whole = pack(await tar(members));
    const path = file(`truncated.${kind}`, whole.subarray(0, Math.floor(whole.length * 0.55)));
    const { count, warnings } = await run([path]);
    expect(count).toBeGreaterThanOrEqual(400);
    expect(count).toBeLessThan(2400);
    expect(warnings).toMatch(new RegExp(`truncated\\.${kind.replace('.', '\\.')}(!/var/log/auth\\.log\\.\\d)?: (reading stopped|damaged at byte \\d+)`));
  });

  it('reports a corrupt tar header with its offset and member, keeping the members before it', async () => {
    const t = await tar([{ name: 'var/log/auth.log', body: LOG(1, 3) }, { name: 'var/log/syslog', body: LOG(4, 3) }]);
    const second = 512 + Math.ceil(Buffer.byteLength(LOG(1, 3)) / 512) * 512;
    t.write('garbage!', second + 148, 'latin1');
    const path = file('corrupt.tar', t);
    const { count, warnings } = await run([path]);
    expect(count).toBe(3);
    expect(warnings).toMatch(/corrupt\.tar: damaged at byte \d+/);
  });

  it('reads an xz sos-report of real size inside an xz sos-collector (two xz streams at once)', async () => {
    const xz = (data: Buffer): Buffer => execFileSync('xz', ['-c', '-T1'], { input: data, maxBuffer: 1 << 28 });
    // Lines that do not repeat, so the inner archive is larger than the stream buffers between the two.
    const log = Array.from({ length: 200_000 }, (_, n) => `Mar  1 10:00:${String(n % 60).padStart(2, '0')} host sshd[${n}]: Failed password for root from 10.${n % 250}.${(n * 7) % 250}.${(n * 13) % 250} port ${n % 65536} ssh2\n`).join('');
    const inner = xz(await tar([{ name: 'sosreport-a/var/log/auth.log', body: log }]));
    expect(inner.length).toBeGreaterThan(256 * 1024);
    const path = file('sos-collector.tar.xz', xz(await tar([{ name: 'sos-collector/sosreport-a.tar.xz', body: inner }])));
    const { count, warnings } = await run([path]);
    expect(warnings).toBe('');
    expect(count).toBe(200_000);
  });

  it('reads a zip, and keeps the members before the damage of a zip whose directory is gone', async () => {
    const staging = join(dir, 'zipsrc');
    execFileSync('mkdir', ['-p', join(staging, 'var/log')]);
    for (const n of [1, 2, 3]) writeFileSync(join(staging, `var/log/auth.log.${n}`), LOG(n * 1000, 3000));
    execFileSync('zip', ['-q', '-r', join(dir, 'logs.zip'), 'var'], { cwd: staging });
    // Lines read, not events: the three logs repeat lines, which the fold pass would merge.
    const read = (r: Awaited<ReturnType<typeof run>>): number => r.analysis.files.reduce((n, f) => n + f.lines, 0);
    expect(read(await run([join(dir, 'logs.zip')]))).toBe(9000);
    const zip = readFileSync(join(dir, 'logs.zip'));
    const cut = file('cut.zip', zip.subarray(0, Math.floor(zip.length * 0.8)));
    const damaged = await run([cut]);
    const warnings = damaged.warnings;
    expect(read(damaged)).toBeGreaterThanOrEqual(6000);
    expect(read(damaged)).toBeLessThan(9000);
    expect(warnings).toMatch(/cut\.zip: damaged at byte 0: the zip directory cannot be read .*the members before the damage were read from their local headers/);
  });

  it('hashes and skips unknown binary members with a warning', async () => {
    const path = file('binary.tar', await tar([{ name: 'var/log/wtmp', body: Buffer.from([0, 1, 2, 3, 0, 255, 0, 7]) }, { name: 'var/log/auth.log', body: LOG(1, 1) }]));
    const { analysis, warnings } = await run([path]);
    expect(analysis.files.find((f) => f.path.endsWith('wtmp'))).toMatchObject({ format: 'binary', events: 0 });
    expect(warnings).toMatch(/wtmp: binary content of no known format/);
  });

  it('reads one archive inside another, not one more level down', async () => {
    const inner = gzipSync(await tar([{ name: 'var/log/auth.log', body: LOG(1, 2) }]));
    const middle = await tar([{ name: 'inner.tar.gz', body: inner }, { name: 'deeper.tar', body: await tar([{ name: 'x.tar.gz', body: inner }]) }]);
    const path = file('outer.tar', await tar([{ name: 'middle.tar', body: middle }]));
    const { count, warnings } = await run([path]);
    expect(count).toBe(0);
    expect(warnings).toMatch(/middle\.tar!\/inner\.tar\.gz: an archive inside an archive inside an archive; not read/);
    const one = file('one.tar', await tar([{ name: 'inner.tar.gz', body: inner }]));
    expect((await run([one])).count).toBe(2);
  });

  it.each([
    ['empty.tar', () => Buffer.alloc(1024)],
    ['empty.zip', () => Buffer.from('504b0506000000000000000000000000000000000000', 'hex')],
    ['empty.gz', () => gzipSync(Buffer.alloc(0))],
  ])('says nothing is usable in %s (exit 4) without a crash or a stack trace', (name, content) => {
    const path = file(name, content());
    const result = mfw(['analyze', path]);
    expect(result.status).toBe(4);
    expect(result.stderr).toMatch(/nothing usable/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 0 with warnings, and no stack trace, when a damaged archive still held something usable', () => {
    const result = mfw(['analyze', join(dir, 'corrupt.tar')]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/warning: .*corrupt\.tar: damaged at byte/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
