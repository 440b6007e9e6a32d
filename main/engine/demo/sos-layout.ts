/**
 * The members of a sos-report that say which host it is and when and where it was collected, as
 * sos writes them (hostname, timedatectl, `date`, the MAAS package list, version.txt): what
 * main/engine/ingest/bundle-facts.ts reads to name the host, its zone and the year.
 */
import type { TarMember } from './tar-gz.js';

export interface SosHostSpec {
  hostname: string;
  /** IANA zone, stated in etc/timezone (and in timedatectl on the snap host). */
  zone: string;
  /** The zone's abbreviation and offset from UTC in minutes at collection time: `date` prints local time. */
  zoneAbbrev: string;
  offsetMin: number;
  collectedMs: number;
  maas: { install: 'snap'; version: string; revision: string } | { install: 'deb'; version: string };
  ip: string;
  sosVersion: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** `date`'s C-locale output of the instant `ms` shown at `offsetMin`: `Wed Mar 11 10:00:00 CDT 2026`. */
export function dateOutput(ms: number, offsetMin: number, abbrev: string): string {
  const d = new Date(ms + offsetMin * 60_000);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${DAYS[d.getUTCDay()]!} ${MONTHS[d.getUTCMonth()]!} ${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${abbrev} ${d.getUTCFullYear()}\n`;
}

function timedatectl(h: SosHostSpec): string {
  const local = new Date(h.collectedMs + h.offsetMin * 60_000).toISOString().replace('T', ' ').slice(0, 19);
  const utc = new Date(h.collectedMs).toISOString().replace('T', ' ').slice(0, 19);
  const sign = h.offsetMin < 0 ? '-' : '+';
  const off = Math.abs(h.offsetMin);
  const day = DAYS[new Date(h.collectedMs + h.offsetMin * 60_000).getUTCDay()]!;
  return `               Local time: ${day} ${local} ${h.zoneAbbrev}\n           Universal time: ${day} ${utc} UTC\n                Time zone: ${h.zone} (${h.zoneAbbrev}, ${sign}${pad(Math.floor(off / 60))}${pad(off % 60)})\n`;
}

/** The fact members of `h`'s sos-report, their paths relative to its root folder. */
export function sosFactMembers(h: SosHostSpec): TarMember[] {
  const members: TarMember[] = [
    { path: 'sos_commands/host/hostname', content: `${h.hostname}\n` },
    { path: 'sos_commands/date/date', content: dateOutput(h.collectedMs, h.offsetMin, h.zoneAbbrev) },
    { path: 'sos_commands/date/date_--utc', content: dateOutput(h.collectedMs, 0, 'UTC') },
    { path: 'sos_commands/networking/ip_-o_addr', content: `2: eth0    inet ${h.ip}/24 brd 10.20.0.255 scope global eth0\n` },
    { path: 'version.txt', content: `sosreport: ${h.sosVersion}\n` },
    { path: 'etc/hostname', content: `${h.hostname}\n` },
    { path: 'etc/timezone', content: `${h.zone}\n` },
  ];
  if (h.maas.install === 'snap') {
    members.push(
      { path: 'sos_commands/systemd/timedatectl', content: timedatectl(h) },
      { path: 'sos_commands/snap/snap_list_--all', content: `Name    Version                  Rev    Tracking       Publisher   Notes\ncore22  20240111                 1122   latest/stable  canonical✓  base\nmaas    ${h.maas.version}  ${h.maas.revision}  3.5/stable     canonical✓  -\n` },
    );
  } else {
    members.push(
      { path: 'sos_commands/dpkg/dpkg_-l', content: `ii  maas-rack-controller  ${h.maas.version}  all  Rack Controller for MAAS\nii  maas-common  ${h.maas.version}  all  MAAS server common files\n` },
    );
  }
  return members;
}
