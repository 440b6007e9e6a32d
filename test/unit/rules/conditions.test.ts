import { describe, expect, it } from 'vitest';
import type { FieldValue } from '../../../shared/types/event.js';
import { compileWhere, RuleIssue, type ConditionContext } from '../../../main/engine/rules/conditions.js';
import type { CompiledRule } from '../../../main/engine/rules/compiled.js';
import { thresholdRule } from '../../../main/engine/rules/threshold.js';
import { cidrMatcher } from '../../../main/engine/rules/cidr.js';
import { columnIndex, decodedRequest, RULE_COLUMNS, subnetOf, type RuleEvent } from '../../../main/engine/rules/fields.js';
import { at, findingsOf, type TestEvent } from './support.js';

const ctx: ConditionContext = {
  lists: new Map([['ports', { id: 'ports', description: 'd', sources: ['s'], entries: [{ value: 31337, label: 'bo' }, { range: [6660, 6669] as [number, number], label: 'irc' }] }]]),
};

/** A rule of min 1 whose findings are exactly the events `where` accepts, each on its own (key = id via src_port). */
function ruleOf(where: Record<string, unknown>): CompiledRule {
  const meta = { id: 'test.where', kind: 'threshold' as const, severity: 'low' as const, title: 't', description: 'd', file: 'x', origin: 'user' as const };
  return thresholdRule(meta, { where: compileWhere(where, ['where'], ctx), groupBy: ['line'], min: 1, windowMs: 0 });
}

const EVENTS: TestEvent[] = [
  { src_ip: '10.1.2.3', dst_port: 31337, status: 200, action: 'block', message: 'Failed password for root' },
  { src_ip: '192.168.9.9', dst_port: 6665, status: 404, action: 'allow', message: 'failed PASSWORD' },
  { src_ip: '203.0.113.7', dst_port: 22, status: null, action: null, message: null },
  { src_ip: null, dst_port: null, status: 500, action: 'block', message: '' },
  { src_ip: 'fd00::1', dst_port: 6670, status: 401, action: 'audit', message: 'Accepted publickey' },
  { src_ip: '::ffff:10.9.9.9', dst_port: 443, status: 403, action: 'limit-block', message: 'error: maximum authentication attempts exceeded' },
].map((e, i) => ({ ...e, ts: at(i), line: i + 1 }));

async function matching(where: Record<string, unknown>): Promise<number[]> {
  const found = await findingsOf(ruleOf(where), EVENTS);
  return found.map((f) => Number(f.key.line)).sort((a, b) => a - b);
}

describe('conditions, the same whether SQL or JS decides', () => {
  it.each<[string, Record<string, unknown>, number[]]>([
    ['equals', { action: 'block' }, [1, 4]],
    ['in', { action: ['allow', 'audit'] }, [2, 5]],
    ['not_in keeps NULL', { action: { not_in: ['block'] } }, [2, 3, 5, 6]],
    ['min and max', { status: { min: 401, max: 404 } }, [2, 5, 6]],
    ['exists false', { message: { exists: false } }, [3, 4]],
    ['in_list values and ranges', { dst_port: { in_list: 'ports' } }, [1, 2]],
    ['not_in_list keeps NULL', { dst_port: { not_in_list: 'ports' } }, [3, 4, 5, 6]],
    ['not of an exact condition keeps NULL', { not: { status: { min: 400 } } }, [1, 3]],
    ['regex', { message: { regex: '^Failed' } }, [1]],
    ['regex, any case', { message: { regex: '(?i)^failed' } }, [1, 2]],
    ['not_regex keeps NULL', { message: { not_regex: 'password' } }, [2, 3, 4, 5, 6]],
    ['startswith, any case', { message: { startswith: ['failed', 'error:'] } }, [1, 2, 6]],
    ['contains', { message: { contains: 'PUBLICKEY' } }, [5]],
    ['cidr, IPv4 mapped in IPv6 too', { src_ip: { cidr: '10.0.0.0/8' } }, [1, 6]],
    ['cidr IPv6', { src_ip: { cidr: 'fc00::/7' } }, [5]],
    ['not_cidr keeps NULL', { src_ip: { not_cidr: ['10.0.0.0/8', '192.168.0.0/16', 'fc00::/7'] } }, [3, 4]],
    ['any', { any: [{ action: 'allow' }, { status: 500 }] }, [2, 4]],
    ['any with a JS-only branch', { any: [{ action: 'allow' }, { src_ip: { cidr: '203.0.113.0/24' } }] }, [2, 3]],
    ['all on one field', { all: [{ status: { min: 400 } }, { status: { max: 403 } }] }, [5, 6]],
    ['not of a JS-only condition', { source: 'system', not: { src_ip: { cidr: '10.0.0.0/8' } } }, [2, 3, 4, 5]],
    ['src_subnet', { src_subnet: '192.168.9.0/24' }, [2]],
  ])('%s', async (_name, where, lines) => {
    expect(await matching(where)).toEqual(lines);
  });

  it.each<[Record<string, unknown>, RegExp]>([
    [{ nope: 1 }, /unknown field "nope"/],
    [{ status: { above: 3 } }, /unknown operator "above"/],
    [{ message: { regex: '(?<=a)b' } }, /invalid regex .* no lookaround/],
    [{ dst_port: { in_list: 'nothing' } }, /no list named "nothing"/],
    [{ src_ip: { cidr: '10.0.0.0/33' } }, /not a CIDR block/],
    [{ any: [] }, /non-empty list/],
  ])('refuses %j', (where, message) => {
    expect(() => compileWhere(where, ['where'], ctx)).toThrow(RuleIssue);
    expect(() => compileWhere(where, ['where'], ctx)).toThrow(message);
  });
});

describe('a test within its source (what the rule tap runs on rows it sorted by source)', () => {
  const columns = columnIndex(RULE_COLUMNS);
  const asEvent = (e: TestEvent, source: string): RuleEvent => ({
    id: 1, ts: 0, columns, values: RULE_COLUMNS.map((c) => (c === 'source' ? source : ((e as Record<string, FieldValue>)[c] ?? null))),
  });

  it.each<Record<string, unknown>>([
    { source: 'web', status: { min: 400 } },
    { source: 'firewall', any: [{ action: 'block' }, { dst_port: { in_list: 'ports' } }] },
    { any: [{ source: 'system', message: { contains: 'failed' } }, { source: 'system', action: 'audit' }] },
    { all: [{ source: 'web' }, { status: { min: 400 } }], message: { exists: true } },
    { source: 'web', not: { src_ip: { cidr: '10.0.0.0/8' } } },
    { source: 'web', all: [{ source: 'firewall' }] },
  ])('says what the whole test says of the events of that source: %j', (where) => {
    const filter = compileWhere(where, ['where'], ctx);
    expect(filter.withinSource).toBeDefined();
    for (const e of EVENTS) expect(filter.withinSource!(asEvent(e, filter.source!)), JSON.stringify(e)).toBe(filter.test(asEvent(e, filter.source!)));
  });

  it('leaves the source check out, and exists only for a filter of one source', () => {
    const web404 = compileWhere({ source: 'web', status: 404 }, ['where'], ctx);
    const event = asEvent({ ts: 0, status: 404 }, 'system');
    expect([web404.test(event), web404.withinSource!(event)]).toEqual([false, true]);
    expect(compileWhere({ any: [{ source: 'web' }, { source: 'system' }] }, ['where'], ctx).withinSource).toBeUndefined();
    expect(compileWhere({ status: 404 }, ['where'], ctx).withinSource).toBeUndefined();
  });
});

describe('derived fields', () => {
  it('gives the /24 of IPv4, the /64 of IPv6, null for a name', () => {
    expect([subnetOf('198.51.100.23'), subnetOf('::ffff:198.51.100.23'), subnetOf('2001:db8:0:f101::2'), subnetOf('example.com')]).toEqual([
      '198.51.100.0/24', '198.51.100.0/24', '2001:db8:0:f101::/64', null,
    ]);
  });

  it('decodes a request twice, with + as space', () => {
    expect(decodedRequest('/p', 'id=1%2527+OR+1%3D1')).toBe("/p?id=1' OR 1=1");
    expect(decodedRequest(null, null)).toBeNull();
  });

  it('matches CIDR blocks at their edges', () => {
    const m = cidrMatcher('172.16.0.0/12')!;
    expect([m('172.15.255.255'), m('172.16.0.0'), m('172.31.255.255'), m('172.32.0.0')]).toEqual([false, true, true, false]);
    expect(cidrMatcher('nonsense')).toBeNull();
  });
});

describe('in and in_list, by set lookups', () => {
  /** The documented equality: strings by text, and by number when either side is a number. */
  const same = (a: FieldValue, b: string | number): boolean =>
    a !== null && (typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) && String(a).trim() !== '' : a === b);
  const values: FieldValue[] = [null, 22, 0, 6667, '22', ' 22 ', '022', '0x16', '', 'ssh', 'SSH', '6667', 'x22', 22.5, '22.5'];
  const lists: (string | number)[][] = [[22], ['22'], ['ssh', 6667], ['', 5], [0], ['022', 'ssh'], [22.5, 'x22']];

  it('says what comparing value by value says', () => {
    for (const list of lists) {
      const filter = compileWhere({ dst_port: { in: list } }, ['where'], { lists: new Map() });
      for (const v of values) {
        const ev = { id: 1, ts: 0, values: [1, 0, v], columns: new Map([['id', 0], ['ts', 1], ['dst_port', 2]]) };
        expect(filter.test(ev), `${JSON.stringify(v)} in ${JSON.stringify(list)}`).toBe(list.some((x) => same(v, x)));
      }
    }
  });
});
