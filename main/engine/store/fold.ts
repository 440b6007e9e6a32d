import type { Database } from 'sql.js';
import type { CopyPair } from './copy-candidates.js';
import { STORE_DB } from './schema.js';

/** What the fold pass did: copies removed from `events`, per file that lost them. */
export interface FoldResult {
  folded: number;
  byFile: { fileId: number; folded: number }[];
  /** The ids of the rows removed (now in event_copies under their keeper). */
  removedIds: number[];
  /** Time the pass took in the store's thread (for `npm run bench`). */
  elapsedMs: number;
}

/**
 * `message` without a leading kernel uptime stamp (`[   31.924535] `, which the journal's kernel
 * MESSAGE lacks) and without trailing white space (the kernel's LOG lines end with a space that
 * rsyslog keeps and a journal export may not). Plain SQL: a JS function costs ~0.8 µs a row.
 * messageFingerprint (copy-candidates.ts) must strip exactly the same. `e` is the table alias.
 */
export function messageBodySql(e: string): string {
  const end = `instr(${e}.message, '] ')`;
  const stamp = `ltrim(substr(${e}.message, 2, ${end} - 2))`;
  return `rtrim(CASE
    WHEN ${e}.message GLOB '[[]*] *' AND ${stamp} GLOB '[0-9]*.[0-9]*' AND ${stamp} NOT GLOB '*[^0-9.]*'
    THEN substr(${e}.message, ${end} + 2) ELSE coalesce(${e}.message, '') END)`;
}

/** The UTC second of `ts` (ms); CAST truncates, which is floor for every time after 1970. */
function second(e: string): string {
  return `CAST(${e}.ts / 1000 AS INTEGER)`;
}

/**
 * The fold pass on the pairs CopyCandidates proposed (copy → keeper, already matched
 * multiset-wise on second and message fingerprint):
 * 1. keep the pairs that satisfy the rule (docs/duplicates.md) on the stored rows: different
 *    files, same host, program, UTC second and message body;
 * 2. the copies' file and line go to `event_copies` (copies of a copy follow their new keeper),
 *    their rows leave `events`, and `files.folded` counts them per file.
 */
export const FOLD_SQL = {
  pairsTable: `CREATE TEMP TABLE fold_pairs (copy_id INTEGER PRIMARY KEY, keeper_id INTEGER NOT NULL)`,
  insertPair: `INSERT INTO temp.fold_pairs (copy_id, keeper_id) VALUES (?, ?)`,
  // Copies in rsyslog files are usually the same text, uptime stamp included: compared first.
  copies: `CREATE TEMP TABLE fold_copies AS
    SELECT c.id, c.file_id, c.line, k.id AS keeper
    FROM temp.fold_pairs p JOIN ${STORE_DB}.events c ON c.id = p.copy_id JOIN ${STORE_DB}.events k ON k.id = p.keeper_id
    WHERE c.file_id <> k.file_id AND c.host = k.host AND c.program = k.program AND ${second('c')} = ${second('k')}
      AND c.format <> 'unparsed' AND k.format <> 'unparsed'
      AND (c.message = k.message OR ${messageBodySql('c')} = ${messageBodySql('k')})`,
  record: `UPDATE ${STORE_DB}.event_copies SET event_id = (SELECT keeper FROM temp.fold_copies c WHERE c.id = event_id)
      WHERE event_id IN (SELECT id FROM temp.fold_copies);
    INSERT INTO ${STORE_DB}.event_copies (event_id, file_id, line) SELECT keeper, file_id, line FROM temp.fold_copies ORDER BY keeper, id;
    DELETE FROM ${STORE_DB}.events WHERE id IN (SELECT id FROM temp.fold_copies);
    UPDATE ${STORE_DB}.files SET folded = folded + (SELECT count(*) FROM temp.fold_copies c WHERE c.file_id = files.id)
      WHERE id IN (SELECT file_id FROM temp.fold_copies)`,
  result: `SELECT file_id, count(*) FROM temp.fold_copies GROUP BY file_id ORDER BY file_id`,
  removed: `SELECT id FROM temp.fold_copies ORDER BY id`,
  cleanup: `DROP TABLE IF EXISTS temp.fold_pairs; DROP TABLE IF EXISTS temp.fold_copies`,
} as const;

/**
 * Folds copies of one event seen in several files (a UFW line in kern.log, syslog, ufw.log and
 * the journal) into one row; the copies' file and line go to `event_copies`. The rule is in
 * docs/duplicates.md. One transaction: on an error nothing is folded.
 */
export function foldCopies(db: Database, pairs: readonly CopyPair[]): Omit<FoldResult, 'elapsedMs'> {
  if (pairs.length === 0) return { folded: 0, byFile: [], removedIds: [] };
  db.exec('BEGIN');
  try {
    db.exec(FOLD_SQL.cleanup);
    db.exec(FOLD_SQL.pairsTable);
    const insert = db.prepare(FOLD_SQL.insertPair);
    try {
      for (const pair of pairs) insert.run([pair.copyId, pair.keeperId]);
    } finally {
      insert.free();
    }
    db.exec(FOLD_SQL.copies);
    db.exec(FOLD_SQL.record);
    const rows = db.exec(FOLD_SQL.result)[0]?.values ?? [];
    const removedIds = (db.exec(FOLD_SQL.removed)[0]?.values ?? []).map(([id]) => Number(id));
    db.exec(FOLD_SQL.cleanup);
    db.exec('COMMIT');
    const byFile = rows.map(([fileId, folded]) => ({ fileId: Number(fileId), folded: Number(folded) }));
    return { folded: byFile.reduce((n, f) => n + f.folded, 0), byFile, removedIds };
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}
