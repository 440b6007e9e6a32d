import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import type { FieldValue } from '../../../../shared/types/event.js';
import { RowWriter } from '../../../../main/engine/store/row-writer.js';

let SQL: SqlJsStatic;
let memory: WebAssembly.Memory;
const opened: { db: Database; writer: RowWriter }[] = [];

beforeAll(async () => {
  // Started here with a handle on its heap, as store-core.ts does.
  SQL = await initSqlJs({
    instantiateWasm(imports, done) {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(readWasm()), imports);
      memory = Object.values(instance.exports).find((e): e is WebAssembly.Memory => e instanceof WebAssembly.Memory)!;
      done(instance);
      return undefined;
    },
  });
});

function readWasm(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')));
}

afterEach(() => {
  for (const { db, writer } of opened.splice(0)) {
    writer.free();
    db.close();
  }
});

/**
 * A table `t` with these column definitions, and a writer filling every column but `id`. In an
 * attached `:memory:` database, as the store's: its pages live in the WASM heap.
 */
function table(definitions = 'a, b, c'): { db: Database; writer: RowWriter } {
  const db = new SQL.Database();
  db.exec(`ATTACH ':memory:' AS ev; CREATE TABLE ev.t (id INTEGER PRIMARY KEY, ${definitions})`);
  const names = definitions.split(',').map((d) => d.trim().split(' ')[0]!);
  const writer = RowWriter.open(SQL, db, memory, `INSERT INTO t (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
  if (!writer) throw new Error('this sql.js gives no row writer');
  opened.push({ db, writer });
  return { db, writer };
}

function stored(db: Database, sql: string): unknown[][] {
  return db.exec(sql)[0]?.values ?? [];
}

describe('RowWriter', () => {
  it('stores every kind of value as sql.js Statement.run does', () => {
    const values: FieldValue[][] = [
      ['text', 7, null],
      ['', -2147483648, 2147483647],
      ['ünïcødé ✓ 🦊 日本', 1_770_395_228_123, 1.5],
      ['a\u0000b', 2 ** 31, -(2 ** 31) - 1],
    ];
    const { db, writer } = table();
    const plain = new SQL.Database();
    plain.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a, b, c)');
    const statement = plain.prepare('INSERT INTO t (a, b, c) VALUES (?, ?, ?)');
    for (const row of values) {
      writer.run(row);
      statement.run(row);
    }
    statement.free();
    const check = 'SELECT a, typeof(a), b, typeof(b), c, typeof(c), length(CAST(a AS BLOB)) FROM t ORDER BY id';
    expect(stored(db, check)).toEqual(stored(plain, check));
    expect(stored(db, 'SELECT a, b FROM t WHERE id = 3')).toEqual([['ünïcødé ✓ 🦊 日本', 1_770_395_228_123]]);
    plain.close();
  });

  it('stores an integral double in an INTEGER column as an integer', () => {
    const { db, writer } = table('ts INTEGER');
    writer.run([1_770_395_228_000]);
    writer.run([1_770_395_228_000.5]);
    expect(stored(db, 'SELECT ts, typeof(ts) FROM t ORDER BY id')).toEqual([[1_770_395_228_000, 'integer'], [1_770_395_228_000.5, 'real']]);
  });

  it('takes rows longer than its scratch buffer, and keeps working as the heap grows', () => {
    const { db, writer } = table();
    const long = 'x'.repeat(300_000);
    for (let i = 0; i < 200; i++) writer.run([`${i}:${long}`, `é${long}`, i]);
    expect(stored(db, 'SELECT count(*), sum(length(a)), min(length(b)), max(c) FROM t')).toEqual([[200, 200 * 300_000 + 10 * 2 + 90 * 3 + 100 * 4, 300_001, 199]]); // each `${i}:` adds digits + 1
    expect(memory.buffer.byteLength).toBeGreaterThan(60_000_000);
    expect(stored(db, "SELECT substr(b, 1, 3) FROM t WHERE c = 199")).toEqual([['éxx']]);
  });

  it('reports what SQLite refused, and the next row goes in', () => {
    const { db, writer } = table('a NOT NULL, b, c');
    expect(() => writer.run([null, 1, 2])).toThrow(/NOT NULL constraint failed: t\.a/);
    writer.run(['kept', 1, 2]);
    expect(stored(db, 'SELECT a FROM t')).toEqual([['kept']]);
  });

  it('refuses a value that is not a string, number or null', () => {
    const { writer } = table();
    expect(() => writer.run(['a', {} as unknown as FieldValue, null])).toThrow(/value 2 is a object/);
  });

  it('is not given when sql.js does not export the C functions it needs, or the heap is unknown', () => {
    const db = new SQL.Database();
    db.exec('CREATE TABLE t (a)');
    expect(RowWriter.open({ Database: SQL.Database } as unknown as SqlJsStatic, db, memory, 'INSERT INTO t VALUES (?)')).toBeNull();
    expect(RowWriter.open(SQL, db, undefined, 'INSERT INTO t VALUES (?)')).toBeNull();
    db.close();
  });

  it('names a statement SQLite cannot prepare', () => {
    const db = new SQL.Database();
    expect(() => RowWriter.open(SQL, db, memory, 'INSERT INTO missing VALUES (?)')).toThrow(/no such table: missing/);
    db.close();
  });
});
