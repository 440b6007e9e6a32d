// The window's preload. Electron runs a sandboxed preload as a CommonJS function body
// (require, process, exports, module), never as an ES module: this file is `.cts` so that tsc
// emits preload.cjs in CommonJS while the rest of the package is ESM. Its `require` knows only
// `electron` and a few built-ins (events, timers, url): no fs, no package.json, none of our modules,
// so the channel names of shared/api.ts and ipc.ts are repeated here (a unit test keeps them equal).
import { contextBridge, ipcRenderer, webUtils } from 'electron';

/** The switch main passes through `webPreferences.additionalArguments` (security.ts VERSION_SWITCH). */
const VERSION_SWITCH = '--mfw-version=';
const CALL_CHANNEL = 'mfw:call';
const EVENT_CHANNEL = 'mfw:event';
const DIALOG_CHANNEL = 'mfw:dialog';

/** What the renderer sees as `window.mfw`: a version, one call, one event stream, drop paths, the open dialog. */
export interface MfwBridge {
  readonly version: string;
  call(method: string, params: unknown): Promise<unknown>;
  on(listener: (event: string, data: unknown) => void): () => void;
  pathForFile(file: File): string;
  openDialog(kind: 'bundle' | 'folder'): Promise<unknown>;
}

/** The sandbox's `process` keeps `argv`, which is this renderer's command line with main's extra switches. */
function readVersion(argv: readonly string[]): string {
  const found = argv.find((arg) => arg.startsWith(VERSION_SWITCH));
  return found === undefined ? 'unknown' : found.slice(VERSION_SWITCH.length);
}

const bridge: MfwBridge = Object.freeze({
  version: readVersion(process.argv),
  // Only the method name and params cross: never ipcRenderer itself, nor the IPC event.
  call: (method: string, params: unknown) => ipcRenderer.invoke(CALL_CHANNEL, method, params) as Promise<unknown>,
  on: (listener: (event: string, data: unknown) => void) => {
    const relay = (_event: unknown, name: unknown, data: unknown): void => {
      if (typeof name === 'string') listener(name, data);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  openDialog: (kind: 'bundle' | 'folder') => ipcRenderer.invoke(DIALOG_CHANNEL, kind) as Promise<unknown>,
});
contextBridge.exposeInMainWorld('mfw', bridge);
