/**
 * The red flags planted on a web host: a Nikto scan (404 flood, web-shell probe, SQL injection),
 * a rapid-fire client, WordPress password guessing (apache, -0500), a web shell used (nginx,
 * +0530) and an SSH brute force in a journal export (UTC); with decoys that must raise nothing.
 */
import { accessStamp, BROWSER, DAY_MS, iso, LogFile, MIN, type PlantedFinding } from './attack-clock.js';

// ---------------------------------------------------------------- web-01: apache (-0500) and nginx (+0530)


function access(ms: number, offsetMin: number, ip: string, method: string, target: string, status: number, agent = BROWSER, user = '-'): string {
  return `${ip} - ${user} [${accessStamp(ms, offsetMin)}] "${method} ${target} HTTP/1.1" ${status} ${200 + (target.length * 37) % 5000} "-" "${agent}"`;
}

const MISSING = ['/admin/', '/phpmyadmin/', '/wp-admin/', '/.env', '/.git/config', '/backup.zip', '/db.sql', '/config.php.bak', '/server-status', '/manager/html',
  '/cgi-bin/test.cgi', '/old/', '/test.php', '/shell.aspx', '/.aws/credentials', '/solr/', '/actuator/env', '/console/', '/HNAP1/', '/vendor/phpunit/',
  '/wp-config.php.save', '/.DS_Store', '/admin.php', '/login.jsp', '/jenkins/', '/api/v1/pods', '/owa/', '/autodiscover/', '/.svn/entries', '/install.php'];

const SQLI = ["/products.php?id=1%27%20OR%201=1--", '/products.php?id=1%20UNION%20SELECT%20username,password%20FROM%20users', "/search?q=%27%3B%20DROP%20TABLE%20users%3B--%20",
  '/products.php?id=1%20AND%20SLEEP(5)', '/item?id=-1+union+all+select+1,table_name+from+information_schema.tables'];

/** apache2/access.log, written at -0500. */
export function apacheLog(planted: PlantedFinding[], decoys: string[]): string {
  const log = new LogFile();
  const off = -300;
  // A content scanner that also tries SQL injection.
  const scanner = '45.33.10.10';
  const scanStart = DAY_MS + 130 * MIN;
  MISSING.forEach((path, i) => log.add(scanStart + i * 2000, access(scanStart + i * 2000, off, scanner, 'GET', path, 404, 'Mozilla/5.0 (compatible; Nikto/2.5.0)')));
  const scanEnd = scanStart + (MISSING.length - 1) * 2000;
  planted.push({ rule: 'web.not-found-scan', key: { src_ip: scanner }, first: iso(scanStart), last: iso(scanEnd) });
  const shellProbe = scanStart + MISSING.indexOf('/shell.aspx') * 2000;
  planted.push({ rule: 'web.web-shell', key: { src_ip: scanner }, severity: 'medium', first: iso(shellProbe), last: iso(shellProbe) });
  const sqliStart = scanEnd + 30_000;
  SQLI.forEach((target, i) => log.add(sqliStart + i * 4000, access(sqliStart + i * 4000, off, scanner, 'GET', target, i === 1 ? 200 : 500, 'Mozilla/5.0 (compatible; Nikto/2.5.0)')));
  planted.push({ rule: 'web.sql-injection', key: { src_ip: scanner }, first: iso(sqliStart), last: iso(sqliStart + (SQLI.length - 1) * 4000) });

  // Rapid fire: 300 requests in 100 s.
  const flood = '45.33.20.20';
  const floodStart = DAY_MS + 150 * MIN;
  for (let i = 0; i < 300; i++) {
    const ms = floodStart + Math.floor(i / 3) * 1000;
    log.add(ms, access(ms, off, flood, 'GET', `/catalog?page=${i}`, 200, 'python-requests/2.31.0'));
  }
  planted.push({ rule: 'web.rapid-fire', key: { src_ip: flood }, first: iso(floodStart), last: iso(floodStart + 99_000) });

  // Password guessing on the WordPress login.
  const guesser = '45.33.40.40';
  const guessStart = DAY_MS + 170 * MIN;
  for (let i = 0; i < 7; i++) log.add(guessStart + i * 15_000, access(guessStart + i * 15_000, off, guesser, 'POST', '/wp-login.php', 200));
  planted.push({ rule: 'web.failed-logins', key: { src_ip: guesser }, first: iso(guessStart), last: iso(guessStart + 6 * 15_000) });

  // Decoys: a crawler every 8 s (a few stale links), a health check every 10 s for 3 hours, an
  // admin loading pages (25 assets in 2 s each), a user who mistypes the basic-auth password twice.
  const crawler = '66.249.66.1';
  const health = '10.20.0.5';
  const admin = '10.20.0.100';
  const user = '10.20.0.101';
  decoys.push(crawler, health, admin, user);
  for (let i = 0; i < 200; i++) {
    const ms = DAY_MS + 60 * MIN + i * 8000;
    log.add(ms, access(ms, off, crawler, 'GET', i % 50 === 7 ? `/old-page-${i}.html` : `/blog/post-${i}`, i % 50 === 7 ? 404 : 200, 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'));
  }
  for (let ms = DAY_MS; ms < DAY_MS + 180 * MIN; ms += 10_000) log.add(ms, access(ms, off, health, 'GET', '/health', 200, 'kube-probe/1.29'));
  for (let page = 0; page < 10; page++) {
    const at = DAY_MS + 20 * MIN + page * 2 * MIN;
    for (let a = 0; a < 25; a++) log.add(at + a * 80, access(at + a * 80, off, admin, 'GET', a === 0 ? `/dashboard/${page}` : `/static/asset-${a}.js`, 200));
  }
  const typo = DAY_MS + 45 * MIN;
  log.add(typo, access(typo, off, user, 'GET', '/private/', 401));
  log.add(typo + 5000, access(typo + 5000, off, user, 'GET', '/private/', 401, BROWSER, 'bob'));
  log.add(typo + 11_000, access(typo + 11_000, off, user, 'GET', '/private/', 200, BROWSER, 'bob'));
  return log.text();
}

/** nginx/access.log, written at +0530. */
export function nginxLog(planted: PlantedFinding[]): string {
  const log = new LogFile();
  const off = 330;
  const shell = '45.33.30.30';
  const upload = DAY_MS + 180 * MIN;
  log.add(upload - 60_000, access(upload - 60_000, off, '10.20.0.100', 'GET', '/index.html', 200));
  log.add(upload, access(upload, off, shell, 'POST', '/wp-content/uploads/2026/03/thumb.php', 200));
  log.add(upload + 20_000, access(upload + 20_000, off, shell, 'GET', '/wp-content/uploads/2026/03/thumb.php?cmd=id', 200));
  log.add(upload + 40_000, access(upload + 40_000, off, shell, 'GET', '/wp-content/uploads/2026/03/thumb.php?cmd=uname+-a', 200));
  planted.push({ rule: 'web.web-shell', key: { src_ip: shell }, severity: 'critical', first: iso(upload), last: iso(upload + 40_000) });
  return log.text();
}

// ---------------------------------------------------------------- web-01: journal export (UTC epoch)

function journalRecord(host: string, ms: number, n: number, identifier: string, pid: number, message: string): string {
  return [
    `__CURSOR=s=5b1c3e8a9d2f4c6b8e0a1c3e5f7a9b1d;i=${(0x4000 + n).toString(16)};b=6c7c6013a26343b29e964691ff25d04c;m=${(n * 1000).toString(16)};t=${(ms * 1000).toString(16)};x=${(n * 7919).toString(16)}`,
    `__REALTIME_TIMESTAMP=${ms * 1000}`,
    `__MONOTONIC_TIMESTAMP=${21_415_215_982 + n * 1_000_000}`,
    '_BOOT_ID=6c7c6013a26343b29e964691ff25d04c',
    '_TRANSPORT=syslog',
    'PRIORITY=6',
    'SYSLOG_FACILITY=4',
    `SYSLOG_IDENTIFIER=${identifier}`,
    `SYSLOG_PID=${pid}`,
    `MESSAGE=${message}`,
    `_PID=${pid}`,
    `_HOSTNAME=${host}`,
    '',
  ].join('\n');
}

/** A `journalctl -o export` of `host` (UTC epoch stamps). */
export function journalExport(planted: PlantedFinding[], host: string): string {
  const records: string[] = [];
  let n = 0;
  const brute = '192.0.2.99';
  const start = DAY_MS + 110 * MIN;
  records.push(journalRecord(host, start - 5 * MIN, n++, 'systemd', 1, 'Started Daily apt upgrade and clean activities.'));
  for (let i = 0; i < 6; i++) records.push(journalRecord(host, start + i * 7000, n++, 'sshd', 7000 + i, `Failed password for invalid user oracle from ${brute} port ${60000 + i} ssh2`));
  records.push(journalRecord(host, start + 5 * MIN, n++, 'sshd', 7100, 'Accepted publickey for ubuntu from 10.20.0.100 port 52100 ssh2: ED25519 SHA256:abcdef0123456789'));
  planted.push({ rule: 'system.ssh-brute-force', key: { src_ip: brute }, first: iso(start), last: iso(start + 5 * 7000) });
  return records.join('\n');
}
