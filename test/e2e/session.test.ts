/**
 * Sessions end to end (issue #9): import the two-host sos-report in Chromium over `mfw serve`,
 * star an event, save the session to a .mfw file from the Import screen; then a fresh engine
 * (another `mfw serve`, the evidence gone) opens it on the screen and filter it was saved with,
 * shows the same events, star and findings, and exports the starred event.
 * Needs `npm run build` first (npm test does it) and /usr/bin/chromium.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../main/engine/session/session.js';
import { type RunningServer } from '../../main/hosts/server/server.js';
import { assertRendererBuilt, haveChromium, launchChromium, serveEngine, watchedPage } from './harness.js';
import { generateSosCollection } from '../fixtures/sos-report.js';

async function serve(autosaveDir?: string): Promise<{ session: Session; server: RunningServer }> {
  const engine = await serveEngine(autosaveDir ? { autosave: { dir: autosaveDir } } : {});
  await engine.session.startAutosave();
  return engine;
}

describe.skipIf(!haveChromium)('sessions in Chromium over mfw serve', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const engines: { session: Session; server: RunningServer }[] = [];
  const consoleErrors: string[] = [];

  const nav = (name: string): Promise<void> => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name }).click();

  beforeAll(async () => {
    assertRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'mfw-e2e-session-'));
    browser = await launchChromium();
    page = await watchedPage(browser, { viewport: { width: 1400, height: 900 } }, consoleErrors);
  });

  afterAll(async () => {
    await browser.close();
    for (const { server, session } of engines) {
      await server.close();
      await session.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves an annotated investigation and opens it in a fresh engine without the evidence', async () => {
    const sos = generateSosCollection(join(dir, 'sos'));
    const first = await serve();
    engines.push(first);
    await page.goto(first.server.url);
    await page.locator('input[type=file]').setInputFiles(sos.collection);
    await page.getByText(/^Import finished: \d+ events/).waitFor({ timeout: 30_000 });

    await nav('Events');
    const grid = page.getByRole('grid', { name: 'Events' });
    await grid.locator('.grid-rows [role=row]').first().click();
    const starred = Number((await grid.locator('.grid-rows [role=row].selected').getAttribute('id'))!.replace('event-', ''));
    await page.getByRole('region', { name: `Annotations of event ${starred}` }).getByRole('button', { name: '☆ Star' }).click();
    await page.getByRole('button', { name: '★ Starred', pressed: true }).waitFor();
    const events = (await first.session.eventsCount({ filter: {} })).count;
    const findings = (await first.session.findings()).findings.length;
    expect(findings).toBeGreaterThan(0);
    // The window's state goes with the session: Events, showing the starred events.
    await page.getByLabel('Starred only').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('1 events', { exact: true }).waitFor();

    const path = join(dir, 'case 42.mfw');
    await nav('Import');
    const panel = page.getByRole('region', { name: 'Session file' });
    await panel.getByLabel('Session file path').fill(join(dir, 'case 42.txt'));
    await panel.getByRole('button', { name: 'Save session' }).click();
    await panel.getByRole('alert').getByText(/a session file's name ends in \.mfw/).waitFor();
    await panel.getByLabel('Session file path').fill(path);
    await panel.getByLabel('Session file path').press('Enter');
    await panel.getByRole('status').getByText(/^Saved [\d.]+ [KM]iB to .*case 42\.mfw$/).waitFor();

    rmSync(join(dir, 'sos'), { recursive: true, force: true });
    const second = await serve();
    engines.push(second);
    await page.goto(second.server.url);
    const panel2 = page.getByRole('region', { name: 'Session file' });
    await panel2.getByLabel('Session file path').fill(path);
    await panel2.getByRole('button', { name: 'Open session' }).click();
    await expect(page.locator('.facts-line').innerText()).resolves.toMatch(new RegExp(`: ${events} events$`));

    // Back on Events, filtered as it was saved.
    await page.getByRole('heading', { name: 'Events' }).waitFor();
    await page.getByText('1 events', { exact: true }).waitFor();
    await expect(page.getByLabel('Starred only').isChecked()).resolves.toBe(true);
    await expect(page.getByRole('grid', { name: 'Events' }).locator('.grid-rows [role=row]').first().getAttribute('id')).resolves.toBe(`event-${starred}`);

    // The starred event, exported from the Events screen as it is filtered.
    const out = join(dir, 'starred.jsonl');
    await page.getByText('Export…').click();
    const form = page.getByRole('form', { name: 'Export events' });
    await form.getByLabel('Format').selectOption('jsonl');
    await form.getByLabel('Export file path').fill(out);
    await form.getByRole('button', { name: 'Export' }).click();
    await form.getByRole('status').getByText(/^Exported 1 events \(.*\) to .*starred\.jsonl$/).waitFor();
    expect((JSON.parse(readFileSync(out, 'utf8')) as { id: number }).id).toBe(starred);
    await nav('Findings');
    await expect.poll(async () => (await second.session.findings()).findings.length).toBe(findings);

    // The workbench stopped with a session autosaved: the next start offers it.
    const state = join(dir, 'state');
    mkdirSync(state);
    copyFileSync(path, join(state, 'autosave.mfw'));
    const third = await serve(state);
    engines.push(third);
    await page.goto(third.server.url);
    const offer = page.getByRole('group', { name: 'Autosaved session' });
    await offer.getByText(/^The last session was autosaved at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? UTC \(/).waitFor();
    await offer.getByRole('button', { name: 'Open the autosaved session' }).click();
    // It opens where it was saved: Events, the starred event.
    await page.getByRole('heading', { name: 'Events' }).waitFor();
    await page.getByText('1 events', { exact: true }).waitFor();
    await expect(page.locator('.facts-line').innerText()).resolves.toMatch(new RegExp(`: ${events} events$`));
    expect(consoleErrors).toEqual([]);
  });
});
