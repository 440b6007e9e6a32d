/**
 * The SQL console end to end (issue #8): `mfw serve`'s server and session in this process, the
 * built renderer in Debian's Chromium. A small generated log set plus one auth.log line carrying
 * a title-setting OSC, a screen clear and cursor moves is imported; the console counts the events,
 * shows the hostile line as harmless text, refuses an INSERT, recalls history with Up, stops
 * waiting for a long statement on Ctrl-C and drops its result, and exports a result as a
 * download, all under the app's CSP. The store runs in its worker, as in the hosts. Needs
 * `npm run build` first and /usr/bin/chromium.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import { Session } from '../../main/engine/session/session.js';
import type { openStore, Store } from '../../main/engine/store/store.js';
import { startServer, type RunningServer } from '../../main/hosts/server/server.js';
import { RENDERER, ROOT, assertRendererBuilt, haveChromium, launchChromium, watchedPage } from './harness.js';
import { CANCEL_NOTE, RUNNING_NOTE } from '../../renderer/components/console/console-controller.js';
import { generateLogSet } from '../fixtures/generate.js';

const SCREENSHOT = join(ROOT, 'docs', 'screenshot-console.png');
const TITLE = 'MAAS Forensic Workbench';
/** An OSC that sets the window title, a screen clear, a cursor move up and a one-character CSI (C1). */
const HOSTILE = 'Failed password for \x1b]0;pwned\x07evil\x1b[2J\x1b[10Aroot\x9b31m from 203.0.113.66 port 4242 ssh2';

/** A statement that takes seconds in sql.js, and the count it would print. */
const SLOW_COUNT = 5_000_000;
const SLOW_SQL = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${SLOW_COUNT}) SELECT count(*) AS slow FROM n;`;

/**
 * The store in its worker thread, as the hosts run it (the compiled store: Node cannot start a
 * worker from TypeScript): a long statement must not block this process, which serves the page.
 */
async function openWorkerStore(): Promise<Store> {
  const module = (await import(pathToFileURL(join(ROOT, 'dist', 'main', 'engine', 'store', 'store.js')).href)) as { openStore: typeof openStore };
  return module.openStore();
}

describe.skipIf(!haveChromium)('the SQL console in Chromium over mfw serve', () => {
  let dir: string;
  let store: Store;
  let session: Session;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let events = 0;
  const consoleErrors: string[] = [];

  /** What the terminal shows, row by row (the DOM renderer's rows, spaces as typed). */
  const screen = async (): Promise<string> => (await page.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ');
  const shows = async (text: string): Promise<void> => {
    await expect.poll(screen, { timeout: 10_000 }).toContain(text);
  };
  const typeLine = async (line: string): Promise<void> => {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  };

  beforeAll(async () => {
    assertRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'mfw-e2e-console-'));
    await generateLogSet({ dir: join(dir, 'logs'), lines: 600, seed: 8 });
    mkdirSync(join(dir, 'logs', 'hostile'));
    writeFileSync(join(dir, 'logs', 'hostile', 'auth.log'), `Mar  1 00:00:05 web-1 sshd[4242]: ${HOSTILE}\n`);
    store = await openWorkerStore();
    session = new Session({ store, registry: loadRegistry(), version: '0.1.0-test' });
    session.startImport({ paths: [join(dir, 'logs')] });
    await session.idle();
    events = Number((await store.query('SELECT count(*) FROM events')).rows[0]![0]);
    server = await startServer({ session, rendererDir: RENDERER, port: 0 });
    browser = await launchChromium();
    page = await watchedPage(browser, { viewport: { width: 1300, height: 800 }, acceptDownloads: true }, consoleErrors);
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imported the hostile line with its escape sequences as data', async () => {
    expect(events).toBeGreaterThan(100);
    const hostile = await store.query("SELECT message FROM events WHERE message LIKE '%pwned%'");
    expect(String(hostile.rows[0]![0])).toContain('\x1b]0;pwned\x07');
  });

  it('opens the Console with a working terminal under the CSP', async () => {
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Console' }).click();
    await shows('sql> ');
    await shows('A statement runs when it ends with ";"');
    // xterm's own CSS reached the rows (routed into constructed stylesheets): without it spaces collapse.
    const rows = await page.locator('.xterm-rows').evaluate((el) => ({ whiteSpace: getComputedStyle(el).whiteSpace, font: getComputedStyle(el).fontFamily }));
    expect(rows).toEqual({ whiteSpace: 'pre', font: expect.stringContaining('monospace') as unknown });
  });

  it('counts the events', async () => {
    await page.locator('.terminal-host').click();
    await typeLine('SELECT count(*) AS n');
    await shows('...> ');
    await typeLine('FROM events;');
    await shows(`${events}\n`);
    await shows('1 row (');
  });

  it('shows a message carrying escape sequences as text: no title change, no clear, no cursor move', async () => {
    await typeLine("SELECT id, message FROM events WHERE message LIKE '%pwned%';");
    await shows('^[]0;pwned^Gevil^[[2J^[[10Aroot<U+009B>31m from 203.0.113.66');
    const shown = await screen();
    // The screen was not cleared: the count above is still there, above the hostile row.
    expect(shown.indexOf('FROM events;')).toBeLessThan(shown.indexOf('pwned'));
    expect(shown).toContain(`${events}\n`);
    expect(await page.title()).toBe(TITLE);
  });

  it('refuses an INSERT and leaves the store as it was', async () => {
    await typeLine('INSERT INTO bookmarks (event_id) VALUES (1);');
    await shows('Error: the console is read-only: INSERT is refused');
    expect((await store.query('SELECT count(*) FROM bookmarks')).rows).toEqual([[0]]);
  });

  it('recalls the history with Up, and keeps it in the session', async () => {
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await shows("sql> SELECT id, message FROM events WHERE message LIKE '%pwned%';");
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await screen()).split('read-only: INSERT is refused').length - 1).toBe(2);
    const { entries } = await session.sqlConsole.history({});
    // Multi-line input is kept as typed; the INSERT run again repeats the newest entry and is not added twice.
    expect(entries).toEqual(['SELECT count(*) AS n\nFROM events;', "SELECT id, message FROM events WHERE message LIKE '%pwned%';", 'INSERT INTO bookmarks (event_id) VALUES (1);']);
  });

  it('on Ctrl-C during a long statement gives the prompt back, says what happens, and drops the late result', async () => {
    await typeLine(SLOW_SQL);
    await shows(RUNNING_NOTE);
    await page.keyboard.press('Control+C');
    await shows(`^C ${CANCEL_NOTE.slice(0, 40)}`);
    // Queued in the store behind the slow statement: once it shows, the slow result came and went.
    await typeLine("SELECT 'after' AS marker;");
    await expect.poll(screen, { timeout: 60_000 }).toMatch(/marker\n-+\nafter\n/);
    // The statement's own text holds the number; its result would be a line of it alone.
    expect(await screen()).not.toMatch(new RegExp(`^\\s*${SLOW_COUNT}$`, 'm'));
  });

  it('exports the last result as a download', async () => {
    await typeLine("SELECT source, count(*) AS n FROM events GROUP BY source ORDER BY source;");
    await shows('rows (');
    const download = page.waitForEvent('download');
    await typeLine('.export by-source.csv');
    const file = await download;
    expect(file.suggestedFilename()).toBe('by-source.csv');
    const csv = readFileSync(await file.path(), 'utf8');
    const expected = (await store.query('SELECT source, count(*) FROM events GROUP BY source ORDER BY source')).rows;
    expect(csv).toBe(['source,n', ...expected.map((r) => r.join(','))].join('\r\n') + '\r\n');
    await shows(`exported ${expected.length} rows as csv to the download by-source.csv`);
    await page.screenshot({ path: SCREENSHOT });
  });

  it('logged no console error (no CSP violation either)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
