/**
 * The demo case end to end (issue #11): on a fresh engine the Import screen offers "Open the demo
 * case"; the click writes the demo bundle and imports it with the usual progress; the Findings
 * screen shows every planted attack. Needs `npm run build` first and /usr/bin/chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFolder, writeDemoBundle, type DemoBundle } from '../../main/engine/demo/demo-bundle.js';
import { loadRuleSet } from '../../main/engine/rules/load.js';
import { Session } from '../../main/engine/session/session.js';
import { type RunningServer } from '../../main/hosts/server/server.js';
import { assertRendererBuilt, haveChromium, launchChromium, serveEngine, watchedPage } from './harness.js';

describe.skipIf(!haveChromium)('the demo case in Chromium over mfw serve', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  let session: Session;
  let server: RunningServer;
  let expected: DemoBundle;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    assertRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'mfw-e2e-demo-'));
    expected = await writeDemoBundle(join(dir, 'expected'));
    ({ session, server } = await serveEngine({ demoParent: dir }));
    browser = await launchChromium();
    page = await watchedPage(browser, { viewport: { width: 1400, height: 900 } }, consoleErrors);
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the demo case from the Import screen and shows every planted attack on the Findings screen', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Open the demo case' }).click();
    await page.getByText(/^Import finished: 2187 events from \d+ files\.$/).waitFor({ timeout: 30_000 });
    const hosts = page.getByRole('table', { name: 'Hosts in the evidence' });
    await hosts.getByRole('cell', { name: 'maas-region', exact: true }).waitFor();
    await hosts.getByRole('cell', { name: 'maas-rack', exact: true }).waitFor();
    // Written into the engine's demo folder, never next to the evidence of a case.
    expect((await session.files()).files.every((f) => f.path.startsWith(demoFolder(dir)))).toBe(true);
    await expect(page.getByRole('button', { name: 'Open the demo case' }).count()).resolves.toBe(0);

    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Findings' }).click();
    const screen = page.getByRole('region', { name: 'Findings' });
    await screen.getByText('192.0.2.50 logged in over SSH as root after repeated failures (9 events in 26 s)').waitFor();
    await screen.getByText('203.0.113.77 probed 40 ports on 10.20.0.2 in 2 min').waitFor();
    await screen.getByText('45.33.10.10 sent 5 requests with SQL injection signatures in 16 s (/products.php (+2 more))').waitFor();
    await expect(screen.locator('button.finding').count()).resolves.toBe(expected.planted.length);
    for (const severity of ['critical', 'high', 'medium', 'low']) {
      const count = expected.planted.filter((p) => (p.severity ?? severityOf(p.rule)) === severity).length;
      if (count) await screen.getByRole('heading', { name: `${severity} (${count})` }).waitFor();
    }
    expect(consoleErrors).toEqual([]);
  });

  it('no longer offers the demo once something is loaded', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Import evidence' }).waitFor();
    // The offer asks session.info when the screen mounts, before the window does (React runs a
    // child's effects first): once the window shows what is loaded, the offer has its answer too.
    await page.locator('.facts-line').getByText(/: 2187 events$/).waitFor();
    await expect(page.getByRole('button', { name: 'Open the demo case' }).count()).resolves.toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});

/** The built-in rules' severities, for the planted findings that do not state theirs. */
function severityOf(rule: string): string {
  const meta = loadRuleSet().rules.find((r) => r.meta.id === rule)?.meta;
  if (!meta) throw new Error(`no built-in rule ${rule}`);
  return meta.severity;
}
