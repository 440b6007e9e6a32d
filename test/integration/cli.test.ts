import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis, AnalysisFile } from '../../shared/types/analysis.js';

/** The built CLI, exactly as `npx mfw` runs it (npm test builds before it tests). */
const cli = join(import.meta.dirname, '../../dist/main/hosts/cli/mfw.js');

function mfw(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Tokyo', ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

// Evidence written in America/Chicago local time (CST, UTC-6, on 6 February).
const KERN = [
  'Feb  6 16:27:08 maas-region kernel: [71910.873115] [UFW BLOCK] IN=eth0 OUT= MAC=a6:8d:e2:51:62:4c:f0:4b:3a:4f:80:30:08:00 SRC=77.72.85.26 DST=157.230.26.180 LEN=40 TOS=0x00 PREC=0x00 TTL=251 ID=62215 PROTO=TCP SPT=42772 DPT=3194 WINDOW=1024 RES=0x00 SYN URGP=0 ',
  'Feb  6 16:27:09 maas-region kernel: [71911.001000] [UFW BLOCK] IN=eth0 OUT= MAC=a6:8d:e2:51:62:4c:f0:4b:3a:4f:80:30:08:00 SRC=77.72.85.26 DST=157.230.26.180 LEN=40 TOS=0x00 PREC=0x00 TTL=251 ID=62216 PROTO=TCP SPT=42773 DPT=31337 WINDOW=1024 RES=0x00 SYN URGP=0 ',
  'Feb  6 16:28:00 maas-region kernel: [71962.000100] [UFW BLOCK] IN= OUT=eth0 SRC=10.0.0.5 DST=96.38.231.18 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=100 DF PROTO=TCP SPT=5240 DPT=6667 WINDOW=64240 RES=0x00 SYN URGP=0 ',
];
const AUTH = [
  'Feb  6 16:30:01 maas-region sshd[2487]: Failed password for root from 234.19.184.6 port 42258 ssh2',
  'Feb  6 16:30:05 maas-region sshd[2487]: Failed password for root from 234.19.184.6 port 42258 ssh2',
  '%%% this is not a log line %%%',
  'Feb  6 16:30:09 maas-region sshd[2487]: Accepted password for root from 234.19.184.6 port 42258 ssh2',
  '\u0000\u0001binary junk\u00ff',
  'Feb  6 16:30:10 maas-region sudo:     root : TTY=pts/0 ; PWD=/root ; USER=root ; COMMAND=/usr/bin/id',
];
const ACCESS = [
  '10.0.0.77 - - [06/Feb/2026:16:31:00 -0600] "GET /MAAS/ HTTP/1.1" 200 2326 "-" "Mozilla/5.0"',
  '10.0.0.77 - - [06/Feb/2026:16:31:02 -0600] "GET /index.php?id=1%27%20OR%201=1 HTTP/1.1" 404 209 "-" "sqlmap/1.7"',
];
const REGIOND = [
  '2026-02-06 16:32:00 regiond: [info] 10.0.0.9 POST /MAAS/accounts/login/ HTTP/1.1 --> 400 BAD_REQUEST (referrer: http://10.0.0.2:5240/MAAS/r/; agent: Mozilla/5.0 (X11; Linux x86_64))',
  '2026-02-06 16:32:05 maasserver: [error] Traceback (most recent call last):',
  '  File "/usr/lib/python3/dist-packages/django/core/handlers/base.py", line 181, in _get_response',
  '    response = wrapped_callback(request, *callback_args, **callback_kwargs)',
  'AssertionError: Status for scriptresult 5462 is not running or pending (2)',
  '2026-02-06 16:33:00 regiond: [info] 10.0.0.9 POST /MAAS/accounts/login/ HTTP/1.1 --> 204 NO_CONTENT (referrer: -; agent: -)',
];

describe.runIf(existsSync(cli))('mfw CLI', () => {
  let dir: string;
  let files: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-cli-'));
    const write = (name: string, lines: string[]) => {
      writeFileSync(join(dir, name), lines.join('\n') + '\n');
      return join(dir, name);
    };
    files = [write('kern.log', KERN), write('auth.log', AUTH), write('access.log', ACCESS), write('regiond.log', REGIOND)];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('analyzes files into per-file counts, sources and UTC times', () => {
    const run = mfw(['analyze', ...files, '--tz', 'America/Chicago', '--year', '2026', '--json', '-']);
    expect(run.code, run.stderr).toBe(0);
    const analysis = JSON.parse(run.stdout) as Analysis;
    expect(analysis.schema).toBe('mfw.analysis/1');
    const byName: Record<string, AnalysisFile> = Object.fromEntries(analysis.files.map((f) => [f.path.split('/').pop()!, f]));
    expect(byName['kern.log']).toMatchObject({ source: 'firewall', lines: 3, events: 3, unparsed: 0, first: '2026-02-06T22:27:08Z', last: '2026-02-06T22:28:00Z' });
    expect(byName['auth.log']).toMatchObject({ source: 'system', lines: 6, events: 4, unparsed: 2, first: '2026-02-06T22:30:01Z', last: '2026-02-06T22:30:10Z' });
    expect(byName['access.log']).toMatchObject({ source: 'web', lines: 2, events: 2, unparsed: 0, first: '2026-02-06T22:31:00Z', last: '2026-02-06T22:31:02Z' });
    expect(byName['regiond.log']).toMatchObject({ source: 'maas', lines: 6, events: 3, continuation: 3, unparsed: 0, first: '2026-02-06T22:32:00Z', last: '2026-02-06T22:33:00Z' });
    expect(analysis.events).toEqual({
      total: 14,
      bySource: { firewall: 3, system: 6, web: 2, maas: 3 },
      first: '2026-02-06T22:27:08Z',
      last: '2026-02-06T22:33:00Z',
    });
    for (const f of analysis.files) {
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(f.lines).toBe(f.events + f.continuation + f.ignored + f.unparsed);
    }
  });

  it('reports junk lines in the middle as unparsed with their line numbers', () => {
    const run = mfw(['analyze', files[1]!, '--tz', 'UTC', '--year', '2026', '--json', '-']);
    const auth = (JSON.parse(run.stdout) as Analysis).files[0]!;
    expect(auth.unparsed).toBe(2);
    expect(auth.warnings.join('\n')).toMatch(/auth\.log:3: .*kept as unparsed/);
    expect(auth.warnings.join('\n')).toMatch(/auth\.log:5: .*kept as unparsed/);
    expect(run.stderr).toMatch(/auth\.log:3:/);
    const kept = mfw(['query', files[1]!, '--tz', 'UTC', '--year', '2026', '--format', 'json', "SELECT line, raw FROM events WHERE format = 'unparsed' ORDER BY line"]);
    expect(JSON.parse(kept.stdout)).toEqual([{ line: 3, raw: AUTH[2] }, { line: 5, raw: AUTH[4] }]);
  });

  it('adds each event\'s raw line, read again from the evidence, with --raw-lines', () => {
    const run = mfw(['query', files[1]!, '--tz', 'UTC', '--year', '2026', '--format', 'json', '--raw-lines', 'SELECT id, line FROM events ORDER BY line LIMIT 3']);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { line: number; raw_line: string }[]).map((r) => [r.line, r.raw_line])).toEqual([1, 2, 3].map((n) => [n, AUTH[n - 1]]));
    const noId = mfw(['query', files[1]!, '--tz', 'UTC', '--year', '2026', '--raw-lines', 'SELECT line FROM events']);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toMatch(/--raw-lines needs the events' id/);
  });

  it('answers SQL that agrees with the analysis', () => {
    const run = mfw(['query', ...files, '--tz', 'America/Chicago', '--year', '2026', '--format', 'json', 'SELECT source, count(*) AS n FROM events GROUP BY 1 ORDER BY 1']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { source: 'firewall', n: 3 },
      { source: 'maas', n: 3 },
      { source: 'system', n: 6 },
      { source: 'web', n: 2 },
    ]);
  });

  it('prints query results as a table and as CSV', () => {
    const sql = "SELECT src_ip, dst_port, action, direction FROM events WHERE source = 'firewall' ORDER BY ts";
    const table = mfw(['query', files[0]!, '--tz', 'UTC', '--year', '2026', sql]);
    expect(table.stdout.split('\n')[0]).toMatch(/^src_ip\s+dst_port\s+action\s+direction$/);
    expect(table.stdout).toMatch(/77\.72\.85\.26\s+31337\s+block\s+inbound/);
    const csv = mfw(['query', files[0]!, '--tz', 'UTC', '--year', '2026', '--format', 'csv', sql]);
    expect(csv.stdout.split('\r\n').slice(0, 4)).toEqual(['src_ip,dst_port,action,direction', '77.72.85.26,3194,block,inbound', '77.72.85.26,31337,block,inbound', '10.0.0.5,6667,block,outbound']);
  });

  it('uses the machine zone when no --tz is given, and says so', () => {
    const run = mfw(['analyze', files[0]!, '--year', '2026', '--json', '-'], { TZ: 'Asia/Tokyo' });
    expect((JSON.parse(run.stdout) as Analysis).files[0]!.first).toBe('2026-02-06T07:27:08Z');
    expect(run.stderr).toMatch(/no --tz given.*Asia\/Tokyo/);
  });

  it('exits 2 with help on a usage error', () => {
    for (const args of [['analyse', 'x'], ['analyze'], ['analyze', files[0]!, '--tz', 'Mars/Olympus'], ['analyze', files[0]!, '--year', '26'], ['query', files[0]!]]) {
      const run = mfw(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
  });

  it('exits 4 when nothing in the input is usable, naming what it skipped', () => {
    const junk = join(dir, 'notes.txt');
    writeFileSync(junk, 'shopping list\nmilk\n');
    const run = mfw(['analyze', junk, join(dir, 'missing.log'), '--tz', 'UTC']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/missing\.log: cannot be read/);
    expect(run.stderr).toMatch(/notes\.txt: no known format/);
  });

  const realLogs = join(import.meta.dirname, '../../../shared/real-logs');
  it.runIf(existsSync(realLogs))('names the right format for a real log of each kind', () => {
    const expected: Record<string, string> = {
      'firewall/ufw-mail-vps.log': 'syslog',
      'firewall/psad-rfc3339-offset.log': 'syslog',
      'maas/maasdocs-funzebra-regiond.log': 'maas-service-log',
      'maas/maasdocs-funzebra-maas.log': 'syslog',
      'system/audit-enriched.log': 'auditd',
      'system/auth-ubuntu-focal-compute4.log': 'syslog',
      'web/apache-access-webshell.log': 'web-access',
      'web/nginx-access-shop-0330.log': 'web-access',
      'web/apache-error-2005.log': 'apache-error',
      'web/fail2ban-nginx-http-auth.log': 'nginx-error',
      'journal/journald-imx6ul.json': 'journal-json',
      'journal/journalctl-no-pager-compute4.txt': 'syslog',
    };
    for (const [file, format] of Object.entries(expected)) {
      const run = mfw(['formats', '--detect', join(realLogs, file)]);
      expect(run.stdout.split('\n')[0], file).toBe(`${join(realLogs, file)}: ${format}`);
    }
  });

  it('lists formats and detects the format of a file', () => {
    const list = mfw(['formats']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ufw\s+message\s+firewall/m);
    const detect = mfw(['formats', '--detect', files[3]!]);
    expect(detect.stdout.split('\n')[0]).toBe(`${files[3]}: maas-service-log`);
  });
});
