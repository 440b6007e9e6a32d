import { describe, expect, it } from 'vitest';
import { at, builtinRule, findingsOf, iso, type TestEvent } from './support.js';

interface Case {
  rule: string;
  ip: string;
  failure(ts: number): TestEvent;
  success(ts: number): TestEvent;
}

const ssh = (ip: string, action: string, message: string, ts: number): TestEvent => ({ ts, source: 'system', format: 'sshd', program: 'sshd', action, src_ip: ip, user: 'root', message });
const regiond = (ip: string, status: number, ts: number): TestEvent => ({ ts, source: 'maas', format: 'regiond-http', program: 'regiond', src_ip: ip, method: 'POST', path: '/MAAS/accounts/login/', status });

const CASES: Case[] = [
  {
    rule: 'system.ssh-success-after-failures', ip: '192.0.2.50',
    failure: (ts) => ssh('192.0.2.50', 'failure', 'Failed password for root from 192.0.2.50 port 1 ssh2', ts),
    success: (ts) => ssh('192.0.2.50', 'success', 'Accepted password for root from 192.0.2.50 port 1 ssh2', ts),
  },
  { rule: 'maas.success-after-failures', ip: '203.0.113.200', failure: (ts) => regiond('203.0.113.200', 400, ts), success: (ts) => regiond('203.0.113.200', 204, ts) },
];

const MIN_FIRST = 5;
const WINDOW_S = 900;

describe.each(CASES)('$rule', (c) => {
  const rule = builtinRule(c.rule);
  const failures = (n: number, fromS: number, stepS: number): TestEvent[] => Array.from({ length: n }, (_, i) => c.failure(at(fromS + i * stepS)));

  it('stays silent for a user who mistypes a few times, then gets in', async () => {
    expect(await findingsOf(rule, [...failures(MIN_FIRST - 1, 0, 5), c.success(at(60))])).toEqual([]);
  });

  it('fires when the success follows enough failures, spanning first failure to success', async () => {
    const found = await findingsOf(rule, [...failures(MIN_FIRST, 0, 5), c.success(at(60))]);
    expect(found.map((f) => [f.key, f.count, iso(f.firstTs), iso(f.lastTs), f.severity])).toEqual([[{ src_ip: c.ip }, MIN_FIRST + 1, iso(at(0)), iso(at(60)), 'critical']]);
  });

  it('needs the failures within the window before the success', async () => {
    expect(await findingsOf(rule, [...failures(MIN_FIRST, 0, 1), c.success(at(WINDOW_S))])).toHaveLength(1);
    expect(await findingsOf(rule, [...failures(MIN_FIRST, 0, 1), c.success(at(WINDOW_S + 1))])).toEqual([]);
  });

  it('does not fire on failures that come after the success', async () => {
    expect(await findingsOf(rule, [c.success(at(0)), ...failures(MIN_FIRST + 2, 5, 5)])).toEqual([]);
  });

  it('does not mix addresses', async () => {
    const other = { ...c.success(at(60)), src_ip: '198.51.100.1' };
    expect(await findingsOf(rule, [...failures(MIN_FIRST, 0, 5), other])).toEqual([]);
  });

  it('reports two logins on the same failures once', async () => {
    expect(await findingsOf(rule, [...failures(MIN_FIRST, 0, 5), c.success(at(60)), c.success(at(70))])).toHaveLength(1);
  });
});
