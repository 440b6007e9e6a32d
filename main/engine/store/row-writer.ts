import type { Database, SqlJsStatic } from 'sql.js';
import type { FieldValue } from '../../../shared/types/event.js';

/**
 * The parts of SQLite's C API that sql.js's module exports (`SQL._sqlite3_*`, used by its own
 * Statement class) but does not declare in its typings.
 */
interface SqliteC {
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  _sqlite3_prepare_v2(db: number, sql: number, sqlBytes: number, statementOut: number, tailOut: number): number;
  _sqlite3_bind_text(statement: number, index: number, text: number, bytes: number, destructor: number): number;
  _sqlite3_bind_double(statement: number, index: number, value: number): number;
  _sqlite3_bind_int(statement: number, index: number, value: number): number;
  _sqlite3_step(statement: number): number;
  _sqlite3_reset(statement: number): number;
  _sqlite3_finalize(statement: number): number;
  _sqlite3_errmsg(db: number): number;
  UTF8ToString(ptr: number): string;
}

const SQLITE_OK = 0;
const SQLITE_DONE = 101;
/** The text stays where it is until the statement is stepped (the row's scratch buffer). */
const SQLITE_STATIC = 0;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const C_FUNCTIONS = ['_malloc', '_free', '_sqlite3_prepare_v2', '_sqlite3_bind_text', '_sqlite3_bind_double', '_sqlite3_bind_int', '_sqlite3_step', '_sqlite3_reset', '_sqlite3_finalize', '_sqlite3_errmsg', 'UTF8ToString'] as const;

function sqliteC(SQL: SqlJsStatic): SqliteC | null {
  const module = SQL as unknown as Record<string, unknown>;
  return C_FUNCTIONS.every((name) => typeof module[name] === 'function') ? (module as unknown as SqliteC) : null;
}

function databaseHandle(db: Database): number | null {
  const handle = (db as unknown as { db?: unknown }).db;
  return typeof handle === 'number' && handle !== 0 ? handle : null;
}

/**
 * One INSERT statement run row after row, bound straight through SQLite's C API.
 *
 * sql.js's `Statement.run` allocates and frees a C string per text value and encodes it with a
 * JavaScript loop: for a million events that was about 3 s of an 8 s insert, most of it the
 * insert's own overhead and garbage (docs/benchmarks.md). This writer encodes a row's texts
 * natively into one scratch buffer in the WASM heap, binds them without a copy, and binds NULL
 * as a null pointer. Values are stored as `Statement.run` stores them: integers that fit 32 bits
 * as integers, other numbers as doubles (an integral double in an INTEGER column is an integer).
 */
export class RowWriter {
  private statement = 0;
  private scratch = 0;
  private scratchBytes = 0;
  private heap: Buffer;

  private constructor(
    private readonly c: SqliteC,
    private readonly db: number,
    private readonly memory: WebAssembly.Memory,
    sql: string,
  ) {
    this.heap = Buffer.from(memory.buffer);
    const sqlText = Buffer.from(`${sql}\0`, 'utf8');
    const block = c._malloc(sqlText.length + 4);
    try {
      this.view().set(sqlText, block + 4);
      const status = c._sqlite3_prepare_v2(db, block + 4, -1, block, 0);
      if (status !== SQLITE_OK) throw new Error(`${this.message()} (${sql})`);
      this.statement = this.view().readUInt32LE(block);
    } finally {
      c._free(block);
    }
  }

  /**
   * A writer for `sql` on `db`, or null when this sql.js does not export what it needs (then
   * `Statement.run` does the work, slower). `memory` is the heap sql.js was started with.
   */
  static open(SQL: SqlJsStatic, db: Database, memory: WebAssembly.Memory | undefined, sql: string): RowWriter | null {
    const c = sqliteC(SQL);
    const handle = databaseHandle(db);
    if (!c || handle === null || !memory) return null;
    return new RowWriter(c, handle, memory, sql);
  }

  /** Inserts one row; throws SQLite's message if it is refused (the statement is reset either way). */
  run(values: readonly FieldValue[]): void {
    const { c, statement } = this;
    this.makeRoom(values);
    const heap = this.view();
    let at = this.scratch;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      const index = i + 1;
      let status: number;
      if (typeof value === 'string') {
        const bytes = heap.write(value, at, 'utf8');
        status = c._sqlite3_bind_text(statement, index, at, bytes, SQLITE_STATIC);
        at += bytes;
      } else if (typeof value === 'number') {
        status = Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX ? c._sqlite3_bind_int(statement, index, value) : c._sqlite3_bind_double(statement, index, value);
      } else if (value === null) {
        status = c._sqlite3_bind_text(statement, index, 0, 0, SQLITE_STATIC);
      } else {
        throw new TypeError(`value ${index} is a ${typeof value}, not a string, number or null`);
      }
      if (status !== SQLITE_OK) throw this.failure();
    }
    const stepped = c._sqlite3_step(statement);
    if (stepped !== SQLITE_DONE) throw this.failure();
    c._sqlite3_reset(statement);
  }

  /** Frees the statement and the scratch buffer; call before the database is closed. */
  free(): void {
    if (this.statement) this.c._sqlite3_finalize(this.statement);
    if (this.scratch) this.c._free(this.scratch);
    this.statement = 0;
    this.scratch = 0;
    this.scratchBytes = 0;
  }

  /** Makes room in the scratch buffer for the row's texts, at up to 3 bytes per UTF-16 unit. */
  private makeRoom(values: readonly FieldValue[]): void {
    let chars = 0;
    for (const value of values) if (typeof value === 'string') chars += value.length;
    const bytes = chars * 3;
    if (bytes <= this.scratchBytes && this.scratch) return;
    if (this.scratch) this.c._free(this.scratch);
    const size = Math.max(bytes, 64 * 1024, this.scratchBytes * 2);
    this.scratch = this.c._malloc(size);
    if (!this.scratch) {
      this.scratchBytes = 0;
      throw new Error('out of memory (no room for a row of text)');
    }
    this.scratchBytes = size;
  }

  /** The heap as a Buffer; a new view after the WASM memory grew (the old one is detached). */
  private view(): Buffer {
    if (this.heap.buffer !== this.memory.buffer) this.heap = Buffer.from(this.memory.buffer);
    return this.heap;
  }

  private message(): string {
    return this.c.UTF8ToString(this.c._sqlite3_errmsg(this.db));
  }

  private failure(): Error {
    const err = new Error(this.message());
    this.c._sqlite3_reset(this.statement);
    return err;
  }
}
