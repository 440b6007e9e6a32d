import { MfwError } from '../errors.js';

/** Statements that only read, by their first keyword. WITH can end in a write: SQLite's `query_only` stops that one. */
const READING_STATEMENTS = new Set(['SELECT', 'WITH', 'VALUES', 'EXPLAIN']);

/**
 * PRAGMAs that only report, whatever their argument (`table_info(events)`). Any other PRAGMA is
 * refused: one could turn `query_only` off, and many set something (`user_version = 5`).
 */
const READING_PRAGMAS = new Set([
  'table_info', 'table_xinfo', 'table_list', 'index_list', 'index_info', 'index_xinfo', 'foreign_key_list', 'database_list',
  'function_list', 'collation_list', 'module_list', 'pragma_list', 'compile_options', 'integrity_check', 'quick_check',
  'page_count', 'freelist_count', 'data_version',
]);

/** Leading white space and comments (`-- …` to the end of the line, `/* … *\/`). */
const LEADING_TRIVIA = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))*/;

/** The statement's text without its leading white space and comments. */
function statementBody(sql: string): string {
  return sql.replace(LEADING_TRIVIA, '');
}

/** The PRAGMA's name, without its schema (`ev.table_info` → `table_info`), lower case; '' if none can be read. */
function pragmaName(body: string): string {
  const match = /^PRAGMA\s+(?:(?:"[^"]*"|\w+)\s*\.\s*)?("[^"]*"|\w+)/i.exec(body);
  return match ? match[1]!.replace(/"/g, '').toLowerCase() : '';
}

/**
 * Refuses, with a clear message, a statement of the console that is not a read: only SELECT,
 * WITH, VALUES, EXPLAIN and the PRAGMAs that report are run. This is the first of two locks;
 * the statements that pass run under `PRAGMA query_only = ON` (read-only-query.ts), so a
 * write hidden inside one (`WITH x AS (…) DELETE …`) is refused by SQLite itself.
 * `sql` is one statement, as SQLite split it.
 */
export function checkReadOnlyStatement(sql: string): void {
  const body = statementBody(sql);
  const keyword = (/^[A-Za-z]+/.exec(body)?.[0] ?? '').toUpperCase();
  if (READING_STATEMENTS.has(keyword)) return;
  const shown = body.length > 60 ? `${body.slice(0, 60)}…` : body;
  if (keyword === 'PRAGMA') {
    const name = pragmaName(body);
    if (READING_PRAGMAS.has(name)) return;
    throw new MfwError('usage', `the console is read-only: PRAGMA ${name || '(unnamed)'} is refused (PRAGMAs that only report are allowed: ${[...READING_PRAGMAS].slice(0, 4).join(', ')}…)`);
  }
  if (!keyword) throw new MfwError('usage', `the console runs SQL statements; not understood: ${shown}`);
  throw new MfwError('usage', `the console is read-only: ${keyword} is refused; it runs SELECT, WITH, VALUES, EXPLAIN and PRAGMAs that report (bookmarks, tags and notes are changed on the Events, Timeline and Findings screens)`);
}
