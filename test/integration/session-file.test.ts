import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../shared/types/analysis.js';

const dist = join(import.meta.dirname, '../../dist');
const cli = join(dist, 'main/hosts/cli/mfw.js');

function mfw(args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const AUTH = Array.from({ length: 8 }, (_, i) => `Feb  6 16:30:0${i} maas-region sshd[2487]: Failed password for root from 203.0.113.9 port 4225${i} ssh2`);

/**
 * A child that saves a session of `events` rows to `path` over and over, saying "saving" before
 * each save and "saved" after: killed in the middle of one, it shows what a crash leaves.
 */
const SAVER = `
const { openStore } = await import(${JSON.stringify(join(dist, 'main/engine/store/store.js'))});
const [path, events, marker] = process.argv.slice(1);
const store = await openStore({ inThread: true });
await store.query("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + Number(events) + ") INSERT INTO events (ts, seq, source, format, message) SELECT i * 1000, i, 'system', 'syslog', printf('%0200d', i) FROM n");
for (let round = 1; ; round++) {
  await store.setMeta('round', marker + round);
  process.stdout.write('saving ' + round + '\\n');
  await store.saveTo(path);
  process.stdout.write('saved ' + round + '\\n');
}
`;

describe.runIf(existsSync(cli))('session files from the CLI', () => {
  let dir: string;
  let auth: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-session-cli-'));
    auth = join(dir, 'auth.log');
    writeFileSync(auth, AUTH.join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('saves what analyze imported and found with --session; query and timeline read it without the evidence', () => {
    const session = join(dir, 'case.mfw');
    const analyzed = mfw(['analyze', auth, '--year', '2026', '--tz', 'UTC', '--session', session, '--json', '-']);
    expect(analyzed.code, analyzed.stderr).toBe(0);
    expect(analyzed.stderr).toMatch(/session saved to .*case\.mfw/);
    const analysis = JSON.parse(analyzed.stdout) as Analysis;
    rmSync(auth);

    const findings = mfw(['query', session, '--format', 'json', 'SELECT rule, count FROM findings ORDER BY rule']);
    expect(findings.code, findings.stderr).toBe(0);
    expect(JSON.parse(findings.stdout)).toEqual(analysis.findings.map((f) => ({ rule: f.rule, count: f.count })).sort((a, b) => a.rule.localeCompare(b.rule)));
    expect(analysis.findings.map((f) => f.rule)).toContain('system.ssh-brute-force');

    const timeline = mfw(['timeline', session, '--bin', '1h', '--format', 'csv']);
    expect(timeline.code, timeline.stderr).toBe(0);
    expect(timeline.stdout.split('\r\n')[1]).toMatch(/^2026-02-06T16:30:00Z,[0,]*8[0,]*,8$/);

    const mixed = mfw(['query', session, join(dir, 'other.log'), 'SELECT 1']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/a session file \(\.mfw\) is opened alone/);
    const badName = mfw(['analyze', join(dir, 'missing.log'), '--session', join(dir, 'case.db')]);
    expect(badName.stderr).toMatch(/case\.db: a session file's name ends in \.mfw/);
  });

  it('verifies a session: its case log\'s chain and the evidence still on disk, exit 5 when either was altered', async () => {
    const log = join(dir, 'verify-auth.log');
    writeFileSync(log, AUTH.join('\n') + '\n');
    const session = join(dir, 'verify.mfw');
    expect(mfw(['analyze', log, '--year', '2026', '--tz', 'UTC', '--session', session, '--quiet']).code).toBe(0);

    const ok = mfw(['verify', session]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^case log: 2 entries, chain intact, head [0-9a-f]{64}$/m);
    expect(ok.stdout).toMatch(/evidence: 1 files verified, 0 changed, 0 not checked/);
    const actions = JSON.parse(mfw(['query', session, '--format', 'json', 'SELECT action FROM case_log ORDER BY seq']).stdout) as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual(['import', 'session.save']);

    // The evidence changed after the import.
    writeFileSync(log, AUTH.join('\n') + '\nFeb  6 16:31:00 maas-region sshd[1]: forged\n');
    const changed = mfw(['verify', session]);
    expect(changed.code).toBe(5);
    expect(changed.stdout).toMatch(/verify-auth\.log\s+changed\s+.*bytes/);
    rmSync(log);
    const gone = mfw(['verify', session]);
    expect(gone.code).toBe(0);
    expect(gone.stdout).toMatch(/0 files verified, 0 changed, 1 not checked/);

    // An entry of the log rewritten in the file, as any SQLite tool could.
    const SQL = await initSqlJs();
    const db = new SQL.Database(readFileSync(session));
    db.run("UPDATE case_log SET detail = replace(detail, 'verify.mfw', 'other.mfw') WHERE action = 'session.save'");
    writeFileSync(session, db.export());
    db.close();
    const broken = mfw(['verify', session]);
    expect(broken.code).toBe(5);
    expect(broken.stdout).toMatch(/^case log: BROKEN at entry 2 of 2: its hash does not match its content/m);
  });

  /** Starts the saver and kills it `delayMs` after it began its second save. */
  async function killWhileSaving(path: string, delayMs: number): Promise<void> {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SAVER, path, '300000', 'r'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`the saver ended early (${code}): ${out}`)));
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (!/saving 2\n/.test(out)) return;
        child.stdout.removeAllListeners('data');
        setTimeout(() => {
          child.removeAllListeners('exit');
          child.on('exit', () => resolve());
          child.kill('SIGKILL');
        }, delayMs);
      });
    });
  }

  it('never leaves a damaged session when the process is killed while saving', async () => {
    const path = join(dir, 'crash.mfw');
    // A save of this store takes ~0.7 s: copying the pages, then writing them out.
    for (const delayMs of [100, 350, 600]) {
      await killWhileSaving(path, delayMs);
      const round = mfw(['query', path, '--format', 'json', "SELECT value FROM meta WHERE key = 'round'"]);
      expect(round.code, round.stderr).toBe(0);
      // Either save is whole; never a mix or a cut file.
      expect(['r1', 'r2', 'r3']).toContain((JSON.parse(round.stdout) as { value: string }[])[0]!.value);
      const count = mfw(['query', path, '--format', 'json', 'SELECT count(*) AS n FROM events']);
      expect(JSON.parse(count.stdout)).toEqual([{ n: 300000 }]);
    }
    // What a killed save wrote is a temp file beside the session, never the session itself.
    const others = readdirSync(dir).filter((name) => name.includes('crash.mfw') && name !== 'crash.mfw');
    expect(others.every((name) => name.endsWith('.partial'))).toBe(true);
  }, 90_000);
});
