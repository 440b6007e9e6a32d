import { app, BrowserWindow, dialog, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMainWindowOptions, installNavigationGuards, installSessionGuards } from './security.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Compiled, this module is dist/main/hosts/electron/app.js; tsc emits the preload next to it. */
export const PRELOAD_PATH = join(here, 'preload.cjs');
/** vite builds the renderer into dist/renderer. */
export const RENDERER_PAGE = join(here, '../../../renderer/index.html');

/** Opens the main window on the built renderer; the guards come from `web-contents-created`. */
async function createMainWindow(): Promise<BrowserWindow> {
  const window = new BrowserWindow(createMainWindowOptions(PRELOAD_PATH, app.getVersion()));
  window.once('ready-to-show', () => window.show());
  await window.loadFile(RENDERER_PAGE);
  return window;
}

/** Brings a window to the front, out of the dock or taskbar if it was minimised. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.focus();
}

/** Starts the desktop app: one instance; a second launch focuses the first window. */
export function startApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Every renderer sandboxed, whatever options a later window passes; only allowed before ready.
  app.enableSandbox();
  // Guards go on every web contents as it is created, not only on windows this module opens.
  app.on('web-contents-created', (_event, contents) => installNavigationGuards(contents));
  let main: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (main) focusWindow(main);
  });
  app.on('window-all-closed', () => app.quit());
  app.whenReady()
    .then(async () => {
      installSessionGuards(session.defaultSession);
      main = await createMainWindow();
    })
    .catch((err: unknown) => {
      dialog.showErrorBox('MAAS Forensic Workbench could not start', err instanceof Error ? err.message : String(err));
      app.quit();
    });
}

// Inside Electron this module is the main process; imported elsewhere (tests) it only exports.
if (process.versions.electron) startApp();
