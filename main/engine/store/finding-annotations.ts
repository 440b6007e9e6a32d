import type { Database } from 'sql.js';
import { STORE_DB } from './schema.js';

/**
 * Keeps the tags and notes on findings when the rules run again (replaceFindings gives every
 * finding a new id): before, the findings are remembered by (rule, key); after, each annotation
 * follows its finding to the new id. One no longer raised is kept as `finding-retired` under
 * its old id, never moved onto another finding. Runs inside replaceFindings' transaction.
 */
export function rememberFindings(db: Database): void {
  db.exec(`DROP TABLE IF EXISTS temp.prior_findings;
    CREATE TEMP TABLE prior_findings AS SELECT id, rule, key FROM ${STORE_DB}.findings`);
}

export function moveFindingAnnotations(db: Database): void {
  db.exec(`DROP TABLE IF EXISTS temp.finding_remap;
    CREATE TEMP TABLE finding_remap AS
      SELECT p.id AS old_id, f.id AS new_id FROM temp.prior_findings p JOIN ${STORE_DB}.findings f ON f.rule = p.rule AND f.key IS p.key;
    DROP TABLE IF EXISTS temp.prior_tags;
    CREATE TEMP TABLE prior_tags AS SELECT target_id, tag FROM ${STORE_DB}.tags WHERE target_kind = 'finding';
    DELETE FROM ${STORE_DB}.tags WHERE target_kind = 'finding';
    INSERT OR IGNORE INTO ${STORE_DB}.tags (target_kind, target_id, tag)
      SELECT 'finding', r.new_id, o.tag FROM temp.prior_tags o JOIN temp.finding_remap r ON r.old_id = o.target_id;
    INSERT OR IGNORE INTO ${STORE_DB}.tags (target_kind, target_id, tag)
      SELECT 'finding-retired', o.target_id, o.tag FROM temp.prior_tags o WHERE o.target_id NOT IN (SELECT old_id FROM temp.finding_remap);
    UPDATE ${STORE_DB}.notes SET target_kind = 'finding-retired'
      WHERE target_kind = 'finding' AND target_id NOT IN (SELECT old_id FROM temp.finding_remap);
    UPDATE ${STORE_DB}.notes SET target_id = (SELECT new_id FROM temp.finding_remap WHERE old_id = notes.target_id) WHERE target_kind = 'finding';
    DROP TABLE temp.prior_findings; DROP TABLE temp.finding_remap; DROP TABLE temp.prior_tags;`);
}
