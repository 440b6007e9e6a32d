/**
 * The format editor end to end (issue #8): `mfw serve`'s server and session in this process,
 * the built renderer in Debian's Chromium. A bundle holds a made-up firewall's log that no
 * shipped format reads, so its lines are unparsed; the Import screen sends them to the Formats
 * screen, where a regex is written (an unsupported construct first), captures show in colour
 * with counts like fail2ban-regex, the format is saved and re-parses the lines, which become
 * firewall events in the Events screen. Needs `npm run build` first and /usr/bin/chromium.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../main/engine/session/session.js';
import { type RunningServer } from '../../main/hosts/server/server.js';
import { ROOT, assertRendererBuilt, haveChromium, launchChromium, serveEngine, watchedPage } from './harness.js';

const SCREENSHOT = join(ROOT, 'docs', 'screenshot-formats.png');

/** 24 lines of the made-up firewall, one a minute from 08:14 UTC, and a line that is no record. */
const FW7_EVENTS = 24;
function fw7Log(): string {
  const lines: string[] = [];
  for (let i = 0; i < FW7_EVENTS; i++) {
    const stamp = new Date(Date.UTC(2026, 2, 5, 8, 14 + i, 0)).toISOString().replace('.000Z', 'Z');
    lines.push(`${stamp}|fw7|${i % 4 === 3 ? 'ALLOW' : 'DENY'}|203.0.113.${9 + (i % 3)}:${4444 + i}->10.0.0.5:${[22, 23, 3389, 443][i % 4]}`);
    if (i === 11) lines.push('fw7: rule set reloaded');
  }
  return `${lines.join('\n')}\n`;
}

const AUTH_LOG = [
  '2026-03-05T08:10:00.000000+00:00 gw sshd[100]: Failed password for root from 203.0.113.9 port 50000 ssh2',
  '2026-03-05T08:10:05.000000+00:00 gw sshd[100]: Accepted password for admin from 10.0.0.7 port 50001 ssh2',
].join('\n');

describe.skipIf(!haveChromium)('the format editor in Chromium over mfw serve', () => {
  let dir: string;
  let bundle: string;
  let session: Session;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  const counts = () => page.locator('.format-counts');
  const nav = (name: string): Promise<void> => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name }).click();

  beforeAll(async () => {
    assertRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'mfw-e2e-formats-'));
    mkdirSync(join(dir, 'gw', 'var', 'log'), { recursive: true });
    writeFileSync(join(dir, 'gw', 'var', 'log', 'fw7.log'), fw7Log());
    writeFileSync(join(dir, 'gw', 'var', 'log', 'auth.log'), `${AUTH_LOG}\n`);
    bundle = join(dir, 'gw-logs.tar.gz');
    execFileSync('tar', ['-czf', bundle, '-C', dir, 'gw']);
    ({ session, server } = await serveEngine());
    browser = await launchChromium();
    page = await watchedPage(browser, { viewport: { width: 1500, height: 950 } }, consoleErrors);
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the bundle: the made-up format\'s lines are kept unparsed and offered to the format editor', async () => {
    await page.goto(server.url);
    await page.locator('input[type=file]').setInputFiles(bundle);
    await page.getByText(/^Import finished: \d+ events/).waitFor({ timeout: 30_000 });
    const fw7 = (await session.files()).files.find((f) => f.path.endsWith('fw7.log'))!;
    expect(fw7).toMatchObject({ format: 'unknown', unparsed: FW7_EVENTS + 1, events: 0 });
    await page.getByRole('button', { name: /^Send the unmatched lines of .*fw7\.log to the format editor$/ }).click();
    await page.getByRole('heading', { name: 'Formats' }).waitFor();
    const samples = page.locator('main').getByLabel(/^Sample lines/);
    await expect.poll(() => samples.inputValue()).toContain('2026-03-05T08:14:00Z|fw7|DENY|203.0.113.9:4444->10.0.0.5:22');
    await page.getByText(`${FW7_EVENTS + 1} unparsed lines of`, { exact: false }).waitFor();
  });

  it('names an unsupported construct inline, then shows captures in colour and counts live', async () => {
    await page.locator('main').getByLabel('Id').fill('fw7');
    await page.locator('main').getByLabel('Title').fill('fw7 firewall');
    await page.locator('main').getByLabel('Family').selectOption('firewall');
    const regex = page.locator('main').getByLabel(/^Regex/);
    await regex.fill('^(?<when>\\S+)\\|(?=fw)(?<host>[^|]+)');
    await expect.poll(() => page.locator('#format-error').innerText()).toMatch(/^patterns\.0: unsupported construct: lookahead \(\?=…\)/);

    await regex.fill('^(?<when>[^|]+)\\|(?<host>[^|]+)\\|(?<verdict>[A-Z]+)\\|(?<src_ip>[\\d.]+):(?<src_port>\\d+)->(?<dst_ip>[\\d.]+):(?<dst_port>\\d+)$');
    await page.locator('main').getByLabel('Time stamp layout').fill('iso8601');
    await page.locator('main').getByLabel('Field for when').selectOption('ts');
    await page.locator('main').getByLabel('Field for verdict').selectOption('action');
    await expect.poll(() => counts().innerText()).toBe(`Lines: ${FW7_EVENTS + 1} lines, 0 ignored, ${FW7_EVENTS} matched, 1 missed`);
    expect(await page.locator('#format-error').innerText()).toBe('');

    const first = page.getByRole('list', { name: 'Tested lines' }).getByRole('listitem').first();
    await expect(first.locator('mark[data-capture="src_ip"]').innerText()).resolves.toBe('203.0.113.9');
    await expect(first.locator('mark[data-capture="action"]').innerText()).resolves.toBe('DENY');
    await expect(first.locator('mark[data-capture="timestamp"]').innerText()).resolves.toBe('2026-03-05T08:14:00Z');
    const colours = await first.locator('mark').evaluateAll((marks) => marks.map((m) => getComputedStyle(m).backgroundColor));
    expect(new Set(colours).size).toBe(7);
    await expect(first.locator('.utc').innerText()).resolves.toBe('2026-03-05 08:14:00.000 UTC');
    await expect(first.locator('.fields').innerText()).resolves.toContain('dst_port=22');
    const missed = page.locator('.tested.missed');
    await expect(missed.locator('.captured-line').innerText()).resolves.toBe('fw7: rule set reloaded');

    // Live: a narrower regex changes the counts without any button.
    await regex.fill('^(?<when>[^|]+)\\|(?<host>[^|]+)\\|(?<verdict>DENY)\\|(?<src_ip>[\\d.]+):(?<src_port>\\d+)->(?<dst_ip>[\\d.]+):(?<dst_port>\\d+)$');
    await expect.poll(() => counts().innerText()).toBe(`Lines: ${FW7_EVENTS + 1} lines, 0 ignored, ${FW7_EVENTS * 3 / 4} matched, ${FW7_EVENTS / 4 + 1} missed`);
    await regex.fill('^(?<when>[^|]+)\\|(?<host>[^|]+)\\|(?<verdict>[A-Z]+)\\|(?<src_ip>[\\d.]+):(?<src_port>\\d+)->(?<dst_ip>[\\d.]+):(?<dst_port>\\d+)$');
    await expect.poll(() => counts().innerText()).toContain(`${FW7_EVENTS} matched, 1 missed`);
    await page.screenshot({ path: SCREENSHOT });
  });

  it('saves the format and re-parses the unparsed lines, which become firewall events', async () => {
    await page.getByRole('button', { name: 'Save format' }).click();
    await page.getByText('Saved fw7: later imports detect it.').waitFor();
    const saved = (await session.formats.list()).formats.find((f) => f.id === 'fw7')!;
    expect(saved.origin).toBe('user');
    expect(saved.definition.patterns[0]).toContain('(?<timestamp>');
    expect(saved.definition.samples.length).toBeGreaterThan(0);

    expect((await session.eventsCount({ filter: { sources: ['firewall'] } })).count).toBe(0);
    await page.getByRole('button', { name: 'Re-parse unparsed lines' }).click();
    await page.getByText(`${FW7_EVENTS} unparsed lines of 1 file are now events; 1 still unparsed`, { exact: false }).waitFor();
    expect((await session.eventsCount({ filter: { sources: ['firewall'] } })).count).toBe(FW7_EVENTS);
    const fw7 = (await session.files()).files.find((f) => f.path.endsWith('fw7.log'))!;
    expect(fw7).toMatchObject({ format: 'fw7', source: 'firewall', events: FW7_EVENTS, unparsed: 1, firstTs: Date.UTC(2026, 2, 5, 8, 14), lastTs: Date.UTC(2026, 2, 5, 8, 14 + FW7_EVENTS - 1) });

    await page.getByRole('button', { name: 'Show them in Events' }).click();
    await page.getByText(`${FW7_EVENTS} events`, { exact: true }).waitFor();
    const rows = page.getByRole('grid', { name: 'Events' }).locator('.grid-rows [role=row]:not([aria-busy])');
    await rows.first().waitFor();
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/firewall/);
    await expect(rows.first().innerText()).resolves.toContain('203.0.113.9');
  });

  it('keeps the editor as it was left, and cannot be hung by a catastrophic-backtracking regex', async () => {
    await nav('Formats');
    const regex = page.locator('main').getByLabel(/^Regex/);
    await expect(regex.inputValue()).resolves.toContain('(?<verdict>[A-Z]+)');
    await expect(page.locator('main').getByLabel('Id').inputValue()).resolves.toBe('fw7');

    // On V8's backtracking engine this regex would take longer than the age of the universe on these lines.
    await page.locator('main').getByLabel(/^Sample lines/).fill([`${'a'.repeat(4000)}!`, `${'a'.repeat(40)}!`, 'a'.repeat(30)].join('\n'));
    await regex.fill('^(?<when>(a+)+)$');
    await page.locator('main').getByLabel('Time stamp layout').fill('epoch-s');
    await expect.poll(() => counts().innerText(), { timeout: 5000 }).toBe('Lines: 3 lines, 0 ignored, 0 matched, 3 missed');
    await expect(page.locator('.tested.missed').last().locator('.reason').innerText()).resolves.toMatch(/is not a date/);
    expect(consoleErrors).toEqual([]);
  });
});
