import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../main/engine/rules/load.js';
import { parseSigmaCondition } from '../../../main/engine/rules/sigma-condition.js';
import { at, findingsOf, iso, type TestEvent } from './support.js';

const SIGMA = join(import.meta.dirname, '../../fixtures/sigma');
const file = (name: string): string => join(SIGMA, name);

const sshFailure = (ip: string, s: number): TestEvent => ({
  ts: at(s), source: 'system', format: 'sshd', program: 'sshd', action: 'failure', src_ip: ip, user: 'root', message: `Failed password for root from ${ip} port 4242 ssh2`,
});

describe('Sigma condition parser', () => {
  it('binds not tighter than and, and tighter than or', () => {
    expect(parseSigmaCondition('a or b and not c')).toEqual({ op: 'or', args: [{ op: 'ref', name: 'a' }, { op: 'and', args: [{ op: 'ref', name: 'b' }, { op: 'not', arg: { op: 'ref', name: 'c' } }] }] });
  });

  it('reads quantifiers and parentheses', () => {
    expect(parseSigmaCondition('(1 of sel_*) and not all of filter*')).toEqual({
      op: 'and', args: [{ op: 'of', quantifier: 'one', pattern: 'sel_*' }, { op: 'not', arg: { op: 'of', quantifier: 'all', pattern: 'filter*' } }],
    });
  });

  it.each(['selection | count() by src_ip > 5', 'a and', '(a or b', '2 of sel*'])('refuses "%s"', (text) => {
    expect(() => parseSigmaCondition(text)).toThrow();
  });
});

describe('a Sigma rule for Linux sshd', () => {
  const { rules, refused } = loadRuleSet({ builtin: false, paths: [file('lnx_sshd_password_failure.yml')] });

  it('imports as a match rule with its level and title', () => {
    expect(refused).toEqual([]);
    expect(rules.map((r) => [r.meta.id, r.meta.kind, r.meta.severity, r.meta.origin, r.meta.title])).toEqual([
      ['sigma.lnx_sshd_password_failure', 'match', 'low', 'sigma', 'SSH Password Authentication Failure'],
    ]);
  });

  it('fires on failed passwords, not on other sshd lines, nor from the excluded network', async () => {
    const found = await findingsOf(rules, [
      sshFailure('192.0.2.50', 0),
      { ...sshFailure('192.0.2.51', 1), message: 'Accepted password for root from 192.0.2.51 port 1 ssh2', action: 'success' },
      sshFailure('10.20.0.101', 2),
      { ...sshFailure('192.0.2.52', 3), program: 'cron' },
    ]);
    expect(found.map((f) => [f.key, f.count])).toEqual([[{ src_ip: '192.0.2.50' }, 1]]);
  });
});

describe('a Sigma 2 event_count correlation over it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mfw-sigma-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of ['lnx_sshd_password_failure.yml', 'lnx_sshd_brute_force_correlation.yml']) copyFileSync(file(name), join(dir, name));
  const { rules, refused } = loadRuleSet({ builtin: false, paths: [dir] });

  it('becomes a threshold, and the rule it names no longer fires alone', () => {
    expect(refused).toEqual([]);
    expect(rules.map((r) => [r.meta.id, r.meta.kind, r.meta.severity])).toEqual([['sigma.9d0e6a43-1c55-4e0b-8f0e-5b7f1d2a6c02', 'threshold', 'high']]);
  });

  it('fires at 5 failures within 10 minutes from one address, not at 4', async () => {
    const five = [0, 60, 120, 180, 600].map((s) => sshFailure('192.0.2.50', s));
    const found = await findingsOf(rules, five);
    expect(found.map((f) => [f.key, f.count, iso(f.firstTs), iso(f.lastTs)])).toEqual([[{ src_ip: '192.0.2.50' }, 5, iso(at(0)), iso(at(600))]]);
    expect(await findingsOf(rules, five.slice(0, 4))).toEqual([]);
    expect(await findingsOf(rules, [0, 60, 120, 180, 601].map((s) => sshFailure('192.0.2.50', s)))).toEqual([]);
  });

  it('supports value_count and temporal correlations', async () => {
    writeFileSync(join(dir, 'more.yml'), [
      'title: Many users tried', 'id: many-users', 'level: medium',
      'correlation:', '  type: value_count', '  rules: [lnx_sshd_password_failure]', '  group-by: [src_ip]', '  timespan: 5m', '  field: User', '  condition: { gte: 3 }',
      '---',
      'title: Scanner then failure', 'id: scan-then-fail', 'level: high',
      'correlation:', '  type: temporal_ordered', '  rules: [web-scanner, lnx_sshd_password_failure]', '  group-by: [src_ip]', '  timespan: 1h',
      '---',
      'title: Web scanner', 'name: web-scanner', 'id: 0e5b8a1c-0000-4000-8000-000000000007',
      'logsource: { category: webserver }', 'detection:', '  sel:', '    c-useragent|contains: nikto', '  condition: sel',
    ].join('\n'));
    const set = loadRuleSet({ builtin: false, paths: [dir] });
    expect(set.refused).toEqual([]);
    const users = ['root', 'admin', 'oracle'].map((user, i) => ({ ...sshFailure('192.0.2.60', i), user }));
    const scan: TestEvent = { ts: at(-60), source: 'web', src_ip: '192.0.2.60', path: '/', status: 404, user_agent: 'Mozilla/5.0 (compatible; Nikto/2.5.0)' };
    const found = await findingsOf(set.rules, [scan, ...users]);
    // Three failures: too few for the event_count correlation, enough users for value_count.
    expect(found.map((f) => f.rule).sort()).toEqual(['sigma.many-users', 'sigma.scan-then-fail']);
  });
});

describe('a Sigma web server rule', () => {
  it('maps SigmaHQ web fields and "all of selection_*"', async () => {
    const { rules } = loadRuleSet({ builtin: false, paths: [file('web_scanner_user_agents.yml')] });
    const hit: TestEvent = { ts: at(0), source: 'web', src_ip: '45.33.10.10', path: '/admin', status: 404, user_agent: 'Mozilla/5.00 (Nikto/2.1.6)' };
    const found = await findingsOf(rules, [hit, { ...hit, ts: at(1), src_ip: '45.33.10.11', status: 200 }, { ...hit, ts: at(2), src_ip: '45.33.10.12', user_agent: 'curl/8.5' }]);
    expect(found.map((f) => f.key)).toEqual([{ src_ip: '45.33.10.10' }]);
  });
});

describe('Sigma rules mfw cannot run', () => {
  it.each([
    ['win_unsupported_logsource.yml', /log source .*windows.* is not one mfw reads/],
    ['lnx_unsupported_modifier.yml', /modifier "base64offset" .* is not supported/],
  ])('%s is refused with the reason, and not run', (name, reason) => {
    const { rules, refused } = loadRuleSet({ builtin: false, paths: [file(name)] });
    expect(rules).toEqual([]);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.file).toBe(file(name));
    expect(refused[0]!.reason).toMatch(reason);
  });

  it('refuses a correlation whose rule was refused, and a condition it cannot count', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mfw-sigma-'));
    try {
      writeFileSync(join(dir, 'c.yml'), [
        'title: Rare', 'id: rare', 'correlation:', '  type: event_count', '  rules: [lnx_sshd_password_failure]', '  group-by: [src_ip]', '  timespan: 1h', '  condition: { lt: 2 }',
        '---', 'title: Orphan', 'id: orphan', 'correlation:', '  type: event_count', '  rules: [nothing-by-that-name]', '  group-by: [src_ip]', '  timespan: 1h', '  condition: { gte: 2 }',
      ].join('\n'));
      const { refused } = loadRuleSet({ builtin: false, paths: [dir] });
      expect(refused.map((r) => r.reason)).toEqual([
        expect.stringMatching(/only "gte" or "gt"/),
        expect.stringMatching(/names rules that were not loaded or were refused: nothing-by-that-name/),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
