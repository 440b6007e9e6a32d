import { openStore, type Store } from '../../../../main/engine/store/store.js';
import type { ReportOptions } from '../../../../main/engine/report/build-model.js';

export const BASE = Date.UTC(2026, 1, 6, 22, 30, 0);
export const XSS = '<img src=x onerror=alert(1)>';
export const GENERATED = Date.UTC(2026, 1, 10, 9, 0, 0);

/**
 * A small case: two hosts' files, seven events (one carrying markup, one Markdown
 * metacharacters), two findings, a bookmark with a note and tags, a case note, a saved query
 * and case details.
 */
export const CASE_SQL = `
INSERT INTO files (id, input, path, format, source, sha256, bytes, lines, events, first_ts, last_ts, host) VALUES
  (1, '/ev/a', '/ev/a/var/log/auth.log', 'syslog', 'system', '${'a1'.repeat(32)}', 2048, 5, 5, ${BASE}, ${BASE + 40_000}, 'maas-region'),
  (2, '/ev/b', '/ev/b/var/log/nginx/access.log', 'nginx', 'web', '${'b2'.repeat(32)}', 512, 2, 2, ${BASE + 60_000}, ${BASE + 61_000}, 'maas-rack');
INSERT INTO events (id, ts, seq, source, format, host, file_id, line, src_ip, user, message) VALUES
  (1, ${BASE}, 1, 'system', 'syslog', 'maas-region', 1, 1, '203.0.113.9', 'root', 'Failed password for root from 203.0.113.9'),
  (2, ${BASE + 10_000}, 2, 'system', 'syslog', 'maas-region', 1, 2, '203.0.113.9', 'root', 'Failed password for root from 203.0.113.9'),
  (3, ${BASE + 20_000}, 3, 'system', 'syslog', 'maas-region', 1, 3, '203.0.113.9', 'root', 'Failed password for root from 203.0.113.9'),
  (4, ${BASE + 30_000}, 4, 'system', 'syslog', 'maas-region', 1, 4, '203.0.113.9', 'root', 'Accepted password for root from 203.0.113.9'),
  (5, ${BASE + 40_000}, 5, 'system', 'syslog', 'maas-region', 1, 5, NULL, NULL, 'sudo: root : COMMAND=/bin/echo ${XSS}'),
  (6, ${BASE + 60_000}, 6, 'web', 'nginx', 'maas-rack', 2, 1, '198.51.100.7', NULL, 'GET /search?q=*bold*_x_[link](http://evil)|pipe ${XSS}'),
  (7, ${BASE + 61_000}, 7, 'web', 'nginx', 'maas-rack', 2, 2, '198.51.100.7', NULL, 'GET /admin');
INSERT INTO findings (id, rule, severity, title, key, count, first_ts, last_ts, summary) VALUES
  (1, 'test.brute', 'high', 'SSH brute force', '{"src_ip":"203.0.113.9"}', 3, ${BASE}, ${BASE + 20_000}, '203.0.113.9 failed 3 logins'),
  (2, 'test.web', 'medium', 'Web probe', '{"src_ip":"198.51.100.7"}', 2, ${BASE + 60_000}, ${BASE + 61_000}, 'probe ${XSS}');
INSERT INTO finding_events VALUES (1, 1), (1, 2), (1, 3), (2, 6), (2, 7);
INSERT INTO bookmarks (event_id, created_ts) VALUES (4, ${BASE}), (5, ${BASE});
INSERT INTO tags VALUES ('event', 4, 'intrusion'), ('event', 4, 'root'), ('finding', 1, 'confirmed');
INSERT INTO notes (target_kind, target_id, body, created_ts, updated_ts) VALUES
  ('event', 4, 'The intruder got in here', ${BASE}, ${BASE}),
  ('case', NULL, 'Handed over by the NOC on Monday', ${BASE}, ${BASE}),
  ('finding', 1, 'Blocked at the edge', ${BASE}, ${BASE});
INSERT INTO saved_queries (name, sql, created_ts) VALUES ('logins', 'SELECT * FROM events
WHERE message LIKE ''%password%''', ${BASE});
INSERT INTO meta VALUES ('case.id', 'IR-2026-007'), ('case.title', 'MAAS region compromise');`;

export async function caseStore(): Promise<Store> {
  const store = await openStore({ inThread: true });
  await store.query(CASE_SQL);
  await store.finishImport();
  return store;
}

export const OPTIONS: ReportOptions = {
  hosts: [
    { label: 'sos-a.tar.xz', layout: 'sos-report', hostname: 'maas-region', hostnameSource: null, timezone: 'America/Chicago', timezoneSource: null, collected: null, collectedSource: null, maas: null, tailed: [] },
    { label: 'sos-b.tar.xz', layout: 'sos-report', hostname: 'maas-rack', hostnameSource: null, timezone: 'UTC', timezoneSource: null, collected: null, collectedSource: null, maas: null, tailed: [] },
  ],
  rules: [
    { id: 'test.brute', title: 'SSH brute force', severity: 'high', origin: 'builtin', file: '/nonexistent/brute.yaml', description: 'Many failed logins from one address.' },
    { id: 'test.idle', title: 'Never fires', severity: 'low', origin: 'user', file: '/nonexistent/idle.yaml', description: 'Nothing.' },
  ],
  version: '9.9.9',
  generatedAtMs: GENERATED,
  samplesPerFinding: 2,
};
