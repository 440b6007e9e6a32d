import { performance } from 'node:perf_hooks';
import type { Database, Statement } from 'sql.js';
import type { FieldValue } from '../../../shared/types/event.js';
import { MfwError } from '../errors.js';
import { checkReadOnlyStatement } from './read-only-sql.js';

export interface ReadOnlyQueryOptions {
  /** Rows of the result skipped before the ones returned. */
  offset: number;
  /** Rows returned at most. */
  limit: number;
  /** Rows counted at most (from the first): past it, `totalExact` is false. */
  countLimit: number;
}

export interface ReadOnlyResult {
  columns: string[];
  rows: FieldValue[][];
  total: number;
  totalExact: boolean;
  elapsedMs: number;
}

const SQL_IN_ERRORS = 200;

function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > SQL_IN_ERRORS ? `${flat.slice(0, SQL_IN_ERRORS)}…` : flat;
}

function cell(value: unknown): FieldValue {
  // A blob made by a query (randomblob, zeroblob) is shown as hex, as the store's query() does.
  return value instanceof Uint8Array ? Buffer.from(value).toString('hex') : (value as FieldValue);
}

function sqliteError(err: unknown, sql: string): MfwError {
  if (err instanceof MfwError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/readonly database/i.test(message)) return new MfwError('usage', `the console is read-only: SQLite refused a write (${message}) in SQL: ${oneLine(sql)}`);
  return new MfwError('store', `${message} in SQL: ${oneLine(sql)}`);
}

/** Steps one statement: the page of rows from `offset`, and the count of every row up to `countLimit`. */
function readPage(statement: Statement, opts: ReadOnlyQueryOptions): Omit<ReadOnlyResult, 'elapsedMs'> {
  const rows: FieldValue[][] = [];
  let total = 0;
  let totalExact = true;
  while (statement.step()) {
    if (total >= opts.offset && rows.length < opts.limit) rows.push(statement.get().map(cell));
    total++;
    if (total >= opts.countLimit && total >= opts.offset + opts.limit) {
      totalExact = !statement.step();
      break;
    }
  }
  return { columns: statement.getColumnNames(), rows, total, totalExact };
}

/**
 * Runs the console's SQL without letting it change the store. Every statement is prepared and
 * checked (read-only-sql.ts) before any runs, so a refused one stops them all; then they run
 * under `PRAGMA query_only = ON`, which makes SQLite itself refuse any write, and the last
 * statement's rows are returned as a page. sql.js runs a statement to its end without a way
 * to interrupt it: `countLimit` bounds how far past the page the rows are counted.
 */
export function runReadOnly(db: Database, sql: string, opts: ReadOnlyQueryOptions): ReadOnlyResult {
  const started = performance.now();
  let current = sql;
  try {
    // sql.js frees each statement when its iterator moves on: a first pass checks, a second runs.
    let count = 0;
    eachStatement(db, sql, (statement) => {
      current = statement.getSQL();
      checkReadOnlyStatement(current);
      count++;
    }, (rest) => (current = rest));
    if (!count) throw new MfwError('usage', 'no SQL statement to run (only white space or comments)');
    db.exec('PRAGMA query_only = ON');
    try {
      let result: Omit<ReadOnlyResult, 'elapsedMs'> = { columns: [], rows: [], total: 0, totalExact: true };
      eachStatement(db, sql, (statement) => {
        current = statement.getSQL();
        result = readPage(statement, opts);
      }, (rest) => (current = rest));
      return { ...result, elapsedMs: performance.now() - started };
    } finally {
      db.exec('PRAGMA query_only = OFF');
    }
  } catch (err) {
    throw sqliteError(err, current);
  }
}

/** Calls `use` with each statement of `sql` in turn; `at` learns the SQL not yet prepared (for errors). */
function eachStatement(db: Database, sql: string, use: (statement: Statement) => void, at: (rest: string) => void): void {
  const iterator = db.iterateStatements(sql);
  let statement: Statement | undefined;
  try {
    for (;;) {
      at(iterator.getRemainingSQL());
      const next = iterator.next();
      if (next.done) return;
      statement = next.value;
      use(statement);
    }
  } finally {
    statement?.free();
  }
}
