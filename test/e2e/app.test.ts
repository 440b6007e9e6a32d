/**
 * The app end to end: `mfw serve`'s server and session in this process (so the test can look
 * into its store), running the built-in rules, and the built renderer in Debian's Chromium, driven by
 * playwright-core. Needs `npm run build` first (npm test does it) and /usr/bin/chromium.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Session } from '../../main/engine/session/session.js';
import { openStore, type Store } from '../../main/engine/store/store.js';
import { type RunningServer } from '../../main/hosts/server/server.js';
import { ROOT, assertRendererBuilt, haveChromium, launchChromium, serveEngine, watchedPage } from './harness.js';
import { generateLogSet } from '../fixtures/generate.js';
import { generateSosCollection, type SosCollection } from '../fixtures/sos-report.js';

const SCREENSHOT = join(ROOT, 'docs', 'screenshot-events.png');
const ATTACKER = '203.0.113.77';
const HOSTILE = '<img src=x onerror=alert(1)>';
/** Lines of the large bundle: more rows than a browser can hold as one element of 26 px rows (over 4 M px). */
const LARGE_BUNDLE_LINES = 200_000;

describe.skipIf(!haveChromium)('the app in Chromium over mfw serve', () => {
  let dir: string;
  let uploadTemp: string;
  let sos: SosCollection;
  let store: Store;
  let session: Session;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    assertRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'mfw-e2e-'));
    // Uploads go to the OS temp dir: this test's own, to see them removed.
    uploadTemp = join(dir, 'tmp');
    mkdirSync(uploadTemp);
    sos = generateSosCollection(join(dir, 'sos'));
    store = await openStore({ inThread: true });
    ({ session, server } = await serveEngine({ store }));
    browser = await launchChromium();
    page = await watchedPage(browser, { viewport: { width: 1400, height: 850 } }, consoleErrors);
    process.env.TMPDIR = uploadTemp; // after the browser started: its profile is not ours to check
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a request without the token, with a wrong one, or from another origin', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);
    expect((await fetch(server.url, { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    expect((await fetch(`${base}/api/upload?name=x&token=${server.token}`, { method: 'POST', body: 'x', headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    expect((await fetch(server.url)).status).toBe(200);
    const refused = await new Promise<string>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws?token=${server.token}`, { origin: 'http://evil.example' });
      socket.on('open', () => resolve('open'));
      socket.on('error', (err) => resolve(err.message));
    });
    expect(refused).toMatch(/403/);
  });

  it('uploads a sos-report, shows its progress to the end and the hosts in it', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Import evidence' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(sos.collection);
    await page.getByText(/^Import finished: \d+ events/).waitFor({ timeout: 30_000 });
    // The memory the events take, against the WASM heap's 2 GiB limit (the store runs in this process here).
    await expect(page.locator('.memory-line').innerText()).resolves.toMatch(/^store [\d.]+ (KiB|MiB) · heap [\d.]+ MiB of 2\.00 GiB$/);
    const facts = page.getByRole('table', { name: 'Hosts in the evidence' });
    await expect(facts.getByText('maas-region-1', { exact: true }).count()).resolves.toBe(1);
    await expect(facts.getByText('maas-rack-2', { exact: true }).count()).resolves.toBe(1);
    const coverage = page.getByRole('table', { name: /^Coverage/ });
    await coverage.getByText('var/snap/maas/common/log/regiond.log').waitFor();
    // The upload is kept in a temp folder while the session lasts (raw lines are read again from
    // it); the evidence keeps its own name.
    const files = await session.files();
    expect(files.files.length).toBeGreaterThan(10);
    for (const f of files.files) expect(f.path).toMatch(/^sos-collector-maas-2026-03-05-xyzab\.tar\.xz(!|$)/);
    expect(readdirSync(uploadTemp).filter((name) => name.startsWith('mfw-upload-'))).toHaveLength(1);
  });

  it('lists the events and filters them with the SQL WHERE box, showing its errors inline', async () => {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Events' }).click();
    const grid = page.getByRole('grid', { name: 'Events' });
    await grid.getByRole('row').nth(1).waitFor();
    const where = page.getByLabel('SQL WHERE');
    await where.fill(`src_ip = '${ATTACKER}'`);
    await where.press('Enter');
    const attackerEvents = (await session.eventsCount({ filter: { where: `src_ip = '${ATTACKER}'` } })).count;
    expect(attackerEvents).toBeGreaterThan(2);
    await page.getByText(`${attackerEvents} events`, { exact: true }).waitFor();
    const rows = grid.locator('.grid-rows [role=row]:not([aria-busy])');
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain(ATTACKER);

    await where.fill('no_such_column = 1');
    await where.press('Enter');
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/no such column: no_such_column/);
    await where.fill('');
    await where.press('Enter');
    await rows.nth(3).waitFor();
  });

  it('opens an event\'s detail with its raw line, file and line number, by keyboard', async () => {
    const grid = page.getByRole('grid', { name: 'Events' });
    await grid.focus();
    await grid.press('Home');
    await grid.press('ArrowDown');
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await detail.getByRole('heading', { name: /^Event \d+$/ }).waitFor();
    await detail.getByLabel('Raw line').waitFor();
    const text = await detail.innerText();
    expect(text).toMatch(/Time provenance/);
    expect(text).toMatch(/File\s+sos-collector-maas-2026-03-05-xyzab\.tar\.xz!/);
    expect(text).toMatch(/Line\s+\d+/);
    expect(text).toMatch(/read from the evidence; its SHA-256 matches the import/);
    await page.screenshot({ path: SCREENSHOT });
  });

  it('shows a known event\'s raw line, read again from the uploaded archive inside an archive', async () => {
    const host = sos.hosts[0]!;
    const planted = host.hostless;
    const found = await store.query('SELECT e.id FROM events e JOIN files f ON f.id = e.file_id WHERE f.path LIKE ? AND e.line = ?', [`%!/${host.root}/${planted.path}`, planted.line]);
    const id = Number(found.rows[0]![0]);
    const written = readFileSync(join(dir, 'sos', 'staging', host.root, planted.path), 'utf8').split('\n')[planted.line - 1]!;
    const where = page.getByLabel('SQL WHERE');
    await where.fill(`id = ${id}`);
    await where.press('Enter');
    await page.getByText('1 events', { exact: true }).waitFor();
    await page.locator(`#event-${id}`).click();
    const raw = page.getByRole('complementary', { name: 'Event detail' }).getByLabel('Raw line');
    await raw.waitFor();
    expect(await raw.innerText()).toBe(written);
    await where.fill('');
    await where.press('Enter');
  });

  it('sorts by any column from its header, by click or by keyboard, both ways', async () => {
    const grid = page.getByRole('grid', { name: 'Events' });
    const header = (name: RegExp) => grid.getByRole('columnheader').filter({ has: page.getByRole('button', { name }) });
    const firstRow = grid.locator('.grid-rows [role=row][aria-rowindex="1"]:not([aria-busy])');
    await page.getByRole('button', { name: /^Status/ }).click();
    await expect.poll(() => header(/^Status/).getAttribute('aria-sort')).toBe('ascending');
    expect(await header(/^Time/).getAttribute('aria-sort')).toBeNull();
    // Ascending, events without a status come first (SQLite's order: null is the smallest).
    const ascending = await session.eventsPage({ filter: {}, offset: 0, sortBy: 'status', order: 'asc', limit: 1 });
    await expect.poll(async () => firstRow.getAttribute('id')).toBe(`event-${ascending.rows[0]!.id}`);
    await page.getByRole('button', { name: /^Status/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => header(/^Status/).getAttribute('aria-sort')).toBe('descending');
    const highest = Number((await store.query('SELECT max(status) FROM events')).rows[0]![0]);
    await expect.poll(async () => (await firstRow.innerText()).includes(String(highest))).toBe(true);
    await page.getByRole('button', { name: /^Time \(/ }).click();
    await expect.poll(() => header(/^Time/).getAttribute('aria-sort')).toBe('ascending');
  });

  it('lists what the detection rules found in the upload and opens a finding\'s evidence in the Events table', async () => {
    // The sos-report plants an ssh brute force; the session ran the built-in rules after the upload.
    const planted = sos.hosts[0]!.bruteForce!;
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Findings' }).click();
    const finding = page.getByRole('button', { name: /SSH brute force/ });
    await finding.waitFor();
    await expect(page.getByRole('heading', { name: /^high \(\d+\)$/ }).count()).resolves.toBe(1);
    await finding.focus();
    await page.keyboard.press('Enter');
    const { findings } = await session.findings();
    const id = findings.find((f) => f.rule === 'system.ssh-brute-force')!.id;
    const evidence = (await session.eventsCount({ filter: { findingId: id } })).count;
    expect(evidence).toBe(6);
    await page.getByText(`${evidence} events (evidence of finding ${id})`, { exact: true }).waitFor();
    const rows = page.getByRole('grid', { name: 'Events' }).locator('.grid-rows [role=row]');
    await rows.first().waitFor();
    for (const text of await rows.allInnerTexts()) expect(text).toContain(planted.srcIp);
  });

  it('shows hostile log text as text, never as markup', async () => {
    const log = join(dir, 'auth.log');
    writeFileSync(log, `Mar  5 09:21:01 maas-region-1 sshd[2202]: Failed password for invalid user ${HOSTILE} from 198.51.100.99 port 50123 ssh2\n`);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Import' }).click();
    const second = join(dir, 'kern.log');
    writeFileSync(second, 'Mar  5 09:22:01 maas-region-1 kernel: [ 9000.000001] [UFW BLOCK] IN=eth0 OUT= MAC=00 SRC=198.51.100.98 DST=10.20.0.2 LEN=44 TOS=0x00 PREC=0x00 TTL=49 ID=1 PROTO=TCP SPT=1 DPT=22 WINDOW=1024 RES=0x00 SYN URGP=0\n');
    // Two files at once: uploaded and imported one after the other.
    await page.locator('input[type=file]').setInputFiles([log, second]);
    await expect.poll(async () => (await session.files()).files.filter((f) => /^(auth|kern)\.log$/.test(f.path)).length, { timeout: 20_000 }).toBe(2);
    await page.getByText(/^Import finished/).waitFor();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Events' }).click();
    await page.getByRole('button', { name: 'Show all events' }).click();
    // The filter form is drawn again for the new filter: type into the new one.
    await page.getByText(/evidence of finding/).waitFor({ state: 'detached' });
    await page.getByLabel('IP').fill('198.51.100.99');
    await page.getByRole('button', { name: 'Apply' }).click();
    const row = page.getByRole('grid', { name: 'Events' }).locator('.grid-rows [role=row]:not([aria-busy])').first();
    await row.click();
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await detail.getByText(HOSTILE).first().waitFor();
    // The raw line too, read again from the uploaded file.
    expect(await detail.getByLabel('Raw line').innerText()).toContain(HOSTILE);
    expect(await page.locator('main img').count()).toBe(0);
  });

  it('scrolls a table of more rows than a browser can hold to its very end, by key and by the scroll bar', async () => {
    // A generated log set of 200 000 lines, packed and uploaded as one bundle.
    const large = join(dir, 'large');
    await generateLogSet({ dir: join(large, 'logs'), lines: LARGE_BUNDLE_LINES, seed: 5 });
    execFileSync('tar', ['-czf', join(large, 'large.tar.gz'), 'logs'], { cwd: large });
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Import' }).click();
    await page.locator('input[type=file]').setInputFiles(join(large, 'large.tar.gz'));
    await page.getByText(/^Import finished: \d+ events/).waitFor({ timeout: 120_000 });
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Events' }).click();
    await page.getByLabel('IP').fill('');
    await page.getByRole('button', { name: 'Apply' }).click();
    const total = (await session.eventsCount({ filter: {} })).count;
    expect(total).toBeGreaterThan(LARGE_BUNDLE_LINES * 0.9);
    await page.getByText(`${total} events`, { exact: true }).waitFor();
    const grid = page.getByRole('grid', { name: 'Events' });
    const shownRow = (id: number) => grid.locator(`#event-${id}`);
    const lastBy = async (sql: string): Promise<number> => Number((await store.query(`SELECT id FROM events ORDER BY ${sql} LIMIT 1`)).rows[0]![0]);

    // End: the newest event, the last row of all.
    const newest = await lastBy('ts DESC, seq DESC, id DESC');
    await grid.focus();
    await grid.press('End');
    await shownRow(newest).waitFor();
    expect(await shownRow(newest).getAttribute('aria-rowindex')).toBe(String(total));
    expect(await grid.evaluate((el) => el.scrollHeight)).toBeLessThan(total * 26);

    // The scroll bar: half way shows the rows half way, the bottom the last row.
    await grid.press('Home');
    await grid.evaluate((el) => el.scrollTo({ top: (el.scrollHeight - el.clientHeight) / 2 }));
    const middle = grid.locator('.grid-rows [role=row]:not([aria-busy])');
    await expect.poll(async () => Number(await middle.first().getAttribute('aria-rowindex')), { timeout: 20_000 }).toBeGreaterThan(total * 0.45);
    const at = Number(await middle.first().getAttribute('aria-rowindex')) - 1;
    const expected = await session.eventsPage({ filter: {}, offset: at, order: 'asc', limit: 1 });
    expect(await middle.first().getAttribute('id')).toBe(`event-${expected.rows[0]!.id}`);
    // A smaller window keeps the same rows in view.
    await page.setViewportSize({ width: 1400, height: 700 });
    await expect.poll(async () => Number(await middle.first().getAttribute('aria-rowindex'))).toBe(at + 1);
    await page.setViewportSize({ width: 1400, height: 850 });
    await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await shownRow(newest).waitFor();

    // Sorted by another column (one without an index): Ctrl+End reaches its last row too.
    await page.getByRole('button', { name: /^Message/ }).click();
    await grid.focus();
    await grid.press('Control+End');
    const lastMessage = await lastBy('message DESC, id DESC');
    await shownRow(lastMessage).waitFor({ timeout: 20_000 });
    expect(await shownRow(lastMessage).getAttribute('aria-rowindex')).toBe(String(total));
    await page.getByRole('button', { name: /^Message/ }).click();
    await grid.focus();
    await grid.press('Control+End');
    await shownRow(await lastBy('message ASC, id ASC')).waitFor();
  });

  it('logged no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
