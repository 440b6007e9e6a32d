/**
 * The demo case: the planted incident of attack-set.ts as investigators receive it, a
 * sos-collector archive holding the sos-reports of a MAAS region controller (snap, Chicago) and
 * of a rack controller (deb, Kolkata). Same seed, same bytes (times, order and owners fixed), so
 * a bundle written again after the temp folder was cleaned is the same evidence: the raw lines of
 * a session saved from it still read (docs/walkthrough.md).
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { DAY_MS, MIN, regiondStamp, type PlantedFinding } from './attack-clock.js';
import { attackLogs, REGION_HOST } from './attack-set.js';
import { Rng } from './rng.js';
import { sosFactMembers, type SosHostSpec } from './sos-layout.js';
import { writeTarGz, type TarMember } from './tar-gz.js';

/** Bumped whenever the demo's bytes change, so an older bundle in the temp folder is not reused. */
export const DEMO_REVISION = 1;
export const DEMO_SEED = 5;
export const DEMO_ARCHIVE = 'sos-collector-maas-demo-2026-03-11-mfwdm.tar.gz';
const MTIME = new Date('2026-03-11T15:10:00Z');
const RACK_HOST = 'maas-rack';

export interface DemoBundle {
  /** The sos-collector archive to import. */
  path: string;
  hosts: string[];
  /** The findings the demo must raise (rule, key, first and last UTC). */
  planted: PlantedFinding[];
}

const REGION: SosHostSpec = {
  hostname: REGION_HOST, zone: 'America/Chicago', zoneAbbrev: 'CDT', offsetMin: -300, collectedMs: Date.parse('2026-03-11T15:00:00Z'),
  maas: { install: 'snap', version: '3.5.1-16381-g.0a6b2c2c1', revision: '37219' }, ip: '10.20.0.2', sosVersion: '4.7.2',
};
const RACK: SosHostSpec = {
  hostname: RACK_HOST, zone: 'Asia/Kolkata', zoneAbbrev: 'IST', offsetMin: 330, collectedMs: Date.parse('2026-03-11T15:05:00Z'),
  maas: { install: 'deb', version: '1:3.4.2-14353-g.5a5221d57-0ubuntu1~22.04.1' }, ip: '10.20.0.3', sosVersion: '4.5.6',
};

/** The rack's own chatter: a deb install's rackd.log is in the host's local time. */
function rackdLog(seed: number): string {
  const rng = new Rng(seed + 1);
  const lines: string[] = [];
  for (let i = 0; i < 24; i++) {
    const ms = DAY_MS + i * 10 * MIN + rng.int(0, 59) * 1000;
    const local = regiondStamp(ms + RACK.offsetMin * MIN);
    lines.push(rng.float() < 0.15
      ? `${local} provisioningserver.rpc.clusterservice: [info] Region not available: Connection was refused by other side: 111: Connection refused. (While requesting RPC info at http://10.20.0.2:5240/MAAS).`
      : `${local} provisioningserver.rackdservices.http: [info] Rack controller '${RACK_HOST}' serving boot images; ${rng.int(1, 9)} machines booting.`);
  }
  return lines.join('\n') + '\n';
}

function sosRoot(h: SosHostSpec): string {
  return `sosreport-${h.hostname}-2026-03-11-${h.hostname === REGION_HOST ? 'qkzvbra' : 'mtwzxcd'}`;
}

function members(root: string, h: SosHostSpec, logs: Record<string, string>): TarMember[] {
  return [...sosFactMembers(h), ...Object.entries(logs).map(([path, content]) => ({ path, content }))].map((m) => ({ ...m, path: `${root}/${m.path}` }));
}

/**
 * Writes the demo's sos-collector archive into the folder `dir` (created) and says what it holds.
 *
 * @example
 * const demo = await writeDemoBundle('/tmp/demo');
 * // mfw analyze demo.path → every demo.planted finding
 */
export async function writeDemoBundle(dir: string, seed = DEMO_SEED): Promise<DemoBundle> {
  const logs = attackLogs(seed, RACK_HOST);
  const region = {
    'var/log/kern.log': logs.region['var/log/kern.log']!,
    'var/log/auth.log': logs.region['var/log/auth.log']!,
    'var/snap/maas/common/log/regiond.log': logs.region['var/snap/maas/common/log/regiond.log']!,
    // What `maas $PROFILE events query level=AUDIT` printed, saved with the sos-report.
    'sos_commands/maas/maas-audit-events.json': logs.region['maas-audit-events.json']!,
    // The region's apache, a reverse proxy in front of MAAS that also serves the team's site.
    'var/log/apache2/access.log': logs.web['var/log/apache2/access.log']!,
  };
  const rack = {
    // The rack's nginx (it serves boot images) also fronts a site in Kolkata (+0530).
    'var/log/nginx/access.log': logs.web['var/log/nginx/access.log']!,
    'sos_commands/logs/journalctl_--no-pager_-o_export': logs.web['journal/system.export']!,
    'var/log/maas/rackd.log': rackdLog(seed),
  };
  mkdirSync(dir, { recursive: true });
  const reports: TarMember[] = [];
  for (const [h, files] of [[REGION, region], [RACK, rack]] as const) {
    const root = sosRoot(h);
    const file = join(dir, `${root}.tar.gz`);
    await writeTarGz(file, members(root, h, files), MTIME);
    reports.push({ path: `sos-collector-maas-demo-2026-03-11-mfwdm/${root}.tar.gz`, content: readFileSync(file) });
    rmSync(file);
  }
  const path = join(dir, DEMO_ARCHIVE);
  await writeTarGz(path, reports, MTIME);
  // The evidence check compares size and modification time with the import's: keep them fixed.
  utimesSync(path, MTIME, MTIME);
  return { path, hosts: [REGION_HOST, RACK_HOST], planted: logs.planted };
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Where the demo lives between runs: a stable temp folder, so sessions saved from it keep their raw lines. */
export function demoFolder(parent = tmpdir()): string {
  return join(parent, `mfw-demo-r${DEMO_REVISION}`);
}

/**
 * The demo bundle in `demoFolder(parent)`: kept when it holds exactly the demo's bytes, else
 * written again (never into the user's evidence). `created` says whether it was written now.
 */
export async function ensureDemoBundle(parent = tmpdir()): Promise<DemoBundle & { created: boolean }> {
  const folder = demoFolder(parent);
  if (existsSync(folder)) {
    const stat = lstatSync(folder);
    const uid = process.getuid?.();
    // A shared temp folder: do not import (or delete) what another user put at this name.
    if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) {
      throw new InputError('exists and is not this user\'s folder: the demo case is not written there', folder, undefined, 'remove it, or set TMPDIR to another folder');
    }
  }
  mkdirSync(parent, { recursive: true });
  // Its own folder per call: two calls at once (the app and a test, two windows) do not mix.
  const fresh = mkdtempSync(`${folder}.partial-`);
  try {
    const demo = await writeDemoBundle(fresh);
    const kept = join(folder, DEMO_ARCHIVE);
    const unchanged = (): boolean => existsSync(kept) && sha256(kept) === sha256(demo.path);
    if (unchanged()) {
      utimesSync(kept, MTIME, MTIME);
      return { ...demo, path: kept, created: false };
    }
    rmSync(folder, { recursive: true, force: true });
    try {
      renameSync(fresh, folder);
    } catch (err) {
      // Another process (the app and the CLI at once) put the same demo there first.
      if (unchanged()) return { ...demo, path: kept, created: false };
      throw err;
    }
    return { ...demo, path: kept, created: true };
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}
