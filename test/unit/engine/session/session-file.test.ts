import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { loadRuleSet } from '../../../../main/engine/rules/load.js';
import { dispatch } from '../../../../main/engine/session/dispatch.js';
import { Session } from '../../../../main/engine/session/session.js';
import { openStore } from '../../../../main/engine/store/store.js';
import { generateSosCollection } from '../../../fixtures/sos-report.js';

const NOW = Date.parse('2026-04-01T12:00:00Z');

async function newSession(): Promise<Session> {
  return new Session({ store: await openStore({ inThread: true }), registry: loadRegistry(), version: 'test', rules: loadRuleSet().rules, nowMs: () => NOW });
}

/** What a user sees of a session: counts, findings, annotations, bundle facts, files. */
async function snapshot(session: Session, eventId: number) {
  const info = await session.info();
  // The heap is this thread's sql.js, shared by both sessions' stores: it only grows.
  const bundle = info.bundle && { ...info.bundle, memory: { ...info.bundle.memory, heapBytes: null } };
  return {
    bundle,
    count: (await session.eventsCount({ filter: {} })).count,
    starred: (await session.eventsCount({ filter: { starred: true } })).count,
    findings: (await session.findings()).findings.map((f) => [f.rule, f.key, f.count, f.firstTs, f.lastTs]),
    annotations: (await session.annotations.get({ target: { kind: 'event', id: eventId } })).state,
    caseNote: (await session.annotations.get({ target: { kind: 'case' } })).state.note,
    files: (await session.files()).files,
    page: (await session.eventsPage({ filter: {}, order: 'asc', limit: 50, offset: 100 })).rows,
  };
}

describe('a session saved to a .mfw file and opened again', () => {
  let dir: string;
  let saved: Session;
  let eventId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-session-file-'));
    const { collection } = generateSosCollection(join(dir, 'bundle'));
    saved = await newSession();
    saved.startImport({ paths: [collection] });
    await saved.idle();
    eventId = (await saved.eventsPage({ filter: { text: 'Failed' }, order: 'asc', limit: 1 })).rows[0]!.id;
    await saved.annotations.star({ eventId, starred: true });
    await saved.annotations.tag({ target: { kind: 'event', id: eventId }, tag: 'brute-force' });
    await saved.annotations.note({ target: { kind: 'event', id: eventId }, body: 'first guess of **admin**' });
    await saved.annotations.note({ target: { kind: 'case' }, body: 'Case 42: region compromise' });
  }, 60_000);
  afterAll(async () => {
    await saved.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives back the same events, findings, annotations, bundle facts and files, without the evidence', async () => {
    const path = join(dir, 'case.mfw');
    const reply = await dispatch(saved, 'session.save', { path });
    expect(reply).toMatchObject({ ok: true, result: { path, bytes: expect.any(Number) as unknown } });
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');

    const before = await snapshot(saved, eventId);
    expect(before.findings.length).toBeGreaterThan(0);
    expect(before.starred).toBe(1);
    rmSync(join(dir, 'bundle'), { recursive: true, force: true }); // opening needs no evidence

    const reopened = await newSession();
    try {
      const opened = await dispatch(reopened, 'session.open', { path });
      expect(opened).toMatchObject({ ok: true, result: { bundle: { ...before.bundle, memory: { ...before.bundle!.memory, heapBytes: expect.any(Number) as unknown } } } });
      expect(await snapshot(reopened, eventId)).toEqual(before);
      // What is derived from the events is built again on first use.
      expect((await reopened.eventsCount({ filter: { text: 'Failed' } })).count).toBe((await saved.eventsCount({ filter: { text: 'Failed' } })).count);
      const histogram = { filter: {}, maxBins: 50, by: 'host' } as const;
      expect(await reopened.histogram(histogram)).toEqual(await saved.histogram(histogram));
      // The evidence is gone: the raw line says so instead of failing.
      expect(await reopened.eventRaw({ id: eventId })).toMatchObject({ status: 'unavailable' });
    } finally {
      await reopened.close();
    }
  });

  it('carries what the editors saved: a changed rule, the console\'s history and saved queries', async () => {
    const { yaml } = await saved.ruleEditor.get({ id: 'system.ssh-brute-force' });
    await saved.ruleEditor.save({ yaml: yaml.replace('min: 5', 'min: 4') });
    await saved.sqlConsole.remember({ input: 'SELECT count(*) FROM events;' });
    await saved.sqlConsole.saveQuery({ name: 'failed', sql: "SELECT * FROM events WHERE message LIKE '%Failed%'" });
    const path = join(dir, 'editors.mfw');
    await saved.saveSession({ path });
    const reopened = await newSession();
    try {
      await reopened.openSession({ path });
      expect((await reopened.ruleEditor.get({ id: 'system.ssh-brute-force' })).yaml).toMatch(/min: 4/);
      expect((await reopened.sqlConsole.history({})).entries).toEqual(['SELECT count(*) FROM events;']);
      expect((await reopened.sqlConsole.listQueries()).queries.map((q) => q.name)).toEqual(['failed']);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a name without .mfw, and files that are not sessions, keeping what is loaded', async () => {
    const count = (await saved.eventsCount({ filter: {} })).count;
    await expect(dispatch(saved, 'session.save', { path: join(dir, 'auth.log') })).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/ends in \.mfw/) as unknown } });

    const text = join(dir, 'notes.mfw');
    writeFileSync(text, 'not a database\n');
    await expect(dispatch(saved, 'session.open', { path: text })).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a session file: it is not an SQLite database/) as unknown } });

    const good = join(dir, 'good.mfw');
    await saved.saveSession({ path: good });
    const bytes = readFileSync(good);
    const cut = join(dir, 'cut.mfw');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(dispatch(saved, 'session.open', { path: cut })).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/cut\.mfw (is damaged|could not be opened)/) as unknown } });
    await expect(dispatch(saved, 'session.open', { path: join(dir, 'missing.mfw') })).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/missing\.mfw could not be read/) as unknown } });
    expect((await saved.eventsCount({ filter: {} })).count).toBe(count);
  });

  it('refuses a session saved by a newer schema', async () => {
    const store = await openStore({ inThread: true });
    const newer = join(dir, 'newer.mfw');
    try {
      await store.query("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
      await store.saveTo(newer);
      await expect(store.openFrom(newer)).rejects.toThrow(/saved by a newer mfw \(schema version 99\); this one reads up to version 1/);
    } finally {
      await store.close();
    }
  });
});
