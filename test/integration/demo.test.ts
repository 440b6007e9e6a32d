import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ARCHIVE, demoFolder, writeDemoBundle, type DemoBundle } from '../../main/engine/demo/demo-bundle.js';
import type { Analysis } from '../../shared/types/analysis.js';

const cli = join(import.meta.dirname, '../../dist/main/hosts/cli/mfw.js');
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const idOf = (rule: string, key: Record<string, string>): string => `${rule} ${JSON.stringify(key)}`;

describe('mfw analyze --demo', () => {
  let dir: string;
  let temp: string;
  let expected: DemoBundle;
  /** The CLI with its temp folder in this test's folder, in a zone that is neither of the demo's. */
  const mfw = (args: string[]) => {
    const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, cwd: dir, env: { ...process.env, TZ: 'Asia/Tokyo', TMPDIR: temp, MFW_RULES_DIR: '/nonexistent' } });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-demo-cli-'));
    temp = join(dir, 'tmp');
    expected = await writeDemoBundle(join(dir, 'expected'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the demo into the temp folder, says where, and finds every planted attack', () => {
    const run = mfw(['analyze', '--demo', '--json', '-']);
    expect(run.code, run.stderr).toBe(0);
    const path = join(demoFolder(temp), DEMO_ARCHIVE);
    expect(run.stderr).toContain(`mfw: demo case written to ${path}`);
    expect(sha(path)).toBe(sha(expected.path));
    const analysis = JSON.parse(run.stdout) as Analysis;
    expect(analysis.bundle.hosts.map((h) => [h.hostname, h.timezone, h.layout]).sort()).toEqual([['maas-rack', 'Asia/Kolkata', 'sos-report'], ['maas-region', 'America/Chicago', 'sos-report']]);
    for (const p of expected.planted) {
      const found = analysis.findings.filter((f) => idOf(f.rule, f.key) === idOf(p.rule, p.key) && (!p.severity || f.severity === p.severity));
      expect(found, idOf(p.rule, p.key)).toHaveLength(1);
      expect({ first: found[0]!.first, last: found[0]!.last }, idOf(p.rule, p.key)).toEqual({ first: p.first, last: p.last });
    }
    expect(analysis.findings).toHaveLength(expected.planted.length);
  });

  it('saves a session whose raw lines still read after the temp folder was cleaned and the demo written again', () => {
    expect(mfw(['analyze', '--demo', '--quiet', '--session', 'demo.mfw']).stderr).toContain('found unchanged at');
    rmSync(demoFolder(temp), { recursive: true, force: true });
    expect(mfw(['analyze', '--demo', '--quiet']).stderr).toContain('written to');
    const query = mfw(['query', 'demo.mfw', "SELECT id FROM events WHERE message = 'Accepted password for root from 192.0.2.50 port 50010 ssh2'", '--raw-lines', '--format', 'json']);
    expect(query.code, query.stderr).toBe(0);
    const rows = JSON.parse(query.stdout) as { raw_line: string }[];
    expect(rows.map((r) => r.raw_line)).toEqual(['Mar 10 07:20:26 maas-region sshd[3010]: Accepted password for root from 192.0.2.50 port 50010 ssh2']);
  });

  it('is a usage error with inputs of its own', () => {
    const run = mfw(['analyze', '--demo', 'auth.log']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--demo analyzes the demo case alone, not with auth.log');
  });

  it('still needs inputs without --demo', () => {
    const run = mfw(['analyze']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('analyze needs log files or folders, or --demo');
  });
});
