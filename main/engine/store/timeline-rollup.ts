import type { Database } from 'sql.js';
import { STORE_DB } from './schema.js';

/**
 * The timeline's pre-counted events: per (level, bin, source, host), how many events. A
 * histogram of 5 M events counted event by event takes seconds in sql.js (its GROUP BY sorts
 * every row, ~1 µs each); read from this table it takes tens of milliseconds (npm run bench).
 * It is derived data, not part of the schema contract: rebuilt from `events` whenever they
 * changed since it was built (store-core.ts tracks that), never edited in place.
 */
export const ROLLUP_TABLE = 'timeline_rollup';

/**
 * Bin widths counted, finest first. Each is a multiple of the one before, so the coarser levels
 * are summed from the finer ones, not from the events again. A histogram bin uses the coarsest
 * level whose width divides it (shared/time-bins.ts keeps every nice width from 10 s up a
 * multiple of 10 s).
 */
export const ROLLUP_LEVELS_MS = [10_000, 60_000, 3_600_000] as const;

export interface RollupBuild {
  /** False when the table was already up to date. */
  rebuilt: boolean;
  elapsedMs: number;
  /** Rows of the finest level. */
  rows: number;
}

/**
 * Rebuilds the rollup from `events`. `t` is the bin's index (`bin start / step_ms`); events
 * without a time are left out, as they are of every histogram. Stamps are positive epoch ms, so
 * the integer division is a floor.
 */
export function buildRollup(db: Database): number {
  const [finest, ...coarser] = ROLLUP_LEVELS_MS;
  const table = `${STORE_DB}.${ROLLUP_TABLE}`;
  db.exec(`DROP TABLE IF EXISTS ${table};
    CREATE TABLE ${table} (step_ms INTEGER NOT NULL, t INTEGER NOT NULL, source TEXT NOT NULL, host TEXT, n INTEGER NOT NULL);
    INSERT INTO ${table} SELECT ${finest}, CAST(ts AS INTEGER) / ${finest}, source, host, count(*) FROM ${STORE_DB}.events WHERE ts IS NOT NULL GROUP BY 2, 3, 4;`);
  const rows = Number(db.exec('SELECT changes()')[0]?.values[0]?.[0] ?? 0);
  let previous: number = finest;
  for (const step of coarser) {
    db.exec(`INSERT INTO ${table} SELECT ${step}, t / ${step / previous}, source, host, sum(n) FROM ${table} WHERE step_ms = ${previous} GROUP BY 2, 3, 4`);
    previous = step;
  }
  // Covering: a histogram reads the bins of one level in a range and nothing else.
  db.exec(`CREATE INDEX ${STORE_DB}.${ROLLUP_TABLE}_t ON ${ROLLUP_TABLE} (step_ms, t, source, host, n)`);
  return rows;
}
