import { describe, expect, it } from 'vitest';
import { at, builtinRule, findingsOf, type TestEvent } from './support.js';

const web = (target: string, extra: Partial<TestEvent> = {}): TestEvent => {
  const [path, query] = target.split(/\?(.*)/s);
  return { ts: at(0), source: 'web', src_ip: '45.33.10.10', method: 'GET', path: path!, query: query ?? null, status: 200, ...extra };
};

async function fires(ruleId: string, event: TestEvent): Promise<boolean> {
  return (await findingsOf(builtinRule(ruleId), [event])).length > 0;
}

describe('web.sql-injection', () => {
  it.each([
    '/products.php?id=1%27%20OR%201=1--',
    '/products.php?id=1+UNION+ALL+SELECT+username,password+FROM+users',
    '/item?id=1%2527%2520or%25201%253D1', // double-encoded
    '/search?q=%27%3B%20DROP%20TABLE%20users%3B--%20',
    '/p?id=1%20AND%20SLEEP(5)',
    '/p?id=-1+union+select+table_name+from+information_schema.tables',
  ])('fires on %s', async (target) => {
    expect(await fires('web.sql-injection', web(target))).toBe(true);
  });

  it.each([
    '/search?q=union+station+selection',
    '/blog/how-to-select-a-union-rep',
    "/search?q=o'reilly+books",
    '/MAAS/api/2.0/machines/?op=list_allocated',
    '/docs/sleep-mode',
  ])('stays silent on %s', async (target) => {
    expect(await fires('web.sql-injection', web(target))).toBe(false);
  });

  it("fires on sqlmap's user agent", async () => {
    expect(await fires('web.sql-injection', web('/index.php?id=1', { user_agent: 'sqlmap/1.7.2#stable (https://sqlmap.org)' }))).toBe(true);
  });

  it('makes one finding of one client\'s attempts less than an hour apart, two when further apart', async () => {
    const rule = builtinRule('web.sql-injection');
    const a = web('/p?id=1%20union%20select%201');
    expect(await findingsOf(rule, [a, { ...a, ts: at(3600) }])).toHaveLength(1);
    expect(await findingsOf(rule, [a, { ...a, ts: at(3601) }])).toHaveLength(2);
  });
});

describe('web.web-shell', () => {
  it.each([
    '/wp-content/uploads/2026/03/thumb.php?cmd=id',
    '/uploads/x.php',
    '/c99.php',
    '/images/shell.phtml',
    '/index.php?exec=cat+/etc/passwd',
  ])('fires on %s', async (target) => {
    expect(await fires('web.web-shell', web(target))).toBe(true);
  });

  it.each(['/index.php?page=contact', '/wp-content/uploads/2026/03/photo.jpg', '/cmd-line-tips.html', '/MAAS/r/machines'])('stays silent on %s', async (target) => {
    expect(await fires('web.web-shell', web(target))).toBe(false);
  });

  it('rates a probe answered 404 medium and a shell that answered critical', async () => {
    const rule = builtinRule('web.web-shell');
    const found = await findingsOf(rule, [web('/c99.php', { status: 404 }), web('/c99.php', { ts: at(10), src_ip: '45.33.30.30' })]);
    expect(found.map((f) => [f.key.src_ip, f.severity])).toEqual([['45.33.30.30', 'critical'], ['45.33.10.10', 'medium']]);
  });
});

describe('firewall.hacker-tool-port', () => {
  const packet = (dst_port: number, src_port = 40000): TestEvent => ({ ts: at(0), source: 'firewall', action: 'block', direction: 'inbound', src_ip: '198.18.5.5', dst_ip: '10.20.0.2', src_port, dst_port });

  it.each([31337, 12345, 12346, 27374, 6660, 6667, 6669, 4444])('fires on port %i', async (port) => {
    expect(await fires('firewall.hacker-tool-port', packet(port))).toBe(true);
  });

  it.each([22, 80, 443, 5240, 6659, 6670, 8080])('stays silent on port %i', async (port) => {
    expect(await fires('firewall.hacker-tool-port', packet(port))).toBe(false);
  });

  it("stays silent on a server's reply to a client port that happens to be in the table", async () => {
    expect(await fires('firewall.hacker-tool-port', packet(12345, 443))).toBe(false);
  });

  it('keys the finding by source and port', async () => {
    const found = await findingsOf(builtinRule('firewall.hacker-tool-port'), [packet(31337), packet(4444)]);
    expect(found.map((f) => f.key).sort((a, b) => a.dst_port!.localeCompare(b.dst_port!))).toEqual([{ src_ip: '198.18.5.5', dst_port: '31337' }, { src_ip: '198.18.5.5', dst_port: '4444' }]);
  });
});

describe('MAAS audit events, classified by description', () => {
  const audit = (message: string): TestEvent => ({ ts: at(0), source: 'audit', format: 'maas-events', user: 'mallory', level: 'audit', message });
  const rules = () => [builtinRule('audit.credential-change'), builtinRule('audit.settings-change')];

  it.each([
    ['Created token.', 'audit.credential-change', 'high'],
    ['Deleted token.', 'audit.credential-change', 'high'],
    ['Imported SSH keys.', 'audit.credential-change', 'high'],
    ['Deleted SSH key id=4.', 'audit.credential-change', 'high'],
    ['Created SSH key.', 'audit.credential-change', 'high'],
    ['Created SSL key.', 'audit.credential-change', 'high'],
    ["Updated configuration setting 'upstream_dns' to '8.8.8.8'.", 'audit.settings-change', 'medium'],
    ["Saved script 'fio'.", 'audit.settings-change', 'medium'],
    ["Reverted script 'fio' to revision '3'.", 'audit.settings-change', 'medium'],
    ["Deleted DHCP snippet 'pxe'.", 'audit.settings-change', 'medium'],
    ["Deleted package repository 'ppa'.", 'audit.settings-change', 'medium'],
    ["Added tag 'x' to script 'fio'.", 'audit.settings-change', 'medium'],
    ["Tag 'gpu' created.", 'audit.settings-change', 'low'],
    ['Created bcache.', 'audit.settings-change', 'low'],
  ])('%s is %s at %s', async (message, rule, severity) => {
    const found = await findingsOf(rules(), [audit(message)]);
    expect(found.map((f) => [f.rule, f.severity, f.key])).toEqual([[rule, severity, { user: 'mallory' }]]);
  });

  it.each(['Logged in admin.', "Started deploying 'valued-moth'.", "Acquired 'valued-moth'.", 'Logged out user.'])('%s is no finding', async (message) => {
    expect(await findingsOf(rules(), [audit(message)])).toEqual([]);
  });
});
