/**
 * The planted incident as file contents, by host: every red flag of the MAAS logging guide once
 * (each with the finding it must raise), among decoys that must raise none. Same seed, same bytes.
 * Used by the demo bundle and by the test fixtures (test/fixtures/attacks.ts).
 */
import { Rng } from './rng.js';
import type { PlantedFinding } from './attack-clock.js';
import { authLog, firewall, maasEvents, regiondLog, REGION } from './region-attacks.js';
import { apacheLog, journalExport, nginxLog } from './web-attacks.js';

export type { PlantedFinding } from './attack-clock.js';
export { ATTACK_TZ } from './attack-clock.js';

/** The incident's logs, each a path (as on the host) and its text. */
export interface AttackLogs {
  /** The MAAS region controller's logs: firewall, auth, the snap's regiond, MAAS audit events. */
  region: Record<string, string>;
  /** The web logs (apache -0500, nginx +0530) and the journal export of `webHost`. */
  web: Record<string, string>;
  planted: PlantedFinding[];
  /** Addresses and users of the decoys: no finding may be keyed by them. */
  decoys: string[];
}

/** The region controller's host name, as its syslog lines carry it. */
export const REGION_HOST = REGION.host;

/**
 * Draws the incident. `webHost` names the host of the journal export (its `_HOSTNAME`).
 *
 * @example
 * const logs = attackLogs(5, 'web-01');
 * logs.region['var/log/kern.log'] // the UFW blocks of the port scan, the Trojan…
 */
export function attackLogs(seed: number, webHost: string): AttackLogs {
  const rng = new Rng(seed);
  const planted: PlantedFinding[] = [];
  const decoys: string[] = [];
  // The order of the draws is part of the bytes: region files first, as they always were.
  const region = {
    'var/log/kern.log': firewall(rng, planted),
    'var/log/auth.log': authLog(rng, planted, decoys),
    'var/snap/maas/common/log/regiond.log': regiondLog(rng, planted, decoys),
    'maas-audit-events.json': maasEvents(planted, decoys),
  };
  const web = {
    'var/log/apache2/access.log': apacheLog(planted, decoys),
    'var/log/nginx/access.log': nginxLog(planted),
    'journal/system.export': journalExport(planted, webHost),
  };
  return { region, web, planted, decoys: [...new Set(decoys)] };
}
