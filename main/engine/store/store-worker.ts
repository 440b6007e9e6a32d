import { parentPort } from 'node:worker_threads';
import { StoreCore } from './store-core.js';
import type { StoreReply, StoreRequest } from './store.js';

// The store's thread: one StoreCore, requests answered in order.
const port = parentPort;
if (!port) throw new Error('store-worker.js runs only as a worker thread');
const core = StoreCore.create();

async function answer(request: StoreRequest): Promise<StoreReply> {
  try {
    const store = await core;
    // The method is called on its own instance right below.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const method = store[request.method] as (this: StoreCore, ...args: unknown[]) => unknown;
    return { id: request.id, result: method.apply(store, request.args) };
  } catch (err) {
    return { id: request.id, error: (err as Error).message };
  }
}

port.on('message', (request: StoreRequest) => {
  void answer(request).then((reply) => port.postMessage(reply));
});
