import { describe, expect, it } from 'vitest';
import { BundleFacts, isFactFile } from '../../../../main/engine/ingest/bundle-facts.js';
import { checkMemberPath } from '../../../../main/engine/ingest/archive/member-path.js';
import { rotationOrder, type Bundle } from '../../../../main/engine/ingest/walk.js';

const bundle = (label: string, sosRoot: string | null = null): Bundle => ({ id: 1, input: label, label, sosRoot });

describe('BundleFacts', () => {
  it('prefers timedatectl over the etc/localtime link over etc/timezone, whatever order they come in', () => {
    const facts = new BundleFacts(bundle('x.tar.xz'));
    facts.absorbFile('etc/timezone', 'Europe/Paris\n');
    expect(facts.zoneFact()?.zone).toBe('Europe/Paris');
    facts.absorbLink('etc/localtime', '../usr/share/zoneinfo/Europe/Berlin');
    expect(facts.zoneFact()?.zone).toBe('Europe/Berlin');
    facts.absorbFile('sos_commands/systemd/timedatectl', '                Time zone: America/Chicago (CST, -0600)\n');
    facts.absorbFile('etc/timezone', 'Asia/Tokyo\n');
    expect(facts.zoneFact()).toEqual({ zone: 'America/Chicago', reason: "from the bundle's sos_commands/systemd/timedatectl" });
  });

  it('ignores a zone that is not one', () => {
    const facts = new BundleFacts(bundle('x'));
    facts.absorbFile('etc/timezone', 'Mars/Olympus_Mons\n');
    expect(facts.zoneFact()).toBeUndefined();
  });

  it('reads `date --utc` exactly, and `date` in the bundle zone once it is known', () => {
    const local = new BundleFacts(bundle('x'));
    local.absorbFile('sos_commands/date/date', 'Thu Mar  5 08:30:00 CST 2026\n');
    expect(local.collected()).toBeUndefined();
    local.absorbLink('etc/localtime', '/usr/share/zoneinfo/America/Chicago');
    expect(local.collected()?.ms).toBe(Date.UTC(2026, 2, 5, 14, 30));
    local.absorbFile('sos_commands/date/date_--utc', 'Thu Mar  5 14:30:07 UTC 2026\n');
    expect(local.collected()).toEqual({ ms: Date.UTC(2026, 2, 5, 14, 30, 7), source: 'sos_commands/date/date_--utc' });
  });

  it('takes the host and day from a sos-report name when nothing better is there', () => {
    const facts = new BundleFacts(bundle('/evidence/sosreport-maas-region-1-2026-03-05-qkzvbra.tar.xz'));
    expect(facts.hostnameFact()).toBe('maas-region-1');
    expect(facts.collected()?.source).toBe('the sos-report name (day only)');
    facts.absorbFile('sos_commands/host/hostname', 'region.maas.example\n');
    expect(facts.hostnameFact()).toBe('region');
    expect(facts.info('UTC').layout).toBe('sos-report');
  });

  it('tells snap from deb MAAS and reads the version', () => {
    const snap = new BundleFacts(bundle('a'));
    snap.notePath('var/snap/maas/common/log/regiond.log', 'a/var/snap/maas/common/log/regiond.log');
    snap.absorbFile('sos_commands/snap/snap_list_--all', 'Name Version Rev\nmaas  3.5.1-16381-g.0a6b2c2c1  37219  3.5/stable  canonical✓  -\n');
    expect(snap.info('UTC').maas).toEqual({ install: 'snap', version: '3.5.1-16381-g.0a6b2c2c1' });
    const deb = new BundleFacts(bundle('b'));
    deb.notePath('var/log/maas/regiond.log', 'b/var/log/maas/regiond.log');
    expect(deb.info('UTC')).toMatchObject({ layout: 'var-log', maas: { install: 'deb', version: null } });
  });

  it('imports only log folders of a sos-report, everything of other bundles', () => {
    const sos = new BundleFacts(bundle('s', 'sosreport-h-2026-03-05-abc'));
    expect(sos.isLogCandidate('var/log/syslog', false)).toBe(true);
    expect(sos.isLogCandidate('etc/ssh/sshd_config', false)).toBe(false);
    expect(sos.isLogCandidate('proc/cpuinfo', true)).toBe(false);
    expect(sos.isLogCandidate('sos_commands/logs/journalctl_--no-pager', false)).toBe(true);
    const plain = new BundleFacts(bundle('logs'));
    expect(plain.isLogCandidate('notes.txt', false)).toBe(true);
    expect(isFactFile('etc/timezone')).toBe(true);
  });
});

describe('checkMemberPath', () => {
  it.each([
    ['var/log/syslog', 'var/log/syslog'],
    ['./var//log/./syslog', 'var/log/syslog'],
    ['win\\dows\\auth.log', 'win/dows/auth.log'],
  ])('keeps %s as %s', (name, path) => {
    expect(checkMemberPath(name)).toEqual({ ok: true, path });
  });

  it.each(['../etc/passwd', 'a/../../b', '/etc/shadow', 'C:/Windows/x', 'a\0b', './'])('refuses %j', (name) => {
    expect(checkMemberPath(name).ok).toBe(false);
  });
});

describe('rotationOrder', () => {
  it('puts rotated siblings oldest first, numerically', () => {
    expect(rotationOrder(['syslog', 'syslog.1', 'syslog.10.gz', 'syslog.2.gz', 'auth.log', 'auth.log.1', 'kern.log'])).toEqual([
      'auth.log.1', 'auth.log', 'kern.log', 'syslog.10.gz', 'syslog.2.gz', 'syslog.1', 'syslog',
    ]);
  });
});
