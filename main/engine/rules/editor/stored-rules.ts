import type { Store } from '../../store/store.js';

/** A rule saved in the session (table `rules`, docs/schema.md): its YAML and whether it runs. */
export interface StoredRule {
  id: string;
  body: string;
  enabled: boolean;
  updatedTs: number | null;
}

/** Every rule saved in the store, by id. */
export async function readStoredRules(store: Store): Promise<Map<string, StoredRule>> {
  const result = await store.query('SELECT id, body, enabled, updated_ts FROM rules ORDER BY id');
  return new Map(result.rows.map(([id, body, enabled, updated]) => [String(id), {
    id: String(id), body: String(body), enabled: Number(enabled) !== 0, updatedTs: updated === null || updated === undefined ? null : Number(updated),
  }]));
}

/** Saves (or replaces) a rule's YAML and enabled state. */
export async function writeStoredRule(store: Store, rule: { id: string; body: string; enabled: boolean }, nowMs: number): Promise<void> {
  await store.query(
    'INSERT INTO rules (id, body, enabled, updated_ts) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, enabled = excluded.enabled, updated_ts = excluded.updated_ts',
    [rule.id, rule.body, rule.enabled ? 1 : 0, nowMs],
  );
}

/** Removes a saved rule; true if there was one. */
export async function deleteStoredRule(store: Store, id: string): Promise<boolean> {
  const had = (await store.query('SELECT 1 FROM rules WHERE id = ?', [id])).rows.length > 0;
  if (had) await store.query('DELETE FROM rules WHERE id = ?', [id]);
  return had;
}
