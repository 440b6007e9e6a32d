import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { MfwError } from '../errors.js';
import { SCHEMA_VERSION } from './schema.js';

/**
 * The parts of sql.js's Emscripten module that copy a database between two connections with
 * SQLite's online backup API (sql.js exports these functions but wraps none of them). A
 * Database's `db` is its connection handle.
 */
interface BackupApi {
  stringToNewUTF8(text: string): number;
  _free(pointer: number): void;
  _sqlite3_backup_init(dest: number, destName: number, source: number, sourceName: number): number;
  _sqlite3_backup_step(backup: number, pages: number): number;
  _sqlite3_backup_finish(backup: number): number;
  _sqlite3_errmsg(db: number): number;
  UTF8ToString(pointer: number): string;
}

const SQLITE_DONE = 101;
const SQLITE_HEADER = 'SQLite format 3\0';
/** Written at a time, so a save never holds a second copy of a large session in one call. */
const WRITE_CHUNK = 8 * 2 ** 20;

function handleOf(db: Database): number {
  const handle = (db as unknown as { db?: unknown }).db;
  if (typeof handle !== 'number') throw new MfwError('store', 'this sql.js build does not expose its connection handle: sessions cannot be copied');
  return handle;
}

/**
 * Copies one database of a connection over another (all its pages: tables, indexes, schema), as
 * SQLite's `.backup` does. The two may be in different connections of the same sql.js module.
 */
export function copyDatabase(SQL: SqlJsStatic, from: { db: Database; name: string }, to: { db: Database; name: string }): void {
  const api = SQL as unknown as BackupApi;
  const fromName = api.stringToNewUTF8(from.name);
  const toName = api.stringToNewUTF8(to.name);
  try {
    const toHandle = handleOf(to.db);
    const backup = api._sqlite3_backup_init(toHandle, toName, handleOf(from.db), fromName);
    if (!backup) throw new MfwError('store', `the database could not be copied: ${api.UTF8ToString(api._sqlite3_errmsg(toHandle))}`);
    const stepped = api._sqlite3_backup_step(backup, -1);
    const finished = api._sqlite3_backup_finish(backup);
    if (stepped !== SQLITE_DONE || finished !== 0) {
      throw new MfwError('store', `the database could not be copied: ${api.UTF8ToString(api._sqlite3_errmsg(toHandle))} (SQLite codes ${stepped}, ${finished})`);
    }
  } finally {
    api._free(fromName);
    api._free(toName);
  }
}

/**
 * The bytes of one database of a connection (`from.name`, e.g. the store's attached database) as
 * an SQLite file, copied with the backup API into a scratch database and exported from it.
 *
 * The scratch database is an Emscripten in-memory file (a JS array outside the WASM heap). Left
 * to itself that file grows by ×1.125 with a full copy on every growth, and the backup spends
 * most of its time in those copies (measured: 9 of 10 bytes moved at 300 000 events). So the
 * file starts at its final size: an empty database's first page, then zeros to the source's
 * page count. With a rollback journal SQLite would then journal every page it overwrites
 * (four writes a page): the scratch copy has no journal, as nothing needs to survive its failure.
 */
export function databaseBytes(SQL: SqlJsStatic, from: { db: Database; name: string }): Uint8Array {
  if (!/^\w+$/.test(from.name)) throw new MfwError('store', `not a database name: ${from.name}`);
  const pragma = (name: string): number => Number(from.db.exec(`PRAGMA ${from.name}.${name}`)[0]?.values[0]?.[0] ?? 0);
  const pageSize = pragma('page_size');
  const copy = presizedDatabase(SQL, pageSize, pageSize * pragma('page_count'));
  try {
    copyDatabase(SQL, from, { db: copy, name: 'main' });
    return copy.export();
  } finally {
    copy.close();
  }
}

/** An empty database whose in-memory file already holds `bytes` (see databaseBytes), without a journal. */
function presizedDatabase(SQL: SqlJsStatic, pageSize: number, bytes: number): Database {
  const seed = new SQL.Database();
  let firstPage: Uint8Array;
  try {
    seed.exec(`PRAGMA page_size = ${pageSize}; PRAGMA user_version = 1`);
    firstPage = seed.export();
  } finally {
    seed.close();
  }
  const image = new Uint8Array(Math.max(bytes, firstPage.length));
  image.set(firstPage);
  const db = new SQL.Database(image);
  try {
    db.exec('PRAGMA journal_mode = OFF');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * Writes a file so that a crash at any moment leaves either the old file or the whole new one:
 * a temp file beside it, flushed to disk, then renamed over it (and the folder flushed).
 */
export function writeFileAtomically(path: string, bytes: Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.partial`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o600);
    for (let at = 0; at < bytes.length; at += WRITE_CHUNK) {
      const chunk = bytes.subarray(at, Math.min(bytes.length, at + WRITE_CHUNK));
      for (let written = 0; written < chunk.length;) written += writeSync(fd, chunk, written);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw new MfwError('store', `the session could not be saved to ${path}: ${(err as Error).message}`);
  }
  syncFolder(dirname(path));
}

function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Not every platform can open or flush a folder (Windows): the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads a session file into a database of its own and checks it is one: SQLite, undamaged, with
 * the tables of the store at a schema version this build reads. The caller closes it.
 */
export function openSessionFile(SQL: SqlJsStatic, path: string): Database {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new MfwError('store', `the session ${path} could not be read: ${(err as Error).message}`);
  }
  if (bytes.subarray(0, SQLITE_HEADER.length).toString('latin1') !== SQLITE_HEADER) {
    throw new MfwError('store', `${path} is not a session file: it is not an SQLite database`);
  }
  const db = new SQL.Database(bytes);
  try {
    const check = String(db.exec('PRAGMA quick_check')[0]?.values[0]?.[0] ?? '');
    if (check !== 'ok') throw new MfwError('store', `the session ${path} is damaged: ${check}`);
    const tables = new Set((db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values ?? []).map((r) => String(r[0])));
    const missing = ['events', 'files', 'findings', 'meta'].filter((t) => !tables.has(t));
    if (missing.length) throw new MfwError('store', `${path} is not a session file: it has no table ${missing.join(', ')}`);
    const version = Number(db.exec("SELECT value FROM meta WHERE key = 'schema_version'")[0]?.values[0]?.[0] ?? NaN);
    if (!Number.isInteger(version)) throw new MfwError('store', `${path} is not a session file: its meta table has no schema_version`);
    if (version > SCHEMA_VERSION) {
      throw new MfwError('store', `the session ${path} was saved by a newer mfw (schema version ${version}); this one reads up to version ${SCHEMA_VERSION}`);
    }
    return db;
  } catch (err) {
    db.close();
    if (err instanceof MfwError) throw err;
    throw new MfwError('store', `the session ${path} could not be opened: ${(err as Error).message}`);
  }
}
