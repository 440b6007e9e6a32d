import { parentPort } from 'node:worker_threads';
import { StoreCore } from './store-core.js';
import type { StoreReply, StoreRequest } from './store.js';

// The store's thread: one StoreCore, requests answered in order.
const port = parentPort;
if (!port) throw new Error('store-worker.js runs only as a worker thread');
const core = StoreCore.create();

port.on('message', async (request: StoreRequest) => {
  let reply: StoreReply;
  try {
    const store = await core;
    const method = store[request.method] as (...args: unknown[]) => unknown;
    reply = { id: request.id, result: method.apply(store, request.args) };
  } catch (err) {
    reply = { id: request.id, error: (err as Error).message };
  }
  port.postMessage(reply);
});
