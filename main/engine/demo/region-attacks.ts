/**
 * The red flags planted on the MAAS region controller (`maas-region`): a port scan, a distributed
 * scan from one /24, hacker-tool ports, a Trojan calling IRC, an SSH brute force that gets in,
 * MAAS failed logins then success, and what the intruder changed in MAAS (audit events); each
 * with the finding it must raise, among decoys that must raise none.
 */
import { Rng } from './rng.js';
import { BROWSER, DAY_MS, eventsStamp, iso, LogFile, MIN, regiondStamp, syslogStamp, type PlantedFinding } from './attack-clock.js';

// ---------------------------------------------------------------- maas-region: firewall

export const REGION = { host: 'maas-region', ip: '10.20.0.2', mac: 'a6:8d:e2:51:62:4c:f0:4b:3a:4f:80:30:08:00' };
const SCAN_PORTS = [21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1433, 1521, 1723, 2049, 3306, 3389, 5432, 5900, 5985, 6379, 8000, 8008, 8080, 8081, 8443, 8888, 9000, 9090, 9200, 9300, 10000, 11211, 27017, 50000, 50070];

function ufwIn(ms: number, src: string, spt: number, dpt: number, rng: Rng, flags = 'SYN'): string {
  const uptime = ((ms - DAY_MS) / 1000 + 86_400).toFixed(6);
  return `${syslogStamp(ms)} ${REGION.host} kernel: [${uptime}] [UFW BLOCK] IN=eth0 OUT= MAC=${REGION.mac} SRC=${src} DST=${REGION.ip} LEN=40 TOS=0x00 PREC=0x00 TTL=${rng.int(40, 250)} ID=${rng.int(1, 65535)} PROTO=TCP SPT=${spt} DPT=${dpt} WINDOW=1024 RES=0x00 ${flags} URGP=0 `;
}

function ufwOut(ms: number, dst: string, spt: number, dpt: number, rng: Rng, flags = 'SYN'): string {
  const uptime = ((ms - DAY_MS) / 1000 + 86_400).toFixed(6);
  return `${syslogStamp(ms)} ${REGION.host} kernel: [${uptime}] [UFW BLOCK] IN= OUT=eth0 SRC=${REGION.ip} DST=${dst} LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=${rng.int(1, 65535)} DF PROTO=TCP SPT=${spt} DPT=${dpt} WINDOW=64240 RES=0x00 ${flags} URGP=0 `;
}

/** kern.log: the UFW blocks. */
export function firewall(rng: Rng, planted: PlantedFinding[]): string {
  const log = new LogFile();
  // Port scan: 40 ports, one every 3 s.
  const scanner = '203.0.113.77';
  const scanStart = DAY_MS + 10 * MIN;
  SCAN_PORTS.forEach((port, i) => log.add(scanStart + i * 3000, ufwIn(scanStart + i * 3000, scanner, 40000 + i, port, rng)));
  const scanEnd = scanStart + (SCAN_PORTS.length - 1) * 3000;
  planted.push({ rule: 'firewall.port-scan', key: { src_ip: scanner }, first: iso(scanStart), last: iso(scanEnd) });
  planted.push({ rule: 'firewall.repeated-blocks', key: { src_ip: scanner }, first: iso(scanStart), last: iso(scanEnd) });

  // Distributed attack from one /24: 12 addresses, 3 tries each on ssh and MAAS, none enough alone.
  const distStart = DAY_MS + 40 * MIN;
  let last = distStart;
  for (let host = 10; host < 22; host++) {
    for (let k = 0; k < 3; k++) {
      last = distStart + ((host - 10) * 3 + k) * 13_000;
      log.add(last, ufwIn(last, `198.51.100.${host}`, rng.int(32768, 60999), k === 1 ? 5240 : 22, rng));
    }
  }
  planted.push({ rule: 'firewall.repeated-blocks', key: { src_subnet: '198.51.100.0/24' }, first: iso(distStart), last: iso(last) });

  // A probe for Back Orifice.
  const bo = DAY_MS + 70 * MIN;
  log.add(bo, ufwIn(bo, '198.18.5.5', 51000, 31337, rng));
  log.add(bo + 4000, ufwIn(bo + 4000, '198.18.5.5', 51001, 31337, rng));
  planted.push({ rule: 'firewall.hacker-tool-port', key: { src_ip: '198.18.5.5', dst_port: '31337' }, first: iso(bo), last: iso(bo + 4000) });

  // A Trojan on the region calling an IRC server, blocked on the way out.
  const trojan = DAY_MS + 90 * MIN;
  for (let i = 0; i < 5; i++) log.add(trojan + i * 45_000, ufwOut(trojan + i * 45_000, '96.38.231.18', 45000 + i, 6667, rng));
  const trojanEnd = trojan + 4 * 45_000;
  planted.push({ rule: 'firewall.outbound-blocked', key: { src_ip: REGION.ip }, first: iso(trojan), last: iso(trojanEnd) });
  planted.push({ rule: 'firewall.hacker-tool-port', key: { src_ip: REGION.ip, dst_port: '6667' }, first: iso(trojan), last: iso(trojanEnd) });

  // Decoys: internet noise (one packet from each of many networks), a stale FIN/ACK out, and a
  // blocked reply from a web server to an ephemeral port that happens to be NetBus's.
  for (let i = 0; i < 60; i++) {
    const ms = DAY_MS + rng.int(0, 300) * MIN + rng.int(0, 59) * 1000;
    log.add(ms, ufwIn(ms, `${rng.pick([5, 23, 45, 61, 89, 103, 185])}.${rng.int(0, 255)}.${i}.${rng.int(1, 254)}`, rng.int(1024, 65535), rng.pick([22, 23, 80, 443, 3389]), rng));
  }
  const stale = DAY_MS + 200 * MIN;
  log.add(stale, ufwOut(stale, '91.189.91.38', 51515, 443, rng, 'ACK FIN'));
  log.add(stale + 5000, ufwIn(stale + 5000, '91.189.91.39', 443, 12345, rng, 'ACK'));
  return log.text();
}

// ---------------------------------------------------------------- maas-region: auth.log

function sshd(ms: number, pid: number, message: string): string {
  return `${syslogStamp(ms)} ${REGION.host} sshd[${pid}]: ${message}`;
}

/** auth.log: sshd and sudo. */
export function authLog(rng: Rng, planted: PlantedFinding[], decoys: string[]): string {
  const log = new LogFile();
  // Brute force that works: 8 failures, then root gets in.
  const brute = '192.0.2.50';
  const start = DAY_MS + 20 * MIN;
  for (let i = 0; i < 8; i++) {
    const ms = start + i * 3000;
    log.add(ms, sshd(ms, 3000 + i, `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${brute}  user=root`));
    log.add(ms, sshd(ms, 3000 + i, `Failed password for root from ${brute} port ${50000 + i} ssh2`));
  }
  const inAt = start + 8 * 3000 + 2000;
  log.add(inAt, sshd(inAt, 3010, `Accepted password for root from ${brute} port 50010 ssh2`));
  log.add(inAt, sshd(inAt, 3010, 'pam_unix(sshd:session): session opened for user root(uid=0) by (uid=0)'));
  planted.push({ rule: 'system.ssh-brute-force', key: { src_ip: brute }, first: iso(start), last: iso(start + 7 * 3000) });
  planted.push({ rule: 'system.ssh-success-after-failures', key: { src_ip: brute }, first: iso(start), last: iso(inAt) });

  // Decoys: alice mistypes twice then gets in; the admin logs in with a key every half hour.
  const alice = '10.20.0.101';
  decoys.push(alice, 'alice');
  const typo = DAY_MS + 30 * MIN;
  log.add(typo, sshd(typo, 4000, `Failed password for alice from ${alice} port 51000 ssh2`));
  log.add(typo + 6000, sshd(typo + 6000, 4000, `Failed password for alice from ${alice} port 51000 ssh2`));
  log.add(typo + 12_000, sshd(typo + 12_000, 4000, `Accepted password for alice from ${alice} port 51000 ssh2`));
  for (let i = 0; i < 10; i++) {
    const ms = DAY_MS + i * 30 * MIN + rng.int(0, 600) * 1000;
    log.add(ms, sshd(ms, 5000 + i, `Accepted publickey for ubuntu from 10.20.0.100 port ${52000 + i} ssh2: ED25519 SHA256:${rng.hex(16)}`));
    log.add(ms + 1000, `${syslogStamp(ms + 1000)} ${REGION.host} sudo:   ubuntu : TTY=pts/0 ; PWD=/home/ubuntu ; USER=root ; COMMAND=/usr/bin/snap services maas`);
  }
  return log.text();
}

// ---------------------------------------------------------------- maas-region: regiond.log (snap, UTC)


function regiondHttp(ms: number, ip: string, method: string, uri: string, status: string, agent = BROWSER): string {
  return `${regiondStamp(ms)} regiond: [info] ${ip} ${method} ${uri} HTTP/1.1 --> ${status} (referrer: http://10.20.0.2:5240/MAAS/r/; agent: ${agent})`;
}

/** The snap's regiond.log (UTC). */
export function regiondLog(rng: Rng, planted: PlantedFinding[], decoys: string[]): string {
  const log = new LogFile();
  const guesser = '203.0.113.200';
  const start = DAY_MS + 100 * MIN;
  for (let i = 0; i < 6; i++) log.add(start + i * 5000, regiondHttp(start + i * 5000, guesser, 'POST', '/MAAS/accounts/login/', '400 BAD_REQUEST'));
  const inAt = start + 6 * 5000;
  log.add(inAt, regiondHttp(inAt, guesser, 'POST', '/MAAS/accounts/login/', '204 NO_CONTENT'));
  planted.push({ rule: 'maas.failed-logins', key: { src_ip: guesser }, first: iso(start), last: iso(start + 5 * 5000) });
  planted.push({ rule: 'maas.success-after-failures', key: { src_ip: guesser }, first: iso(start), last: iso(inAt) });

  // Decoys: the admin logs in and browses; a user mistypes twice; racks call the RPC endpoint.
  const admin = '10.20.0.100';
  const user = '10.20.0.102';
  decoys.push(admin, user);
  const login = DAY_MS + 5 * MIN;
  log.add(login, regiondHttp(login, admin, 'GET', '/MAAS/accounts/login/', '200 OK'));
  log.add(login + 9000, regiondHttp(login + 9000, admin, 'POST', '/MAAS/accounts/login/', '204 NO_CONTENT'));
  for (let i = 0; i < 40; i++) {
    const ms = login + 20_000 + i * rng.int(20, 90) * 1000;
    log.add(ms, regiondHttp(ms, admin, 'GET', rng.pick(['/MAAS/r/machines', '/MAAS/r/settings', '/MAAS/r/dashboard', '/MAAS/api/2.0/users/?op=whoami']), '200 OK'));
  }
  const typo = DAY_MS + 60 * MIN;
  log.add(typo, regiondHttp(typo, user, 'POST', '/MAAS/accounts/login/', '400 BAD_REQUEST'));
  log.add(typo + 8000, regiondHttp(typo + 8000, user, 'POST', '/MAAS/accounts/login/', '400 BAD_REQUEST'));
  log.add(typo + 15_000, regiondHttp(typo + 15_000, user, 'POST', '/MAAS/accounts/login/', '204 NO_CONTENT'));
  for (let i = 0; i < 30; i++) {
    const ms = DAY_MS + i * 10 * MIN;
    log.add(ms, `${regiondStamp(ms)} maasserver.rpc.regionservice: [info] Rack controller authenticated from '10.20.0.${rng.int(3, 9)}:${rng.int(40000, 60000)}'.`);
  }
  return log.text();
}

// ---------------------------------------------------------------- maas-region: MAAS audit events

interface AuditEvent {
  ms: number;
  user: string;
  type: string;
  description: string;
}

/** The MAAS audit events, as `maas $PROFILE events query level=AUDIT` prints them. */
export function maasEvents(planted: PlantedFinding[], decoys: string[]): string {
  const mallory = 'mallory';
  const after = DAY_MS + 102 * MIN; // right after the MAAS login that worked
  const events: AuditEvent[] = [
    { ms: DAY_MS + 6 * MIN, user: 'admin', type: 'Authorisation', description: 'Logged in admin.' },
    { ms: DAY_MS + 8 * MIN, user: 'admin', type: 'Node', description: "Started deploying 'valued-moth'." },
    { ms: DAY_MS + 12 * MIN, user: 'admin', type: 'Tag', description: "Tag 'gpu' created." },
    { ms: after, user: mallory, type: 'Authorisation', description: 'Logged in user.' },
    { ms: after + 20_000, user: mallory, type: 'Authorisation', description: 'Created token.' },
    { ms: after + 45_000, user: mallory, type: 'Authorisation', description: 'Imported SSH keys.' },
    { ms: after + 80_000, user: mallory, type: 'Settings', description: "Updated configuration setting 'upstream_dns' to '203.0.113.53'." },
    { ms: after + 95_000, user: mallory, type: 'Settings', description: "Saved script 'commissioning-update'." },
  ];
  decoys.push('unknown');
  planted.push({ rule: 'audit.credential-change', key: { user: mallory }, first: iso(after + 20_000), last: iso(after + 45_000) });
  planted.push({ rule: 'audit.settings-change', key: { user: mallory }, severity: 'medium', first: iso(after + 80_000), last: iso(after + 95_000) });
  planted.push({ rule: 'audit.settings-change', key: { user: 'admin' }, severity: 'low', first: iso(DAY_MS + 12 * MIN), last: iso(DAY_MS + 12 * MIN) });
  const newestFirst = [...events].sort((a, b) => b.ms - a.ms);
  const doc = {
    count: events.length,
    events: newestFirst.map((e, i) => ({
      username: e.user, node: null, hostname: 'unknown', id: 900 - i, level: 'AUDIT', created: eventsStamp(e.ms), type: e.type, description: e.description,
    })),
    next_uri: '/MAAS/api/2.0/events/?op=query&level=AUDIT&after=900',
    prev_uri: `/MAAS/api/2.0/events/?op=query&level=AUDIT&before=${900 - events.length + 1}`,
  };
  return JSON.stringify(doc, null, 4) + '\n';
}
