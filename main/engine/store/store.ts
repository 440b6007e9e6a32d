import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventRow, FieldValue } from '../../../shared/types/event.js';
import { StoreCore, type FileRecord, type FileResult, type QueryResult } from './store-core.js';

export type { FileRecord, FileResult, QueryResult } from './store-core.js';

/** The store as the engine uses it, the same whether it runs in a worker or in this thread. */
export interface Store {
  addFile(rec: FileRecord): Promise<number>;
  insertEvents(rows: EventRow[]): Promise<void>;
  finishFile(id: number, result: FileResult): Promise<void>;
  setMeta(key: string, value: string): Promise<void>;
  finishImport(): Promise<void>;
  query(sql: string, params?: FieldValue[], opts?: { maxRows?: number }): Promise<QueryResult>;
  memoryBytes(): Promise<number>;
  close(): Promise<void>;
}

/** The methods a worker store answers; the message protocol of store-worker.ts. */
export type StoreMethod = Exclude<keyof Store, 'close'>;
export interface StoreRequest {
  id: number;
  method: StoreMethod;
  args: unknown[];
}
export type StoreReply = { id: number; result: unknown } | { id: number; error: string };

function inThread(core: StoreCore): Store {
  return {
    addFile: async (rec) => core.addFile(rec),
    insertEvents: async (rows) => core.insertEvents(rows),
    finishFile: async (id, result) => core.finishFile(id, result),
    setMeta: async (key, value) => core.setMeta(key, value),
    finishImport: async () => core.finishImport(),
    query: async (sql, params, opts) => core.query(sql, params, opts),
    memoryBytes: async () => core.memoryBytes(),
    close: async () => core.close(),
  };
}

function inWorker(workerFile: string): Store {
  const worker = new Worker(workerFile);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failure: Error | undefined;
  worker.on('message', (reply: StoreReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) waiting?.reject(new Error(reply.error));
    else waiting?.resolve(reply.result);
  });
  const failAll = (err: Error): void => {
    failure = err;
    for (const waiting of pending.values()) waiting.reject(err);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the store worker stopped (exit code ${code})`)));
  const call = <T>(method: StoreMethod, ...args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = ++next;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies StoreRequest);
    });
  return {
    addFile: (rec) => call('addFile', rec),
    insertEvents: (rows) => call('insertEvents', rows),
    finishFile: (id, result) => call('finishFile', id, result),
    setMeta: (key, value) => call('setMeta', key, value),
    finishImport: () => call('finishImport'),
    query: (sql, params, opts) => call('query', sql, params, opts),
    memoryBytes: () => call('memoryBytes'),
    close: async () => {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

/**
 * Opens an empty store. By default it runs in a worker thread, off the thread that parses;
 * `inThread` runs it here (unit tests, which run TypeScript sources that a worker cannot load).
 */
export async function openStore(opts: { inThread?: boolean } = {}): Promise<Store> {
  const workerFile = fileURLToPath(new URL('./store-worker.js', import.meta.url));
  if (opts.inThread || !existsSync(workerFile)) return inThread(await StoreCore.create());
  const store = inWorker(workerFile);
  await store.query('SELECT 1'); // surfaces a worker that cannot start, here and not at the first insert
  return store;
}
