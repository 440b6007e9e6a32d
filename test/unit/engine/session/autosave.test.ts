import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { dispatch } from '../../../../main/engine/session/dispatch.js';
import { Session } from '../../../../main/engine/session/session.js';
import { openStore } from '../../../../main/engine/store/store.js';

const HOUR = 3_600_000;

async function sessionIn(dir: string): Promise<Session> {
  const store = await openStore({ inThread: true });
  const session = new Session({ store, registry: loadRegistry(), version: 'test', autosave: { dir, everyMs: HOUR }, nowMs: () => Date.parse('2026-03-05T08:00:00Z') });
  await session.startAutosave();
  return session;
}

describe('autosave and recovery', () => {
  it('leaves autosave off, and says why, when its folder cannot be used', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mfw-autosave-file-')), 'not-a-folder');
    writeFileSync(file, 'x');
    const session = await sessionIn(join(file, 'state'));
    try {
      expect((await session.info()).autosaveError).toMatch(/^autosave is off: .*not-a-folder\/state cannot be used/);
    } finally {
      await session.close();
    }
  });

  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-autosave-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves at close what changed, and offers it at the next start, kept apart from new autosaves and from the recent sessions', async () => {
    const first = await sessionIn(dir);
    expect((await first.info()).recovered).toBeNull();
    await first.annotations.note({ target: { kind: 'case' }, body: 'Case 42' }); // not through the API: not logged, not a change
    await first.close();
    expect(existsSync(join(dir, 'autosave.mfw'))).toBe(false);

    const second = await sessionIn(dir);
    await dispatch(second, 'annotations.note', { target: { kind: 'case' }, body: 'Case 43: region compromise' });
    await second.close();
    expect(existsSync(join(dir, 'autosave.mfw'))).toBe(true);

    const third = await sessionIn(dir);
    try {
      const { recovered } = await third.info();
      expect(recovered).toMatchObject({ path: join(dir, 'recovered.mfw'), bytes: expect.any(Number) as unknown });
      expect(existsSync(join(dir, 'autosave.mfw'))).toBe(false);
      await dispatch(third, 'session.open', { path: recovered!.path });
      expect((await third.annotations.get({ target: { kind: 'case' } })).state.note).toBe('Case 43: region compromise');
      expect((await third.info()).recentSessions).toEqual([]); // the autosave is not a session of the user's
      const mine = join(dir, 'case 43.mfw');
      await dispatch(third, 'session.save', { path: mine });
      expect((await third.info()).recentSessions).toEqual([mine]);
      await expect(dispatch(third, 'recovery.discard', {})).resolves.toEqual({ ok: true, result: {} });
      expect(existsSync(recovered!.path)).toBe(false);
      expect((await third.info()).recovered).toBeNull();
    } finally {
      await third.close();
    }
  });
});
