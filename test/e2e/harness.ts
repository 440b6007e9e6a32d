/** What every end-to-end test needs: Debian's Chromium, the built renderer, a page that reports its errors. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

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
