// The window's preload. It runs sandboxed, so it must be CommonJS (tsc emits preload.cjs) and may
// require only `electron` and a few built-ins: no fs, no package.json, none of our modules.
import { contextBridge } from 'electron';

/** The switch main passes through `webPreferences.additionalArguments`; it lands in this process's argv. */
const VERSION_SWITCH = '--mfw-version=';

/** What the renderer sees as `window.mfw`: data only, no function that reaches the main process yet. */
export interface MfwBridge {
  readonly version: string;
}

function readVersion(argv: readonly string[]): string {
  const found = argv.find((arg) => arg.startsWith(VERSION_SWITCH));
  return found === undefined ? 'unknown' : found.slice(VERSION_SWITCH.length);
}

const bridge: MfwBridge = Object.freeze({ version: readVersion(process.argv) });
contextBridge.exposeInMainWorld('mfw', bridge);
