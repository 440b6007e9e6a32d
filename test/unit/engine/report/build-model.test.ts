import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel } from '../../../../main/engine/report/build-model.js';
import { getCaseDetails, setCaseDetails } from '../../../../main/engine/report/case-details.js';
import type { ReportModel } from '../../../../main/engine/report/model.js';
import type { Store } from '../../../../main/engine/store/store.js';
import { BASE, caseStore, GENERATED, OPTIONS } from './report-store.js';

describe('the report model', () => {
  let store: Store;
  let model: ReportModel;

  beforeAll(async () => {
    store = await caseStore();
    model = await buildReportModel(store, OPTIONS);
  });
  afterAll(() => store.close());

  it('puts the case details, the period in UTC and the hosts with their zones on the cover', () => {
    expect(model.generatedAtMs).toBe(GENERATED);
    expect(model.cover.case).toEqual({ id: 'IR-2026-007', title: 'MAAS region compromise', investigator: '', organisation: '' });
    expect([model.cover.firstTs, model.cover.lastTs, model.cover.events]).toEqual([BASE, BASE + 61_000, 7]);
    expect(model.cover.hosts).toEqual([{ label: 'sos-a.tar.xz', hostname: 'maas-region', timezone: 'America/Chicago' }, { label: 'sos-b.tar.xz', hostname: 'maas-rack', timezone: 'UTC' }]);
  });

  it('counts findings by severity and names the most serious first', () => {
    expect(model.summary.bySeverity).toEqual([{ severity: 'critical', count: 0 }, { severity: 'high', count: 1 }, { severity: 'medium', count: 1 }, { severity: 'low', count: 0 }]);
    expect(model.summary.top[0]).toBe('High: SSH brute force (src_ip=203.0.113.9): 203.0.113.9 failed 3 logins.');
    expect(model.summary.top).toHaveLength(2);
  });

  it('gives each finding its explanation, key, span, tags, note and at most N evidence lines', () => {
    const [brute, web] = model.findings;
    expect(brute).toMatchObject({ rule: 'test.brute', key: 'src_ip=203.0.113.9', count: 3, firstTs: BASE, lastTs: BASE + 20_000, explanation: 'Many failed logins from one address.', tags: ['confirmed'], note: 'Blocked at the edge', moreEvents: 1 });
    expect(brute!.samples).toEqual([
      { path: '/ev/a/var/log/auth.log', line: 1, ts: BASE, host: 'maas-region', text: 'Failed password for root from 203.0.113.9' },
      { path: '/ev/a/var/log/auth.log', line: 2, ts: BASE + 10_000, host: 'maas-region', text: 'Failed password for root from 203.0.113.9' },
    ]);
    expect(web).toMatchObject({ rule: 'test.web', explanation: null, moreEvents: 0 });
    expect(web!.samples.map((s) => s.line)).toEqual([1, 2]);
  });

  it('lists bookmarked events in time order with their tags and notes, and the case note', () => {
    expect(model.bookmarks.map((b) => [b.eventId, b.tags, b.note, b.event.line])).toEqual([[4, ['intrusion', 'root'], 'The intruder got in here', 4], [5, [], null, 5]]);
    expect(model.caseNote).toBe('Handed over by the NOC on Monday');
  });

  it('has the evidence table with sizes and hashes, and the saved queries', () => {
    expect(model.evidence.map((f) => [f.path, f.bytes, f.sha256, f.events])).toEqual([
      ['/ev/b/var/log/nginx/access.log', 512, 'b2'.repeat(32), 2],
      ['/ev/a/var/log/auth.log', 2048, 'a1'.repeat(32), 5],
    ]);
    expect(model.queries).toEqual([{ name: 'logins', sql: "SELECT * FROM events\nWHERE message LIKE '%password%'" }]);
  });

  it('lists the rules loaded with their findings, and a rule a finding names that is not loaded', () => {
    expect(model.rules.map((r) => [r.id, r.origin, r.findings, r.version])).toEqual([['test.brute', 'builtin', 1, null], ['test.idle', 'user', 0, null], ['test.web', 'unknown', 1, null]]);
  });

  it('counts the events per bin by source for the timeline, leaving out empty sources', () => {
    expect(model.timeline!.series.map((s) => s.label)).toEqual(['web', 'system']);
    expect(model.timeline!.total).toBe(7);
    expect(model.timeline!.series.map((s) => s.counts.reduce((a, b) => a + b, 0))).toEqual([2, 5]);
  });

  it('cuts an evidence line past 2000 characters and says how much is left out', async () => {
    await store.query("INSERT INTO events (id, ts, seq, source, format, message) VALUES (99, ?, 99, 'web', 'nginx', ?)", [BASE + 90_000, 'x'.repeat(2500)]);
    await store.query('INSERT INTO bookmarks (event_id, created_ts) VALUES (99, 0)');
    const again = await buildReportModel(store, OPTIONS);
    const line = again.bookmarks.find((b) => b.eventId === 99)!.event;
    expect(line.text).toBe(`${'x'.repeat(2000)} … [500 more characters]`);
    expect(line.path).toBeNull();
  });

  it('stores case details in meta, clears one set empty, and reads unset ones as empty', async () => {
    expect(await setCaseDetails(store, { investigator: '  Ada  ', id: '' })).toEqual({ id: '', title: 'MAAS region compromise', investigator: 'Ada', organisation: '' });
    expect((await store.query("SELECT value FROM meta WHERE key = 'case.investigator'")).rows).toEqual([['Ada']]);
    expect((await getCaseDetails(store)).id).toBe('');
  });
});
