/** What every end-to-end test needs: Debian's Chromium, the built renderer, a page that reports its errors. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import { loadRuleSet } from '../../main/engine/rules/load.js';
import { Session, type SessionOptions } from '../../main/engine/session/session.js';
import { openStore } from '../../main/engine/store/store.js';
import { startServer, type RunningServer } from '../../main/hosts/server/server.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER = join(ROOT, 'dist', 'renderer');

export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`test/e2e: skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

export function assertRendererBuilt(): void {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error(`${RENDERER} is not built: run npm run build`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** A new page whose console errors, uncaught errors and dialogs (none should happen) go into `errors`. */
export async function watchedPage(browser: Browser, options: BrowserContextOptions, errors: string[]): Promise<Page> {
  // A context of its own (not browser.newPage's): axe-core's AxeBuilder opens a second page in it.
  const page = await (await browser.newContext(options)).newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('dialog', (dialog) => {
    errors.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return page;
}

/** The engine `mfw serve` runs (built-in rules, a store in this thread) and its loopback server, in this process. */
export async function serveEngine(options: Partial<SessionOptions> = {}): Promise<{ session: Session; server: RunningServer }> {
  const session = new Session({ store: options.store ?? (await openStore({ inThread: true })), registry: loadRegistry(), version: '0.1.0-test', rules: loadRuleSet().rules, ...options });
  return { session, server: await startServer({ session, rendererDir: RENDERER, port: 0 }) };
}
