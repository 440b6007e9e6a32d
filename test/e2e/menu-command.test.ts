/**
 * The desktop menu's text size items (issue #11), end to end in the page: Electron's main process
 * sends `menu.command` on the event channel; here the same event arrives on `mfw serve`'s WebSocket,
 * injected into the page's own connection, and must step the text size the keys step. Needs
 * `npm run build` first (npm test does it) and /usr/bin/chromium.
 */
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api.js';
import type { Session } from '../../main/engine/session/session.js';
import type { RunningServer } from '../../main/hosts/server/server.js';
import { assertRendererBuilt, haveChromium, launchChromium, serveEngine, watchedPage } from './harness.js';

describe.skipIf(!haveChromium)('the desktop menu\'s text size commands in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let session: Session;
  let server: RunningServer;
  let socket: WebSocketRoute | undefined;
  const consoleErrors: string[] = [];

  const rootFontPx = (): Promise<string> => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  const menu = (command: ApiEvent<'menu.command'>['command']): void => {
    socket?.send(JSON.stringify({ event: 'menu.command', data: { command } }));
  };

  beforeAll(async () => {
    assertRendererBuilt();
    ({ session, server } = await serveEngine());
    browser = await launchChromium();
    page = await watchedPage(browser, { viewport: { width: 1200, height: 800 } }, consoleErrors);
    // The page's own connection, passed through to the server, with a way to add frames to it.
    await page.routeWebSocket(/\/api\/ws/, (ws) => {
      ws.connectToServer();
      socket = ws;
    });
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    await session.close();
  });

  it('steps the text size as Ctrl+=, Ctrl+- and Ctrl+0 do', async () => {
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await expect.poll(() => socket !== undefined).toBe(true);
    await expect.poll(rootFontPx).toBe('16px');
    menu('text.larger');
    await expect.poll(rootFontPx).toBe('17.6px');
    menu('text.larger');
    await expect.poll(rootFontPx).toBe('20px');
    menu('text.smaller');
    await expect.poll(rootFontPx).toBe('17.6px');
    await page.getByRole('button', { name: '110%: default text size' }).waitFor();
    menu('text.default');
    await expect.poll(rootFontPx).toBe('16px');
    expect(consoleErrors).toEqual([]);
  });

  it('keeps the keys and the menu on one text size: one press or one menu item, one step', async () => {
    await page.keyboard.press('Control+=');
    await expect.poll(rootFontPx).toBe('17.6px');
    menu('text.smaller');
    await expect.poll(rootFontPx).toBe('16px');
    await page.keyboard.press('Control+-');
    await expect.poll(rootFontPx).toBe('13.6px');
    menu('text.larger');
    await expect.poll(rootFontPx).toBe('16px');
    await page.keyboard.press('Control+-');
    await page.keyboard.press('Control+0');
    await expect.poll(rootFontPx).toBe('16px');
    expect(consoleErrors).toEqual([]);
  });
});
