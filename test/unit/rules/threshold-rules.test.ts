import { describe, expect, it } from 'vitest';
import { at, builtinRule, findingsOf, iso, type TestEvent } from './support.js';

/** A threshold rule and how to write its i-th qualifying event at a time. */
interface Case {
  rule: string;
  min: number;
  windowS: number;
  key: Record<string, string>;
  event(i: number, ts: number): TestEvent;
}

const block = (src: string, port: number, ts: number): TestEvent => ({ ts, source: 'firewall', format: 'ufw', action: 'block', direction: 'inbound', src_ip: src, dst_ip: '10.20.0.2', src_port: 40000, dst_port: port, proto: 'tcp' });

const CASES: Case[] = [
  { rule: 'firewall.port-scan', min: 10, windowS: 300, key: { src_ip: '203.0.113.77' }, event: (i, ts) => block('203.0.113.77', 20 + i, ts) },
  { rule: 'firewall.repeated-blocks', min: 20, windowS: 600, key: { src_ip: '203.0.113.9' }, event: (_i, ts) => block('203.0.113.9', 22, ts) },
  { rule: 'firewall.repeated-blocks', min: 20, windowS: 600, key: { src_subnet: '198.51.100.0/24' }, event: (i, ts) => block(`198.51.100.${1 + (i % 7)}`, 22, ts) },
  {
    rule: 'firewall.outbound-blocked', min: 3, windowS: 600, key: { src_ip: '192.168.23.100' },
    event: (i, ts) => ({ ts, source: 'firewall', action: 'block', direction: 'outbound', src_ip: '192.168.23.100', src_port: 5240, dst_ip: '96.38.231.18', dst_port: 443 + i }),
  },
  { rule: 'web.rapid-fire', min: 200, windowS: 120, key: { src_ip: '45.33.20.20' }, event: (i, ts) => ({ ts, source: 'web', src_ip: '45.33.20.20', method: 'GET', path: `/p/${i}`, status: 200 }) },
  { rule: 'web.failed-logins', min: 5, windowS: 600, key: { src_ip: '45.33.40.40' }, event: (_i, ts) => ({ ts, source: 'web', src_ip: '45.33.40.40', method: 'POST', path: '/wp-login.php', status: 200 }) },
  { rule: 'web.failed-logins', min: 5, windowS: 600, key: { src_ip: '45.33.40.41' }, event: (_i, ts) => ({ ts, source: 'web', src_ip: '45.33.40.41', method: 'GET', path: '/private/', status: 401 }) },
  { rule: 'web.not-found-scan', min: 15, windowS: 600, key: { src_ip: '45.33.10.10' }, event: (i, ts) => ({ ts, source: 'web', src_ip: '45.33.10.10', method: 'GET', path: `/missing-${i}`, status: 404 }) },
  {
    rule: 'maas.failed-logins', min: 5, windowS: 600, key: { src_ip: '203.0.113.200' },
    event: (_i, ts) => ({ ts, source: 'maas', format: 'regiond-http', src_ip: '203.0.113.200', method: 'POST', path: '/MAAS/accounts/login/', status: 400 }),
  },
  {
    rule: 'maas.failed-logins', min: 5, windowS: 600, key: { src_ip: '10.10.0.9' },
    event: (_i, ts) => ({ ts, source: 'maas', format: 'maas-security-json', src_ip: '10.10.0.9', action: 'failure', message: 'AUTHN_login_unsuccessful' }),
  },
  {
    rule: 'system.ssh-brute-force', min: 5, windowS: 600, key: { src_ip: '192.0.2.50' },
    event: (i, ts) => ({ ts, source: 'system', format: 'sshd', program: 'sshd', action: 'failure', src_ip: '192.0.2.50', user: 'root', message: `Failed password for root from 192.0.2.50 port ${50000 + i} ssh2` }),
  },
];

/** `n` events spread evenly over `spanS` seconds from t=100 s. */
function spread(c: Case, n: number, spanS: number): TestEvent[] {
  return Array.from({ length: n }, (_, i) => c.event(i, at(100 + (n === 1 ? 0 : (i * spanS) / (n - 1)))));
}

describe.each(CASES)('$rule keyed by $key', (c) => {
  const rule = builtinRule(c.rule);

  it('stays silent one event below the minimum', async () => {
    expect(await findingsOf(rule, spread(c, c.min - 1, 1))).toEqual([]);
  });

  it('fires once at the minimum, from the first to the last event', async () => {
    const found = await findingsOf(rule, spread(c, c.min, c.windowS / 2));
    expect(found.map((f) => [f.rule, f.key, f.count, iso(f.firstTs), iso(f.lastTs)])).toEqual([[c.rule, c.key, c.min, iso(at(100)), iso(at(100 + c.windowS / 2))]]);
    expect(found[0]!.eventIds).toHaveLength(c.min);
  });

  it('fires when the events span exactly the window, not one second more', async () => {
    expect(await findingsOf(rule, spread(c, c.min, c.windowS))).toHaveLength(1);
    expect(await findingsOf(rule, spread(c, c.min, c.windowS + 1))).toEqual([]);
  });
});

describe('thresholds that must not cry wolf', () => {
  it('does not count outbound blocks of a public address (its own replies)', async () => {
    const events = [0, 10, 20].map((s) => ({ ts: at(s), source: 'firewall' as const, action: 'block', direction: 'outbound', src_ip: '203.0.113.10', dst_ip: '1.1.1.1', dst_port: 443 }));
    expect(await findingsOf(builtinRule('firewall.outbound-blocked'), events)).toEqual([]);
  });

  it('does not call many hits on one port a port scan', async () => {
    const events = Array.from({ length: 50 }, (_, i) => block('203.0.113.8', 22, at(i)));
    expect(await findingsOf(builtinRule('firewall.port-scan'), events)).toEqual([]);
  });

  it('counts one ssh attempt once, not its PAM and Invalid-user lines too', async () => {
    const events: TestEvent[] = [];
    for (let i = 0; i < 4; i++) {
      const base = { source: 'system' as const, format: 'sshd', program: 'sshd', src_ip: '192.0.2.7' };
      events.push({ ...base, ts: at(i * 10), action: 'invalid-user', message: 'Invalid user admin from 192.0.2.7 port 1' });
      events.push({ ...base, ts: at(i * 10), action: 'failure', message: 'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.7' });
      events.push({ ...base, ts: at(i * 10 + 1), action: 'failure', message: 'Failed password for invalid user admin from 192.0.2.7 port 1 ssh2' });
    }
    expect(await findingsOf(builtinRule('system.ssh-brute-force'), events)).toEqual([]);
  });

  it('does not count a MAAS login page view or a successful login as a failure', async () => {
    const events = Array.from({ length: 6 }, (_, i) => ({ ts: at(i), source: 'maas' as const, src_ip: '10.0.0.9', method: i % 2 ? 'GET' : 'POST', path: '/MAAS/accounts/login/', status: i % 2 ? 200 : 204 }));
    expect(await findingsOf(builtinRule('maas.failed-logins'), events)).toEqual([]);
  });
});
