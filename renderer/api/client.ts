import type { ApiClient } from '../../shared/api.js';
import { electronBridge } from './bridge.js';
import { ipcTransport } from './ipc-transport.js';
import { validatedClient } from './validated-client.js';
import { wsTransport } from './ws-transport.js';

/** The Electron bridge when the preload gave one, else the WebSocket of `mfw serve`. */
export function createClient(): ApiClient {
  const bridge = electronBridge();
  if (bridge) return validatedClient(ipcTransport(bridge));
  const token = new URLSearchParams(location.search).get('token');
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${location.host}/api/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  return validatedClient(wsTransport(url));
}
