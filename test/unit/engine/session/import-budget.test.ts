import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiEventName } from '../../../../shared/api.js';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { dispatch } from '../../../../main/engine/session/dispatch.js';
import { Session } from '../../../../main/engine/session/session.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';
import { generateLogSet } from '../../../fixtures/generate.js';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfw-session-budget-'));
  await generateLogSet({ dir: join(dir, 'set'), lines: 6000, seed: 9 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an import over the store budget, through the API', () => {
  let store: Store;
  let session: Session;
  const seen: { event: ApiEventName; data: unknown }[] = [];
  beforeAll(async () => {
    store = await openStore({ inThread: true });
    // A 1 MiB budget: the generated set (~1 MiB of text, ~2 MiB in the store) is over it.
    session = new Session({ store, registry: loadRegistry(), version: 'test', storeBudgetBytes: 2 ** 20 });
    session.subscribe((event, data) => seen.push({ event, data }));
  });
  afterAll(() => session.close());

  const finished = (jobId: string) => seen.find((s) => s.event === 'import.finished' && (s.data as { jobId: string }).jobId === jobId)?.data as ApiEvent<'import.finished'>;

  it('sends the estimate, refuses, loads nothing, and then imports the narrower choice with its skipped counts', async () => {
    const reply = await dispatch(session, 'import.paths', { paths: [join(dir, 'set')] });
    const { jobId } = (reply as { ok: true; result: { jobId: string } }).result;
    await session.idle();
    const estimated = seen.find((s) => s.event === 'import.estimated')!.data as ApiEvent<'import.estimated'>;
    expect(estimated.estimate).toMatchObject({ files: 6, fits: false, budgetBytes: 2 ** 20, how: ['file-size'] });
    const refused = finished(jobId);
    expect(refused).toMatchObject({ outcome: 'refused', bundle: null, estimate: { fits: false } });
    expect(refused.error).toMatch(/would not fit in the store/);
    expect(Number((await store.query('SELECT count(*) FROM events')).rows[0]![0])).toBe(0);

    expect(await dispatch(session, 'import.narrow', { jobId })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/choose a narrower import/) as unknown } });
    const narrowed = await dispatch(session, 'import.narrow', { jobId, scope: { sources: ['web'] } });
    const next = (narrowed as { ok: true; result: { jobId: string } }).result.jobId;
    await session.idle();
    const done = finished(next);
    expect(done.outcome).toBe('done');
    expect(done.skipped!.source).toBeGreaterThan(0);
    expect((await store.query('SELECT DISTINCT source FROM events')).rows).toEqual([['web']]);
    expect(done.bundle!.events + done.skipped!.source).toBeGreaterThan(5000);
    // The refused job is gone once its choice was taken.
    expect(await dispatch(session, 'import.narrow', { jobId, force: true })).toMatchObject({ ok: false });
  });

  it('imports it all when forced', async () => {
    const reply = await dispatch(session, 'import.paths', { paths: [join(dir, 'set')], force: true });
    const { jobId } = (reply as { ok: true; result: { jobId: string } }).result;
    await session.idle();
    expect(finished(jobId)).toMatchObject({ outcome: 'done' });
  });
});

// Last in this file: SQLite's heap cap (test-only) stays for the rest of it.
describe('an import that fills the store, through the API', () => {
  it('ends done with partial set, what was loaded counted in the bundle and paged', async () => {
    const store = await openStore({ inThread: true, heapLimitBytes: 1.5 * 2 ** 20 });
    const session = new Session({ store, registry: loadRegistry(), version: 'test' });
    const seen: ApiEvent<'import.finished'>[] = [];
    session.subscribe((event, data) => {
      if (event === 'import.finished') seen.push(data as ApiEvent<'import.finished'>);
    });
    try {
      await dispatch(session, 'import.paths', { paths: [join(dir, 'set')], force: true });
      await session.idle();
      const done = seen[0]!;
      expect(done.outcome, done.error ?? '').toBe('done');
      expect(done.partial).toMatch(/^the store's memory .* is full: the import stopped at set\/.+:\d+; the \d+ events before it are kept and can be queried/);
      expect(done.bundle!.events).toBeGreaterThan(0);
      const page = await dispatch(session, 'events.page', { filter: {}, after: null, order: 'asc', limit: 5 });
      expect(page, JSON.stringify(page)).toMatchObject({ ok: true });
      expect((page as { ok: true; result: { rows: unknown[] } }).result.rows).toHaveLength(5);
    } finally {
      await session.close();
    }
  });
});
