import { describe, expect, it } from 'vitest';
import type { FieldValue } from '../../../shared/types/event.js';
import { compileWhere, type ConditionContext } from '../../../main/engine/rules/conditions.js';
import { columnIndex, RULE_COLUMNS, type RuleEvent } from '../../../main/engine/rules/fields.js';
import { compileJudge } from '../../../main/engine/rules/judge-code.js';

const ctx: ConditionContext = {
  lists: new Map([['ports', { id: 'ports', description: 'd', sources: ['s'], entries: [{ value: 31337, label: 'bo' }, { value: '12345', label: 'nb' }, { range: [6660, 6669] as [number, number], label: 'irc' }] }]]),
};
const columns = columnIndex(RULE_COLUMNS);

/** Rows with the values a parser may give a column: numbers, numeric texts, blanks, nulls, odd numbers. */
const ROWS: Partial<Record<string, FieldValue>>[] = [
  { source: 'firewall', action: 'block', direction: 'inbound', src_ip: '10.1.2.3', dst_port: 31337, src_port: 40000 },
  { source: 'firewall', action: 'limit-block', direction: 'outbound', src_ip: '192.168.1.9', dst_port: '12345', src_port: '80' },
  { source: 'firewall', action: 'allow', direction: null, src_ip: 'fd00::1', dst_port: 6665, src_port: null },
  { source: 'web', status: 404, method: 'GET', path: '/a%2527%20OR%201=1', query: null, src_ip: '203.0.113.7' },
  { source: 'web', status: '404', method: 'POST', path: '/login', query: 'next=%2F', src_ip: '203.0.113.8' },
  { source: 'web', status: ' ', method: 'post', path: '/', query: "id=1' OR '1'='1", src_ip: null },
  { source: 'web', status: Infinity, path: null, query: null },
  { source: 'web', status: Number.NaN, path: '', query: '' },
  { source: 'system', action: 'failure', program: 'sshd', message: 'Failed password for root', src_ip: '::ffff:10.9.9.9' },
  { source: 'system', action: "'); throw new Error('injected'); ('", program: 'sshd[12]', message: null, src_ip: '198.51.100.23' },
  { source: 'maas' },
];

const asEvent = (row: Partial<Record<string, FieldValue>>): RuleEvent => ({
  id: 1, ts: 0, columns, values: RULE_COLUMNS.map((c) => row[c] ?? null),
});

const WHERES: Record<string, unknown>[] = [
  { action: 'block' },
  { dst_port: 31337 },
  { dst_port: '12345' },
  { status: 404 },
  { status: '404' },
  { action: ['block', 'limit-block'] },
  { status: [200, 400, 401, 403, 404] },
  { dst_port: ['31337', 12345] },
  { action: { not_in: ['block', 'allow'] } },
  { status: { not_in: [404] } },
  { dst_port: { in: [1, 2, 3, 4, 5, 6, 7, 8, 9, 31337] } },
  { status: { min: 400 } },
  { status: { max: 404 } },
  { src_port: { min: 0, max: 1023 } },
  { status: { min: -Infinity } },
  { message: { exists: true } },
  { message: { exists: false } },
  { dst_port: { in_list: 'ports' } },
  { dst_port: { not_in_list: 'ports' } },
  { src_ip: { cidr: ['10.0.0.0/8', 'fc00::/7'] } },
  { src_subnet: '198.51.100.0/24' },
  { request: { regex: "(?i)'\\s*or\\s" } },
  { path: { regex: '^/login$' } },
  { message: { startswith: 'failed' } },
  { program: { startswith: 'sshd' } },
  { action: "'); throw new Error('injected'); ('" },
  { source: 'firewall', action: ['block', 'limit-block'], not: { direction: 'outbound' } },
  { source: 'web', any: [{ status: [401, 403] }, { method: 'POST', path: { regex: '(?i)login' } }] },
  { any: [{ source: 'system', action: 'failure' }, { source: 'web', status: 404 }] },
  { all: [{ source: 'web' }, { status: { min: 400 } }], path: { exists: true } },
  { source: 'web', all: [{ source: 'firewall' }] },
];

describe('the compiled judge says what the filters say', () => {
  it.each(WHERES)('%j', (where) => {
    const filter = compileWhere(where, ['where'], ctx);
    const judge = compileJudge([filter], columns, undefined);
    const hits = new Uint8Array(1);
    for (const row of ROWS) {
      const event = asEvent(row);
      const taken = judge(event.values, event, hits);
      expect([taken, hits[0]], JSON.stringify(row)).toEqual([filter.test(event), filter.test(event) ? 1 : 0]);
    }
  });

  it.each(WHERES.filter((w) => compileWhere(w, ['where'], ctx).withinSource))('within its source: %j', (where) => {
    const filter = compileWhere(where, ['where'], ctx);
    const judge = compileJudge([filter], columns, filter.source);
    const hits = new Uint8Array(1);
    for (const row of ROWS) {
      const event = asEvent(row);
      expect(judge(event.values, event, hits), JSON.stringify(row)).toBe(filter.withinSource!(event));
    }
  });

  it('judges several filters at once, one hit each', () => {
    const filters = [{ status: 404 }, { method: 'POST' }, { src_ip: { exists: true } }].map((w) => compileWhere(w, ['where'], ctx));
    const judge = compileJudge(filters, columns, undefined);
    const hits = new Uint8Array(3);
    const row = asEvent(ROWS[4]!);
    expect(judge(row.values, row, hits)).toBe(true);
    expect([...hits]).toEqual([1, 1, 1]);
    const none = asEvent(ROWS[10]!);
    expect(judge(none.values, none, hits)).toBe(false);
    expect([...hits]).toEqual([0, 0, 0]);
  });

  it('judges the conditions after the deciding ones only for rows one of those takes', () => {
    const [deciding, extra] = [{ status: 404 }, { method: 'POST' }].map((w) => compileWhere(w, ['where'], ctx));
    const judge = compileJudge([deciding!, extra!], columns, undefined, 1);
    const hits = new Uint8Array(2);
    const taken = asEvent(ROWS[4]!);
    expect([judge(taken.values, taken, hits), ...hits]).toEqual([true, 1, 1]);
    const postOnly = asEvent({ source: 'web', status: 200, method: 'POST' });
    expect(judge(postOnly.values, postOnly, hits)).toBe(false);
  });

  it('never writes a rule\'s values into its code', () => {
    const filter = compileWhere({ action: "'); throw new Error('injected'); ('", message: { regex: 'x`${y}' } }, ['where'], ctx);
    const judge = compileJudge([filter], columns, undefined);
    expect(judge.toString()).not.toMatch(/injected|\$\{y\}/);
  });
});
