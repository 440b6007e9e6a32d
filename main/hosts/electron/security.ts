import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** The renderer may load only itself: no remote code, no inline scripts, no eval. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Window options for a window that renders hostile log text: isolated, sandboxed, no Node. */
export function createMainWindowOptions(preloadPath: string, version: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    title: 'MAAS Forensic Workbench',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A sandboxed preload cannot read package.json; it reads the version from its argv.
      additionalArguments: [`--mfw-version=${version}`],
    },
  };
}

/** The window never navigates away from the app and never opens another window. */
export function installNavigationGuards(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No permission (camera, notifications, …) is ever granted, and every response carries the CSP. */
export function installSessionGuards(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
