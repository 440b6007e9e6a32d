import type { Database } from 'sql.js';
import { EVENT_COLUMNS, type EventRow } from '../../../shared/types/event.js';
import { STORE_DB } from './schema.js';

/** A stored event given new values (EVENT_COLUMNS order), its id kept. */
export interface EventRewrite {
  id: number;
  row: EventRow;
}

const UPDATE_SQL = `UPDATE ${STORE_DB}.events SET ${EVENT_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`;

/**
 * Rewrites events in place and deletes others, in one transaction: unparsed lines read again
 * with a new format keep their row (so stars, tags and notes on them stay) and lose nothing
 * else. Returns the rows changed.
 */
export function rewriteEvents(db: Database, rewrites: readonly EventRewrite[], deleteIds: readonly number[]): number {
  const update = db.prepare(UPDATE_SQL);
  const remove = db.prepare(`DELETE FROM ${STORE_DB}.events WHERE id = ?`);
  let changed = 0;
  try {
    db.exec('BEGIN');
    for (const { id, row } of rewrites) {
      if (row.length !== EVENT_COLUMNS.length) throw new Error(`event ${id}: ${row.length} values, expected ${EVENT_COLUMNS.length}`);
      update.run([...row, id]);
      changed += db.getRowsModified();
    }
    for (const id of deleteIds) {
      remove.run([id]);
      changed += db.getRowsModified();
    }
    db.exec('COMMIT');
  } catch (err) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // already rolled back by SQLite
    }
    throw err;
  } finally {
    update.free();
    remove.free();
  }
  return changed;
}
