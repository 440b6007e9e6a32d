/**
 * Schemas of the SQL console part of the API (docs/api.md): read-only SQL over the store, the
 * console's history and saved queries, kept in the `console_history` and `saved_queries`
 * tables (docs/schema.md), so they live in the session.
 */
import { z } from 'zod';

export const MAX_CONSOLE_SQL_LENGTH = 100_000;
/** Rows one `console.run` answers at most: a page of the terminal, or an export. */
export const MAX_CONSOLE_ROWS = 100_000;
/** Entries of history kept; the oldest go first. */
export const MAX_HISTORY_ENTRIES = 1000;

const SqlTextSchema = z.string().min(1).max(MAX_CONSOLE_SQL_LENGTH);

/** A saved query's name: one word of letters, digits, `_`, `-` and `.`, as typed after `.save`. */
export const QueryNameSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'a query name is one word of letters, digits, "_", "-" and "."');

const ConsoleValueSchema = z.union([z.string(), z.number(), z.null()]);

export const ConsoleResultSchema = z.strictObject({
  columns: z.array(z.string()),
  /** The rows from `offset`, at most `limit`. */
  rows: z.array(z.array(ConsoleValueSchema)),
  /** Rows of the whole result, counted up to a limit (see `totalExact`). */
  total: z.number().int(),
  /** False when counting stopped at the limit: the result has more than `total` rows. */
  totalExact: z.boolean(),
  /** Time the store took to run the statement and count its rows. */
  elapsedMs: z.number(),
});

export const SavedQuerySchema = z.strictObject({ name: z.string(), sql: z.string(), createdTs: z.number().nullable() });

export const CONSOLE_METHODS = {
  /**
   * Runs SQL read-only: only SELECT, WITH, VALUES, EXPLAIN and PRAGMAs that read; refused
   * statements are `read-only` errors, SQLite's errors `store` errors.
   */
  'console.run': {
    req: z.strictObject({ sql: SqlTextSchema, offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(), limit: z.number().int().min(1).max(MAX_CONSOLE_ROWS) }),
    res: ConsoleResultSchema,
  },
  /** The console's history, oldest first, at most `limit` of the newest entries. */
  'console.history': {
    req: z.strictObject({ limit: z.number().int().min(1).max(MAX_HISTORY_ENTRIES).optional() }),
    res: z.strictObject({ entries: z.array(z.string()) }),
  },
  /** Adds an input to the history (not if it repeats the newest entry). */
  'console.remember': { req: z.strictObject({ input: SqlTextSchema }), res: z.strictObject({}) },
  'queries.list': { req: z.strictObject({}), res: z.strictObject({ queries: z.array(SavedQuerySchema) }) },
  /** Saves SQL under a name, replacing a query of that name. */
  'queries.save': { req: z.strictObject({ name: QueryNameSchema, sql: SqlTextSchema }), res: z.strictObject({ replaced: z.boolean() }) },
} as const;

export type ConsoleResult = z.infer<typeof ConsoleResultSchema>;
export type SavedQuery = z.infer<typeof SavedQuerySchema>;
