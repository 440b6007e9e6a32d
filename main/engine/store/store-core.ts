import { createRequire } from 'node:module';
import initSqlJs, { type Database, type Statement } from 'sql.js';
import { RE2JS } from 're2js';
import { EVENT_COLUMNS, type EventRow, type FieldValue } from '../../../shared/types/event.js';
import { DB, FTS_DDL, INDEXES_DDL, SCHEMA_VERSION, TABLES_DDL } from './schema.js';

export interface FileRecord {
  input: string;
  path: string;
  format: string | null;
  source: string | null;
  sha256: string;
  bytes: number;
  mtimeMs?: number;
}

/** What is known of a file once it has been read. */
export interface FileResult {
  format: string;
  source: string | null;
  sha256: string;
  lines: number;
  events: number;
  continuation: number;
  ignored: number;
  unparsed: number;
  firstTs: number | null;
  lastTs: number | null;
  warnings: string[];
  timeNote: string | null;
}

export interface QueryResult {
  columns: string[];
  rows: FieldValue[][];
  /** More rows existed than `maxRows`. */
  truncated: boolean;
}

const REGEX_CACHE_SIZE = 64;

/** A REGEXP function for SQLite on a linear-time engine, so no pattern can hang the store. */
function regexpFunction(): (pattern: unknown, value: unknown) => number {
  const cache = new Map<string, RE2JS>();
  return (pattern, value) => {
    if (value === null || value === undefined) return 0;
    const source = typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
    let re = cache.get(source);
    if (!re) {
      try {
        re = RE2JS.compile(source);
      } catch (err) {
        throw new Error(`REGEXP: invalid pattern '${source}': ${(err as Error).message}`);
      }
      if (cache.size >= REGEX_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(source, re);
    }
    return re.matcher(typeof value === 'string' ? value : JSON.stringify(value)).find() ? 1 : 0;
  };
}

let sqlJs: ReturnType<typeof initSqlJs> | undefined;

/**
 * The event store, synchronous, in the calling thread: sql.js with the tables in an attached
 * `:memory:` database. sql.js keeps its main database as one growing JS byte array (slow
 * inserts, a 4 GiB ceiling); an attached in-memory database lives in the WASM heap and
 * inserts about three times faster (design §11).
 */
export class StoreCore {
  private insert: Statement;
  private ftsBuilt = false;

  private constructor(private readonly db: Database) {
    db.exec(`ATTACH ':memory:' AS ${DB}`);
    db.exec(TABLES_DDL);
    db.run(`INSERT INTO ${DB}.meta (key, value) VALUES ('schema_version', ?)`, [String(SCHEMA_VERSION)]);
    db.create_function('regexp', regexpFunction());
    this.insert = db.prepare(`INSERT INTO ${DB}.events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`);
  }

  static async create(): Promise<StoreCore> {
    sqlJs ??= initSqlJs({ locateFile: (file: string) => createRequire(import.meta.url).resolve(`sql.js/dist/${file}`) });
    return new StoreCore(new (await sqlJs).Database());
  }

  addFile(rec: FileRecord): number {
    this.db.run(`INSERT INTO ${DB}.files (input, path, format, source, sha256, bytes, mtime_ms) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      rec.input, rec.path, rec.format, rec.source, rec.sha256, rec.bytes, rec.mtimeMs ?? null,
    ]);
    return Number(this.db.exec('SELECT last_insert_rowid()')[0]!.values[0]![0]);
  }

  /** Inserts rows (values in EVENT_COLUMNS order) in one transaction. */
  insertEvents(rows: readonly EventRow[]): void {
    this.db.exec('BEGIN');
    try {
      for (const row of rows) this.insert.run(row);
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  finishFile(id: number, r: FileResult): void {
    this.db.run(
      `UPDATE ${DB}.files SET format = ?, source = ?, sha256 = ?, lines = ?, events = ?, continuation = ?, ignored = ?, unparsed = ?,
       first_ts = ?, last_ts = ?, warnings = ?, time_note = ? WHERE id = ?`,
      [r.format, r.source, r.sha256, r.lines, r.events, r.continuation, r.ignored, r.unparsed, r.firstTs, r.lastTs, JSON.stringify(r.warnings), r.timeNote, id],
    );
  }

  setMeta(key: string, value: string): void {
    this.db.run(`INSERT OR REPLACE INTO ${DB}.meta (key, value) VALUES (?, ?)`, [key, value]);
  }

  finishImport(): void {
    this.db.exec(INDEXES_DDL);
  }

  /**
   * Runs SQL (several statements allowed; the last result set is returned), stopping at
   * `maxRows`. The full-text index is built the first time a query names it.
   */
  query(sql: string, params: FieldValue[] = [], opts: { maxRows?: number } = {}): QueryResult {
    if (!this.ftsBuilt && /events_fts/i.test(sql)) {
      this.db.exec(FTS_DDL);
      this.ftsBuilt = true;
    }
    const maxRows = opts.maxRows ?? Number.POSITIVE_INFINITY;
    let result: QueryResult = { columns: [], rows: [], truncated: false };
    let first = true;
    for (const statement of this.db.iterateStatements(sql)) {
      try {
        if (first && params.length) statement.bind(params);
        first = false;
        const columns = statement.getColumnNames();
        const rows: FieldValue[][] = [];
        let truncated = false;
        while (statement.step()) {
          if (rows.length >= maxRows) {
            truncated = true;
            break;
          }
          rows.push(statement.get() as FieldValue[]);
        }
        if (columns.length) result = { columns, rows, truncated };
      } finally {
        statement.free();
      }
    }
    return result;
  }

  /** Bytes of the WASM heap the database lives in. */
  memoryBytes(): number {
    const pages = this.db.exec(`PRAGMA ${DB}.page_count`)[0]?.values[0]?.[0];
    const size = this.db.exec(`PRAGMA ${DB}.page_size`)[0]?.values[0]?.[0];
    return Number(pages) * Number(size);
  }

  close(): void {
    this.insert.free();
    this.db.close();
  }
}
