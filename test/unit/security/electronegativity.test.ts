import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronVersion, judge, JUSTIFIED, report, scanApp, type Finding } from '../../security/electronegativity.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const finding = (over: Partial<Finding>): Finding => ({ id: 'X_CHECK', severity: 'LOW', file: 'a.ts', line: 1, description: 'd', ...over });

describe('the Electron security lint\'s verdict', () => {
  it('fails on a HIGH finding even when a justification names it', () => {
    const verdict = judge([finding({ id: 'NODE_INTEGRATION_JS_CHECK', severity: 'HIGH' })], [{ id: 'NODE_INTEGRATION_JS_CHECK', file: 'a.ts', reason: 'trust me' }]);
    expect(verdict.failures).toHaveLength(1);
    expect(report(verdict).ok).toBe(false);
    expect(report(verdict).text).toContain('HIGH: never justified');
  });

  it('fails on a finding nobody justified, and passes a justified one', () => {
    expect(judge([finding({ severity: 'MEDIUM' })], []).failures).toHaveLength(1);
    const verdict = judge([finding({ severity: 'MEDIUM' })], [{ id: 'X_CHECK', file: 'a.ts', reason: 'because' }]);
    expect(verdict.failures).toEqual([]);
    expect(report(verdict).ok).toBe(true);
  });

  it('fails on a justification that matches no finding, so the list cannot go stale', () => {
    const verdict = judge([], [{ id: 'X_CHECK', file: 'a.ts', reason: 'old' }]);
    expect(verdict.stale).toHaveLength(1);
    expect(report(verdict).ok).toBe(false);
  });

  it('prints informational findings without failing', () => {
    const verdict = judge([finding({ severity: 'INFORMATIONAL' })], []);
    expect(verdict.informational).toHaveLength(1);
    expect(report(verdict).ok).toBe(true);
  });

  it('justifies nothing without a reason that points at code or a test', () => {
    for (const j of JUSTIFIED) expect(j.reason).toMatch(/\.(ts|cts|html)\b/);
  });
});

describe('electronegativity on an app (offline)', () => {
  let app: string;
  beforeAll(() => {
    app = mkdtempSync(join(tmpdir(), 'mfw-insecure-app-'));
    mkdirSync(join(app, 'main/hosts/electron'), { recursive: true });
    mkdirSync(join(app, 'renderer'));
    cpSync(join(ROOT, 'package.json'), join(app, 'package.json'));
    writeFileSync(join(app, 'main/hosts/electron/preload.cts'), '');
    writeFileSync(join(app, 'renderer/index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>');
    // What the lint exists to stop: Node in a window that shows hostile text, no isolation, no guards.
    writeFileSync(join(app, 'main/hosts/electron/app.ts'), [
      "import { BrowserWindow } from 'electron';",
      'export const open = (): BrowserWindow => new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });',
    ].join('\n'));
  });
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('reports HIGH findings on a window without isolation or navigation guards, and the lint fails', async () => {
    const findings = await scanApp(app);
    const verdict = judge(findings);
    const high = verdict.failures.filter((f) => f.severity === 'HIGH').map((f) => f.id);
    expect(high).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
    // electronegativity rates an explicit nodeIntegration: true as informational (the sandbox is what keeps Node out);
    // the sandbox: false beside it fails. app.test.ts asserts nodeIntegration: false on the app's window.
    expect(verdict.failures.map((f) => f.id)).toEqual(expect.arrayContaining(['SANDBOX_JS_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']));
    expect(report(verdict).ok).toBe(false);
  });

  it('passes the app itself: no HIGH finding, every other one justified', async () => {
    const verdict = judge(await scanApp(ROOT));
    expect(verdict.failures).toEqual([]);
    expect(verdict.stale).toEqual([]);
  });

  it('assumes the Electron version of package.json, whose defaults it checks against', () => {
    expect(electronVersion(ROOT)).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
