import initSqlJs, { type Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { databaseBytes } from '../../../../main/engine/store/session-file.js';

const SQL = await initSqlJs();

/** A connection whose attached database `ev` holds `rows` rows and an index, as the store keeps its tables. */
function attachedWith(rows: number): Database {
  const db = new SQL.Database();
  db.exec(`ATTACH ':memory:' AS ev;
    CREATE TABLE ev.t (id INTEGER PRIMARY KEY, message TEXT);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
    INSERT INTO ev.t (message) SELECT 'event ' || i || ' ' || hex(randomblob(40)) FROM n;
    CREATE INDEX ev.t_message ON t (message);`);
  return db;
}

function pragma(db: Database, name: string): number {
  return Number(db.exec(`PRAGMA ${name}`)[0]!.values[0]![0]);
}

describe('the bytes of a session file', () => {
  it('are every page of the attached database, as a file SQLite opens and finds whole', () => {
    const db = attachedWith(20_000);
    try {
      const bytes = databaseBytes(SQL, { db, name: 'ev' });
      expect(bytes.length).toBe(pragma(db, 'ev.page_count') * pragma(db, 'ev.page_size'));
      const file = new SQL.Database(bytes);
      try {
        expect(file.exec('PRAGMA quick_check')[0]!.values[0]![0]).toBe('ok');
        expect(file.exec('SELECT count(*), sum(length(message)) FROM t')[0]!.values[0]).toEqual(db.exec('SELECT count(*), sum(length(message)) FROM ev.t')[0]!.values[0]);
        expect(file.exec('PRAGMA journal_mode')[0]!.values[0]![0]).toBe('delete'); // the scratch copy's missing journal is not carried over
      } finally {
        file.close();
      }
    } finally {
      db.close();
    }
  });

  it('are no bigger than the database after it shrank (a VACUUM after deleting rows)', () => {
    const db = attachedWith(5_000);
    try {
      const before = databaseBytes(SQL, { db, name: 'ev' }).length;
      db.exec('DELETE FROM ev.t WHERE id > 100; VACUUM ev;');
      const after = databaseBytes(SQL, { db, name: 'ev' });
      expect(after.length).toBeLessThan(before);
      const file = new SQL.Database(after);
      expect(file.exec('SELECT count(*) FROM t')[0]!.values[0]![0]).toBe(100);
      file.close();
    } finally {
      db.close();
    }
  });

  it('refuses a name that is not one, as it goes into SQL', () => {
    const db = new SQL.Database();
    try {
      expect(() => databaseBytes(SQL, { db, name: 'ev; DROP TABLE x' })).toThrow(/not a database name/);
    } finally {
      db.close();
    }
  });
});
