import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { dispatch } from '../../../../main/engine/session/dispatch.js';
import { Session } from '../../../../main/engine/session/session.js';
import { caseStore, GENERATED } from './report-store.js';

describe('the report API', () => {
  let dir: string;
  let session: Session;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-report-api-'));
    const store = await caseStore();
    await store.saveTo(join(dir, 'case.mfw'));
    session = new Session({ store, registry: loadRegistry(), version: 'test', nowMs: () => GENERATED + 123 });
    await session.openSession({ path: join(dir, 'case.mfw') });
  });
  afterAll(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sets and reads the case details', async () => {
    expect(await dispatch(session, 'case.set', { investigator: 'Ada', organisation: 'CERT' })).toEqual({ ok: true, result: { id: 'IR-2026-007', title: 'MAAS region compromise', investigator: 'Ada', organisation: 'CERT' } });
    expect(await dispatch(session, 'case.get', {})).toMatchObject({ ok: true, result: { investigator: 'Ada' } });
    expect(await dispatch(session, 'case.set', { bogus: 'x' })).toMatchObject({ ok: false, error: { code: 'usage' } });
  });

  it('writes the report to a path on the engine machine, stamped by the session clock', async () => {
    const reply = await dispatch(session, 'report.write', { path: join(dir, 'r.html'), format: 'html' });
    expect(reply).toMatchObject({ ok: true, result: { path: join(dir, 'r.html') } });
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('2026-02-10 09:00:00Z');
    expect(html).toContain('<td>Ada</td>');
    const pdf = await dispatch(session, 'report.write', { path: join(dir, 'r.pdf'), format: 'pdf' });
    expect(pdf.ok && (pdf.result as { pages: number }).pages).toBeGreaterThanOrEqual(9);
  });

  it('refuses a name whose extension is not the format, so a slip cannot overwrite evidence', async () => {
    const reply = await dispatch(session, 'report.write', { path: join(dir, 'auth.log'), format: 'pdf' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(existsSync(join(dir, 'auth.log'))).toBe(false);
  });
});
