import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, type EventColumn, type EventRow, type FieldValue } from '../../../shared/types/event.js';
import type { EventRule } from '../../../main/engine/rules/compiled.js';
import { fieldValue, type RuleEvent } from '../../../main/engine/rules/fields.js';
import { loadRuleSet } from '../../../main/engine/rules/load.js';
import { runRules } from '../../../main/engine/rules/run.js';
import { RuleTap } from '../../../main/engine/rules/tap.js';
import { openStore } from '../../../main/engine/store/store.js';
import { at, builtinRule, findingsOf } from './support.js';

const bruteForce = builtinRule('system.ssh-brute-force') as EventRule;

/** A tapped rule's candidates as events, in order. */
function candidatesOf(tap: RuleTap, rule: EventRule): RuleEvent[] {
  const rows = tap.rowsOf(rule);
  return Array.from({ length: rows.length }, (_v, i) => rows.event(i));
}

let seq = 0;
function row(values: Partial<Record<EventColumn, FieldValue>>): EventRow {
  return EVENT_COLUMNS.map((c) => values[c] ?? (c === 'seq' ? ++seq : c === 'format' ? 'test' : null));
}

const failure = (seconds: number, extra: Partial<Record<EventColumn, FieldValue>> = {}): EventRow => row({
  ts: at(seconds), source: 'system', format: 'sshd', program: 'sshd', action: 'failure', src_ip: '192.0.2.7', user: 'root',
  message: 'Failed password for root from 192.0.2.7 port 4000 ssh2', file_id: 1, ...extra,
});

describe('RuleTap', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** A user rule from its YAML lines. */
  function userRule(id: string, lines: string[]): EventRule {
    const dir = mkdtempSync(join(tmpdir(), 'mfw-tap-'));
    dirs.push(dir);
    writeFileSync(join(dir, `${id}.yaml`), [`id: ${id}`, 'title: test rule', 'severity: low', 'description: test rule', ...lines, ''].join('\n'));
    return loadRuleSet({ paths: [dir], builtin: false }).rules.find((r) => r.meta.id === id) as EventRule;
  }

  it('keeps the candidates of stored batches with their ids, in time order', () => {
    const tap = new RuleTap([bruteForce]);
    tap.judge([failure(30), failure(10)]).stored(101);
    tap.judge([failure(20), row({ ts: at(5), source: 'web', status: 404 })]).stored(103);
    tap.finish([], new Map());
    expect(candidatesOf(tap, bruteForce).map((e) => [e.id, e.ts])).toEqual([[102, at(10)], [103, at(20)], [101, at(30)]]);
  });

  it('drops the candidates of a batch the store refused, and the folded copies', () => {
    const tap = new RuleTap([bruteForce]);
    tap.judge([failure(1), failure(2)]).lost();
    tap.judge([failure(3), failure(4)]).stored(7);
    tap.finish([8], new Map());
    expect(candidatesOf(tap, bruteForce).map((e) => e.id)).toEqual([7]);
  });

  it('judges a batch in pieces as its rows are made, its candidates given their ids when it ends', () => {
    const tap = new RuleTap([bruteForce]);
    const batch = [failure(30), row({ ts: at(1), source: 'web', status: 404 })];
    tap.judgeRows(batch, 0);
    batch.push(failure(10), failure(20));
    tap.judgeRows(batch, 2);
    tap.endBatch().stored(11);
    const empty = [row({ ts: at(2), source: 'web', status: 200 })];
    tap.judgeRows(empty, 0);
    tap.endBatch().stored(15);
    tap.judgeRows([failure(5)], 0);
    tap.endBatch().stored(16);
    tap.finish([], new Map());
    expect(candidatesOf(tap, bruteForce).map((e) => [e.id, e.ts])).toEqual([[16, at(5)], [13, at(10)], [14, at(20)], [11, at(30)]]);
  });

  it('reads each field of its rows by position as an event of them has it', () => {
    const reader = userRule('local.reads-fields', [
      'kind: threshold', 'where: { source: web, status: 404 }', 'group_by: [src_subnet]', 'distinct: request', 'min: 1', 'window: 10m',
      'summary: "{src_ip} {host} {extra.vhost} {user}"',
    ]);
    const tap = new RuleTap([reader]);
    const web = (seconds: number, values: Partial<Record<EventColumn, FieldValue>>): EventRow =>
      row({ ts: at(seconds), source: 'web', status: 404, file_id: 1, ...values });
    tap.judge([
      web(3, { src_ip: '198.51.100.7', path: '/a%2527', query: 'q=1+2', extra: '{"vhost":"maas"}', host: 'h1' }),
      web(1, { src_ip: '2001:db8::1', path: '/b', user: 'bob' }),
      web(2, { src_ip: null, path: null, extra: 'not json' }),
    ]).stored(1);
    tap.finish([], new Map([[1, 'bundle-host']]));
    const rows = tap.rowsOf(reader);
    expect(rows.length).toBe(3);
    expect([0, 1, 2].map((i) => rows.ts(i))).toEqual([at(1), at(2), at(3)]);
    for (const field of ['id', 'src_ip', 'src_subnet', 'request', 'host', 'extra.vhost', 'user', 'status', 'message']) {
      const read = rows.reader(field);
      for (let i = 0; i < rows.length; i++) expect(read(i), `${field} of row ${i}`).toBe(fieldValue(rows.event(i), field));
    }
    expect(rows.reader('src_subnet')(0)).toBe('2001:db8:0:0::/64');
    expect([0, 1, 2].map((i) => rows.reader('host')(i))).toEqual(['bundle-host', 'bundle-host', 'h1']);
    expect(rows.reader('request')(2)).toBe("/a'?q=1 2");
  });

  it('merges in time order the candidates of a rule of no one source, judged with each source', () => {
    const anySource = userRule('local.from-one-address', ['kind: threshold', 'where: { src_ip: 192.0.2.7 }', 'group_by: [src_ip]', 'min: 2', 'window: 10m']);
    const tap = new RuleTap([anySource, bruteForce]);
    tap.judge([failure(30), row({ ts: at(20), source: 'web', src_ip: '192.0.2.7', status: 404 }), failure(10)]).stored(1);
    tap.judge([row({ ts: at(5), source: 'firewall', src_ip: '192.0.2.7', action: 'block' }), failure(40, { src_ip: '198.51.100.1' })]).stored(4);
    tap.finish([], new Map());
    expect(candidatesOf(tap, anySource).map((e) => [e.id, e.ts])).toEqual([[4, at(5)], [3, at(10)], [2, at(20)], [1, at(30)]]);
    expect(candidatesOf(tap, bruteForce).map((e) => e.id)).toEqual([3, 1, 5]);
  });

  it('judges rules of the same conditions once, and each still finds its own', async () => {
    const portScan = builtinRule('firewall.port-scan');
    const repeatedBlocks = builtinRule('firewall.repeated-blocks');
    const probes = Array.from({ length: 25 }, (_v, i) => ({
      ts: at(i * 4), source: 'firewall', action: 'block', direction: 'inbound', src_ip: '203.0.113.9', dst_ip: '10.0.0.2', dst_port: 1000 + i,
    }));
    const found = await findingsOf([portScan, repeatedBlocks], probes);
    expect(found.map((f) => [f.rule, f.key, f.count])).toEqual([
      ['firewall.port-scan', { src_ip: '203.0.113.9' }, 25],
      ['firewall.repeated-blocks', { src_ip: '203.0.113.9' }, 25],
    ]);
  });

  it('fills the host of rows without one from their file, as the store does per bundle', () => {
    const byHost = userRule('local.by-host', ['kind: threshold', 'where: { source: system, action: failure }', 'group_by: [host, src_ip]', 'min: 2', 'window: 10m']);
    const tap = new RuleTap([byHost]);
    tap.judge([failure(1), failure(2, { host: 'logged-host' }), failure(3, { file_id: 2 })]).stored(1);
    tap.finish([], new Map([[1, 'bundle-host']]));
    const host = (id: number): FieldValue => {
      const e = candidatesOf(tap, byHost).find((c) => c.id === id)!;
      return e.values[e.columns.get('host')!]!;
    };
    expect([host(1), host(2), host(3)]).toEqual(['bundle-host', 'logged-host', null]);
  });

  it('leaves to a fetch a rule whose conditions read the host (known only after the import)', async () => {
    const rule = userRule('local.ssh-on-gw', ['kind: threshold', 'where: { source: system, action: failure, host: gw }', 'group_by: [src_ip]', 'min: 2', 'window: 10m']);
    const tap = new RuleTap([rule, bruteForce]);
    expect([tap.has(rule), tap.has(bruteForce)]).toEqual([false, true]);

    const store = await openStore({ inThread: true });
    try {
      const rows = [failure(1), failure(2)];
      tap.judge(rows).stored(await store.insertEvents(rows));
      await store.assignHost([1], 'gw');
      tap.finish((await store.finishImport()).removedIds, new Map([[1, 'gw']]));
      const run = await runRules(store, [rule, bruteForce], { tap });
      expect(run.findings.map((f) => [f.rule, f.count])).toEqual([['local.ssh-on-gw', 2]]);
    } finally {
      await store.close();
    }
  });
});
