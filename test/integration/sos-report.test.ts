import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../shared/types/analysis.js';
import { analyze } from '../../main/engine/analyze.js';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import { loadRuleSet } from '../../main/engine/rules/load.js';
import { openStore, type Store } from '../../main/engine/store/store.js';
import { generateSosCollection, type SosCollection, type SosHost } from '../fixtures/sos-report.js';

const cli = fileURLToPath(new URL('../../bin/mfw.js', import.meta.url));

/** Imports with no --tz and no --year: zones and years must come from the bundles. */
async function importBundles(inputs: string[]): Promise<{ analysis: Analysis; store: Store }> {
  const store = await openStore({ inThread: true });
  const { analysis } = await analyze({ inputs, registry: loadRegistry(), store, time: {}, rules: loadRuleSet().rules });
  return { analysis, store };
}

function memberPath(analysis: Analysis, host: SosHost, path: string): string {
  const found = analysis.files.find((f) => f.path.endsWith(`${host.root}/${path}`));
  if (!found) throw new Error(`no file ${path} of ${host.hostname}`);
  return found.path;
}

async function eventAt(store: Store, analysis: Analysis, host: SosHost, path: string, line: number): Promise<{ ts: string; host: string }> {
  const result = await store.query(
    'SELECT strftime(\'%Y-%m-%dT%H:%M:%SZ\', e.ts / 1000, \'unixepoch\'), e.host FROM events e JOIN files f ON f.id = e.file_id WHERE f.path = ? AND e.line = ?',
    [memberPath(analysis, host, path), line],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no event at ${path}:${line}`);
  return { ts: String(row[0]), host: String(row[1]) };
}

describe('a sos-collector archive of two controllers\' sos-reports (tar.xz in tar.xz)', () => {
  let dir: string;
  let sos: SosCollection;
  let analysis: Analysis;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-sos-'));
    sos = generateSosCollection(dir);
    ({ analysis, store } = await importBundles([sos.collection]));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds both hosts with the name, zone, collection time and MAAS kind their bundles state', () => {
    const hosts = [...analysis.bundle.hosts].sort((a, b) => (a.hostname ?? '').localeCompare(b.hostname ?? ''));
    const expected = [...sos.hosts].sort((a, b) => a.hostname.localeCompare(b.hostname));
    expect(hosts.map((h) => ({ hostname: h.hostname, layout: h.layout, timezone: h.timezone, timezoneSource: h.timezoneSource, collected: h.collected, maas: h.maas }))).toEqual(
      expected.map((h) => ({ hostname: h.hostname, layout: 'sos-report', timezone: h.zone, timezoneSource: h.zoneSource, collected: h.collectedUtc, maas: { install: h.maasInstall, version: h.maasVersion } })),
    );
  });

  it('reads each host\'s zone-less stamps in its own zone, and every event carries its host', async () => {
    for (const host of sos.hosts) {
      const planted = host.duplicatedUfw[0] ?? host.hostless;
      expect(await eventAt(store, analysis, host, planted.path, planted.line)).toEqual({ ts: planted.utc, host: host.hostname });
      // regiond and rackd lines name no host: the bundle's name is given to them.
      expect(await eventAt(store, analysis, host, host.hostless.path, host.hostless.line)).toEqual({ ts: host.hostless.utc, host: host.hostname });
    }
    const unnamed = await store.query("SELECT count(*) FROM events WHERE host IS NULL OR host = ''");
    expect(unnamed.rows[0]![0]).toBe(0);
  });

  it('takes the year from the collection time, rolling a December stamp back a year', async () => {
    const host = sos.hosts.find((h) => h.newYear)!;
    expect((await eventAt(store, analysis, host, host.newYear!.path, host.newYear!.line)).ts).toBe(host.newYear!.utc);
  });

  it('reads rotated .gz members inside the archive and orders nothing away', () => {
    const region = sos.hosts[0]!;
    for (const path of Object.values(region.logs).flat()) expect(analysis.files.find((f) => f.path.endsWith(`${region.root}/${path}`))?.events).toBeGreaterThan(0);
  });

  it('folds the UFW line seen in kern.log, syslog and ufw.log into one event, keeping where each copy was', async () => {
    const region = sos.hosts[0]!;
    const [kept, ...copies] = region.duplicatedUfw;
    const found = await store.query(
      "SELECT count(*) FROM events WHERE source = 'firewall' AND host = ? AND ts = ? AND dst_port = 23",
      [region.hostname, Date.parse(kept!.utc)],
    );
    expect(found.rows[0]![0]).toBe(1);
    const where = await store.query(
      `SELECT f.path, c.line FROM event_copies c JOIN files f ON f.id = c.file_id
       JOIN events e ON e.id = c.event_id WHERE e.dst_port = 23 ORDER BY f.path`,
    );
    const seen = where.rows.map(([path, line]) => [String(path).split(`${region.root}/`)[1], line]);
    expect(seen).toHaveLength(copies.length);
    const all = [...seen, [analysis.files.find((f) => f.folded === 0 && f.path.endsWith('kern.log'))?.path.split(`${region.root}/`)[1], 1]];
    for (const planted of region.duplicatedUfw) expect(all).toContainEqual([planted.path, planted.line]);
    expect(analysis.events.bySource.firewall).toBe(2);
  });

  it('maps what each host\'s logs cover and what is missing', () => {
    const coverage = new Map(analysis.bundle.coverage.map((c) => [c.host, c]));
    const region = coverage.get('maas-region-1')!;
    expect(region.sources.map((s) => s.source)).toEqual(['firewall', 'maas', 'system']);
    const rack = coverage.get('maas-rack-2')!;
    expect(rack.sources.map((s) => s.source)).toEqual(['maas', 'system']);
    expect(rack.missing.join('\n')).toMatch(/no UFW\/firewall logs at all/);
    expect(rack.missing.join('\n')).toMatch(/syslog is truncated \(\.tailed\)/);
    expect(rack.first).toBe('2026-03-05T14:10:02Z');
  });

  it('flags the file sos-report truncated (.tailed) and still imports its lines', () => {
    const rack = sos.hosts[1]!;
    const tailed = analysis.files.find((f) => f.path.endsWith(rack.tailed[0]!))!;
    expect(tailed.events).toBe(5);
    expect(tailed.warnings.join('\n')).toMatch(/truncated by sos-report \(\.tailed\)/);
    expect(analysis.bundle.hosts.find((h) => h.hostname === rack.hostname)!.tailed).toEqual([tailed.path]);
  });

  it('hashes every member and both archives, nested one included, as stored', () => {
    const archives = analysis.files.filter((f) => f.format === 'archive');
    expect(archives).toHaveLength(3);
    for (const f of analysis.files) expect(f.sha256, f.path).toMatch(/^[0-9a-f]{64}$/);
    expect(analysis.inputs[0]!.sha256).toBe(archives.find((f) => f.path === sos.collection)!.sha256);
    const sha = spawnSync('sha256sum', [sos.collection], { encoding: 'utf8' }).stdout.split(' ')[0];
    expect(analysis.inputs[0]!.sha256).toBe(sha);
  });

  it('lists configuration and command output as evidence without importing it', () => {
    const cpuinfo = analysis.files.find((f) => f.path.endsWith('/proc/cpuinfo'))!;
    expect(cpuinfo).toMatchObject({ format: 'not-a-log', events: 0 });
  });

  it('gives the same hosts and times for the two sos-reports given side by side', async () => {
    const side = await importBundles(sos.reports);
    try {
      expect(side.analysis.events.total).toBe(analysis.events.total);
      expect(side.analysis.bundle.hosts.map((h) => h.hostname).sort()).toEqual(['maas-rack-2', 'maas-region-1']);
    } finally {
      await side.store.close();
    }
  });

  it('lets --tz override the bundle\'s zone', async () => {
    const run = spawnSync(process.execPath, [cli, 'analyze', sos.reports[1]!, '--tz', 'UTC', '--json', '-', '--quiet'], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Tokyo' } });
    const result = JSON.parse(run.stdout) as Analysis;
    expect(result.bundle.hosts[0]).toMatchObject({ timezone: 'UTC', timezoneSource: '--tz' });
    const auth = result.files.find((f) => f.path.endsWith('/var/log/auth.log'))!;
    expect(auth.first).toBe('2026-03-05T08:14:02Z');
  });

  it('finds the planted ssh brute force, at its UTC times, with every failure as evidence', async () => {
    const planted = sos.hosts[0]!.bruteForce!;
    const finding = analysis.findings.find((f) => f.rule === 'system.ssh-brute-force');
    expect(finding).toMatchObject({ key: { src_ip: planted.srcIp }, count: 6, first: planted.first, last: planted.last });
    const evidence = await store.query(
      "SELECT count(*) FROM finding_events fe JOIN findings f ON f.id = fe.finding_id WHERE f.rule = 'system.ssh-brute-force'",
    );
    expect(evidence.rows[0]![0]).toBe(6);
  });

  it('prints the hosts in the CLI summary', () => {
    const run = spawnSync(process.execPath, [cli, 'analyze', sos.collection], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Tokyo' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/host maas-region-1: sos-report, zone Europe\/Berlin from sos_commands\/systemd\/timedatectl, collected 2026-03-05T14:30:00Z, MAAS snap 3\.5\.1/);
    expect(run.stdout).toMatch(/host maas-rack-2: sos-report, zone America\/Chicago from the etc\/localtime link/);
  });
});
