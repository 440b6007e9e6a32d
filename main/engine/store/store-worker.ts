import { parentPort, workerData } from 'node:worker_threads';
import type { EventRow, FieldValue } from '../../../shared/types/event.js';
import type { EventRewrite } from './rewrite-events.js';
import type { ReadOnlyQueryOptions } from './read-only-query.js';
import { MfwError } from '../errors.js';
import { StoreCore, type FileCounts, type FileRecord, type FindingRecord, type QueryOptions } from './store-core.js';
import { STORE_METHODS, type StoreMethod, type StoreReply } from './store.js';

// The store's thread: one StoreCore; requests from store.ts are answered one at a time, in order.
const port = parentPort;
if (!port) throw new Error('store-worker.js runs only as a worker thread (see openStore in store.ts)');
const started = StoreCore.create((workerData ?? {}) as { heapLimitBytes?: number });

// Arguments come from our own client (store.ts), already typed there; the method name is checked.
const handlers: { [M in StoreMethod]: (core: StoreCore, args: unknown[]) => unknown } = {
  addFile: (core, [rec]) => core.addFile(rec as FileRecord),
  insertEvents: (core, [rows]) => core.insertEvents(rows as EventRow[]),
  finishFile: (core, [id, counts]) => core.finishFile(id as number, counts as FileCounts),
  setMeta: (core, [key, value]) => core.setMeta(key as string, value as string),
  assignHost: (core, [ids, host]) => core.assignHost(ids as number[], host as string),
  discardFiles: (core, [ids]) => core.discardFiles(ids as number[]),
  rewriteEvents: (core, [rewrites, deleteIds]) => core.rewriteEvents(rewrites as EventRewrite[], deleteIds as number[]),
  finishImport: (core) => core.finishImport(),
  foldCopies: (core) => core.foldCopies(),
  buildIndexes: (core) => core.buildIndexes(),
  query: (core, [sql, params, opts]) => core.query(sql as string, params as FieldValue[] | undefined, opts as QueryOptions | undefined),
  readOnlyQuery: (core, [sql, opts]) => core.readOnlyQuery(sql as string, opts as ReadOnlyQueryOptions),
  replaceFindings: (core, [findings]) => core.replaceFindings(findings as FindingRecord[]),
  timelineRollup: (core) => core.timelineRollup(),
  memoryBytes: (core) => core.memoryBytes(),
  saveTo: (core, [path]) => core.saveTo(path as string),
  openFrom: (core, [path]) => core.openFrom(path as string),
  close: (core) => core.close(),
};

function isMethod(name: unknown): name is StoreMethod {
  return STORE_METHODS.includes(name as StoreMethod);
}

async function answer(message: unknown): Promise<StoreReply> {
  const { id, method, args } = (message ?? {}) as { id?: unknown; method?: unknown; args?: unknown };
  const replyId = typeof id === 'number' ? id : -1;
  try {
    if (!isMethod(method) || !Array.isArray(args)) throw new Error(`not a store request: ${JSON.stringify(method)}`);
    const core = await started;
    return { id: replyId, result: handlers[method](core, args) };
  } catch (err) {
    return { id: replyId, error: { message: err instanceof Error ? err.message : String(err), ...(err instanceof MfwError ? { code: err.code } : {}) } };
  }
}

let previous: Promise<unknown> = started.catch(() => undefined);
port.on('message', (message: unknown) => {
  previous = previous.then(() => answer(message)).then((reply) => port.postMessage(reply));
});
