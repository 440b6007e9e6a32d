/**
 * The Timeline end to end (issue #7): `mfw serve`'s server and session in this process, the
 * built renderer in Debian's Chromium. Import the two-host sos-report, brush-zoom to a finding's
 * window, pivot ±5 minutes from an event by keyboard, bookmark it with a note and a tag, see the
 * annotation in Events, undo; then a bundle with a planted gap shows it as a gap. Needs
 * `npm run build` first (npm test does it) and /usr/bin/chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../main/engine/session/session.js';
import { type RunningServer } from '../../main/hosts/server/server.js';
import { ROOT, assertRendererBuilt, haveChromium, launchChromium, serveEngine, watchedPage } from './harness.js';
import { generateGapLogs, type GapLogs } from '../fixtures/gap-logs.js';
import { generateSosCollection, type SosCollection } from '../fixtures/sos-report.js';

const SCREENSHOT = join(ROOT, 'docs', 'screenshot-timeline.png');
const MIN = 60_000;

describe.skipIf(!haveChromium)('the Timeline in Chromium over mfw serve', () => {
  let dir: string;
  let sos: SosCollection;
  let gapLogs: GapLogs;
  let session: Session;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let pivotEventId = 0;
  const consoleErrors: string[] = [];

  const chart = (): Locator => page.getByRole('group', { name: /^Event histogram/ });
  const nav = (name: string): Promise<void> => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name }).click();
  const shownRange = async (): Promise<{ fromMs: number; toMs: number }> => ({
    fromMs: Number(await chart().getAttribute('data-from-ms')),
    toMs: Number(await chart().getAttribute('data-to-ms')),
  });

  /** Drags across the plot from one instant to another (clamped to the plot) and waits for the new range. */
  async function brush(fromMs: number, toMs: number): Promise<void> {
    const before = await shownRange();
    const plot = chart().locator('.u-over');
    await plot.waitFor(); // the chart is drawn again after a change of zone
    const box = (await plot.boundingBox())!;
    const x = (t: number): number => Math.min(box.x + box.width - 1, Math.max(box.x + 1, box.x + ((t - before.fromMs) / (before.toMs - before.fromMs)) * box.width));
    const y = box.y + box.height / 2;
    await page.mouse.move(x(fromMs), y);
    await page.mouse.down();
    await page.mouse.move((x(fromMs) + x(toMs)) / 2, y, { steps: 4 });
    await page.mouse.move(x(toMs), y, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => (await shownRange()).fromMs, { timeout: 10_000 }).not.toBe(before.fromMs);
  }

  beforeAll(async () => {
    assertRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'mfw-e2e-timeline-'));
    sos = generateSosCollection(join(dir, 'sos'));
    gapLogs = generateGapLogs(join(dir, 'gaps'));
    ({ session, server } = await serveEngine());
    browser = await launchChromium();
    page = await watchedPage(browser, { viewport: { width: 1400, height: 900 } }, consoleErrors);
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('charts the two-host sos-report by source in UTC, by host, and in the bundle\'s zone', async () => {
    await page.goto(server.url);
    await page.locator('input[type=file]').setInputFiles(sos.collection);
    await page.getByText(/^Import finished: \d+ events/).waitFor({ timeout: 30_000 });
    await nav('Timeline');
    await expect(chart().getAttribute('aria-label')).resolves.toMatch(/^Event histogram: 19 events in \d+ bins of 6 h, 2025-12-31 22:59:50 to 2026-03-05 14:20:00 UTC$/);
    const legend = page.getByRole('list', { name: 'Series' });
    const system = (await session.eventsCount({ filter: { sources: ['system'] } })).count;
    await legend.getByText(`system (${system})`).waitFor();
    expect(await chart().locator('canvas').count()).toBeGreaterThan(0);

    await page.getByRole('radio', { name: 'Host' }).check();
    await legend.getByText(/^maas-rack-2 \(\d+\)$/).waitFor();
    await legend.getByText(/^maas-region-1 \(\d+\)$/).waitFor();
    await page.getByRole('radio', { name: 'Source' }).check();

    // Europe/Berlin is UTC+1 in winter: the same range, an hour later on the clock.
    await page.getByLabel('Times in').selectOption('Europe/Berlin');
    await expect.poll(() => chart().getAttribute('aria-label')).toMatch(/2025-12-31 23:59:50 to 2026-03-05 15:20:00 Europe\/Berlin$/);
    await page.getByLabel('Times in').selectOption('UTC');
  });

  it('brush-zooms to the SSH brute force\'s window, marked on the axis, and highlights its evidence', async () => {
    const planted = sos.hosts[0]!.bruteForce!;
    const first = Date.parse(planted.first);
    const last = Date.parse(planted.last);
    // Each drag narrows the view; a few pixels of the whole bundle are hours wide.
    await brush(Date.parse('2026-03-05T00:00:00Z'), Date.parse('2026-03-05T15:00:00Z'));
    await brush(first - 10 * MIN, last + 10 * MIN);
    await brush(first - 30_000, last + 30_000);
    const range = await shownRange();
    expect(range.fromMs).toBeLessThanOrEqual(first);
    expect(range.toMs).toBeGreaterThan(last);
    expect(range.toMs - range.fromMs).toBeLessThan(4 * MIN);
    await page.getByText('6 events', { exact: true }).waitFor();

    const marker = page.getByRole('list', { name: 'Findings in view' }).getByRole('button', { name: /^Finding: SSH brute force 198\.51\.100\.23 \(high\), 2026-03-05 08:20:01 to 2026-03-05 08:20:46 UTC$/ });
    await marker.click();
    await page.getByText('Evidence of “SSH brute force 198.51.100.23” is highlighted (6 events).').waitFor();
    await expect.poll(() => page.getByRole('grid', { name: 'Events' }).locator('.grid-rows [role=row].highlighted').count()).toBe(6);
    await page.getByRole('list', { name: 'Series' }).getByText('evidence (6)').waitFor();
    await page.screenshot({ path: SCREENSHOT });
  });

  it('pivots ±5 minutes around an event by keyboard, across every source and host', async () => {
    // A host filter first: the pivot must drop it.
    await page.getByRole('combobox', { name: 'Host' }).selectOption('maas-region-1');
    await page.getByRole('button', { name: 'Apply' }).click();
    const grid = page.getByRole('grid', { name: 'Events' });
    await grid.locator('.grid-rows [role=row]').first().waitFor();
    await grid.focus();
    await grid.press('Home');
    await grid.press('Shift+F10');
    const menu = page.getByRole('menu', { name: /^Actions on event \d+$/ });
    pivotEventId = Number((await menu.getAttribute('aria-label'))!.match(/\d+$/)![0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('±5 minutes around this');
    await page.keyboard.press('Enter');

    const ts = Number((await session.eventDetail({ id: pivotEventId })).fields.ts);
    await page.getByText(`Pivot from event ${pivotEventId}: ±5 minutes around it, every source and host.`).waitFor();
    await expect.poll(shownRange).toEqual({ fromMs: ts - 5 * MIN, toMs: ts + 5 * MIN + 1 });
    const count = (await session.eventsCount({ filter: { fromMs: ts - 5 * MIN, toMs: ts + 5 * MIN + 1 } })).count;
    await page.getByText(`${count} events`, { exact: true }).waitFor();
    await expect(page.getByRole('combobox', { name: 'Host' }).inputValue()).resolves.toBe('');
    // The event the pivot started from is selected again in the new list.
    await page.getByRole('complementary', { name: 'Event detail' }).getByRole('heading', { name: `Event ${pivotEventId}` }).waitFor();
  });

  it('bookmarks the event with a note and a tag, shows them in Events, and undoes a change with Ctrl+Z', async () => {
    const panel = page.getByRole('region', { name: `Annotations of event ${pivotEventId}` });
    await panel.getByRole('button', { name: '☆ Star' }).click();
    await panel.getByRole('button', { name: '★ Starred', pressed: true }).waitFor();
    await panel.getByLabel('Add tag').fill('brute-force');
    await panel.getByLabel('Add tag').press('Enter');
    await panel.getByRole('list', { name: 'Tags' }).getByText('brute-force').waitFor();
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.getByLabel('Note (Markdown)').fill('**Attacker** guessed `admin`\n\n<img src=x onerror=alert(1)> <script>alert(2)</script>');
    await panel.getByRole('button', { name: 'Save note' }).click();
    await panel.locator('.markdown strong').getByText('Attacker').waitFor();
    await panel.getByText('<img src=x onerror=alert(1)> <script>alert(2)</script>').waitFor();
    expect(await page.locator('main img, main script').count()).toBe(0);
    const stored = (await session.annotations.get({ target: { kind: 'event', id: pivotEventId } })).state;
    expect([stored.starred, stored.tags, stored.note?.startsWith('**Attacker** guessed `admin`')]).toEqual([true, ['brute-force'], true]);

    await nav('Events');
    await page.getByLabel('Starred only').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('1 events', { exact: true }).waitFor();
    const row = page.getByRole('grid', { name: 'Events' }).locator('.grid-rows [role=row]').first();
    await expect(row.innerText()).resolves.toMatch(/★✎[\s\S]*brute-force/);

    // A mistaken tag, undone from the keyboard (outside any text field).
    await row.click();
    const panel2 = page.getByRole('region', { name: `Annotations of event ${pivotEventId}` });
    await panel2.getByLabel('Add tag').fill('oops');
    await panel2.getByLabel('Add tag').press('Enter');
    await panel2.getByRole('list', { name: 'Tags' }).getByText('oops').waitFor();
    await page.getByRole('button', { name: `Undo tag "oops" on event ${pivotEventId}` }).waitFor();
    await page.getByRole('grid', { name: 'Events' }).focus();
    await page.keyboard.press('Control+z');
    await page.getByText(`Undone: tag "oops" on event ${pivotEventId}`).waitFor();
    await panel2.getByRole('list', { name: 'Tags' }).getByText('oops').waitFor({ state: 'detached' });
    expect((await session.annotations.get({ target: { kind: 'event', id: pivotEventId } })).state.tags).toEqual(['brute-force']);
  });

  it('shows a silent source as a gap: a shaded band where the bars stop, and why', async () => {
    await nav('Import');
    await page.locator('input[type=file]').setInputFiles(gapLogs.archive);
    await page.getByText(/^Import finished/).waitFor({ timeout: 30_000 });
    await nav('Timeline');
    await page.getByRole('button', { name: 'Clear highlight' }).click();
    await page.getByLabel('Starred only').uncheck();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    const gaps = page.getByRole('region', { name: /^Gaps in the evidence/ });
    await gaps.getByRole('button', { name: 'system logs of gap-host silent for 2 h' }).click();
    // The view now holds the gap with half its length either side: 11:00 to 15:00Z.
    await expect.poll(shownRange).toEqual({ fromMs: gapLogs.silence.fromMs - 60 * MIN, toMs: gapLogs.silence.toMs + 60 * MIN });
    const band = chart().locator('.gap-band[data-gap-kind=silence]');
    const plot = (await chart().locator('.u-over').boundingBox())!;
    const shaded = (await band.boundingBox())!;
    expect(shaded.x - plot.x).toBeCloseTo(plot.width / 4, -1);
    expect(shaded.width).toBeCloseTo(plot.width / 2, -1);
    await expect(gaps.innerText()).resolves.toMatch(/no system logs from 2026-03-07T12:00:00Z to 2026-03-07T14:00:00Z/);
    // The middle bin, inside the band, has no events; the keyboard reads it out.
    await chart().focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('status').filter({ hasText: /^2026-03-07 1[23]:/ }).innerText()).resolves.toMatch(/: 0 events$/);
    await page.keyboard.press('Home');
    await expect.poll(async () => (await shownRange()).toMs - (await shownRange()).fromMs).toBeGreaterThan(24 * 60 * MIN);
  });

  it('logged no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
