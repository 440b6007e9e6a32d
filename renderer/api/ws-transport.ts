import { WsServerFrameSchema } from '../../shared/api.js';
import type { Transport } from './validated-client.js';

/** Calls over the WebSocket of `mfw serve`; the token cookie set with the page authenticates it. */
export function wsTransport(url: string): Transport {
  const listeners = new Set<(event: string, data: unknown) => void>();
  const pending = new Map<number, { resolve: (reply: unknown) => void; reject: (err: Error) => void }>();
  let nextId = 0;
  const socket = new WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('the connection to mfw serve failed')), { once: true });
  });
  // A failed connection is reported to each call that waits for it, not as an unhandled rejection.
  opened.catch(() => undefined);
  socket.addEventListener('message', (message) => {
    let data: unknown;
    try {
      data = JSON.parse(String(message.data));
    } catch {
      return;
    }
    const frame = WsServerFrameSchema.safeParse(data);
    if (!frame.success) return;
    if ('id' in frame.data) {
      pending.get(frame.data.id)?.resolve(frame.data.reply);
      pending.delete(frame.data.id);
    } else {
      for (const listener of listeners) listener(frame.data.event, frame.data.data);
    }
  });
  socket.addEventListener('close', () => {
    for (const call of pending.values()) call.reject(new Error('the connection to mfw serve closed'));
    pending.clear();
  });
  return {
    async send(method, params) {
      await opened;
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
