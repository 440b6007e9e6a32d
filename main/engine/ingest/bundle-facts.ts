import type { BundleInfo } from '../../../shared/types/analysis.js';
import { formatIsoUtc, isValidTimeZone, wallTimeToUtc } from '../time/zone.js';
import type { Bundle } from './walk.js';

type Fact<T> = { value: T; source: string; rank: number } | null;

/** Files of a bundle read for facts about its host, by path inside the bundle, best first. */
const HOSTNAME_FILES = ['sos_commands/host/hostname', 'sos_commands/general/hostname', 'hostname', 'etc/hostname'];
const ZONE_FILES = ['sos_commands/systemd/timedatectl', 'etc/timezone'];
const DATE_FILES = ['sos_commands/date/date_--utc', 'sos_commands/date/date', 'sos_commands/general/date', 'date'];
const VERSION_FILES = ['sos_commands/snap/snap_list_--all', 'sos_commands/snappy/snap_list_--all', 'sos_commands/dpkg/dpkg_-l', 'installed-debs'];
const FACT_FILES = new Set([...HOSTNAME_FILES, ...ZONE_FILES, ...DATE_FILES, ...VERSION_FILES, 'version.txt']);

/** Where logs live in a bundle; in a sos-report, other members are configuration and command output. */
const LOG_DIRS = /^(?:var\/log\/|var\/snap\/maas\/(?:common|current|\d+)\/log\/|sos_commands\/logs\/|sos_commands\/maas\/)/;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** `date` output: `Tue Mar  5 13:30:00 UTC 2024` (the C locale's format). */
const DATE_OUTPUT = /^\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\S+)\s+(\d{4})\s*$/m;
/** sos's archive and folder names end with `-YYYY-MM-DD-<random>`. */
const SOS_NAME = /^sosreport-(.+?)-(\d{4})-(\d{2})-(\d{2})-[a-z0-9]+(?:\.tar(?:\.\w+)?)?$/i;

/** Whether a member (by its path inside the bundle) is read for facts rather than imported as a log. */
export function isFactFile(path: string): boolean {
  return FACT_FILES.has(path);
}

function better<T>(current: Fact<T>, value: T, source: string, rank: number): Fact<T> {
  return current && current.rank <= rank ? current : { value, source, rank };
}

/**
 * Learns about a bundle's host from its members as they stream past: host name, time zone,
 * collection time, MAAS install kind and version, layout, truncated files. Each fact keeps the
 * best source seen (timedatectl over etc/timezone, `date --utc` over the archive name …).
 */
export class BundleFacts {
  private hostname: Fact<string> = null;
  private zone: Fact<string> = null;
  private collectedUtc: Fact<number> = null;
  /** `date` output in a zone other than UTC, resolved once the zone is known. */
  private collectedLocal: { wall: Parameters<typeof wallTimeToUtc>[0]; abbreviation: string; source: string } | null = null;
  private maasVersion: Fact<string> = null;
  private maasInstall: 'snap' | 'deb' | null = null;
  private sos = false;
  private varLog = false;
  readonly tailed: string[] = [];
  /** Facts that arrived after log files had already been read without them. */
  lateZone = false;
  private logsRead = 0;

  constructor(readonly bundle: Bundle) {
    const name = SOS_NAME.exec(bundle.sosRoot ?? '') ?? SOS_NAME.exec(bundle.label.split('/').pop() ?? '');
    if (name) {
      this.sos = true;
      this.hostname = { value: name[1]!, source: 'the sos-report name', rank: 10 };
      this.collectedUtc = { value: Date.UTC(Number(name[2]), Number(name[3]) - 1, Number(name[4]), 12), source: 'the sos-report name (day only)', rank: 10 };
    }
  }

  /** Notes a member's path: layout, MAAS kind, `.tailed` files. */
  notePath(path: string, displayPath: string): void {
    if (path.startsWith('sos_commands/') || path === 'version.txt' || this.bundle.sosRoot) this.sos = true;
    if (path.startsWith('var/log/')) this.varLog = true;
    if (path.startsWith('var/snap/maas/')) this.maasInstall = 'snap';
    else if (!this.maasInstall && (path.startsWith('var/log/maas/') || path.startsWith('var/lib/maas/'))) this.maasInstall = 'deb';
    if (path.endsWith('.tailed')) this.tailed.push(displayPath);
  }

  /** Whether a member should be imported as a log: in a sos-report, only what is under a log folder. */
  isLogCandidate(path: string, detected: boolean): boolean {
    if (isFactFile(path)) return false;
    if (!this.sos) return true;
    return LOG_DIRS.test(path) || (detected && !path.startsWith('proc/') && !path.startsWith('sys/'));
  }

  /** Called when a log file is imported, to notice facts that come too late for it. */
  noteLogRead(): void {
    this.logsRead++;
  }

  absorbFile(path: string, text: string): void {
    const first = text.split('\n', 1)[0]!.trim();
    const hostRank = HOSTNAME_FILES.indexOf(path);
    if (hostRank >= 0 && /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(first)) this.hostname = better(this.hostname, first.split('.')[0]!, path, hostRank);
    if (path === 'etc/timezone' && isValidTimeZone(first)) this.setZone(first, path, 2);
    if (path === 'sos_commands/systemd/timedatectl') {
      const zone = /Time zone:\s*(\S+)/.exec(text)?.[1];
      if (zone && isValidTimeZone(zone)) this.setZone(zone, path, 0);
    }
    const dateRank = DATE_FILES.indexOf(path);
    if (dateRank >= 0) this.absorbDate(text, path, dateRank);
    if (path.startsWith('sos_commands/snap') || path === 'sos_commands/snappy/snap_list_--all') {
      const version = /^maas\s+(\S+)/m.exec(text)?.[1];
      if (version) this.maasVersion = better(this.maasVersion, version, path, 0);
    }
    if (path === 'sos_commands/dpkg/dpkg_-l' || path === 'installed-debs') {
      const version = /^ii\s+maas(?:-region-api|-region-controller|-common)?\s+(\S+)/m.exec(text)?.[1];
      if (version) this.maasVersion = better(this.maasVersion, version, path, 1);
    }
  }

  /** A link's target: `etc/localtime -> /usr/share/zoneinfo/Europe/Berlin` names the zone. */
  absorbLink(path: string, target: string | null): void {
    if (path !== 'etc/localtime' || !target) return;
    const zone = /zoneinfo\/(.+)$/.exec(target)?.[1];
    if (zone && isValidTimeZone(zone)) this.setZone(zone, 'the etc/localtime link', 1);
  }

  private setZone(zone: string, source: string, rank: number): void {
    const before = this.zone?.value;
    this.zone = better(this.zone, zone, source, rank);
    if (this.logsRead > 0 && before !== this.zone?.value) this.lateZone = true;
  }

  private absorbDate(text: string, path: string, rank: number): void {
    const m = DATE_OUTPUT.exec(text);
    const month = m ? MONTHS.indexOf(m[1]!.toLowerCase()) : -1;
    if (!m || month < 0) return;
    const wall = { year: Number(m[7]), month: month + 1, day: Number(m[2]), hour: Number(m[3]), minute: Number(m[4]), second: Number(m[5]), fractionMs: 0 };
    const abbreviation = m[6]!;
    if (/^(UTC|GMT|Z)$/i.test(abbreviation)) this.collectedUtc = better(this.collectedUtc, wallTimeToUtc(wall, 'UTC').utcMs, path, rank);
    else if (!this.collectedLocal) this.collectedLocal = { wall, abbreviation, source: path };
  }

  zoneFact(): { zone: string; reason: string } | undefined {
    return this.zone ? { zone: this.zone.value, reason: `from the bundle's ${this.zone.source}` } : undefined;
  }

  /** The collection time: `date --utc`, else `date` in the bundle's zone, else the archive name. */
  collected(): { ms: number; source: string } | undefined {
    if (this.collectedUtc && this.collectedUtc.rank < 10) return { ms: this.collectedUtc.value, source: this.collectedUtc.source };
    if (this.collectedLocal && this.zone) return { ms: wallTimeToUtc(this.collectedLocal.wall, this.zone.value).utcMs, source: `${this.collectedLocal.source} (${this.collectedLocal.abbreviation}, read in ${this.zone.value})` };
    return this.collectedUtc ? { ms: this.collectedUtc.value, source: this.collectedUtc.source } : undefined;
  }

  hostnameFact(): string | null {
    return this.hostname?.value ?? null;
  }

  info(defaultZone: string): BundleInfo {
    const collected = this.collected();
    return {
      label: this.bundle.label,
      layout: this.sos ? 'sos-report' : this.varLog ? 'var-log' : 'files',
      hostname: this.hostname?.value ?? null,
      hostnameSource: this.hostname?.source ?? null,
      timezone: this.zone?.value ?? defaultZone,
      timezoneSource: this.zone?.source ?? null,
      collected: collected ? formatIsoUtc(collected.ms) : null,
      collectedSource: collected?.source ?? null,
      maas: this.maasInstall || this.maasVersion ? { install: this.maasInstall, version: this.maasVersion?.value ?? null } : null,
      tailed: [...this.tailed],
    };
  }
}
