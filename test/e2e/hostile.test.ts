/**
 * Log text is data, in every view (issue #11): a bundle whose lines carry markup and script is
 * imported in Chromium over `mfw serve`, then every screen that shows log text is visited (Events
 * and the detail pane, Timeline, Findings, the Rules preview, the Formats samples, the Console)
 * and the HTML report is opened: the text is shown, no element is made from it, no script runs.
 * Needs `npm run build` first (npm test does it) and /usr/bin/chromium.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../main/engine/session/session.js';
import { type RunningServer } from '../../main/hosts/server/server.js';
import { assertRendererBuilt, haveChromium, launchChromium, serveEngine, watchedPage } from './harness.js';

/** Markup that would run a script if any view built elements from log text. */
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';

function hostileBundle(dir: string): string {
  const logs = join(dir, 'gw', 'var', 'log');
  mkdirSync(logs, { recursive: true });
  const failed = Array.from({ length: 6 }, (_, i) => `Mar  5 09:21:0${i} gw sshd[2202]: Failed password for invalid user ${IMG} from 198.51.100.99 port 5012${i} ssh2`);
  writeFileSync(join(logs, 'auth.log'), [...failed, `%%% ${SCRIPT} not a log line ${IMG}`].join('\n') + '\n');
  return join(dir, 'gw');
}

describe.skipIf(!haveChromium)('hostile log text in every view', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  let session: Session;
  let server: RunningServer;
  const consoleErrors: string[] = [];

  const nav = (name: string): Promise<void> => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
  /** No element was made from the text and no script ran. */
  const harmless = async (where: string): Promise<void> => {
    expect(await page.locator('img, main script').count(), where).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), where).toBeUndefined();
  };

  beforeAll(async () => {
    assertRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'mfw-e2e-hostile-'));
    ({ session, server } = await serveEngine());
    browser = await launchChromium();
    page = await watchedPage(browser, { viewport: { width: 1400, height: 900 } }, consoleErrors);
    session.startImport({ paths: [hostileBundle(dir)] });
    await session.idle();
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows it as text on every screen', async () => {
    await page.goto(server.url);
    await nav('Events');
    const grid = page.getByRole('grid', { name: 'Events' });
    await grid.getByText(IMG).first().waitFor();
    await grid.locator('.grid-rows [role=row]:not([aria-busy])').first().click();
    await page.getByRole('complementary', { name: 'Event detail' }).getByText(IMG).first().waitFor();
    await harmless('Events');

    await nav('Timeline');
    await page.getByRole('grid', { name: 'Events' }).getByText(IMG).first().waitFor();
    await harmless('Timeline');

    await nav('Findings');
    await page.getByText('198.51.100.99', { exact: false }).first().waitFor();
    await harmless('Findings');

    await nav('Rules');
    await page.getByRole('button', { name: /SSH brute force/ }).first().click();
    await page.getByText(IMG, { exact: false }).first().waitFor();
    await harmless('Rules preview');

    await nav('Formats');
    const samples = page.locator('main').getByLabel(/^Sample lines/);
    await samples.fill(`%%% ${SCRIPT} not a log line ${IMG}`);
    await page.getByText(SCRIPT, { exact: false }).first().waitFor();
    await harmless('Formats');

    await nav('Console');
    await page.locator('.terminal-host').click();
    await page.keyboard.type("SELECT user FROM events WHERE user LIKE '<img%' LIMIT 1;");
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ')).toContain(IMG);
    await harmless('Console');
    expect(consoleErrors).toEqual([]);
  });

  it('escapes it in the HTML report, which runs no script', async () => {
    const report = join(dir, 'report.html');
    await session.writeReport({ path: report, format: 'html' });
    await page.goto(pathToFileURL(report).href);
    await page.getByText(IMG, { exact: false }).first().waitFor();
    await harmless('HTML report');
  });
});
