import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../shared/types/analysis.js';

const cli = join(import.meta.dirname, '../../dist/main/hosts/cli/mfw.js');

function mfw(args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function journalJson(utc: string, message: string): string {
  const us = String(Date.parse(utc) * 1000);
  return JSON.stringify({ __REALTIME_TIMESTAMP: us, _HOSTNAME: 'maas-01', SYSLOG_IDENTIFIER: 'sshd', _PID: '812', PRIORITY: '6', _TRANSPORT: 'syslog', MESSAGE: message });
}

describe.runIf(existsSync(cli))('the coverage map of a bundle with only auth.log and a short journal', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-coverage-'));
    const bundle = join(dir, 'bundle');
    mkdirSync(join(bundle, 'var/log'), { recursive: true });
    writeFileSync(join(bundle, 'var/log/auth.log'), [
      'Mar  1 08:00:00 maas-01 sshd[700]: Accepted publickey for ubuntu from 10.0.0.5 port 50000 ssh2',
      'Mar  4 12:00:00 maas-01 sshd[701]: Failed password for root from 203.0.113.9 port 40000 ssh2',
      'Mar  5 11:30:00 maas-01 sshd[702]: Failed password for root from 203.0.113.9 port 40001 ssh2',
    ].join('\n') + '\n');
    writeFileSync(join(bundle, 'journal.json'), [
      journalJson('2024-03-05T10:00:00Z', 'Server listening on 0.0.0.0 port 22.'),
      journalJson('2024-03-05T11:30:00Z', 'Failed password for root from 203.0.113.9 port 40001 ssh2'),
      journalJson('2024-03-05T12:00:00Z', 'Server listening on :: port 22.'),
    ].join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists per host the families present, their span and files, and what is missing', () => {
    const run = mfw(['analyze', join(dir, 'bundle'), '--tz', 'UTC', '--year', '2024', '--json', '-']);
    expect(run.code, run.stderr).toBe(0);
    const coverage = (JSON.parse(run.stdout) as Analysis).bundle.coverage;
    expect(coverage).toEqual([{
      host: 'maas-01',
      // the failed password at 11:30 is in both files: one event
      events: 5,
      first: '2024-03-01T08:00:00Z',
      last: '2024-03-05T12:00:00Z',
      sources: [{ source: 'system', events: 5, first: '2024-03-01T08:00:00Z', last: '2024-03-05T12:00:00Z', files: ['bundle/journal.json', 'bundle/var/log/auth.log'] }],
      missing: [
        'no UFW/firewall logs at all',
        'no web server logs at all',
        'no MAAS logs at all',
        'no audit logs at all',
        'no rotated logs for auth.log (only the current file)',
        'journal covers 2024-03-05T10:00Z..2024-03-05T12:00Z, shorter than the files (2024-03-01T08:00Z..2024-03-05T11:30Z)',
      ],
    }]);
  });

  it('prints it in the human summary', () => {
    const run = mfw(['analyze', join(dir, 'bundle'), '--tz', 'UTC', '--year', '2024']);
    expect(run.stdout).toMatch(/coverage per host:\n {2}maas-01: 5 events\n {4}system 5 \(2024-03-01T08:00Z\.\.2024-03-05T12:00Z, 2 files\)\n {4}missing: no UFW\/firewall logs at all;/);
  });
});
