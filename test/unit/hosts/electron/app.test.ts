import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's binary never runs here: the main process is driven through a stand-in `electron`.
type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  const appListeners = new Map<string, Listener[]>();
  const emit = (event: string, ...args: unknown[]): void => {
    for (const listener of appListeners.get(event) ?? []) listener(...args);
  };
  const windows: FakeWindow[] = [];
  /** Records what is installed on it, like a WebContents. */
  class FakeContents {
    readonly listeners = new Map<string, Listener>();
    openHandler: Listener | undefined;
    on(event: string, listener: Listener): this { this.listeners.set(event, listener); return this; }
    setWindowOpenHandler(handler: Listener): void { this.openHandler = handler; }
    readonly mainFrame = { url: 'file:///app/renderer/index.html' };
    readonly send = vi.fn();
    isDestroyed(): boolean { return false; }
  }
  class FakeWindow {
    readonly listeners = new Map<string, Listener>();
    readonly webContents = new FakeContents();
    minimized = false;
    maximized = false;
    fullScreen = false;
    normalBounds = { x: 0, y: 0, width: 1280, height: 800 };
    readonly maximize = vi.fn(() => { this.maximized = true; });
    readonly setFullScreen = vi.fn((on: boolean) => { this.fullScreen = on; });
    getNormalBounds() { return this.normalBounds; }
    isMaximized(): boolean { return this.maximized; }
    isFullScreen(): boolean { return this.fullScreen; }
    on(event: string, listener: Listener): this { this.listeners.set(event, listener); return this; }
    readonly restore = vi.fn(() => { this.minimized = false; });
    readonly focus = vi.fn();
    readonly show = vi.fn();
    readonly loadFile = vi.fn((_path: string) => Promise.resolve());
    constructor(readonly options: unknown) {
      windows.push(this);
      // As in Electron, a window's web contents are announced while the window is constructed.
      emit('web-contents-created', {}, this.webContents);
    }
    isMinimized(): boolean { return this.minimized; }
    once(event: string, listener: Listener): this { this.listeners.set(event, listener); return this; }
  }
  const app = {
    gotLock: true,
    requestSingleInstanceLock: vi.fn((): boolean => app.gotLock),
    enableSandbox: vi.fn(),
    quit: vi.fn(),
    getVersion: vi.fn(() => '0.1.0'),
    // A folder the app may create (autosave): never outside the temp dir.
    getPath: vi.fn(() => `${process.env.TMPDIR ?? '/tmp'}/mfw-test-profile-${process.pid}`),
    whenReady: vi.fn(() => Promise.resolve()),
    on: vi.fn((event: string, listener: Listener) => {
      appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
      return app;
    }),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
    },
  };
  const dialog = { showErrorBox: vi.fn(), showOpenDialog: vi.fn(), showMessageBox: vi.fn() };
  const ipcMain = { handle: vi.fn() };
  const Menu = { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() };
  /** One 1920x1080 display with a 40 px panel at the bottom, unless a test plugs in others. */
  const screen = { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]) };
  return { app, session, dialog, ipcMain, Menu, screen, FakeWindow, FakeContents, windows, appListeners, emit };
});
type FakeWindow = InstanceType<typeof electron.FakeWindow>;

vi.mock('electron', () => ({ app: electron.app, BrowserWindow: electron.FakeWindow, session: electron.session, dialog: electron.dialog, ipcMain: electron.ipcMain, Menu: electron.Menu, screen: electron.screen }));

const security = await import('../../../../main/hosts/electron/security.js');
const { openMainWindow, installNavigationGuards, installSessionGuards, CONTENT_SECURITY_POLICY, REMOTE_URL_PATTERNS } = security;

/** The options the main window is constructed with. */
function mainWindowOptions(preloadPath = '/app/preload.cjs', version = '0.1.0'): BrowserWindowConstructorOptions {
  return (openMainWindow(preloadPath, version, { width: 1280, height: 800 }) as unknown as FakeWindow).options as BrowserWindowConstructorOptions;
}
const { startApp, focusWindow, PRELOAD_PATH, RENDERER_PAGE } = await import('../../../../main/hosts/electron/app.js');
const { DIALOG_CHANNEL } = await import('../../../../main/hosts/electron/ipc.js');
const { WINDOW_LAYOUT_FILE } = await import('../../../../main/hosts/electron/window-layout.js');
const { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } = await import('../../../../shared/api.js');

const repoFile = (path: string): string => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));

/** A WebContents stand-in that records what the guards install. */
function guardedContents() {
  const contents = new electron.FakeContents();
  installNavigationGuards(contents as unknown as WebContents);
  return contents;
}

/** A Session stand-in that records its handlers. */
function guardedSession() {
  const handlers: { permission?: Listener; check?: Listener; beforeRequest?: { filter: unknown; listener: Listener }; headers?: Listener } = {};
  const session = {
    setPermissionRequestHandler: (handler: Listener) => { handlers.permission = handler; },
    setPermissionCheckHandler: (handler: Listener) => { handlers.check = handler; },
    webRequest: {
      onBeforeRequest: (filter: unknown, listener: Listener) => { handlers.beforeRequest = { filter, listener }; },
      onHeadersReceived: (listener: Listener) => { handlers.headers = listener; },
    },
  };
  installSessionGuards(session as unknown as Session);
  return handlers;
}

/** Splits a CSP into its directives: name -> sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
}

/** Lets every promise the start chained (all already settled) run to its end. */
function settled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** What a navigation event offers a listener. */
function navigationEvent(url: string, isMainFrame = true) {
  return { url, isMainFrame, isSameDocument: false, preventDefault: vi.fn() };
}

/**
 * Builds the preload with the project's own compiler options (tsconfig.json, NodeNext, and the
 * package's "type": "module"), as `npm run build` does, and returns what tsc writes.
 */
function compilePreload(): Map<string, string> {
  const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
  const configPath = repoFile('tsconfig.json');
  const { config } = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path)) as { config: unknown };
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configPath));
  // Emitting import/require needs no types: skip resolving electron.d.ts and the libs, to stay fast.
  const program = ts.createProgram([repoFile('main/hosts/electron/preload.cts')], { ...options, sourceMap: false, noResolve: true, noLib: true, types: [] });
  const written = new Map<string, string>();
  program.emit(undefined, (name, text) => written.set(name, text));
  return written;
}

/** Runs compiled preload code the way Electron's sandbox does: a function of (require, process, exports, module). */
function runPreload(code: string, argv: string[]) {
  const exposeInMainWorld = vi.fn();
  const ipcRenderer = { invoke: vi.fn((..._args: unknown[]) => Promise.resolve('answer')), on: vi.fn(), removeListener: vi.fn() };
  const webUtils = { getPathForFile: vi.fn((_file: unknown) => '/home/ir/sosreport.tar.xz') };
  // Like the sandbox, the stand-in require knows only `electron` (of what the preload could want).
  const sandboxRequire = (name: string): unknown => {
    if (name === 'electron') return { contextBridge: { exposeInMainWorld }, ipcRenderer, webUtils };
    throw new Error(`module not found: ${name}`);
  };
  const exports = {};
  const wrapper = runInNewContext(`(function (require, process, exports, module) {\n${code}\n})`, {}) as (...args: unknown[]) => void;
  wrapper(sandboxRequire, { argv }, exports, { exports });
  return Object.assign(exposeInMainWorld, { ipcRenderer, webUtils });
}

interface Bridge {
  version: string;
  call(method: string, params: unknown): Promise<unknown>;
  on(listener: (event: string, data: unknown) => void): () => void;
  pathForFile(file: unknown): string;
  openDialog(kind: string): Promise<unknown>;
}

describe('main window options', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security on', () => {
    const options = mainWindowOptions();
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(options.webPreferences?.nodeIntegrationInWorker).not.toBe(true);
    expect(options.webPreferences?.nodeIntegrationInSubFrames).not.toBe(true);
    expect(options.webPreferences?.allowRunningInsecureContent).not.toBe(true);
    expect(options.webPreferences?.webviewTag).not.toBe(true);
    expect(options.webPreferences?.experimentalFeatures).not.toBe(true);
    expect(options.webPreferences?.enableBlinkFeatures).toBeUndefined();
  });

  it('opens hidden (shown when ready) where it is placed', () => {
    const window = openMainWindow('/p', '0.1.0', { x: 10, y: 20, width: 900, height: 700 }) as unknown as FakeWindow;
    expect(window.options).toMatchObject({ x: 10, y: 20, width: 900, height: 700, show: false });
  });

  it('passes the version to the preload as a command-line switch', () => {
    expect(mainWindowOptions('/p', '1.2.3').webPreferences?.additionalArguments).toEqual(['--mfw-version=1.2.3']);
  });
});

describe('navigation guards', () => {
  it('cancels navigation to another origin', () => {
    const event = navigationEvent('https://attacker.example/');
    guardedContents().listeners.get('will-navigate')?.(event, event.url);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('cancels navigation to another file, which file:// counts as the same origin', () => {
    const event = navigationEvent('file:///etc/passwd');
    guardedContents().listeners.get('will-navigate')?.(event, event.url);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('cancels navigation inside an iframe', () => {
    const event = navigationEvent('https://attacker.example/', false);
    guardedContents().listeners.get('will-frame-navigate')?.(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('refuses to attach a <webview>', () => {
    const event = { preventDefault: vi.fn() };
    guardedContents().listeners.get('will-attach-webview')?.(event, {}, { src: 'https://attacker.example/' });
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies window.open and target=_blank links', () => {
    expect(guardedContents().openHandler?.({ url: 'https://attacker.example/', frameName: '', features: '' })).toEqual({ action: 'deny' });
  });
});

describe('session guards', () => {
  it('refuses every permission request', () => {
    const { permission } = guardedSession();
    for (const name of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      permission?.({}, name, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  it('reports every permission as not granted when a page checks', () => {
    const { check } = guardedSession();
    for (const name of ['media', 'notifications', 'clipboard-read', 'usb']) {
      expect(check?.(null, name, 'file://', {})).toBe(false);
    }
  });

  it('cancels every request to the network', () => {
    const { beforeRequest } = guardedSession();
    expect(beforeRequest?.filter).toEqual({ urls: REMOTE_URL_PATTERNS });
    expect(REMOTE_URL_PATTERNS).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    expect(REMOTE_URL_PATTERNS.some((pattern) => pattern.startsWith('file:'))).toBe(false);
    const callback = vi.fn();
    beforeRequest?.listener({ url: 'https://attacker.example/x.js' }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({ cancel: true });
  });

  it('adds the CSP header to every response and keeps the other headers', () => {
    const { headers } = guardedSession();
    const callback = vi.fn();
    headers?.({ url: 'file:///app/index.html', responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('allows scripts, styles and connections only from the app itself, and never eval or inline code', () => {
    const csp = directives(CONTENT_SECURITY_POLICY);
    for (const name of ['default-src', 'script-src', 'style-src', 'connect-src']) expect(csp.get(name)).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(eval|inline)|\*/);
  });

  it('puts the same policy in the page, where it applies even to a file:// load without headers', () => {
    const html = readFileSync(repoFile('renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const header = directives(CONTENT_SECURITY_POLICY);
    // A meta CSP cannot carry frame-ancestors (browsers ignore it there).
    header.delete('frame-ancestors');
    expect(directives(meta ?? '')).toEqual(header);
  });
});

describe('app start', () => {
  beforeEach(() => {
    electron.windows.length = 0;
    electron.appListeners.clear();
    electron.app.gotLock = true;
  });
  afterEach(() => vi.clearAllMocks());
  afterAll(() => rmSync(electron.app.getPath(), { recursive: true, force: true }));

  it('quits without opening a window when another instance holds the lock', async () => {
    electron.app.gotLock = false;
    startApp();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    expect(electron.windows).toHaveLength(0);
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.appListeners.has('second-instance')).toBe(false);
  });

  it('sandboxes every renderer before the app is ready', () => {
    startApp();
    expect(electron.app.enableSandbox).toHaveBeenCalledOnce();
    expect(electron.app.enableSandbox.mock.invocationCallOrder[0]).toBeLessThan(electron.app.whenReady.mock.invocationCallOrder[0] ?? 0);
  });

  it('guards the session, then opens one secure window on the built renderer', async () => {
    startApp();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const [window] = electron.windows as [FakeWindow];
    const options = window.options as BrowserWindowConstructorOptions;
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: PRELOAD_PATH });
    const { defaultSession } = electron.session;
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(defaultSession.setPermissionCheckHandler).toHaveBeenCalledOnce();
    expect(defaultSession.webRequest.onBeforeRequest).toHaveBeenCalledOnce();
    expect(defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(defaultSession.webRequest.onHeadersReceived.mock.invocationCallOrder[0]).toBeLessThan(window.loadFile.mock.invocationCallOrder[0] ?? 0);
    await vi.waitFor(() => expect(window.loadFile).toHaveBeenCalledExactlyOnceWith(RENDERER_PAGE));
    window.listeners.get('ready-to-show')?.();
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('wires the engine before the window: IPC handlers on the app channels and the native menu', async () => {
    startApp();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    expect(electron.ipcMain.handle.mock.calls.map(([channel]) => channel as string).sort()).toEqual([DIALOG_CHANNEL, IPC_CALL_CHANNEL].sort());
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    const [template] = electron.Menu.buildFromTemplate.mock.calls.at(-1) as [{ label: string }[]];
    expect(template.map((m) => m.label)).toEqual(['File', 'View', 'Help']);
  });

  it('guards the web contents of every window as it is created', async () => {
    startApp();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const [window] = electron.windows as [FakeWindow];
    expect(window.webContents.openHandler?.({ url: 'https://attacker.example/' })).toEqual({ action: 'deny' });
    expect([...window.webContents.listeners.keys()]).toEqual(expect.arrayContaining(['will-navigate', 'will-frame-navigate', 'will-attach-webview']));
    // Contents the app did not open itself (a devtools view, a future window) get the same guards.
    const other = new electron.FakeContents();
    electron.emit('web-contents-created', {}, other);
    expect(other.openHandler?.({ url: 'https://attacker.example/' })).toEqual({ action: 'deny' });
  });

  it('loads the preload tsc writes next to app.js, and the page vite writes to dist/renderer', () => {
    expect(PRELOAD_PATH).toMatch(/[/\\]main[/\\]hosts[/\\]electron[/\\]preload\.cjs$/);
    // Compiled, app.js sits in dist/main/hosts/electron; the renderer is built into dist/renderer.
    expect(relative(dirname(PRELOAD_PATH), RENDERER_PAGE)).toBe(join('..', '..', '..', 'renderer', 'index.html'));
  });

  it('opens the window where the user left it, on a display there is now, and remembers it on close', async () => {
    const layoutFile = join(electron.app.getPath(), WINDOW_LAYOUT_FILE);
    mkdirSync(electron.app.getPath(), { recursive: true });
    // Left maximised on a monitor right of the laptop, which is unplugged since.
    writeFileSync(layoutFile, JSON.stringify({ bounds: { x: 2200, y: 120, width: 1400, height: 900 }, maximized: true, fullScreen: false }));
    try {
      startApp();
      await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
      const [window] = electron.windows as [FakeWindow];
      expect(window.options).toMatchObject({ x: 520, y: 120, width: 1400, height: 900 });
      window.listeners.get('ready-to-show')?.();
      expect(window.maximize).toHaveBeenCalledOnce();
      expect(window.show).toHaveBeenCalledOnce();
      window.normalBounds = { x: 40, y: 30, width: 1000, height: 700 };
      window.maximized = false;
      window.listeners.get('close')?.();
      expect(JSON.parse(readFileSync(layoutFile, 'utf8'))).toEqual({ bounds: { x: 40, y: 30, width: 1000, height: 700 }, maximized: false, fullScreen: false });
    } finally {
      rmSync(layoutFile, { force: true });
    }
  });

  it('opens at the default size with a warning when the remembered layout is corrupt', async () => {
    const layoutFile = join(electron.app.getPath(), WINDOW_LAYOUT_FILE);
    mkdirSync(electron.app.getPath(), { recursive: true });
    writeFileSync(layoutFile, 'not json');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      startApp();
      await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
      expect((electron.windows[0] as FakeWindow).options).toMatchObject({ width: 1280, height: 800 });
      expect((electron.windows[0] as FakeWindow).options).not.toHaveProperty('x');
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${layoutFile}: not JSON`));
    } finally {
      warn.mockRestore();
      rmSync(layoutFile, { force: true });
    }
  });

  it('sends View > Larger text, Smaller text and Default text size to the page as menu.command', async () => {
    startApp();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const [window] = electron.windows as [FakeWindow];
    await settled();
    const [template] = electron.Menu.buildFromTemplate.mock.calls.at(-1) as [{ label: string; submenu: { label?: string; click?: () => void }[] }[]];
    const view = template.find((m) => m.label === 'View')?.submenu ?? [];
    for (const label of ['Larger text', 'Smaller text', 'Default text size']) view.find((i) => i.label === label)?.click?.();
    expect(window.webContents.send.mock.calls).toEqual([
      [IPC_EVENT_CHANNEL, 'menu.command', { command: 'text.larger' }],
      [IPC_EVENT_CHANNEL, 'menu.command', { command: 'text.smaller' }],
      [IPC_EVENT_CHANNEL, 'menu.command', { command: 'text.default' }],
    ]);
  });

  it('focuses the existing window when a second instance starts', async () => {
    startApp();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const [window] = electron.windows as [FakeWindow];
    await settled();
    window.minimized = true;
    electron.emit('second-instance', {}, ['/opt/mfw/mfw'], '/');
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
    expect(electron.windows).toHaveLength(1);
  });

  it('ignores a second instance that starts before the window exists', () => {
    electron.app.whenReady.mockReturnValueOnce(new Promise(() => undefined));
    startApp();
    expect(() => electron.emit('second-instance', {}, [], '/')).not.toThrow();
    expect(electron.windows).toHaveLength(0);
  });
});

describe('focusing a window', () => {
  it('restores a minimised window before focusing it', () => {
    const window = new electron.FakeWindow({});
    window.minimized = true;
    focusWindow(window as unknown as Parameters<typeof focusWindow>[0]);
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('only focuses a window that is not minimised', () => {
    const window = new electron.FakeWindow({});
    focusWindow(window as unknown as Parameters<typeof focusWindow>[0]);
    expect(window.restore).not.toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalledOnce();
  });
});

describe('preload', () => {
  const written = compilePreload();
  const [outFile = '', code = ''] = [...written][0] ?? [];

  it('is built as CommonJS preload.cjs, the only module format a sandboxed preload runs', () => {
    expect(written.size).toBe(1);
    expect(relative(repoFile('dist'), outFile)).toBe(join('main', 'hosts', 'electron', 'preload.cjs'));
    expect(code).toContain('require("electron")');
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
  });

  it('exposes only window.mfw: the version, one call, one event stream, drop paths and the open dialog', () => {
    const argv = ['/opt/mfw/mfw', '--type=renderer', ...(mainWindowOptions('/p', '0.1.0').webPreferences?.additionalArguments ?? [])];
    const expose = runPreload(code, argv);
    expect(expose).toHaveBeenCalledOnce();
    const [name, bridge] = expose.mock.calls[0] as [string, Bridge];
    expect(name).toBe('mfw');
    expect(bridge.version).toBe('0.1.0');
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on', 'openDialog', 'pathForFile', 'version']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('sends calls and dialog requests on their channels only, with the arguments alone', async () => {
    const expose = runPreload(code, []);
    const bridge = expose.mock.calls[0]?.[1] as Bridge;
    await expect(bridge.call('events.count', { filter: {} })).resolves.toBe('answer');
    expect(expose.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_CALL_CHANNEL, 'events.count', { filter: {} });
    await bridge.openDialog('folder');
    expect(expose.ipcRenderer.invoke).toHaveBeenLastCalledWith(DIALOG_CHANNEL, 'folder');
  });

  it('relays engine events without the IPC event, and stops when unsubscribed', () => {
    const expose = runPreload(code, []);
    const bridge = expose.mock.calls[0]?.[1] as Bridge;
    const listener = vi.fn();
    const off = bridge.on(listener);
    const [channel, relay] = expose.ipcRenderer.on.mock.calls[0] as [string, Listener];
    expect(channel).toBe(IPC_EVENT_CHANNEL);
    relay({ sender: 'ipc internals' }, 'import.progress', { events: 1 });
    expect(listener).toHaveBeenCalledExactlyOnceWith('import.progress', { events: 1 });
    off();
    expect(expose.ipcRenderer.removeListener).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, relay);
  });

  it('gives a dropped file\'s path through webUtils', () => {
    const expose = runPreload(code, []);
    const bridge = expose.mock.calls[0]?.[1] as Bridge;
    expect(bridge.pathForFile({ name: 'sosreport.tar.xz' })).toBe('/home/ir/sosreport.tar.xz');
  });

  it('says the version is unknown when main passed none', () => {
    expect((runPreload(code, ['/opt/mfw/mfw']).mock.calls[0]?.[1] as Bridge).version).toBe('unknown');
  });

  it('reads the switch main writes and uses the channels main listens on', () => {
    const source = readFileSync(repoFile('main/hosts/electron/preload.cts'), 'utf8');
    expect(source).toContain(`'${security.VERSION_SWITCH}'`);
    for (const channel of [IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, DIALOG_CHANNEL]) expect(source).toContain(`'${channel}'`);
  });
});

describe('a start that fails', () => {
  it('tells the user why and quits instead of leaving a rejected promise', async () => {
    electron.app.gotLock = true;
    electron.app.quit.mockClear();
    electron.app.whenReady.mockImplementationOnce(() => Promise.reject(new Error('renderer missing')));
    startApp();
    await vi.waitFor(() => expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('MAAS Forensic Workbench could not start', 'renderer missing'));
    expect(electron.app.quit).toHaveBeenCalled();
  });
});
