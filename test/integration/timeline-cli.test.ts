import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGapLogs, type GapLogs } from '../fixtures/gap-logs.js';

const cli = join(import.meta.dirname, '../../dist/main/hosts/cli/mfw.js');

function mfw(args: string[]) {
  // A zone far from UTC: the counts and times must not move with it.
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Pacific/Auckland' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.runIf(existsSync(cli))('mfw timeline', () => {
  let dir: string;
  let logs: GapLogs;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-timeline-cli-'));
    logs = generateGapLogs(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the counts per hour in UTC, by source, the planted silence as empty bins', () => {
    const run = mfw(['timeline', logs.archive, '--bin', '1h', '--from', '2026-03-07T10:00:00Z', '--to', '2026-03-07T16:00:00Z', '--format', 'csv', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\r\n')).toEqual([
      'bin,firewall,web,maas,system,audit,total',
      '2026-03-07T10:00:00Z,0,0,0,60,0,60',
      '2026-03-07T11:00:00Z,0,0,0,60,0,60',
      '2026-03-07T12:00:00Z,0,0,1,0,0,1',
      '2026-03-07T13:00:00Z,0,0,0,0,0,0',
      '2026-03-07T14:00:00Z,0,0,0,60,0,60',
      '2026-03-07T15:00:00Z,0,0,0,60,0,60',
      '',
    ]);
  });

  it('lists the gaps, with why, as JSON', () => {
    const run = mfw(['timeline', logs.archive, '--gaps', '--format', 'json', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const gaps = JSON.parse(run.stdout) as { from: string; to: string; kind: string; host: string; explanation: string }[];
    expect(gaps.map((g) => [g.kind, g.host, g.from, g.to])).toEqual([
      ['rotation-hole', 'gap-host', '2026-03-07T01:59:01Z', '2026-03-07T06:00:01Z'],
      ['silence', 'gap-host', '2026-03-07T12:00:00Z', '2026-03-07T14:00:00Z'],
    ]);
    expect(gaps[1]!.explanation).toMatch(/usually at most 1 min apart/);
  });

  it('refuses a bin it cannot read and a time without its zone (exit 2)', () => {
    expect(mfw(['timeline', logs.archive, '--bin', '7x']).code).toBe(2);
    const noZone = mfw(['timeline', logs.archive, '--from', '2026-03-07T10:00:00']);
    expect(noZone.code).toBe(2);
    expect(noZone.stderr).toMatch(/give the zone too/);
    expect(mfw(['timeline', logs.archive, '--bin', '1s', '--from', '2026-03-05T00:00:00Z', '--to', '2026-03-07T00:00:00Z']).stderr).toMatch(/172800 bins of 1 s: more than 100000; take wider bins/);
  });
});
