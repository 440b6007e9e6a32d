import { describe, expect, it } from 'vitest';
import { checkWhereExpression, countQuery, offsetPageQuery, pageQuery } from '../../../../main/engine/session/event-query.js';

describe('the WHERE box', () => {
  it('takes an expression, with parentheses, strings and names holding any character', () => {
    for (const where of [
      "status >= 400 AND (src_ip LIKE '203.%' OR user = 'a;b')",
      "message = 'it''s ) here'",
      '"user" = 1',
      "message LIKE '%(%'",
      'ts > 0 -- a note; with a semicolon',
      'ts > 0 /* ) ; */',
    ]) expect(() => checkWhereExpression(where), where).not.toThrow();
  });

  it('refuses a second statement, which could change the evidence', () => {
    expect(() => checkWhereExpression('1) ORDER BY 1; DELETE FROM events; SELECT (1')).toThrow(/one expression/);
    expect(() => checkWhereExpression("1; DROP TABLE events")).toThrow(/one expression/);
  });

  it('refuses closing the parenthesis it is wrapped in, to escape the other filters', () => {
    expect(() => checkWhereExpression('1) OR (1')).toThrow(/"\)" without its "\("/);
    expect(() => checkWhereExpression('(1')).toThrow(/"\(" without its "\)"/);
  });

  it('is checked before any SQL is built', () => {
    expect(() => pageQuery({ where: '1; DELETE FROM events' }, null, 'asc', 10)).toThrow(/one expression/);
    expect(() => countQuery({ where: '1) OR (1' })).toThrow(/without/);
  });
});

describe('a page query', () => {
  it('binds every filter value and reads one page after the cursor, in time order', () => {
    const q = pageQuery({ sources: ['web'], host: "o'brien", ip: '1.2.3.4', text: 'x' }, { ts: 5, seq: 6, id: 7 }, 'asc', 200);
    expect(q.sql).toMatch(/\(ts, seq, id\) > \(\?, \?, \?\)/);
    expect(q.sql).toMatch(/ORDER BY ts ASC, seq ASC, id ASC LIMIT 200$/);
    expect(q.sql).not.toContain("o'brien");
    expect(q.params).toEqual([5, 6, 7, 'web', "o'brien", '1.2.3.4', '1.2.3.4', 'x']);
  });

  it('walks newest first with the comparison reversed, null stamps at the end', () => {
    const q = pageQuery({}, { ts: 5, seq: 6, id: 7 }, 'desc', 10);
    expect(q.sql).toMatch(/\(\(ts, seq, id\) < \(\?, \?, \?\) OR ts IS NULL\)/);
  });
});

describe('a page query sorted by a column other than time', () => {
  it('reads the rest of the cursor\'s value, then the values past it, as ranges an index can seek', () => {
    const q = pageQuery({ host: 'h' }, { ts: 5, seq: 6, id: 7, value: 'firewall' }, 'asc', 200, 'source');
    expect(q.sql).toMatch(/WHERE source = \? AND id > \? AND .* ORDER BY source ASC, id ASC LIMIT 200\) UNION ALL SELECT \* FROM \(.*WHERE source > \? AND/);
    expect(q.sql).toMatch(/ORDER BY source ASC, id ASC LIMIT 200$/);
    expect(q.params).toEqual(['firewall', 7, 'h', 'firewall', 'h']);
  });

  it('reads the nulls last when descending, and only nulls after a null', () => {
    expect(pageQuery({}, { ts: 5, seq: 6, id: 7, value: 300 }, 'desc', 10, 'status').sql).toMatch(/status = \? AND id < \?.*status < \?.*status IS NULL/);
    const afterNull = pageQuery({}, { ts: 5, seq: 6, id: 7, value: null }, 'desc', 10, 'status');
    expect(afterNull.sql).not.toContain('UNION');
    expect(afterNull.sql).toMatch(/status IS NULL AND id < \?/);
    expect(pageQuery({}, { ts: 5, seq: 6, id: 7, value: null }, 'asc', 10, 'user').sql).toMatch(/user IS NULL AND id > \?.*user IS NOT NULL/);
  });

  it('splices only whole numbers as LIMIT and OFFSET', () => {
    expect(offsetPageQuery({}, 'host', 'asc', 400, 200).sql).toMatch(/ORDER BY host ASC, id ASC LIMIT 200 OFFSET 400$/);
    expect(() => offsetPageQuery({}, 'host', 'asc', 1.5, 200)).toThrow(/whole number/);
    expect(() => pageQuery({}, null, 'asc', -1)).toThrow(/whole number/);
  });
});
