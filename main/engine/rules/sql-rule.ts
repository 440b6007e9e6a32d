import type { FieldValue } from '../../../shared/types/event.js';
import { DefinitionError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { StoreRule } from './compiled.js';
import type { ColumnIndex, RuleEvent } from './fields.js';
import { makeFinding, keyRecord, type Finding, type RuleMeta } from './finding.js';
import { groupBy } from './window.js';

/** Columns an sql rule must return besides its key columns. */
const REQUIRED = ['event_id', 'ts'];
const NO_COLUMNS: ColumnIndex = new Map();

function toEvents(columns: readonly string[], rows: readonly FieldValue[][], key: readonly string[]): { key: string[]; ev: RuleEvent }[] {
  const at = (name: string): number => columns.indexOf(name);
  return rows
    .filter((r) => r[at('ts')] !== null && r[at('event_id')] !== null)
    .map((r) => ({
      key: key.map((k) => String(r[at(k)] ?? '')),
      ev: { id: Number(r[at('event_id')]), ts: Number(r[at('ts')]), values: [], columns: NO_COLUMNS },
    }));
}

/** An `sql` rule: its SELECT returns event_id, ts and the key columns; each distinct key is one finding. */
export function sqlRule(meta: RuleMeta, sql: string, key: readonly string[]): StoreRule {
  return {
    meta,
    evaluateStore: async (store: Store): Promise<Finding[]> => {
      let result;
      try {
        // As a subquery, the statement can only read: `WITH x AS (…) DELETE …` passes for one
        // statement but is no SELECT, and rules now also come from the app's editor.
        result = await store.query(`SELECT * FROM (\n${sql.replace(/;\s*$/, '')}\n)`);
      } catch (err) {
        throw new DefinitionError(`rule ${meta.id}: its sql failed: ${(err as Error).message}`, meta.file);
      }
      const missing = [...REQUIRED, ...key].filter((c) => !result.columns.includes(c));
      if (missing.length) throw new DefinitionError(`rule ${meta.id}: its sql returns no ${missing.join(', ')} column`, meta.file);
      const rows = toEvents(result.columns, result.rows, key);
      const groups = groupBy(rows, (r) => JSON.stringify(r.key));
      return [...groups.values()].map((group) => {
        const events = group.map((r) => r.ev).sort((a, b) => a.ts - b.ts || a.id - b.id);
        return makeFinding(meta, meta.severity, keyRecord(key, group[0]!.key), events, events.length);
      });
    },
  };
}
