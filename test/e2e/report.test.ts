/**
 * The incident report end to end (issue #9): import the two-host sos-report in Chromium over
 * `mfw serve`, fill in the case and export the report from the header's "Export report…" to
 * a PDF on the engine's machine; its text (pdftotext) holds the case id, the findings' keys and
 * the evidence hashes. Needs `npm run build` first, /usr/bin/chromium and pdftotext.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../main/engine/session/session.js';
import { openStore, type Store } from '../../main/engine/store/store.js';
import { type RunningServer } from '../../main/hosts/server/server.js';
import { assertRendererBuilt, haveChromium, launchChromium, serveEngine, watchedPage } from './harness.js';
import { generateSosCollection } from '../fixtures/sos-report.js';

const ready = haveChromium && spawnSync('pdftotext', ['-v']).status === 0;

describe.skipIf(!ready)('the incident report from the app', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  let session: Session;
  let store: Store;
  let server: RunningServer;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    assertRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'mfw-e2e-report-'));
    store = await openStore({ inThread: true });
    ({ session, server } = await serveEngine({ store }));
    browser = await launchChromium();
    page = await watchedPage(browser, { viewport: { width: 1400, height: 900 } }, consoleErrors);
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the PDF with the case details, every finding key and the evidence hashes', async () => {
    const sos = generateSosCollection(join(dir, 'sos'));
    await page.goto(server.url);
    await page.locator('input[type=file]').setInputFiles(sos.collection);
    await page.getByText(/^Import finished: \d+ events/).waitFor({ timeout: 30_000 });

    await page.getByText('Export report…').click();
    const form = page.getByRole('form', { name: 'Export the incident report' });
    await form.getByLabel('Case id').fill('IR-E2E-9');
    await form.getByLabel('Investigator').fill('Grace Hopper');
    await form.getByLabel(/Report file path/).fill(join(dir, 'report.pdf'));
    await form.getByLabel('HTML (one file)').check();
    await expect(form.getByLabel(/Report file path/).inputValue()).resolves.toBe(join(dir, 'report.html'));
    await form.getByLabel('PDF').check();
    await expect(form.getByLabel(/Report file path/).inputValue()).resolves.toBe(join(dir, 'report.pdf'));
    await form.getByRole('button', { name: 'Export report' }).click();
    await form.getByRole('status').getByText(/^Wrote [\d.]+ KiB, \d+ pages, to .*report\.pdf$/).waitFor({ timeout: 30_000 });

    const text = spawnSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('IR-E2E-9');
    expect(text).toContain('Grace Hopper');
    const findings = (await session.findings()).findings;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) for (const value of Object.values(JSON.parse(f.key!) as Record<string, string>)) expect(text).toContain(value);
    const hashes = (await store.query('SELECT sha256 FROM files WHERE sha256 IS NOT NULL')).rows.map((r) => String(r[0]));
    expect(hashes.length).toBeGreaterThan(10);
    for (const hash of hashes) expect(text).toContain(hash);
    expect(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(consoleErrors).toEqual([]);
  });
});
