import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../main/engine/rules/load.js';
import { formatDuration } from '../../../main/engine/rules/summary.js';
import { at, findingsOf, iso } from './support.js';

describe('an sql rule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mfw-sql-rule-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes one finding per key of its rows, linked to their events', async () => {
    const file = join(dir, 'sudo-root.yaml');
    writeFileSync(file, [
      'id: local.sudo-after-hours', 'kind: sql', 'title: sudo at night', 'severity: medium', 'description: sudo between 00:00 and 05:00 UTC',
      'key: [user]', 'summary: "{user} used sudo {count} times at night"',
      'sql: |', "  SELECT id AS event_id, ts, user FROM events WHERE program = 'sudo' AND CAST(strftime('%H', ts / 1000, 'unixepoch') AS INTEGER) < 5",
    ].join('\n'));
    const { rules } = loadRuleSet({ builtin: false, paths: [file] });
    const night = Date.UTC(2026, 2, 10, 2, 0, 0);
    const found = await findingsOf(rules, [
      { ts: night, program: 'sudo', user: 'bob' },
      { ts: night + 60_000, program: 'sudo', user: 'bob' },
      { ts: night + 120_000, program: 'sudo', user: 'eve' },
      { ts: at(0), program: 'sudo', user: 'bob' },
      { ts: night, program: 'cron', user: 'bob' },
    ]);
    expect(found.map((f) => [f.key, f.count, iso(f.firstTs), iso(f.lastTs), f.summary])).toEqual([
      [{ user: 'bob' }, 2, '2026-03-10T02:00:00Z', '2026-03-10T02:01:00Z', 'bob used sudo 2 times at night'],
      [{ user: 'eve' }, 1, '2026-03-10T02:02:00Z', '2026-03-10T02:02:00Z', 'eve used sudo 1 times at night'],
    ]);
    expect(found[0]!.eventIds).toEqual([1, 2]);
  });

  it('says which column its SELECT forgot', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, ['id: local.bad', 'kind: sql', 'title: t', 'severity: low', 'description: d', 'key: [user]', 'sql: SELECT id AS event_id, user FROM events'].join('\n'));
    const { rules } = loadRuleSet({ builtin: false, paths: [file] });
    await expect(findingsOf(rules, [{ ts: at(0), user: 'x' }])).rejects.toThrow(/returns no ts column/);
  });
});

describe('summary durations', () => {
  it.each([[0, '0 s'], [59_000, '59 s'], [117_000, '2 min'], [3_600_000, '1 h'], [3_900_000, '1 h 5 min'], [90_000_000, '1 d 1 h']])('%i ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
