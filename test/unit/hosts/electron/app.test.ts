import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's binary never runs here: the main process is driven through a stand-in `electron`.
type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Listener>();
  const windows: FakeWindow[] = [];
  class FakeWindow {
    readonly listeners = new Map<string, Listener>();
    readonly webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    minimized = false;
    readonly restore = vi.fn(() => { this.minimized = false; });
    readonly focus = vi.fn();
    readonly show = vi.fn();
    readonly loadFile = vi.fn(async (_path: string) => undefined);
    constructor(readonly options: unknown) { windows.push(this); }
    isMinimized(): boolean { return this.minimized; }
    once(event: string, listener: Listener): this { this.listeners.set(event, listener); return this; }
  }
  const app = {
    gotLock: true,
    requestSingleInstanceLock: vi.fn((): boolean => app.gotLock),
    quit: vi.fn(),
    getVersion: vi.fn(() => '0.1.0'),
    whenReady: vi.fn(async () => undefined),
    on: vi.fn((event: string, listener: Listener) => { listeners.set(event, listener); return app; }),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    },
  };
  const dialog = { showErrorBox: vi.fn() };
  return { app, session, dialog, FakeWindow, windows, listeners };
});
type FakeWindow = InstanceType<typeof electron.FakeWindow>;

vi.mock('electron', () => ({ app: electron.app, BrowserWindow: electron.FakeWindow, session: electron.session, dialog: electron.dialog }));

const { createMainWindowOptions, installNavigationGuards, installSessionGuards, CONTENT_SECURITY_POLICY } = await import('../../../../main/hosts/electron/security.js');
const { startApp } = await import('../../../../main/hosts/electron/app.js');

/** A WebContents stand-in that records what the guards install. */
function fakeContents() {
  const on = new Map<string, Listener>();
  let openHandler: Listener | undefined;
  const contents = {
    on: (event: string, listener: Listener) => { on.set(event, listener); return contents; },
    setWindowOpenHandler: (handler: Listener) => { openHandler = handler; },
  };
  return { contents: contents as unknown as WebContents, on, openHandler: () => openHandler };
}

/** A Session stand-in that records its permission handler and header listener. */
function fakeSession() {
  let permission: Listener | undefined;
  let headers: Listener | undefined;
  const session = {
    setPermissionRequestHandler: (handler: Listener) => { permission = handler; },
    webRequest: { onHeadersReceived: (listener: Listener) => { headers = listener; } },
  };
  return { session: session as unknown as Session, permission: () => permission, headers: () => headers };
}

/** Runs the preload source the way Electron's sandbox does: a function of (require, process, exports, module). */
function runPreload(argv: string[]) {
  const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
  const source = readFileSync(fileURLToPath(new URL('../../../../main/hosts/electron/preload.cts', import.meta.url)), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const exposeInMainWorld = vi.fn();
  // Like the sandbox, the stand-in require knows only `electron`.
  const sandboxRequire = (name: string): unknown => {
    if (name === 'electron') return { contextBridge: { exposeInMainWorld } };
    throw new Error(`module not found: ${name}`);
  };
  const exports = {};
  const wrapper = runInNewContext(`(function (require, process, exports, module) {\n${outputText}\n})`, {}) as (...args: unknown[]) => void;
  wrapper(sandboxRequire, { argv }, exports, { exports });
  return exposeInMainWorld;
}

describe('main window options', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security on', () => {
    const options: BrowserWindowConstructorOptions = createMainWindowOptions('/app/preload.cjs', '0.1.0');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(options.webPreferences?.nodeIntegrationInWorker).not.toBe(true);
    expect(options.webPreferences?.allowRunningInsecureContent).not.toBe(true);
    expect(options.webPreferences?.webviewTag).not.toBe(true);
  });

  it('passes the version to the preload as a command-line switch', () => {
    expect(createMainWindowOptions('/p', '1.2.3').webPreferences?.additionalArguments).toEqual(['--mfw-version=1.2.3']);
  });
});

describe('navigation guards', () => {
  it('cancels every navigation away from the app', () => {
    const fake = fakeContents();
    installNavigationGuards(fake.contents);
    const event = { preventDefault: vi.fn() };
    fake.on.get('will-navigate')?.(event, 'https://attacker.example/');
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies window.open and target=_blank links', () => {
    const fake = fakeContents();
    installNavigationGuards(fake.contents);
    expect(fake.openHandler()?.({ url: 'https://attacker.example/', frameName: '', features: '' })).toEqual({ action: 'deny' });
  });
});

describe('session guards', () => {
  it('refuses every permission request', () => {
    const fake = fakeSession();
    installSessionGuards(fake.session);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      const callback = vi.fn();
      fake.permission()?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  it('adds the CSP header to every response and keeps the other headers', () => {
    const fake = fakeSession();
    installSessionGuards(fake.session);
    const callback = vi.fn();
    fake.headers()?.({ url: 'file:///app/index.html', responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('allows scripts, styles and connections only from the app itself', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('app start', () => {
  beforeEach(() => {
    electron.windows.length = 0;
    electron.listeners.clear();
    electron.app.gotLock = true;
  });
  afterEach(() => vi.clearAllMocks());

  it('quits without opening a window when another instance holds the lock', async () => {
    electron.app.gotLock = false;
    startApp();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    expect(electron.windows).toHaveLength(0);
    expect(electron.listeners.has('second-instance')).toBe(false);
  });

  it('opens one secure window on the built renderer and guards the session first', async () => {
    startApp();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const [window] = electron.windows as [FakeWindow];
    const options = window.options as BrowserWindowConstructorOptions;
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(options.webPreferences?.preload).toMatch(/[/\\]main[/\\]hosts[/\\]electron[/\\]preload\.cjs$/);
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(electron.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(window.webContents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(window.webContents.on).toHaveBeenCalledWith('will-navigate', expect.any(Function));
    // Compiled, app.js sits in dist/main/hosts/electron; the renderer is built into dist/renderer.
    expect(window.loadFile).toHaveBeenCalledOnce();
    const page = window.loadFile.mock.calls[0]?.[0] ?? '';
    expect(relative(dirname(options.webPreferences?.preload ?? ''), page)).toBe(join('..', '..', '..', 'renderer', 'index.html'));
  });

  it('focuses the existing window when a second instance starts', async () => {
    startApp();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const [window] = electron.windows as [FakeWindow];
    window.minimized = true;
    electron.listeners.get('second-instance')?.({}, [], '/');
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
    expect(electron.windows).toHaveLength(1);
  });
});

describe('preload', () => {
  it('exposes only window.mfw with the version main passed', () => {
    const argv = ['/opt/mfw/mfw', '--type=renderer', ...(createMainWindowOptions('/p', '0.1.0').webPreferences?.additionalArguments ?? [])];
    const expose = runPreload(argv);
    expect(expose).toHaveBeenCalledOnce();
    const [name, bridge] = expose.mock.calls[0] as [string, object];
    expect(name).toBe('mfw');
    expect(bridge).toEqual({ version: '0.1.0' });
    expect(Object.keys(bridge)).toEqual(['version']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('says the version is unknown when main passed none', () => {
    expect(runPreload(['/opt/mfw/mfw']).mock.calls[0]?.[1]).toEqual({ version: 'unknown' });
  });
});

describe('a start that fails', () => {
  it('tells the user why and quits instead of leaving a rejected promise', async () => {
    electron.app.gotLock = true;
    electron.app.quit.mockClear();
    electron.app.whenReady.mockImplementationOnce(async () => {
      throw new Error('renderer missing');
    });
    startApp();
    await vi.waitFor(() => expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('MAAS Forensic Workbench could not start', 'renderer missing'));
    expect(electron.app.quit).toHaveBeenCalled();
  });
});
