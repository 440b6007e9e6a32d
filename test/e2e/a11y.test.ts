/**
 * Accessibility end to end (issue #11): axe-core in Debian's Chromium on every screen, in the
 * light and the dark theme, over `mfw serve`'s server and session in this process. A serious or
 * critical violation fails the test. Needs `npm run build` first (npm test does it) and
 * /usr/bin/chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../main/engine/session/session.js';
import { type RunningServer } from '../../main/hosts/server/server.js';
import { assertRendererBuilt, haveChromium, launchChromium, serveEngine, watchedPage } from './harness.js';
import { generateSosCollection, type SosCollection } from '../fixtures/sos-report.js';

type Theme = 'light' | 'dark';

/** The serious and critical violations axe finds in the page, one line each: rule, what, where. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help}: ${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
}

describe.skipIf(!haveChromium)('accessibility of every screen in Chromium (axe-core)', () => {
  let dir: string;
  let sos: SosCollection;
  let session: Session;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  const nav = (name: string): Promise<void> => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();

  const rootFontPx = (): Promise<string> => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  const bodyBackground = (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  /** Each screen, brought to the state worth checking. */
  const screens: readonly { name: string; open: () => Promise<void>; close?: () => Promise<void> }[] = [
    // The first pass sees the import's summary; the Import screen shows it only until left.
    { name: 'Import', open: async () => {
      await nav('Import');
      await page.getByRole('heading', { name: 'Import evidence' }).waitFor();
    } },
    { name: 'Events', open: async () => {
      await nav('Events');
      const grid = page.getByRole('grid', { name: 'Events' });
      await grid.locator('.grid-rows [role=row]:not([aria-busy])').first().waitFor();
      await grid.focus();
      await grid.press('Home');
      await grid.press('ArrowDown');
      await page.getByRole('complementary', { name: 'Event detail' }).getByLabel('Raw line').waitFor();
    } },
    { name: 'Events, a row\'s actions menu', open: async () => {
      await page.getByRole('grid', { name: 'Events' }).press('Shift+F10');
      await page.getByRole('menu', { name: /^Actions on event \d+$/ }).waitFor();
    }, close: async () => {
      await page.keyboard.press('Escape');
      await page.getByRole('menu').waitFor({ state: 'detached' });
    } },
    { name: 'Timeline', open: async () => {
      await nav('Timeline');
      await page.getByRole('group', { name: /^Event histogram/ }).locator('canvas').first().waitFor();
    } },
    { name: 'Findings', open: async () => {
      await nav('Findings');
      await page.getByRole('button', { name: /SSH brute force/ }).first().waitFor();
    } },
    { name: 'Rules', open: async () => {
      await nav('Rules');
      await page.getByRole('list', { name: 'Rules' }).getByRole('button').first().click();
      await page.locator('main textarea').first().waitFor();
    } },
    { name: 'Formats', open: async () => {
      await nav('Formats');
      await page.getByRole('heading', { name: 'Formats' }).waitFor();
    } },
    { name: 'Console', open: async () => {
      await nav('Console');
      await page.locator('.xterm-rows').waitFor();
    } },
  ];

  beforeAll(async () => {
    assertRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'mfw-e2e-a11y-'));
    sos = generateSosCollection(join(dir, 'sos'));
    ({ session, server } = await serveEngine());
    browser = await launchChromium();
    page = await watchedPage(browser, { viewport: { width: 1400, height: 900 } }, consoleErrors);
    await page.goto(server.url);
    await page.locator('input[type=file]').setInputFiles(sos.collection);
    await page.getByText(/^Import finished: \d+ events/).waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no serious or critical violation in the import\'s summary (hosts, coverage, warnings) in the dark theme', async () => {
    await page.getByRole('table', { name: 'Hosts in the evidence' }).waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(bodyBackground).toBe('rgb(22, 24, 29)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  for (const theme of ['light', 'dark'] as const satisfies readonly Theme[]) {
    it(`has no serious or critical violation on any screen in the ${theme} theme the OS asks for`, async () => {
      await page.emulateMedia({ colorScheme: theme });
      const found: string[] = [];
      for (const screen of screens) {
        await screen.open();
        expect(await bodyBackground(), `${screen.name}: the page follows the OS's ${theme} scheme`).toBe(theme === 'dark' ? 'rgb(22, 24, 29)' : 'rgb(255, 255, 255)');
        found.push(...(await seriousViolations(page)).map((v) => `${screen.name}: ${v}`));
        await screen.close?.();
      }
      expect(found).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  }

  it('fails a screen that gains an input without a label', async () => {
    await nav('Findings');
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'text';
      input.id = 'unlabelled-probe';
      document.querySelector('main')!.append(input);
    });
    const found = await seriousViolations(page);
    await page.evaluate(() => document.getElementById('unlabelled-probe')!.remove());
    expect(found.some((v) => v.startsWith('label (critical)') && v.includes('#unlabelled-probe'))).toBe(true);
  });


  it('keeps a theme chosen over the OS\'s, and remembers it and the text size after a reload', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(bodyBackground).toBe('rgb(22, 24, 29)');
    await page.keyboard.press('Control+=');
    await page.keyboard.press('Control+=');
    await expect.poll(rootFontPx).toBe('20px');
    await page.getByRole('button', { name: 'Smaller text' }).click();
    await expect.poll(rootFontPx).toBe('17.6px');
    await page.reload();
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await expect.poll(bodyBackground).toBe('rgb(22, 24, 29)');
    expect(await page.getByLabel('Theme').inputValue()).toBe('dark');
    await expect.poll(rootFontPx).toBe('17.6px');
    await page.getByRole('button', { name: '110%: default text size' }).waitFor();
    await page.keyboard.press('Control+0');
    await expect.poll(rootFontPx).toBe('16px');
    await page.getByLabel('Theme').selectOption('auto');
    await expect.poll(bodyBackground).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(bodyBackground).toBe('rgb(22, 24, 29)');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('lists the shortcuts on ? outside text fields, without a serious violation, and closes on Escape', async () => {
    await nav('Findings');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await page.getByRole('button', { name: /^Show in timeline: finding \d+$/ }).first().focus();
    await page.keyboard.press('?');
    await dialog.waitFor();
    await dialog.getByRole('table', { name: 'Events table' }).getByText('Shift+F10 or the Menu key').waitFor();
    await dialog.getByText('Go to Console').waitFor();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      expect(await seriousViolations(page), theme).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Show in timeline: finding \d+$/);
    await page.getByRole('button', { name: 'Shortcuts' }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Import' }).click();
    const sessionName = page.locator('main input[type=text]').first();
    await sessionName.focus();
    await page.keyboard.press('?');
    expect(await dialog.isVisible()).toBe(false);
  });

  it('runs a command typed in the palette (Ctrl+K), without a serious violation in it', async () => {
    await nav('Events');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await page.keyboard.press('Control+k');
    await palette.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.type('zzz');
    await palette.getByText('No command matches “zzz”.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+k');
    await palette.waitFor(); // keys typed before it opens would go to the page
    await page.keyboard.type('dark');
    await expect.poll(() => palette.getByRole('option').allInnerTexts()).toEqual(['Theme: Dark']);
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'hidden' });
    await expect.poll(bodyBackground).toBe('rgb(22, 24, 29)');
    await page.keyboard.press('Control+k');
    await palette.waitFor();
    await page.keyboard.type('go to');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await palette.getByRole('option', { selected: true }).innerText()).toMatch(/^Go to Timeline/);
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: /^Event histogram/ }).waitFor();
    await page.getByLabel('Theme').selectOption('auto');
  });

  it('reaches every screen from the keyboard, out of the console too, with a visible focus ring', async () => {
    const screenNames = ['Import', 'Events', 'Timeline', 'Findings', 'Rules', 'Formats', 'Console'];
    const current = page.getByRole('navigation', { name: 'Screens' }).locator('[aria-current=page]');
    for (const [i, name] of screenNames.entries()) {
      await page.keyboard.press(`Alt+${i + 1}`);
      await expect.poll(() => current.innerText()).toBe(name);
    }
    await page.locator('.xterm-rows').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.xterm') !== null)).toBe(true);
    await page.keyboard.press('Alt+2');
    await expect.poll(() => current.innerText()).toBe('Events');

    await page.getByRole('heading', { name: 'MAAS Forensic Workbench' }).click();
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { text: el.innerText, outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    expect(ring).toEqual({ text: 'Import', outline: 'solid 2px' });
  });
});
