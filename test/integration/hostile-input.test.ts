import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../main/engine/analyze.js';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import { openStore } from '../../main/engine/store/store.js';

const LINE = (n: number) => `Mar  1 10:00:${String(n).padStart(2, '0')} host sshd[1]: Failed password for root from 10.0.0.${n} port 22 ssh2`;

async function run(inputs: string[]) {
  const store = await openStore({ inThread: true });
  try {
    const result = await analyze({ inputs, registry: loadRegistry(), store, time: { tz: 'UTC', year: 2026 } });
    const count = (await store.query('SELECT count(*) FROM events')).rows[0]![0];
    return { ...result, count: Number(count) };
  } finally {
    await store.close();
  }
}

describe('hostile and damaged input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads gzip-rotated logs and hashes the file as stored', async () => {
    const path = join(dir, 'auth.log.2.gz');
    writeFileSync(path, gzipSync([LINE(1), LINE(2)].join('\n') + '\n'));
    const { analysis } = await run([path]);
    expect(analysis.files[0]).toMatchObject({ format: 'syslog', lines: 2, events: 2, unparsed: 0 });
    expect(analysis.inputs[0]!.sha256).toBe(analysis.files[0]!.sha256);
  });

  it('keeps what a truncated gzip held before the damage and says so', async () => {
    const path = join(dir, 'auth.log.3.gz');
    const whole = gzipSync(Array.from({ length: 50 }, (_, i) => LINE(i % 60)).join('\n') + '\n');
    writeFileSync(path, whole.subarray(0, whole.length - 12));
    const { analysis } = await run([path]);
    const file = analysis.files[0]!;
    expect(file.warnings.join('\n')).toMatch(/auth\.log\.3\.gz: reading stopped: .*what was read before is kept/);
    expect(file.lines).toBe(file.events + file.continuation + file.ignored + file.unparsed);
    expect(file.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
  });

  it('cuts a line of several MiB, keeps its start as unparsed and goes on', async () => {
    const path = join(dir, 'syslog');
    writeFileSync(path, `${LINE(1)}\n${'A'.repeat(3 * 1024 * 1024)}\n${LINE(3)}\n`);
    const { analysis, count } = await run([path]);
    expect(analysis.files[0]).toMatchObject({ lines: 3, events: 2, unparsed: 1 });
    expect(analysis.files[0]!.warnings.join('\n')).toMatch(/syslog:2: line longer than 1 MiB; its first 64 KiB are kept/);
    expect(count).toBe(3);
  });

  it('records a binary file with its hash but imports nothing from it', async () => {
    const path = join(dir, 'wtmp');
    writeFileSync(path, Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 7, 8, 0, 0]));
    const { analysis, usableEvents } = await run([path]);
    expect(analysis.files[0]).toMatchObject({ format: 'binary', events: 0 });
    expect(analysis.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(analysis.warnings.join('\n')).toMatch(/wtmp: binary content/);
    expect(usableEvents).toBe(0);
  });

  it('does not follow symbolic links inside an evidence folder', async () => {
    const evidence = join(dir, 'evidence');
    rmSync(evidence, { recursive: true, force: true });
    writeFileSync(join(dir, 'outside.log'), `${LINE(9)}\n`);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(evidence);
    writeFileSync(join(evidence, 'auth.log'), `${LINE(1)}\n`);
    symlinkSync(join(dir, 'outside.log'), join(evidence, 'link.log'));
    const { analysis } = await run([evidence]);
    expect(analysis.files.map((f) => f.path)).toEqual(['evidence/auth.log']);
    expect(analysis.warnings.join('\n')).toMatch(/1 symbolic or hard link\(s\) not followed \(a link is not a file\): evidence\/link\.log/);
    expect(analysis.inputs[0]).toMatchObject({ path: evidence, bytes: LINE(1).length + 1 });
  });
});
