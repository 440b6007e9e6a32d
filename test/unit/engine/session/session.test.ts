import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventCursor, EventFilter, EventSummary } from '../../../../shared/api.js';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { loadRuleSet } from '../../../../main/engine/rules/load.js';
import { dispatch } from '../../../../main/engine/session/dispatch.js';
import { Session } from '../../../../main/engine/session/session.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';

/**
 * 50 events: ts 1000 * i, except three with no stamp and three sharing one stamp (so paging
 * must order by seq and id past ts). Every fifth is a firewall event from 203.0.113.5.
 */
const EVENTS_SQL = `
INSERT INTO files (id, input, path, format, source, time_note) VALUES (1, '/in', '/in/auth.log', 'sshd', 'system', 'zone from etc/timezone');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
INSERT INTO events (ts, seq, source, format, host, file_id, line, src_ip, message, extra)
SELECT CASE WHEN i IN (7, 8, 9) THEN NULL WHEN i IN (20, 21, 22) THEN 20000 ELSE 1000 * i END,
       CASE WHEN i IN (20, 21, 22) THEN 99 ELSE i END,
       CASE WHEN i % 5 = 0 THEN 'firewall' ELSE 'system' END, 'fmt', CASE WHEN i % 2 THEN 'odd' ELSE 'even' END, 1, i,
       CASE WHEN i % 5 = 0 THEN '203.0.113.5' ELSE '10.0.0.' || i END,
       'message number ' || i || CASE WHEN i = 33 THEN ' Failed password' ELSE '' END,
       CASE WHEN i = 2 THEN '{"ts_inferred":"year","pid_note":"x"}' ELSE NULL END
FROM n;`;

describe('the engine session behind the API', () => {
  let store: Store;
  let session: Session;

  beforeAll(async () => {
    store = await openStore({ inThread: true });
    await store.query(EVENTS_SQL);
    await store.finishImport();
    session = new Session({ store, registry: loadRegistry(), version: 'test' });
  });
  afterAll(() => session.close());

  async function allPages(filter: EventFilter, order: 'asc' | 'desc', limit: number): Promise<EventSummary[]> {
    const seen: EventSummary[] = [];
    let after: EventCursor | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const page = await session.eventsPage({ filter, after, order, limit });
      seen.push(...page.rows);
      if (!page.next) return seen;
      after = page.next;
    }
    throw new Error('paging never ended');
  }

  it('pages through every event once, in (ts, seq, id) order, null stamps first', async () => {
    const rows = await allPages({}, 'asc', 7);
    expect(rows.map((r) => r.id)).toEqual((await store.query('SELECT id FROM events ORDER BY ts, seq, id')).rows.map((r) => r[0]));
    expect(rows.slice(0, 3).map((r) => r.ts)).toEqual([null, null, null]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(50);
  });

  it('pages newest first the same way, null stamps last', async () => {
    const rows = await allPages({}, 'desc', 6);
    expect(rows.map((r) => r.id)).toEqual((await store.query('SELECT id FROM events ORDER BY ts DESC, seq DESC, id DESC')).rows.map((r) => r[0]));
    expect(rows.at(-1)?.ts).toBeNull();
  });

  it('never reads more than a page: a page ends with a cursor only when it is full', async () => {
    const page = await session.eventsPage({ filter: {}, after: null, order: 'asc', limit: 50 });
    expect(page.rows).toHaveLength(50);
    expect(page.next).not.toBeNull();
    const rest = await session.eventsPage({ filter: {}, after: page.next, order: 'asc', limit: 50 });
    expect(rest).toEqual({ rows: [], next: null });
  });

  it('filters by source, host, IP, time range, full text and the WHERE box together', async () => {
    const ids = async (filter: EventFilter): Promise<number[]> => (await allPages(filter, 'asc', 4)).map((r) => r.id).sort((a, b) => a - b);
    expect(await ids({ sources: ['firewall'] })).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    expect(await ids({ sources: ['firewall'], host: 'odd' })).toEqual([5, 15, 25, 35, 45]);
    expect(await ids({ ip: '203.0.113.5', fromMs: 30000, toMs: 45000 })).toEqual([30, 35, 40]);
    expect(await ids({ text: '"failed password"' })).toEqual([33]);
    expect(await ids({ where: 'line > 47 OR src_ip = \'10.0.0.3\'' })).toEqual([3, 48, 49, 50]);
    expect((await session.eventsCount({ filter: { sources: ['firewall'], host: 'even' } })).count).toBe(5);
  });

  it('keeps the WHERE box inside its parentheses', async () => {
    expect((await session.eventsCount({ filter: { host: 'odd', where: '1 OR 1' } })).count).toBe(25);
  });

  it('returns a WHERE box error as data, with SQLite\'s message', async () => {
    const reply = await dispatch(session, 'events.page', { filter: { where: 'no_such_column = 1' }, after: null, order: 'asc', limit: 10 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'store', message: expect.stringMatching(/no such column: no_such_column/) as unknown } });
  });

  it('gives an event\'s every field, its file and how its time was decided', async () => {
    const detail = await session.eventDetail({ id: 2 });
    expect(detail.fields).toMatchObject({ id: 2, ts: 2000, line: 2, src_ip: '10.0.0.2', message: 'message number 2' });
    expect(detail.extra).toEqual({ ts_inferred: 'year', pid_note: 'x' });
    expect(detail.file).toMatchObject({ id: 1, path: '/in/auth.log', timeNote: 'zone from etc/timezone' });
    expect(detail.timeProvenance).toMatch(/year.*zone from etc\/timezone/);
  });

  it('lists findings most severe first and pages a finding\'s evidence', async () => {
    await store.query(`INSERT INTO findings (id, rule, severity, title, key, count, first_ts, last_ts, summary) VALUES
      (1, 'r.low', 'low', 'Low one', '{}', 1, 1000, 1000, 's'), (2, 'r.crit', 'critical', 'Critical one', '{"src_ip":"203.0.113.5"}', 2, 5000, 10000, 's');
      INSERT INTO finding_events VALUES (2, 5), (2, 10);`);
    const { findings } = await session.findings();
    expect(findings.map((f) => f.severity)).toEqual(['critical', 'low']);
    expect((await allPages({ findingId: 2 }, 'asc', 10)).map((r) => r.id)).toEqual([5, 10]);
  });

  it('counts events per source and host for the quick filters', async () => {
    const facets = await session.facets();
    expect(facets.sources).toEqual([{ value: 'system', count: 40 }, { value: 'firewall', count: 10 }]);
    expect(facets.hosts.map((h) => h.count).reduce((a, b) => a + b)).toBe(50);
  });
});

describe('dispatch', () => {
  let session: Session;
  beforeAll(async () => {
    session = new Session({ store: await openStore({ inThread: true }), registry: loadRegistry(), version: 'test' });
  });
  afterAll(() => session.close());

  it('refuses an unknown method and an invalid request as data, never by throwing', async () => {
    await expect(dispatch(session, 'store.close', {})).resolves.toMatchObject({ ok: false, error: { code: 'usage' } });
    await expect(dispatch(session, 'events.detail', { id: 'x' })).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/events.detail: invalid request: id/) as unknown } });
    await expect(dispatch(session, 'events.count', { filter: {}, extra: 1 })).resolves.toMatchObject({ ok: false });
  });

  it('cancels an import: it ends as cancelled and keeps nothing', async () => {
    const outcomes: string[] = [];
    const off = session.subscribe((event, data) => {
      if (event === 'import.finished') outcomes.push((data as { outcome: string }).outcome);
    });
    const { jobId } = session.startImport({ paths: [fileURLToPath(new URL('../../../fixtures', import.meta.url))] });
    expect(await dispatch(session, 'import.cancel', { jobId })).toEqual({ ok: true, result: {} });
    await session.idle();
    off();
    expect(outcomes).toEqual(['cancelled']);
    expect((await session.eventsCount({ filter: {} })).count).toBe(0);
    await expect(dispatch(session, 'import.cancel', { jobId })).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/no running import/) as unknown } });
  });

  it('runs one import at a time', async () => {
    const first = session.startImport({ paths: ['/nonexistent/a'] });
    await expect(dispatch(session, 'import.paths', { paths: ['/nonexistent/b'] })).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/already running/) as unknown } });
    await session.idle();
    expect(first.jobId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('a session with detection rules', () => {
  it('runs them after an import, so the Findings screen lists what they found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mfw-session-rules-'));
    try {
      const lines = Array.from({ length: 8 }, (_, i) => `Mar  1 10:00:0${i} host sshd[1]: Failed password for root from 203.0.113.9 port ${4000 + i} ssh2`);
      writeFileSync(join(dir, 'auth.log'), `${lines.join('\n')}\n`);
      const session = new Session({ store: await openStore({ inThread: true }), registry: loadRegistry(), version: 'test', rules: loadRuleSet().rules });
      try {
        session.startImport({ paths: [join(dir, 'auth.log')] });
        await session.idle();
        const { findings } = await session.findings();
        expect(findings.map((f) => [f.rule, f.key])).toContainEqual(['system.ssh-brute-force', JSON.stringify({ src_ip: '203.0.113.9' })]);
      } finally {
        await session.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a running import', () => {
  it('pushes each warning as it is found, naming the file and line, before the import ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mfw-session-warnings-'));
    try {
      writeFileSync(join(dir, 'auth.log'), 'Mar  1 10:00:00 host sshd[1]: Failed password for root from 203.0.113.9 port 4000 ssh2\n#!garbage line\n');
      const session = new Session({ store: await openStore({ inThread: true }), registry: loadRegistry(), version: 'test' });
      const seen: string[] = [];
      const off = session.subscribe((event, data) => {
        if (event === 'import.warning') seen.push(`warning ${(data as { message: string }).message}`);
        if (event === 'import.finished') seen.push('finished');
      });
      try {
        session.startImport({ paths: [join(dir, 'auth.log')] });
        await session.idle();
      } finally {
        off();
        await session.close();
      }
      expect(seen.indexOf('finished')).toBe(seen.length - 1);
      expect(seen.some((s) => /^warning .*auth\.log:2: /.test(s))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an uploaded file', () => {
  const line = (n: number): string => `Mar  1 10:00:0${n} host sshd[1]: Failed password for root from 203.0.113.9 port 400${n} ssh2`;

  it('is kept while the session is open, so its raw lines can be read again, and removed when the session closes', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mfw-upload-'));
    writeFileSync(join(folder, 'auth.log'), `${line(1)}\n${line(2)}\n`);
    let removed = false;
    const cleanup = async (): Promise<void> => {
      removed = true;
      rmSync(folder, { recursive: true, force: true });
    };
    const session = new Session({ store: await openStore({ inThread: true }), registry: loadRegistry(), version: 'test' });
    try {
      session.startImport({ paths: [join(folder, 'auth.log')] }, { cleanup, hiddenPrefix: `${folder}${sep}` });
      await session.idle();
      expect(removed).toBe(false);
      expect((await session.files()).files.map((f) => f.path)).toEqual(['auth.log']);
      const second = (await session.eventsPage({ filter: {}, after: null, order: 'asc', limit: 10 })).rows[1]!;
      expect(await session.eventRaw({ id: second.id })).toMatchObject({ status: 'ok', path: 'auth.log', lines: [line(2)] });
    } finally {
      await session.close();
    }
    expect(removed).toBe(true);
  });

  it('is removed at once when its import is cancelled', async () => {
    let removed = false;
    const session = new Session({ store: await openStore({ inThread: true }), registry: loadRegistry(), version: 'test' });
    try {
      const { jobId } = session.startImport({ paths: [fileURLToPath(new URL('../../../fixtures', import.meta.url))] }, { cleanup: async () => void (removed = true) });
      session.cancel({ jobId });
      await session.idle();
      expect(removed).toBe(true);
    } finally {
      await session.close();
    }
  });
});
