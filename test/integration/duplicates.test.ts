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

const BLOCK = '[UFW BLOCK] IN=eth0 OUT= MAC=a6:8d:e2:51:62:4c:f0:4b:3a:4f:80:30:08:00 SRC=77.72.85.26 DST=157.230.26.180 LEN=40 TOS=0x00 PREC=0x00 TTL=251 ID=62215 PROTO=TCP SPT=42772 DPT=3194 WINDOW=1024 RES=0x00 SYN URGP=0 ';
const AUDIT = '[UFW AUDIT] IN= OUT=eth1 SRC=192.168.1.34 DST=192.168.1.1 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=38728 DF PROTO=UDP SPT=37385 DPT=53 LEN=40 ';
const SSHD = 'Failed password for root from 234.19.184.6 port 42258 ssh2';
const kernel = (stamp: string, uptime: string, message: string): string => `Feb  6 ${stamp} maas-rg01 kernel: [${uptime}] ${message}`;

/** journalctl -o export: µs times, the kernel MESSAGE without its uptime stamp. */
function exportRecord(utc: string, fields: Record<string, string>): string {
  const [whole, fraction = '0'] = utc.split('.');
  const us = BigInt(Date.parse(`${whole}Z`)) * 1000n + BigInt(fraction.padEnd(6, '0'));
  const lines = [`__REALTIME_TIMESTAMP=${us}`, '__MONOTONIC_TIMESTAMP=1', '_HOSTNAME=maas-rg01', ...Object.entries(fields).map(([k, v]) => `${k}=${v}`)];
  return lines.join('\n') + '\n';
}

describe.runIf(existsSync(cli))('one event in several files of a bundle', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-dup-'));
    const bundle = join(dir, 'var-log');
    mkdirSync(bundle);
    const write = (name: string, lines: string[]) => writeFileSync(join(bundle, name), lines.join('\n') + '\n');
    const block = kernel('16:27:08', '71910.873115', BLOCK);
    const audit = kernel('16:27:09', '71911.001000', AUDIT);
    // rsyslog: kern.* to kern.log and syslog, 20-ufw.conf copies [UFW lines to ufw.log
    write('kern.log', [block, audit, audit]);
    write('syslog', [block, `Feb  6 16:27:10 maas-rg01 sshd[2487]: ${SSHD}`, audit, audit]);
    write('ufw.log', [block, audit]);
    write('auth.log', [`Feb  6 16:27:10 maas-rg01 sshd[2487]: ${SSHD}`]);
    writeFileSync(join(bundle, 'journal.export'), [
      exportRecord('2026-02-06T16:27:08.873115', { _TRANSPORT: 'kernel', SYSLOG_IDENTIFIER: 'kernel', PRIORITY: '4', MESSAGE: BLOCK.trimEnd() }),
      exportRecord('2026-02-06T16:27:10.204311', { _TRANSPORT: 'syslog', SYSLOG_IDENTIFIER: 'sshd', SYSLOG_PID: '2487', PRIORITY: '6', MESSAGE: SSHD }),
    ].join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts it once, and says per file how many of its events were copies', () => {
    const run = mfw(['analyze', join(dir, 'var-log'), '--tz', 'UTC', '--year', '2026', '--json', '-']);
    expect(run.code, run.stderr).toBe(0);
    const analysis = JSON.parse(run.stdout) as Analysis;
    // BLOCK ×1 (5 files), AUDIT ×2 (twice in kern.log and syslog, once in ufw.log), sshd ×1 (3 files)
    expect(analysis.events).toMatchObject({ total: 4, bySource: { firewall: 3, system: 1 } });
    const folded = Object.fromEntries(analysis.files.map((f) => [f.path.split('/').pop()!, [f.events, f.folded]]));
    // the journal's µs times win; else the first imported file keeps the event
    expect(folded).toEqual({ 'journal.export': [2, 0], 'auth.log': [1, 1], 'kern.log': [3, 1], syslog: [4, 4], 'ufw.log': [2, 2] });
    for (const f of analysis.files) expect(f.lines).toBe(f.events + f.continuation + f.ignored + f.unparsed);
  });

  it('keeps every file and line a folded event was seen at', () => {
    const run = mfw(['query', join(dir, 'var-log'), '--tz', 'UTC', '--year', '2026', '--format', 'json',
      `SELECT e.format, f.path, c.line FROM events e JOIN event_copies c ON c.event_id = e.id JOIN files f ON f.id = c.file_id
       WHERE e.action = 'block' ORDER BY f.path`]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { format: 'ufw', path: 'var-log/kern.log', line: 1 },
      { format: 'ufw', path: 'var-log/syslog', line: 1 },
      { format: 'ufw', path: 'var-log/ufw.log', line: 1 },
    ]);
  });
});
