import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ARCHIVE, demoFolder, ensureDemoBundle, writeDemoBundle } from '../../../../main/engine/demo/demo-bundle.js';

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The members of a tar.gz held in `bytes`: name and content. */
async function members(bytes: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const extract = tarStream.extract();
  Readable.from([bytes]).pipe(createGunzip()).pipe(extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    out.set(entry.header.name, Buffer.concat(chunks));
  }
  return out;
}

describe('the demo bundle', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-demo-unit-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same bytes for the same seed, and other bytes for another seed', async () => {
    const a = await writeDemoBundle(join(dir, 'a'));
    const b = await writeDemoBundle(join(dir, 'b'));
    const c = await writeDemoBundle(join(dir, 'c'), 6);
    expect(sha(a.path)).toBe(sha(b.path));
    expect(sha(c.path)).not.toBe(sha(a.path));
    expect(statSync(a.path).mtime.toISOString()).toBe('2026-03-11T15:10:00.000Z');
  });

  it('is a sos-collector archive of the region\'s and the rack\'s sos-reports, with their logs and facts', async () => {
    const demo = await writeDemoBundle(join(dir, 'a'));
    expect(demo.hosts).toEqual(['maas-region', 'maas-rack']);
    const outer = await members(readFileSync(demo.path));
    const reports = [...outer.keys()].filter((n) => n.endsWith('.tar.gz'));
    expect(reports).toEqual([
      'sos-collector-maas-demo-2026-03-11-mfwdm/sosreport-maas-rack-2026-03-11-mtwzxcd.tar.gz',
      'sos-collector-maas-demo-2026-03-11-mfwdm/sosreport-maas-region-2026-03-11-qkzvbra.tar.gz',
    ]);
    const region = await members(outer.get(reports[1]!)!);
    const root = 'sosreport-maas-region-2026-03-11-qkzvbra/';
    for (const path of ['etc/timezone', 'sos_commands/systemd/timedatectl', 'var/log/kern.log', 'var/log/auth.log', 'var/snap/maas/common/log/regiond.log', 'sos_commands/maas/maas-audit-events.json', 'var/log/apache2/access.log']) {
      expect(region.has(root + path), path).toBe(true);
    }
    expect(region.get(`${root}etc/timezone`)!.toString()).toBe('America/Chicago\n');
    expect(region.get(`${root}sos_commands/date/date`)!.toString()).toBe('Wed Mar 11 10:00:00 CDT 2026\n');
    const rack = await members(outer.get(reports[0]!)!);
    expect(rack.get('sosreport-maas-rack-2026-03-11-mtwzxcd/sos_commands/date/date')!.toString()).toBe('Wed Mar 11 20:35:00 IST 2026\n');
    expect(rack.get('sosreport-maas-rack-2026-03-11-mtwzxcd/sos_commands/logs/journalctl_--no-pager_-o_export')!.toString()).toContain('_HOSTNAME=maas-rack');
  });

  it('plants the red flags of the MAAS logging guide', async () => {
    const { planted } = await writeDemoBundle(join(dir, 'a'));
    const rules = new Set(planted.map((p) => p.rule));
    for (const rule of ['firewall.port-scan', 'firewall.outbound-blocked', 'system.ssh-brute-force', 'system.ssh-success-after-failures', 'maas.failed-logins', 'web.sql-injection', 'web.not-found-scan', 'audit.credential-change']) {
      expect(rules, rule).toContain(rule);
    }
  });

  it('keeps an unchanged bundle in its temp folder, and writes it again when it was changed', async () => {
    const first = await ensureDemoBundle(dir);
    expect(first.path).toBe(join(demoFolder(dir), DEMO_ARCHIVE));
    expect(first.created).toBe(true);
    const again = await ensureDemoBundle(dir);
    expect(again.created).toBe(false);
    writeFileSync(first.path, 'tampered');
    const repaired = await ensureDemoBundle(dir);
    expect(repaired.created).toBe(true);
    expect(sha(repaired.path)).toBe(sha((await writeDemoBundle(join(dir, 'ref'))).path));
  });

  it('refuses a file where its folder should be, rather than import or delete it', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(demoFolder(dir), 'not a folder');
    await expect(ensureDemoBundle(dir)).rejects.toThrow(/is not this user's folder/);
    expect(readFileSync(demoFolder(dir), 'utf8')).toBe('not a folder');
  });
});

describe('the demo bundle asked for twice at once', () => {
  it('ends with one folder holding the demo, for both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mfw-demo-race-'));
    try {
      const [a, b] = await Promise.all([ensureDemoBundle(dir), ensureDemoBundle(dir)]);
      expect(a.path).toBe(b.path);
      expect(sha(a.path)).toBe(sha((await writeDemoBundle(join(dir, 'ref'))).path));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
