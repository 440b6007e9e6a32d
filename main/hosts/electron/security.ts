import { BrowserWindow, type Session, type WebContents } from 'electron';
import type { WindowPlacement } from './window-layout.js';

/**
 * The renderer may load only itself: no remote code, no inline scripts, no eval. renderer/index.html
 * carries the same policy in a meta tag (less `frame-ancestors`, which only works as a header),
 * because a page read from file:// is not sure to get response headers.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The switch main adds to the renderer's command line; preload.cts reads it back (it cannot import this). */
export const VERSION_SWITCH = '--mfw-version=';

/** URL patterns of content from outside the machine: the app never loads any (design §10). */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/**
 * Opens the main window, which renders hostile log text: isolated, sandboxed, no Node. The options
 * are written out at `new BrowserWindow` on purpose: electronegativity (`npm run lint:electron`)
 * checks only an object literal at the call, and would report a variable or a helper's result.
 */
export function openMainWindow(preloadPath: string, version: string, placement: WindowPlacement): BrowserWindow {
  return new BrowserWindow({
    ...placement,
    title: 'MAAS Forensic Workbench',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A sandboxed preload can read neither package.json nor app.getVersion(); it gets its argv.
      additionalArguments: [`${VERSION_SWITCH}${version}`],
    },
  });
}

/**
 * A web page never navigates away from the app, never opens a window and never embeds a
 * `<webview>`. Every navigation is refused, not only those to other origins: the app is one page
 * read from file://, where every file on the disk counts as the same origin.
 */
export function installNavigationGuards(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  // will-navigate sees only the main frame; this one sees iframes too.
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * No permission (camera, notifications, …) is ever granted or reported as granted, nothing is
 * fetched from the network, and every response carries the CSP.
 */
export function installSessionGuards(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (_details, callback) => callback({ cancel: true }));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
