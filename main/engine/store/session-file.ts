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
