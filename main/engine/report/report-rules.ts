import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Store } from '../store/store.js';
import type { ReportRule } from './model.js';

/** What the report needs of a loaded rule (RuleMeta has it). */
export interface ReportRuleSource {
  id: string;
  title: string;
  severity: string;
  origin: string;
  file: string;
  description: string;
}

/** First 12 hex digits of the SHA-256 of a rule file, or null when it cannot be read. */
function fileVersion(path: string, cache: Map<string, string | null>): string | null {
  if (!cache.has(path)) {
    try {
      cache.set(path, createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12));
    } catch {
      cache.set(path, null);
    }
  }
  return cache.get(path) ?? null;
}

/**
 * The rules loaded, each with the version of its text and the findings it raised; then the rules
 * that findings name but that are not loaded now (a session saved with other rules).
 */
export async function reportRules(store: Store, loaded: readonly ReportRuleSource[]): Promise<ReportRule[]> {
  const counts = new Map((await store.query('SELECT rule, count(*), max(severity) FROM findings GROUP BY rule')).rows.map(([rule, n, severity]) => [String(rule), { n: Number(n), severity: String(severity) }]));
  const cache = new Map<string, string | null>();
  const rules: ReportRule[] = loaded.map((r) => ({
    id: r.id, title: r.title, severity: r.severity, origin: r.origin, version: fileVersion(r.file, cache), findings: counts.get(r.id)?.n ?? 0,
  }));
  const known = new Set(loaded.map((r) => r.id));
  for (const [id, { n, severity }] of counts) {
    if (!known.has(id)) rules.push({ id, title: '(not loaded now)', severity, origin: 'unknown', version: null, findings: n });
  }
  return rules.sort((a, b) => a.id.localeCompare(b.id));
}
