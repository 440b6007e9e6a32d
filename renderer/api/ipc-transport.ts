import type { MfwBridge } from './bridge.js';
import type { Transport } from './validated-client.js';

/** Calls through the Electron preload's bridge. */
export function ipcTransport(bridge: MfwBridge): Transport {
  return {
    send: (method, params) => bridge.call(method, params),
    listen: (listener) => bridge.on(listener),
  };
}
