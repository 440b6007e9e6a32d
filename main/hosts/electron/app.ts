import { app, BrowserWindow, dialog, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMainWindowOptions, installNavigationGuards, installSessionGuards } from './security.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Opens the main window on the built renderer (dist/renderer). */
export async function createMainWindow(): Promise<BrowserWindow> {
  const window = new BrowserWindow(createMainWindowOptions(join(here, 'preload.cjs'), app.getVersion()));
  installNavigationGuards(window.webContents);
  window.once('ready-to-show', () => window.show());
  await window.loadFile(join(here, '../../../renderer/index.html'));
  return window;
}

/** Starts the desktop app: one instance; a second launch focuses the first window. */
export function startApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let main: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (!main) return;
    if (main.isMinimized()) main.restore();
    main.focus();
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
