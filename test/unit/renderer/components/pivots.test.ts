import { describe, expect, it } from 'vitest';
import type { EventSummary } from '../../../../shared/api.js';
import { aroundFilter, aroundLabel, samePivots, sqlString } from '../../../../renderer/components/events/pivots.js';
import { checkWhereExpression } from '../../../../main/engine/session/event-query.js';

const event = (over: Partial<EventSummary>): EventSummary => ({
  id: 8, ts: Date.UTC(2026, 2, 5, 8, 20, 1), seq: 1, source: 'system', host: 'maas-region-1', program: 'sshd', src_ip: '198.51.100.23', src_port: 50122,
  dst_ip: null, dst_port: null, user: 'admin', status: null, message: 'Failed password', starred: false, tags: [], noted: false, ...over,
});

describe('pivots from an event', () => {
  it('takes ±N minutes around its instant, both ends in, and nothing else of the filter', () => {
    expect(aroundFilter(Date.UTC(2026, 2, 5, 8, 20, 1), 5)).toEqual({ fromMs: Date.UTC(2026, 2, 5, 8, 15, 1), toMs: Date.UTC(2026, 2, 5, 8, 25, 1) + 1 });
    expect(aroundFilter(1000.75, 1)).toEqual({ fromMs: 1000 - 60_000, toMs: 1000 + 60_001 });
    expect([1, 5, 60].map(aroundLabel)).toEqual(['±1 minute', '±5 minutes', '±1 hour']);
  });

  it('offers the same IP (source, else destination), user and host, and disables what the event lacks', () => {
    expect(samePivots(event({}))).toEqual([
      { label: 'Same IP (198.51.100.23)', filter: { ip: '198.51.100.23' } },
      { label: 'Same user (admin)', filter: { where: "user = 'admin'" } },
      { label: 'Same host (maas-region-1)', filter: { host: 'maas-region-1' } },
    ]);
    expect(samePivots(event({ src_ip: null, dst_ip: '10.0.0.1', user: null })).map((p) => p.filter)).toEqual([{ ip: '10.0.0.1' }, null, { host: 'maas-region-1' }]);
  });

  it('quotes a hostile user name so it stays one SQL string the WHERE box accepts', () => {
    const name = "x') OR 1=1; DROP TABLE events; --";
    expect(sqlString(name)).toBe("'x'') OR 1=1; DROP TABLE events; --'");
    const where = samePivots(event({ user: name }))[1]!.filter!.where!;
    expect(() => checkWhereExpression(where)).not.toThrow();
  });
});
