// The window's preload. Electron runs a sandboxed preload as a CommonJS function body
// (require, process, exports, module), never as an ES module: this file is `.cts` so that tsc
// emits preload.cjs in CommonJS while the rest of the package is ESM. Its `require` knows only
// `electron` and a few built-ins (events, timers, url): no fs, no package.json, none of our modules.
import { contextBridge } from 'electron';

/** The switch main passes through `webPreferences.additionalArguments` (security.ts VERSION_SWITCH). */
const VERSION_SWITCH = '--mfw-version=';

/** What the renderer sees as `window.mfw`: data only, no function that reaches the main process yet. */
export interface MfwBridge {
  readonly version: string;
}

/** The sandbox's `process` keeps `argv`, which is this renderer's command line with main's extra switches. */
function readVersion(argv: readonly string[]): string {
  const found = argv.find((arg) => arg.startsWith(VERSION_SWITCH));
  return found === undefined ? 'unknown' : found.slice(VERSION_SWITCH.length);
}

const bridge: MfwBridge = Object.freeze({ version: readVersion(process.argv) });
contextBridge.exposeInMainWorld('mfw', bridge);
