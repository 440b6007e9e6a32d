import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../main/engine/analyze.js';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import { loadRuleSet } from '../../main/engine/rules/load.js';
import { openStore, type Store } from '../../main/engine/store/store.js';
import type { Analysis, AnalysisFinding } from '../../shared/types/analysis.js';
import { ATTACK_TZ, generateAttackSet, type AttackSet } from '../fixtures/attacks.js';

const cli = join(import.meta.dirname, '../../dist/main/hosts/cli/mfw.js');

function mfw(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TZ: 'UTC', MFW_RULES_DIR: '/nonexistent', ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const idOf = (rule: string, key: Record<string, string>): string => `${rule} ${JSON.stringify(key)}`;

describe('detection on a two-host incident with decoys', () => {
  let dir: string;
  let set: AttackSet;
  let store: Store;
  let findings: AnalysisFinding[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-attacks-'));
    set = generateAttackSet(dir);
    store = await openStore({ inThread: true });
    const { analysis } = await analyze({ inputs: set.hosts, registry: loadRegistry(), store, time: { tz: ATTACK_TZ, year: 2026 }, rules: loadRuleSet().rules });
    findings = analysis.findings;
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds every planted attack with its key and first and last UTC time', () => {
    for (const p of set.planted) {
      const found = findings.filter((f) => idOf(f.rule, f.key) === idOf(p.rule, p.key) && (!p.severity || f.severity === p.severity));
      expect(found, idOf(p.rule, p.key)).toHaveLength(1);
      expect({ first: found[0]!.first, last: found[0]!.last }, idOf(p.rule, p.key)).toEqual({ first: p.first, last: p.last });
    }
  });

  it('raises nothing else: no finding on the crawler, the health check, the typos or the admin browsing', () => {
    const planted = new Set(set.planted.map((p) => `${idOf(p.rule, p.key)} ${p.severity ?? ''}`));
    const extra = findings.filter((f) => !planted.has(`${idOf(f.rule, f.key)} ${f.severity}`) && !planted.has(`${idOf(f.rule, f.key)} `));
    expect(extra).toEqual([]);
    for (const f of findings) for (const value of Object.values(f.key)) if (f.rule !== 'audit.settings-change') expect(set.decoys, f.summary).not.toContain(value);
  });

  it('covers every built-in rule', () => {
    const rules = new Set(findings.map((f) => f.rule));
    for (const rule of loadRuleSet().rules) expect(rules, rule.meta.id).toContain(rule.meta.id);
  });

  it('stores each finding with links to every event that raised it', async () => {
    const rows = await store.query(`SELECT f.rule, f.key, f.count, count(fe.event_id), min(e.ts) = f.first_ts, max(e.ts) = f.last_ts
      FROM findings f JOIN finding_events fe ON fe.finding_id = f.id JOIN events e ON e.id = fe.event_id GROUP BY f.id`);
    expect(rows.rows).toHaveLength(findings.length);
    for (const [rule, key, count, linked, firstOk, lastOk] of rows.rows) expect([rule, key, linked, firstOk, lastOk]).toEqual([rule, key, count, 1, 1]);
  });

  it('finds the same when candidates are fetched in small chunks', async () => {
    const { runRules, toAnalysisFinding } = await import('../../main/engine/rules/run.js');
    const chunked = await runRules(store, loadRuleSet().rules, { fetchChunk: 7 });
    expect(chunked.findings.map(toAnalysisFinding)).toEqual(findings);
  });

  it('replaces the findings when the rules run again, never adding to them', async () => {
    const { runRules, saveFindings } = await import('../../main/engine/rules/run.js');
    const only = loadRuleSet().rules.filter((r) => r.meta.id === 'firewall.port-scan');
    await saveFindings(store, (await runRules(store, only)).findings);
    const rows = await store.query('SELECT rule, count(*) FROM findings GROUP BY rule');
    expect(rows.rows).toEqual([['firewall.port-scan', 1]]);
    const links = await store.query('SELECT count(*) FROM finding_events');
    expect(links.rows[0]![0]).toBe(40);
  });

  describe.runIf(existsSync(cli))('through the CLI', () => {
    it('writes the findings to --json and exits 3 with --fail-on critical', () => {
      const run = mfw(['analyze', ...set.hosts, '--tz', ATTACK_TZ, '--year', '2026', '--json', '-', '--fail-on', 'critical']);
      expect(run.code, run.stderr).toBe(3);
      const analysis = JSON.parse(run.stdout) as Analysis;
      expect(analysis.findings.map((f) => idOf(f.rule, f.key)).sort()).toEqual(findings.map((f) => idOf(f.rule, f.key)).sort());
      expect(run.stderr).toMatch(/critical\s+system\.ssh-success-after-failures/);
    });

    it('imports Sigma rules given with --rules, runs them on the log lines and says which it refused', () => {
      const sigma = join(import.meta.dirname, '../fixtures/sigma');
      const run = mfw(['analyze', ...set.hosts, '--tz', ATTACK_TZ, '--year', '2026', '--json', '-', '--no-builtin-rules', '--rules', sigma]);
      expect(run.code, run.stderr).toBe(0);
      const analysis = JSON.parse(run.stdout) as Analysis;
      const brute = analysis.findings.filter((f) => f.title === 'SSH Password Brute Force');
      expect(brute.map((f) => [f.key.src_ip, f.count]).sort()).toEqual([['192.0.2.50', 8], ['192.0.2.99', 6]]);
      expect(analysis.findings.some((f) => f.rule === 'sigma.lnx_sshd_password_failure')).toBe(false);
      expect(analysis.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/win_unsupported_logsource\.yml:\d+: rule .* not loaded: log source/)]));
      expect(run.stderr).toMatch(/lnx_unsupported_modifier\.yml:\d+: rule .* not loaded: modifier "base64offset"/);
    });

    it('lists every rule with its kind, severity and file, and tests one on log files like fail2ban-regex', () => {
      const list = mfw(['rules', 'list']);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(/^system\.ssh-brute-force\s+threshold\s+high\s+builtin\s+\S+system\.ssh-brute-force\.yaml\s+SSH brute force$/m);
      expect(list.stdout.trim().split('\n')).toHaveLength(2 + 15);

      const auth = join(set.hosts[0]!, 'var/log/auth.log');
      const test = mfw(['rules', 'test', 'system.ssh-brute-force', auth, '--tz', ATTACK_TZ, '--year', '2026']);
      expect(test.code, test.stderr).toBe(0);
      expect(test.stdout).toContain('10 matched its conditions, 8 in findings, 2 matched but below its threshold');
      expect(test.stdout).toMatch(/high\s+\{"src_ip":"192\.0\.2\.50"\}\s+8\s+2026-03-10T12:20:00Z/);
      expect(test.stdout).toMatch(/auth\.log:\d+: Mar 10 07:20:00 maas-region sshd\[3000\]: Failed password for root from 192\.0\.2\.50/);
      expect(test.stdout).toMatch(/matched but not in a finding:\n.*Failed password for alice/);
      expect(mfw(['rules', 'test', 'no.such-rule', auth]).code).toBe(2);
    });

    it("loads the user's rules folder, where a rule with a built-in id retunes it", () => {
      const folder = join(dir, 'user-rules');
      mkdirSync(folder);
      writeFileSync(join(folder, 'web.rapid-fire.yaml'), [
        'id: web.rapid-fire', 'kind: threshold', 'title: Rapid-fire, tuned for this site', 'severity: low', 'description: a stricter bar',
        'where: { source: web }', 'group_by: [src_ip]', 'min: 20', 'window: 10m',
      ].join('\n'));
      const run = mfw(['analyze', ...set.hosts, '--tz', ATTACK_TZ, '--year', '2026', '--json', '-'], { MFW_RULES_DIR: folder });
      expect(run.code, run.stderr).toBe(0);
      const rapid = (JSON.parse(run.stdout) as Analysis).findings.filter((f) => f.rule === 'web.rapid-fire');
      expect(rapid.every((f) => f.severity === 'low' && f.title === 'Rapid-fire, tuned for this site')).toBe(true);
      expect(rapid.map((f) => f.key.src_ip)).toContain('10.20.0.100'); // the admin's page loads, now over the bar
    });

    it('runs the rules for a query that reads the findings, and links them to their evidence', () => {
      const sql = `SELECT f.rule, e.line, e.src_ip FROM findings f JOIN finding_events fe ON fe.finding_id = f.id JOIN events e ON e.id = fe.event_id
        WHERE f.rule = 'system.ssh-success-after-failures' ORDER BY e.ts, e.id`;
      const run = mfw(['query', join(set.hosts[0]!, 'var/log/auth.log'), '--tz', ATTACK_TZ, '--year', '2026', '--format', 'json', sql]);
      expect(run.code, run.stderr).toBe(0);
      const rows = JSON.parse(run.stdout) as { rule: string; line: number; src_ip: string }[];
      expect(rows).toHaveLength(9);
      expect(new Set(rows.map((r) => r.src_ip))).toEqual(new Set(['192.0.2.50']));
    });

    it('runs no rule with --no-builtin-rules, and only a user rule given with --rules', () => {
      const rule = join(dir, 'my-rule.yaml');
      writeFileSync(rule, [
        'id: local.crawler', 'kind: threshold', 'title: Googlebot', 'severity: low', 'description: counts the crawler',
        'where: { user_agent: { contains: googlebot } }', 'group_by: [src_ip]', 'min: 100', 'window: 1h',
      ].join('\n'));
      const run = mfw(['analyze', ...set.hosts, '--tz', ATTACK_TZ, '--year', '2026', '--json', '-', '--no-builtin-rules', '--rules', rule, '--fail-on', 'medium']);
      expect(run.code, run.stderr).toBe(0);
      const analysis = JSON.parse(run.stdout) as Analysis;
      expect(analysis.findings.map((f) => [f.rule, f.key])).toEqual([['local.crawler', { src_ip: '66.249.66.1' }]]);
    });
  });
});
