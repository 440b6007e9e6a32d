import type { CaseDetails } from '../../../shared/api-report.js';
import type { Store } from '../store/store.js';

/** The `meta` key of each case detail (docs/schema.md). */
const KEYS: Record<keyof CaseDetails, string> = {
  id: 'case.id',
  title: 'case.title',
  investigator: 'case.investigator',
  organisation: 'case.organisation',
};

/** The case details stored in `meta`; an unset one is empty. */
export async function getCaseDetails(store: Store): Promise<CaseDetails> {
  const rows = (await store.query("SELECT key, value FROM meta WHERE key LIKE 'case.%'")).rows;
  const stored = new Map(rows.map(([k, v]) => [String(k), v === null || v === undefined ? '' : String(v)]));
  return {
    id: stored.get(KEYS.id) ?? '',
    title: stored.get(KEYS.title) ?? '',
    investigator: stored.get(KEYS.investigator) ?? '',
    organisation: stored.get(KEYS.organisation) ?? '',
  };
}

/** Stores the details given (an empty string clears one) and answers all of them. */
export async function setCaseDetails(store: Store, details: Partial<CaseDetails>): Promise<CaseDetails> {
  for (const field of Object.keys(KEYS) as (keyof CaseDetails)[]) {
    const value = details[field];
    if (value === undefined) continue;
    const trimmed = value.trim();
    if (trimmed === '') await store.query('DELETE FROM meta WHERE key = ?', [KEYS[field]]);
    else await store.setMeta(KEYS[field], trimmed);
  }
  return getCaseDetails(store);
}
