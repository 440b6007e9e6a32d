import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventRow, FieldValue } from '../../../shared/types/event.js';
import { MfwError, type MfwErrorCode } from '../errors.js';
import type { FoldResult } from './fold.js';
import type { EventRewrite } from './rewrite-events.js';
import type { ReadOnlyQueryOptions, ReadOnlyResult } from './read-only-query.js';
import type { RollupBuild } from './timeline-rollup.js';
import { StoreCore, type FileCounts, type FileRecord, type FindingRecord, type MemoryUse, type QueryOptions, type QueryResult, type SaveResult } from './store-core.js';

export type { FoldResult } from './fold.js';
export type { EventRewrite } from './rewrite-events.js';
export type { ReadOnlyQueryOptions, ReadOnlyResult } from './read-only-query.js';
export type { RollupBuild } from './timeline-rollup.js';
export type { FileCounts, FileRecord, FindingRecord, MemoryUse, QueryOptions, QueryResult, SaveResult } from './store-core.js';

/** The store as the engine uses it, the same whether it runs in a worker or in this thread. */
export interface Store {
  addFile(rec: FileRecord): Promise<number>;
  /**
   * Stores a batch in one transaction; resolves once it is stored with the id of its first row
   * (the others follow it), rejects if it is not.
   * Call it again without awaiting to overlap parsing and inserting: a worker store keeps up
   * to MAX_BATCHES_IN_FLIGHT batches in the worker's hands and holds the rest back, in order.
   */
  insertEvents(rows: EventRow[]): Promise<number>;
  finishFile(id: number, counts: FileCounts): Promise<void>;
  setMeta(key: string, value: string): Promise<void>;
  assignHost(fileIds: readonly number[], host: string): Promise<void>;
  discardFiles(fileIds: readonly number[]): Promise<void>;
  /** Rewrites events in place (ids kept) and deletes others, in one transaction; resolves with the rows changed. */
  rewriteEvents(rewrites: EventRewrite[], deleteIds: number[]): Promise<number>;
  /** Ends a bulk import: folds copies of an event seen in several files (docs/duplicates.md), builds the indexes. */
  finishImport(): Promise<FoldResult>;
  /** The two steps of finishImport, for a caller with work to do between them. */
  foldCopies(): Promise<FoldResult>;
  buildIndexes(): Promise<void>;
  query(sql: string, params?: FieldValue[], opts?: QueryOptions): Promise<QueryResult>;
  /** Runs SQL that cannot change the store (the SQL console's): a refused statement is a `usage` error. */
  readOnlyQuery(sql: string, opts: ReadOnlyQueryOptions): Promise<ReadOnlyResult>;
  /** Replaces the stored findings and their links to events (one transaction). */
  replaceFindings(findings: FindingRecord[]): Promise<void>;
  /** Brings the timeline's pre-counted bins up to date with the events (timeline-rollup.ts). */
  timelineRollup(): Promise<RollupBuild>;
  memoryBytes(): Promise<MemoryUse>;
  /** Writes the whole store to a session file, atomically (store-core.ts). */
  saveTo(path: string): Promise<SaveResult>;
  /** Replaces the whole store with a session file's tables. */
  openFrom(path: string): Promise<void>;
  /** Settles every call made before it, then frees the store. Later calls reject. */
  close(): Promise<void>;
}

/** Methods a worker store answers: the message protocol of store-worker.ts. */
export const STORE_METHODS = ['addFile', 'insertEvents', 'finishFile', 'setMeta', 'assignHost', 'discardFiles', 'rewriteEvents', 'finishImport', 'foldCopies', 'buildIndexes', 'query', 'readOnlyQuery', 'replaceFindings', 'timelineRollup', 'memoryBytes', 'saveTo', 'openFrom', 'close'] as const;
export type StoreMethod = (typeof STORE_METHODS)[number];
export interface StoreRequest {
  id: number;
  method: StoreMethod;
  args: unknown[];
}
/** An error keeps its MfwError code across the thread (a refused console statement is `usage`, not `store`). */
export type StoreReply = { id: number; result: unknown } | { id: number; error: { message: string; code?: string } };

const PASSED_CODES: readonly MfwErrorCode[] = ['usage', 'store', 'store-full', 'input', 'cancelled'];

/**
 * Insert batches posted to the worker and not yet answered. Posting is a structured clone
 * (~6 ms of this thread for 5000 rows, measured) and the worker inserts one at a time, so a
 * few ahead keep it busy; more would only hold memory in its queue.
 */
export const MAX_BATCHES_IN_FLIGHT = 4;

function inThread(core: StoreCore): Store {
  return {
    addFile: async (rec) => core.addFile(rec),
    insertEvents: async (rows) => core.insertEvents(rows),
    finishFile: async (id, counts) => core.finishFile(id, counts),
    setMeta: async (key, value) => core.setMeta(key, value),
    assignHost: async (ids, host) => core.assignHost(ids, host),
    discardFiles: async (ids) => core.discardFiles(ids),
    rewriteEvents: async (rewrites, deleteIds) => core.rewriteEvents(rewrites, deleteIds),
    finishImport: async () => core.finishImport(),
    foldCopies: async () => core.foldCopies(),
    buildIndexes: async () => core.buildIndexes(),
    query: async (sql, params, opts) => core.query(sql, params, opts),
    readOnlyQuery: async (sql, opts) => core.readOnlyQuery(sql, opts),
    replaceFindings: async (findings) => core.replaceFindings(findings),
    timelineRollup: async () => core.timelineRollup(),
    memoryBytes: async () => core.memoryBytes(),
    saveTo: async (path) => core.saveTo(path),
    openFrom: async (path) => core.openFrom(path),
    close: async () => core.close(),
  };
}

interface Call {
  request: StoreRequest;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

function isReply(value: unknown): value is StoreReply {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'number';
}

/** The client side of store-worker.ts: calls become messages, answered in order. */
class WorkerStore implements Store {
  private readonly waiting: Call[] = [];
  private readonly sent = new Map<number, Call>();
  private batchesInFlight = 0;
  private nextId = 0;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly worker: Worker) {
    worker.on('message', (reply: unknown) => this.settle(reply));
    worker.on('error', (err) => this.fail(new MfwError('store', `the store worker failed: ${err.message}`)));
    worker.on('messageerror', (err) => this.fail(new MfwError('store', `a store reply could not be read: ${err.message}`)));
    worker.on('exit', (code) => this.fail(new MfwError('store', `the store worker stopped (exit code ${code})`)));
    worker.unref(); // referenced only while calls are under way: a store left open does not keep the process alive
  }

  addFile = (rec: FileRecord): Promise<number> => this.call('addFile', [rec]);
  insertEvents = (rows: EventRow[]): Promise<number> => this.call('insertEvents', [rows]);
  finishFile = (id: number, counts: FileCounts): Promise<void> => this.call('finishFile', [id, counts]);
  setMeta = (key: string, value: string): Promise<void> => this.call('setMeta', [key, value]);
  assignHost = (fileIds: readonly number[], host: string): Promise<void> => this.call('assignHost', [fileIds, host]);
  discardFiles = (fileIds: readonly number[]): Promise<void> => this.call('discardFiles', [fileIds]);
  rewriteEvents = (rewrites: EventRewrite[], deleteIds: number[]): Promise<number> => this.call('rewriteEvents', [rewrites, deleteIds]);
  finishImport = (): Promise<FoldResult> => this.call('finishImport', []);
  foldCopies = (): Promise<FoldResult> => this.call('foldCopies', []);
  buildIndexes = (): Promise<void> => this.call('buildIndexes', []);
  query = (sql: string, params?: FieldValue[], opts?: QueryOptions): Promise<QueryResult> => this.call('query', [sql, params, opts]);
  readOnlyQuery = (sql: string, opts: ReadOnlyQueryOptions): Promise<ReadOnlyResult> => this.call('readOnlyQuery', [sql, opts]);
  replaceFindings = (findings: FindingRecord[]): Promise<void> => this.call('replaceFindings', [findings]);
  timelineRollup = (): Promise<RollupBuild> => this.call('timelineRollup', []);
  memoryBytes = (): Promise<MemoryUse> => this.call('memoryBytes', []);
  saveTo = (path: string): Promise<SaveResult> => this.call('saveTo', [path]);
  openFrom = (path: string): Promise<void> => this.call('openFrom', [path]);

  close = (): Promise<void> => {
    this.closing ??= (async () => {
      if (!this.failure) await this.call('close', []).catch(() => undefined);
      this.failure ??= new MfwError('store', 'the store is closed');
      this.worker.removeAllListeners('exit');
      await this.worker.terminate();
    })();
    return this.closing;
  };

  private call<T>(method: StoreMethod, args: unknown[]): Promise<T> {
    if (this.failure || (this.closing && method !== 'close')) {
      return Promise.reject(this.failure ?? new MfwError('store', 'the store is closed'));
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ request: { id: ++this.nextId, method, args }, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  /** Posts waiting calls in order, stopping at an insert while the worker holds enough batches. */
  private pump(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      const isBatch = next.request.method === 'insertEvents';
      if (isBatch && this.batchesInFlight >= MAX_BATCHES_IN_FLIGHT) return;
      this.waiting.shift();
      try {
        this.worker.postMessage(next.request);
      } catch (err) {
        next.reject(new MfwError('store', `${next.request.method}: arguments cannot be sent to the store worker: ${(err as Error).message}`));
        continue;
      }
      if (isBatch) this.batchesInFlight++;
      this.sent.set(next.request.id, next);
      this.worker.ref();
    }
  }

  private settle(reply: unknown): void {
    if (!isReply(reply)) return this.fail(new MfwError('store', 'the store worker sent an unknown message'));
    const call = this.sent.get(reply.id);
    if (!call) return;
    this.sent.delete(reply.id);
    if (call.request.method === 'insertEvents') this.batchesInFlight--;
    if ('error' in reply) {
      const code = PASSED_CODES.find((c) => c === reply.error.code) ?? 'store';
      call.reject(new MfwError(code, reply.error.message));
    } else call.resolve(reply.result);
    this.pump();
    if (this.sent.size === 0) this.worker.unref();
  }

  /** The worker is gone: every call under way or to come rejects. */
  private fail(err: Error): void {
    this.failure ??= err;
    for (const call of [...this.sent.values(), ...this.waiting]) call.reject(this.failure);
    this.sent.clear();
    this.waiting.length = 0;
    this.batchesInFlight = 0;
    this.worker.unref();
  }
}

/**
 * Opens an empty store. By default it runs in a worker thread (store-worker.js), off the
 * thread that parses; `inThread: true` runs it here. Run from TypeScript source (vitest), a
 * worker cannot load, so the store runs in this thread whatever is asked. `heapLimitBytes` is for
 * tests: it makes the store run out of memory early (see StoreCore.create).
 */
export async function openStore(opts: { inThread?: boolean; heapLimitBytes?: number } = {}): Promise<Store> {
  const fromSource = import.meta.url.endsWith('.ts');
  const coreOptions = opts.heapLimitBytes ? { heapLimitBytes: opts.heapLimitBytes } : {};
  if (opts.inThread || fromSource) return inThread(await StoreCore.create(coreOptions));
  const workerUrl = new URL('./store-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(workerUrl))) {
    throw new MfwError('store', `the store worker is missing: ${fileURLToPath(workerUrl)}`, undefined, undefined, 'rebuild with npm run build');
  }
  const store = new WorkerStore(new Worker(workerUrl, { workerData: coreOptions }));
  try {
    await store.memoryBytes(); // a worker that cannot start fails here, not at the first insert
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
