import { app, dialog, ipcMain, Menu, screen, session, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadRegistry } from '../../engine/formats/registry.js';
import { installedRuleSet } from '../../engine/rules/load.js';
import { SESSION_EXTENSION } from '../../engine/session/session-file.js';
import { Session } from '../../engine/session/session.js';
import { openStore } from '../../engine/store/store.js';
import { forwardEvents, importChosen, isTrustedSender, registerIpcHandlers, sendMenuCommand, type DialogKind, type IpcDeps } from './ipc.js';
import { menuTemplate } from './menu.js';
import { openSessionChosen, saveSessionChosen, type SessionDialogs } from './session-menu.js';
import { RecentList } from '../../engine/session/recent-list.js';
import { installNavigationGuards, installSessionGuards, openMainWindow } from './security.js';
import { readWindowLayout, showWithLayout, trackWindowLayout, WINDOW_LAYOUT_FILE } from './window-layout.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Compiled, this module is dist/main/hosts/electron/app.js; tsc emits the preload next to it. */
export const PRELOAD_PATH = join(here, 'preload.cjs');
/** vite builds the renderer into dist/renderer. */
export const RENDERER_PAGE = join(here, '../../../renderer/index.html');

/**
 * Opens the main window on the built renderer where the user left it (on a display there still is);
 * the guards come from `web-contents-created`.
 */
async function createMainWindow(): Promise<BrowserWindow> {
  const layoutFile = join(app.getPath('userData'), WINDOW_LAYOUT_FILE);
  const warn = (message: string): void => console.warn(message);
  const layout = readWindowLayout(layoutFile, screen.getAllDisplays().map((d) => d.workArea), warn);
  const window = openMainWindow(PRELOAD_PATH, app.getVersion(), layout.placement);
  trackWindowLayout(window, layoutFile, warn);
  window.once('ready-to-show', () => showWithLayout(window, layout));
  await window.loadFile(RENDERER_PAGE);
  return window;
}

/** Brings a window to the front, out of the dock or taskbar if it was minimised. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.focus();
}

async function choosePaths(window: BrowserWindow | undefined, kind: DialogKind): Promise<string[]> {
  const options: Electron.OpenDialogOptions = kind === 'folder'
    ? { title: 'Open a folder of logs', properties: ['openDirectory'] }
    : { title: 'Open a bundle (sos-report, archive, log files)', properties: ['openFile', 'multiSelections'] };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

const SESSION_FILTERS: Electron.FileFilter[] = [{ name: 'MAAS Forensic Workbench session', extensions: ['mfw'] }];

function sessionDialogs(getWindow: () => BrowserWindow | undefined): SessionDialogs {
  return {
    chooseSessionToOpen: async () => {
      const options: Electron.OpenDialogOptions = { title: 'Open a session', properties: ['openFile'], filters: SESSION_FILTERS };
      const window = getWindow();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : result.filePaths[0] ?? null;
    },
    chooseSessionToSave: async () => {
      const options: Electron.SaveDialogOptions = { title: 'Save the session', defaultPath: 'case.mfw', filters: SESSION_FILTERS };
      const window = getWindow();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

/** The engine session, the IPC handlers and the native menu, all over one window. */
function wireWindow(engine: Session, getWindow: () => BrowserWindow | undefined): void {
  const recent = new RecentList(join(app.getPath('userData'), 'recent.json'));
  const pageUrl = pathToFileURL(RENDERER_PAGE).href;
  const dialogs = sessionDialogs(getWindow);
  const report = (err: unknown): void => dialog.showErrorBox('Import failed', err instanceof Error ? err.message : String(err));
  const deps: IpcDeps = {
    session: engine,
    isTrusted: (event) => isTrustedSender(event, getWindow()?.webContents, pageUrl),
    choosePaths: (kind) => choosePaths(getWindow(), kind),
    remember: (paths) => {
      recent.add(paths);
      refreshMenu();
    },
  };
  const refreshMenu = (): void => {
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({
      recent: recent.list,
      openBundle: () => void importChosen(deps, 'bundle').catch(report),
      openFolder: () => void importChosen(deps, 'folder').catch(report),
      openRecent: (path) => {
        if (path.toLowerCase().endsWith(SESSION_EXTENSION)) {
          engine.openSession({ path }).then(() => deps.remember([path]), report);
          return;
        }
        try {
          engine.startImport({ paths: [path] });
          deps.remember([path]);
        } catch (err) {
          report(err);
        }
      },
      openSession: () => void openSessionChosen(engine, dialogs).then((path) => path && deps.remember([path])).catch((err: unknown) => dialog.showErrorBox('The session could not be opened', err instanceof Error ? err.message : String(err))),
      saveSession: () => void saveSessionChosen(engine, dialogs).then((saved) => saved && deps.remember([saved.path])).catch((err: unknown) => dialog.showErrorBox('The session could not be saved', err instanceof Error ? err.message : String(err))),
      openDemo: () => void engine.openDemo().catch(report),
      showAbout: () => void dialog.showMessageBox({ title: 'About', message: `MAAS Forensic Workbench ${app.getVersion()}`, detail: 'Offline forensic workbench for MAAS and Ubuntu logs. AGPL-3.0-only.' }),
      quit: () => app.quit(),
      sendToPage: (command) => sendMenuCommand(getWindow()?.webContents, command),
    })));
  };
  registerIpcHandlers(ipcMain, deps);
  refreshMenu();
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
  let engine: Session | undefined;
  app.on('second-instance', () => {
    if (main) focusWindow(main);
  });
  app.on('window-all-closed', () => {
    // Quit once the engine has closed: its last autosave is written first.
    void (engine?.close() ?? Promise.resolve()).finally(() => app.quit());
  });
  app.whenReady()
    .then(async () => {
      installSessionGuards(session.defaultSession);
      // The store runs in a worker thread (openStore), off Electron's main thread.
      engine = new Session({
        store: await openStore(), registry: loadRegistry(), version: app.getVersion(), rules: installedRuleSet().rules,
        autosave: { dir: join(app.getPath('userData'), 'sessions') },
      });
      await engine.startAutosave();
      wireWindow(engine, () => main);
      main = await createMainWindow();
      forwardEvents(engine, main.webContents);
    })
    .catch((err: unknown) => {
      dialog.showErrorBox('MAAS Forensic Workbench could not start', err instanceof Error ? err.message : String(err));
      app.quit();
    });
}

// Inside Electron this module is the main process; imported elsewhere (tests) it only exports.
if (process.versions.electron) startApp();
