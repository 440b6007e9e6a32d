import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../main/engine/analyze.js';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import type { CompiledRule } from '../../main/engine/rules/compiled.js';
import { loadRuleSet } from '../../main/engine/rules/load.js';
import { runRules } from '../../main/engine/rules/run.js';
import { openStore, type Store } from '../../main/engine/store/store.js';
import type { TimeOptions } from '../../main/engine/ingest/file-time.js';
import { ATTACK_TZ, generateAttackSet } from '../fixtures/attacks.js';
import { generateSosCollection } from '../fixtures/sos-report.js';

/** The findings stored in the store, with the ids of their events. */
async function storedFindings(store: Store): Promise<unknown[]> {
  const result = await store.query(`SELECT f.rule, f.severity, f.key, f.count, f.first_ts, f.last_ts, f.summary,
      (SELECT group_concat(event_id) FROM (SELECT event_id FROM finding_events WHERE finding_id = f.id ORDER BY event_id))
    FROM findings f ORDER BY f.rule, f.key, f.first_ts`);
  return result.rows;
}

/** The same, from a run of the rules that fetches every candidate from the finished store. */
async function fetchedFindings(store: Store, rules: readonly CompiledRule[]): Promise<unknown[]> {
  const { findings } = await runRules(store, rules);
  return findings
    .map((f) => [f.rule, f.severity, JSON.stringify(f.key), f.count, f.firstTs, f.lastTs, f.summary, [...f.eventIds].sort((a, b) => a - b).join(',')])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[2]).localeCompare(String(b[2])) || Number(a[4]) - Number(b[4]));
}

/** A store that records the SQL it is asked, to tell whether candidates were fetched. */
function recording(store: Store): { store: Store; fetches: () => number } {
  const asked: string[] = [];
  return {
    store: { ...store, query: (sql, params, opts) => (asked.push(sql), store.query(sql, params, opts)) },
    fetches: () => asked.filter((sql) => sql.includes('json_group_array')).length,
  };
}

describe('rules judged during the import (the rule tap)', () => {
  let dir: string;
  const builtin = loadRuleSet().rules;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-rule-tap-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function importAndCompare(inputs: string[], time: TimeOptions, rules: readonly CompiledRule[]): Promise<number> {
    const store = await openStore({ inThread: true });
    try {
      const spy = recording(store);
      await analyze({ inputs, registry: loadRegistry(), store: spy.store, time, rules });
      expect(spy.fetches(), 'candidate fetches during the import').toBe(0);
      const stored = await storedFindings(store);
      expect(stored).toEqual(await fetchedFindings(store, rules));
      return stored.length;
    } finally {
      await store.close();
    }
  }

  it('finds on the two-host incident exactly what a fetch from the finished store finds', async () => {
    const set = generateAttackSet(join(dir, 'attacks'));
    expect(await importAndCompare(set.hosts, { tz: ATTACK_TZ, year: 2026 }, builtin)).toBeGreaterThan(10);
  });

  it('does so on a sos-report collection, with hosts filled per bundle and UFW copies folded', async () => {
    const sos = generateSosCollection(join(dir, 'sos'));
    // Counts every event of each host and source: wrong if a folded copy or a host were wrong.
    mkdirSync(join(dir, 'rules'));
    writeFileSync(join(dir, 'rules', 'per-host.yaml'), [
      'id: local.events-per-host', 'kind: threshold', 'title: events per host and source', 'severity: low', 'description: test rule',
      'where: { source: { in: [firewall, system, maas, web, audit] } }', 'group_by: [host, source]', 'min: 1', 'window: 3650d', '',
    ].join('\n'));
    const perHost = loadRuleSet({ paths: [join(dir, 'rules')], builtin: false }).rules;
    expect(await importAndCompare([sos.collection], {}, [...builtin, ...perHost])).toBeGreaterThan(4);
  });

  it('fetches from the store when an import adds to earlier events, so findings span both', async () => {
    const attempts = (first: number) => Array.from({ length: 3 }, (_v, i) =>
      `Mar 10 12:0${first + i}:00 gw sshd[4${first + i}]: Failed password for root from 192.0.2.99 port ${40000 + first + i} ssh2`);
    mkdirSync(join(dir, 'split'), { recursive: true });
    writeFileSync(join(dir, 'split', 'auth.log.1'), `${attempts(0).join('\n')}\n`);
    writeFileSync(join(dir, 'split', 'auth.log'), `${attempts(3).join('\n')}\n`);
    const store = await openStore({ inThread: true });
    try {
      const time = { tz: 'UTC', year: 2026 };
      await analyze({ inputs: [join(dir, 'split', 'auth.log.1')], registry: loadRegistry(), store, time, rules: builtin });
      const spy = recording(store);
      const { analysis } = await analyze({ inputs: [join(dir, 'split', 'auth.log')], registry: loadRegistry(), store: spy.store, time, rules: builtin });
      expect(spy.fetches()).toBeGreaterThan(0);
      expect(analysis.findings.filter((f) => f.rule === 'system.ssh-brute-force').map((f) => [f.key, f.count])).toEqual([[{ src_ip: '192.0.2.99' }, 6]]);
    } finally {
      await store.close();
    }
  });
});
