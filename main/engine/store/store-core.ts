import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue, type Statement } from 'sql.js';
import { RE2JS } from 're2js';
import { EVENT_COLUMNS, type EventRow, type FieldValue } from '../../../shared/types/event.js';
import { MfwError, StoreFullError } from '../errors.js';
import { CopyCandidates, eventQuality } from './copy-candidates.js';
import { foldCopies, type FoldResult } from './fold.js';
import { FTS_DDL, FTS_FILL_SQL, INDEXES_DDL, INSERT_EVENT_SQL, SCHEMA_VERSION, STORE_DB, TABLES_DDL } from './schema.js';
import { moveFindingAnnotations, rememberFindings } from './finding-annotations.js';
import { copyDatabase, databaseBytes, openSessionFile, writeFileAtomically } from './session-file.js';
import { runReadOnly, type ReadOnlyQueryOptions, type ReadOnlyResult } from './read-only-query.js';
import { declaredMemoryMaximum } from './wasm-memory.js';
import { buildRollup, ROLLUP_TABLE, type RollupBuild } from './timeline-rollup.js';
import { rewriteEvents, type EventRewrite } from './rewrite-events.js';
import { RowWriter } from './row-writer.js';

/** A session file written by `saveTo`. */
export interface SaveResult {
  bytes: number;
  elapsedMs: number;
}

/** A file as first seen: what is known before it is read. */
export interface FileRecord {
  input: string;
  path: string;
  format: string | null;
  source: string | null;
  sha256: string;
  bytes: number;
  mtimeMs?: number | null;
}

/**
 * A file's accounting once read (`lines = events + continuation + ignored + unparsed`).
 * `format`, `source` and `sha256` are known only after reading: when given, they replace
 * what `addFile` recorded.
 */
export interface FileCounts {
  lines: number;
  events: number;
  continuation: number;
  ignored: number;
  unparsed: number;
  firstTs: number | null;
  lastTs: number | null;
  warnings: string[];
  timeNote: string | null;
  format?: string | null;
  source?: string | null;
  sha256?: string | null;
}

export interface QueryResult {
  columns: string[];
  rows: FieldValue[][];
  /** More rows existed than `maxRows`. */
  truncated: boolean;
}

export interface QueryOptions {
  /** Stop after this many rows (the statement is not run to its end). */
  maxRows?: number;
}

/** A finding as stored in `findings` and `finding_events` (design §4). */
export interface FindingRecord {
  rule: string;
  severity: string;
  title: string;
  /** JSON object text. */
  key: string;
  count: number;
  firstTs: number;
  lastTs: number;
  summary: string;
  eventIds: number[];
}

export interface MemoryUse {
  /** Pages of the store's database (tables, indexes, full-text index). */
  databaseBytes: number;
  /** The WASM heap the database lives in; null if another module started sql.js in this thread first. */
  heapBytes: number | null;
  /** How far that heap can grow (the module's declared maximum): the store's budget. */
  heapLimitBytes: number | null;
}

const REGEX_CACHE_SIZE = 32;
/** Memory kept back for queries once the store is full (StoreCore.reserve): 1.5 % of sql.js's 2 GiB. */
const RESERVE_BYTES = 32 * 2 ** 20;
const FILE_ID = EVENT_COLUMNS.indexOf('file_id');
const LINE = EVENT_COLUMNS.indexOf('line');
const HOST = EVENT_COLUMNS.indexOf('host');
const PROGRAM = EVENT_COLUMNS.indexOf('program');
const TS = EVENT_COLUMNS.indexOf('ts');
const FORMAT = EVENT_COLUMNS.indexOf('format');
const MESSAGE = EVENT_COLUMNS.indexOf('message');
/** Typed fields whose number makes a copy better to keep (see eventQuality). */
const QUALITY_COLUMNS = (['level', 'pid', 'src_ip', 'src_port', 'dst_ip', 'dst_port', 'proto', 'action', 'direction', 'user',
  'method', 'path', 'query', 'status', 'bytes', 'referrer', 'user_agent', 'extra'] as const).map((c) => EVENT_COLUMNS.indexOf(c));
const SQL_IN_ERRORS = 300;
/** SQL that may change what the timeline rollup was counted from (its own table included). */
const TOUCHES_EVENTS = /\b(?:events|timeline_rollup)\b/i;

function regexpReason(err: unknown, pattern: string): string {
  const reason = (err instanceof Error ? err.message : String(err)).replace(/^error parsing regexp: /, '');
  // RE2 reports lookaround and backreferences as odd syntax errors; say what is missing.
  return /\(\?<?[=!]|\\[1-9]/.test(pattern) ? `${reason} (RE2 syntax has no lookaround or backreferences)` : reason;
}

/**
 * SQLite's `regexp(pattern, value)`, behind `value REGEXP pattern`, on re2js: linear time, so
 * no pattern can hang the store (`(a+)+$` included). Compiled patterns are kept in a small LRU.
 * A NULL value or pattern gives 0; an invalid pattern fails the statement, naming it.
 */
export function createRegexpFunction(cacheSize = REGEX_CACHE_SIZE): (pattern: SqlValue, value: SqlValue) => number {
  const cache = new Map<string, RE2JS>();
  return (pattern, value) => {
    if (value === null || pattern === null) return 0;
    const source = pattern instanceof Uint8Array ? Buffer.from(pattern).toString('utf8') : String(pattern);
    let re = cache.get(source);
    if (re) {
      cache.delete(source); // re-inserted below: Map order is the recency order
    } else {
      try {
        re = RE2JS.compile(source);
      } catch (err) {
        throw new Error(`REGEXP: invalid pattern '${source}': ${regexpReason(err, source)}`);
      }
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, re);
    return re.test(value instanceof Uint8Array ? value : String(value)) ? 1 : 0;
  };
}

let sqlJs: Promise<SqlJsStatic> | undefined;
let wasmMemory: WebAssembly.Memory | undefined;
let heapLimit: number | null = null;

/**
 * Starts sql.js once per thread. The WASM module is instantiated here (Emscripten's
 * `instantiateWasm` hook) only to keep a handle on its memory, for `memoryBytes()`.
 * sql.js itself caches its module per thread: if something else started it first, this
 * config is ignored and the heap size stays unknown.
 */
function loadSqlJs(): Promise<SqlJsStatic> {
  if (sqlJs) return sqlJs;
  // sql.js never settles its promise when this hook fails (measured), so failure has its own.
  let fail: (err: unknown) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => (fail = reject));
  const started = initSqlJs({
    instantiateWasm(imports, done) {
      try {
        const wasmFile = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
        const wasm = readFileSync(wasmFile);
        heapLimit = declaredMemoryMaximum(wasm);
        const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), imports);
        wasmMemory = Object.values(instance.exports).find((e): e is WebAssembly.Memory => e instanceof WebAssembly.Memory);
        done(instance);
      } catch (err) {
        fail(new MfwError('store', `sql.js could not start: ${(err as Error).message}`));
      }
      return undefined;
    },
  });
  sqlJs = Promise.race([started, failed]);
  return sqlJs;
}

function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > SQL_IN_ERRORS ? `${flat.slice(0, SQL_IN_ERRORS)}…` : flat;
}

function cell(value: unknown): FieldValue {
  // Events hold no blobs; one made by a query (randomblob, zeroblob) is shown as hex.
  return value instanceof Uint8Array ? Buffer.from(value).toString('hex') : (value as FieldValue);
}

/**
 * The event store, synchronous, in the calling thread: sql.js with the tables in a database
 * `ATTACH ':memory:'`. sql.js keeps its main database as one JS byte array in Emscripten's
 * in-memory FS, copied whole on every growth (slower inserts, double peak memory, a 4 GiB
 * ceiling); an attached `:memory:` database lives in the WASM heap instead (design §11).
 */
export class StoreCore {
  private readonly insert: Statement;
  /** The fast path for `insert` (row-writer.ts); null when this sql.js cannot give it. */
  private readonly writer: RowWriter | null;
  private candidates = new CopyCandidates();
  /** Highest `events.id` in the full-text index; -1 until a query first needs it. */
  private ftsIndexedTo = -1;
  private closed = false;
  /**
   * Memory SQLite holds back for after the store fills up: a statement stepped onto a blob of
   * RESERVE_BYTES (an eighth of a test's heap cap), freed when an insert first runs out of memory.
   * Without it, the rolled-back batch was all the room left, and a partial import could not even
   * sort a page of its events.
   */
  private reserve: Statement | null = null;
  /** Bumped by every change to `events`; the timeline rollup is current while it has the same number. */
  private eventsVersion = 0;
  private rollupVersion = -1;

  private constructor(
    private readonly SQL: SqlJsStatic,
    private readonly db: Database,
  ) {
    db.exec(`ATTACH ':memory:' AS ${STORE_DB}`);
    db.exec(TABLES_DDL);
    db.run(`INSERT INTO ${STORE_DB}.meta (key, value) VALUES ('schema_version', ?)`, [String(SCHEMA_VERSION)]);
    db.create_function('regexp', createRegexpFunction());
    db.create_function('mfw_sha256', (text: SqlValue) => (text === null ? null : createHash('sha256').update(String(text)).digest('hex')));
    this.insert = db.prepare(INSERT_EVENT_SQL);
    this.writer = RowWriter.open(SQL, db, wasmMemory, INSERT_EVENT_SQL);
  }

  /**
   * Opens an empty store with the schema of design §4. `heapLimitBytes` (tests only) caps SQLite's
   * heap with `PRAGMA hard_heap_limit`, so an out-of-memory is met without filling the 2 GiB
   * WASM heap. The cap is SQLite's, for every store of this thread's sql.js, and cannot be raised
   * again (the pragma only lowers it): a worker store has its own; in this thread, a test that
   * uses it runs last in its file (vitest gives each file its own modules).
   */
  static async create(opts: { heapLimitBytes?: number } = {}): Promise<StoreCore> {
    const SQL = await loadSqlJs();
    const core = new StoreCore(SQL, new SQL.Database());
    if (opts.heapLimitBytes) core.db.exec(`PRAGMA hard_heap_limit = ${Math.floor(opts.heapLimitBytes)}`);
    core.holdReserve(opts.heapLimitBytes ? Math.floor(opts.heapLimitBytes / 8) : RESERVE_BYTES);
    return core;
  }

  /** Records a file before it is read; returns its `files.id`. */
  addFile(rec: FileRecord): number {
    this.open();
    const result = this.db.exec(
      `INSERT INTO ${STORE_DB}.files (input, path, format, source, sha256, bytes, mtime_ms) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [rec.input, rec.path, rec.format, rec.source, rec.sha256, rec.bytes, rec.mtimeMs ?? null],
    );
    return Number(result[0]!.values[0]![0]);
  }

  /**
   * Inserts events (values in EVENT_COLUMNS order) in one transaction: all of the batch or,
   * on an error, none of it, with the failing row named. Returns the id of the first row.
   */
  insertEvents(rows: readonly EventRow[]): number {
    this.open();
    try {
      this.db.exec('BEGIN');
    } catch (err) {
      throw new MfwError('store', `a batch of ${rows.length} events not stored: ${(err as Error).message}`);
    }
    let i = 0;
    try {
      for (; i < rows.length; i++) {
        const row = rows[i]!;
        if (row.length !== EVENT_COLUMNS.length) throw new Error(`${row.length} values, expected ${EVENT_COLUMNS.length}`);
        if (this.writer) this.writer.run(row);
        else this.insert.run(row);
      }
      this.db.exec('COMMIT');
    } catch (err) {
      this.insert.reset();
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // SQLite rolls back by itself on some errors (out of memory): the cause is the error below.
      }
      const row = rows[i];
      const what = row
        ? `event ${i + 1} of a batch of ${rows.length} (file_id ${String(row[FILE_ID])}, line ${String(row[LINE])}) not stored, nor the rest of its batch`
        : `a batch of ${rows.length} events not stored`;
      // SQLite's SQLITE_NOMEM: the WASM heap cannot grow (its declared maximum) or a cap was met.
      if (/out of memory|\bOOM\b|Cannot enlarge memory/i.test((err as Error).message)) {
        this.releaseReserve();
        throw new StoreFullError(`the store's memory is full: ${what}`);
      }
      throw new MfwError('store', `${what}: ${(err as Error).message}`);
    }
    this.eventsVersion++;
    // Rows take consecutive ids (INTEGER PRIMARY KEY, one writer): the batch ends at the last one.
    const firstId = Number(this.db.exec('SELECT last_insert_rowid()')[0]!.values[0]![0]) - rows.length + 1;
    for (const [index, row] of rows.entries()) this.noteCandidate(row, firstId + index);
    return firstId;
  }

  /** Completes a file's record once it is read. */
  finishFile(id: number, counts: FileCounts): void {
    this.open();
    this.db.run(
      `UPDATE ${STORE_DB}.files SET lines = ?, events = ?, continuation = ?, ignored = ?, unparsed = ?,
         first_ts = ?, last_ts = ?, warnings = ?, time_note = ?,
         format = coalesce(?, format), source = coalesce(?, source), sha256 = coalesce(?, sha256)
       WHERE id = ?`,
      [
        counts.lines, counts.events, counts.continuation, counts.ignored, counts.unparsed, counts.firstTs, counts.lastTs,
        JSON.stringify(counts.warnings), counts.timeNote, counts.format ?? null, counts.source ?? null, counts.sha256 ?? null, id,
      ],
    );
    if (this.db.getRowsModified() !== 1) throw new MfwError('store', `finishFile: no file with id ${id}`);
  }

  /**
   * Gives the files of a bundle, and their events that name no host, the bundle's host name
   * (an Apache or regiond line does not say which machine wrote it; the bundle does).
   */
  assignHost(fileIds: readonly number[], host: string): void {
    this.open();
    if (!fileIds.length) return;
    const ids = idList(fileIds);
    this.db.run(`UPDATE ${STORE_DB}.files SET host = ? WHERE id IN (${ids})`, [host]);
    this.db.run(`UPDATE ${STORE_DB}.events SET host = ? WHERE host IS NULL AND file_id IN (${ids})`, [host]);
    this.eventsVersion++;
  }

  /** Removes files and their events: what a cancelled import had written. */
  discardFiles(fileIds: readonly number[]): void {
    this.open();
    if (!fileIds.length) return;
    const ids = idList(fileIds);
    this.db.exec(`BEGIN; DELETE FROM ${STORE_DB}.events WHERE file_id IN (${ids}); DELETE FROM ${STORE_DB}.files WHERE id IN (${ids}); COMMIT;`);
    this.eventsVersion++;
  }

  /** Rewrites events in place and deletes others, in one transaction (rewrite-events.ts). */
  rewriteEvents(rewrites: readonly EventRewrite[], deleteIds: readonly number[]): number {
    this.open();
    let changed: number;
    try {
      changed = rewriteEvents(this.db, rewrites, deleteIds);
    } catch (err) {
      throw new MfwError('store', `events not rewritten (nothing was changed): ${(err as Error).message}`);
    }
    this.eventsVersion++;
    if (this.ftsIndexedTo >= 0) {
      // Messages changed under the external-content full-text index: rebuilt on its next use.
      this.db.exec(`DROP TABLE ${STORE_DB}.events_fts`);
      this.ftsIndexedTo = -1;
    }
    return changed;
  }

  /** Sets a bundle fact in `meta` (hostname, timezone, collection time…). */
  setMeta(key: string, value: string): void {
    this.open();
    this.db.run(`INSERT OR REPLACE INTO ${STORE_DB}.meta (key, value) VALUES (?, ?)`, [key, value]);
  }

  /**
   * Ends a bulk import: folds the copies of an event seen in several files into one row
   * (fold.ts), then creates the indexes on `events`: the rows folded away are deleted before
   * any index has to follow them.
   */
  finishImport(): FoldResult {
    const folded = this.foldCopies();
    this.buildIndexes();
    return folded;
  }

  /** Creates the indexes on `events` (after a bulk import: see finishImport). */
  buildIndexes(): void {
    this.open();
    this.db.exec(INDEXES_DDL);
  }

  /** Folds copies of one event seen in several files (docs/duplicates.md); see finishImport. */
  foldCopies(): FoldResult {
    this.open();
    const started = performance.now();
    const result = { ...foldCopies(this.db, this.candidates.propose()), elapsedMs: 0 };
    if (result.folded > 0) this.eventsVersion++;
    if (result.folded > 0 && this.ftsIndexedTo >= 0) {
      // The full-text index is external content keyed by events.id: rebuilt on its next use.
      this.db.exec(`DROP TABLE ${STORE_DB}.events_fts`);
      this.ftsIndexedTo = -1;
    }
    result.elapsedMs = performance.now() - started;
    return result;
  }

  /**
   * Runs SQL and returns the last result set (several statements may be given; `params` bind
   * to the first). Stops at `maxRows`. The full-text index `events_fts` is built, or brought up
   * to date with new events, when the SQL names it. Errors carry SQLite's message and the SQL.
   */
  query(sql: string, params: readonly FieldValue[] = [], opts: QueryOptions = {}): QueryResult {
    this.open();
    if (/events_fts/i.test(sql)) this.syncFullText();
    const maxRows = opts.maxRows ?? Number.POSITIVE_INFINITY;
    const changesBefore = TOUCHES_EVENTS.test(sql) ? this.totalChanges() : null;
    let result: QueryResult = { columns: [], rows: [], truncated: false };
    let failing = sql;
    const statements = this.db.iterateStatements(sql);
    try {
      let first = true;
      for (const statement of statements) {
        try {
          failing = statement.getSQL();
          if (first && params.length) statement.bind([...params]);
          first = false;
          const columns = statement.getColumnNames();
          const rows: FieldValue[][] = [];
          let truncated = false;
          while (statement.step()) {
            if (rows.length >= maxRows) {
              truncated = true;
              break;
            }
            rows.push(statement.get().map(cell));
          }
          // A statement without columns (INSERT, CREATE) does not replace the last result set.
          if (columns.length) result = { columns, rows, truncated };
        } finally {
          statement.free();
        }
        failing = statements.getRemainingSQL();
      }
    } catch (err) {
      throw new MfwError('store', `${(err as Error).message} in SQL: ${oneLine(failing)}`);
    } finally {
      // A user's INSERT, UPDATE or DELETE on events (mfw query, a test) makes the rollup stale.
      if (changesBefore !== null && this.totalChanges() !== changesBefore) this.eventsVersion++;
    }
    return result;
  }

  /** Runs the SQL console's statements, which cannot change the store (read-only-query.ts). */
  readOnlyQuery(sql: string, opts: ReadOnlyQueryOptions): ReadOnlyResult {
    this.open();
    if (/events_fts/i.test(sql)) this.syncFullText();
    return runReadOnly(this.db, sql, opts);
  }

  /**
   * Brings the timeline rollup (timeline-rollup.ts) up to date with `events`: rebuilt only if
   * events changed since it was built, or it was dropped.
   */
  timelineRollup(): RollupBuild {
    this.open();
    const started = performance.now();
    const exists = this.db.exec(`SELECT 1 FROM ${STORE_DB}.sqlite_master WHERE name = 'timeline_rollup'`).length > 0;
    if (exists && this.rollupVersion === this.eventsVersion) return { rebuilt: false, elapsedMs: 0, rows: -1 };
    let rows: number;
    try {
      this.db.exec('BEGIN');
      rows = buildRollup(this.db);
      this.db.exec('COMMIT');
    } catch (err) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // already rolled back by SQLite
      }
      throw new MfwError('store', `the timeline's counts could not be built: ${(err as Error).message}`);
    }
    this.rollupVersion = this.eventsVersion;
    return { rebuilt: true, elapsedMs: performance.now() - started, rows };
  }

  /**
   * Replaces every stored finding (and its event links) with these, in one transaction: rules run
   * again give the findings of the rules as they are now, never a mix with an earlier run.
   */
  replaceFindings(findings: readonly FindingRecord[]): void {
    this.open();
    const addFinding = this.db.prepare(
      `INSERT INTO ${STORE_DB}.findings (rule, severity, title, key, count, first_ts, last_ts, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    // A finding's links in one statement (its ids as a JSON array), not one run per link from JS (130 000 links: 278 ms, not 341).
    const link = this.db.prepare(`INSERT OR IGNORE INTO ${STORE_DB}.finding_events (finding_id, event_id) SELECT ?, value FROM json_each(?)`);
    try {
      this.db.exec('BEGIN');
      rememberFindings(this.db);
      this.db.exec(`DELETE FROM ${STORE_DB}.finding_events; DELETE FROM ${STORE_DB}.findings;`);
      for (const f of findings) {
        addFinding.bind([f.rule, f.severity, f.title, f.key, f.count, f.firstTs, f.lastTs, f.summary]);
        addFinding.step();
        const id = Number(addFinding.get()[0]);
        addFinding.reset();
        link.run([id, JSON.stringify(f.eventIds)]);
      }
      moveFindingAnnotations(this.db);
      this.db.exec('COMMIT');
    } catch (err) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // already rolled back by SQLite
      }
      throw new MfwError('store', `findings not stored: ${(err as Error).message}`);
    } finally {
      addFinding.free();
      link.free();
    }
  }

  /**
   * Saves the store as a session file: one SQLite database holding every table (docs/sessions.md),
   * written atomically. The copy is made page by page with SQLite's backup API (databaseBytes),
   * then written out.
   */
  saveTo(path: string): SaveResult {
    this.open();
    const started = performance.now();
    const bytes = databaseBytes(this.SQL, { db: this.db, name: STORE_DB });
    writeFileAtomically(path, bytes);
    return { bytes: bytes.length, elapsedMs: performance.now() - started };
  }

  /**
   * Replaces everything in the store with a session file's tables. What is derived from the
   * events (full-text index, timeline counts) is dropped, to be built again when first needed.
   */
  openFrom(path: string): void {
    this.open();
    const file = openSessionFile(this.SQL, path);
    try {
      copyDatabase(this.SQL, { db: file, name: 'main' }, { db: this.db, name: STORE_DB });
    } finally {
      file.close();
    }
    this.db.exec(`DROP TABLE IF EXISTS ${STORE_DB}.events_fts; DROP TABLE IF EXISTS ${STORE_DB}.${ROLLUP_TABLE};`);
    // Tables added to schema version 1 after the session was saved (they are additive): created empty.
    this.db.exec(TABLES_DDL.replace(/CREATE (TABLE|INDEX) /g, 'CREATE $1 IF NOT EXISTS '));
    this.db.exec(INDEXES_DDL);
    this.ftsIndexedTo = -1;
    this.rollupVersion = -1;
    this.eventsVersion++;
    this.candidates = new CopyCandidates();
  }

  /** What the store holds in memory. */
  memoryBytes(): MemoryUse {
    this.open();
    const pragma = (name: string): number => Number(this.db.exec(`PRAGMA ${STORE_DB}.${name}`)[0]?.values[0]?.[0] ?? 0);
    return { databaseBytes: pragma('page_count') * pragma('page_size'), heapBytes: wasmMemory?.buffer.byteLength ?? null, heapLimitBytes: heapLimit };
  }

  /** Whether the memory held back for a full store is still held (false once an insert ran out). */
  get holdsReserve(): boolean {
    return this.reserve !== null;
  }

  private holdReserve(bytes: number): void {
    // A zero blob made real by a concatenation: memset, not random bytes (20 ms for 32 MiB, not 400).
    const reserve = this.db.prepare("SELECT zeroblob(?) || x''");
    reserve.bind([bytes]);
    reserve.step();
    this.reserve = reserve;
  }

  private releaseReserve(): void {
    this.reserve?.free();
    this.reserve = null;
  }

  /** Frees the database. Later calls fail. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.releaseReserve();
    this.writer?.free();
    this.insert.free();
    this.db.close();
  }

  private open(): void {
    if (this.closed) throw new MfwError('store', 'the store is closed');
  }

  private totalChanges(): number {
    return Number(this.db.exec('SELECT total_changes()')[0]!.values[0]![0]);
  }

  /** Remembers a stored event for the fold pass, if it can be a copy: parsed, with a host, program and time. */
  private noteCandidate(row: EventRow, id: number): void {
    const host = row[HOST];
    const program = row[PROGRAM];
    const tsMs = row[TS];
    if (typeof host !== 'string' || typeof program !== 'string' || typeof tsMs !== 'number' || row[FORMAT] === 'unparsed') return;
    let filled = 0;
    for (const column of QUALITY_COLUMNS) if (row[column] !== null) filled++;
    const message = row[MESSAGE];
    this.candidates.add({ id, fileId: Number(row[FILE_ID]), host, program, tsMs, message: typeof message === 'string' ? message : '', quality: eventQuality(tsMs, filled) });
  }

  private syncFullText(): void {
    try {
      const maxId = Number(this.db.exec(`SELECT coalesce(max(id), 0) FROM ${STORE_DB}.events`)[0]!.values[0]![0]);
      if (this.ftsIndexedTo < 0) this.db.exec(FTS_DDL);
      // One statement: on failure (out of memory) nothing is indexed and the next query retries.
      if (maxId > this.ftsIndexedTo) this.db.run(FTS_FILL_SQL, [Math.max(this.ftsIndexedTo, 0)]);
      this.ftsIndexedTo = maxId;
    } catch (err) {
      throw new MfwError('store', `the full-text index events_fts could not be built: ${(err as Error).message}`);
    }
  }
}

/** Integer ids as an SQL list; anything else is refused rather than spliced into SQL. */
function idList(ids: readonly number[]): string {
  if (!ids.every((id) => Number.isSafeInteger(id))) throw new MfwError('store', 'file ids must be integers');
  return ids.join(', ');
}
