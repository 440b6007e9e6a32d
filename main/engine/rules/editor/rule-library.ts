import type { RuleListItem } from '../../../../shared/api-rules.js';
import type { CompiledRule } from '../compiled.js';
import type { ValueList } from '../schema.js';
import { checkRuleText } from './rule-check.js';
import type { StoredRule } from './stored-rules.js';

/** One rule as the Rules screen sees it: the loaded version, the saved one, and what runs. */
export interface LibraryEntry {
  id: string;
  base: CompiledRule | null;
  stored: StoredRule | null;
  /** What runs when enabled: the saved version compiled, else the loaded rule; null when the saved version is broken. */
  compiled: CompiledRule | null;
  error: string | null;
}

/**
 * The loaded rules with the session's saved ones laid over them by id (a saved rule replaces
 * the loaded one of its id; new ids come after the loaded rules, in id order).
 */
export function buildLibrary(base: readonly CompiledRule[], stored: ReadonlyMap<string, StoredRule>, lists: ReadonlyMap<string, ValueList>): LibraryEntry[] {
  const entries: LibraryEntry[] = base.map((rule) => ({ id: rule.meta.id, base: rule, stored: null, compiled: rule, error: null }));
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const saved of stored.values()) {
    let entry = byId.get(saved.id);
    if (!entry) {
      entry = { id: saved.id, base: null, stored: null, compiled: null, error: null };
      entries.push(entry);
    }
    entry.stored = saved;
    const checked = checkRuleText(saved.body, lists);
    entry.compiled = checked.ok ? checked.rule : null;
    entry.error = checked.ok ? null : `${checked.issue.line ? `line ${checked.issue.line}: ` : ''}${checked.issue.field ? `${checked.issue.field}: ` : ''}${checked.issue.message}`;
  }
  return entries;
}

/** The rules detection runs: every enabled one that compiles. */
export function activeRules(entries: readonly LibraryEntry[]): CompiledRule[] {
  return entries.filter((e) => e.stored?.enabled !== false && e.compiled).map((e) => e.compiled!);
}

/** The YAML a rule runs with (saved, else loaded). */
export function entryYaml(entry: LibraryEntry): string {
  return entry.stored?.body ?? entry.base?.meta.yaml ?? '';
}

export function listItem(entry: LibraryEntry): RuleListItem {
  const meta = (entry.compiled ?? entry.base)?.meta;
  const baseYaml = entry.base?.meta.yaml;
  return {
    id: entry.id,
    title: meta?.title ?? entry.id,
    kind: meta?.kind ?? null,
    severity: meta?.severity ?? null,
    enabled: entry.stored?.enabled ?? true,
    base: entry.base?.meta.origin ?? null,
    stored: entry.stored !== null,
    modified: entry.stored !== null && entry.stored.body !== baseYaml,
    error: entry.error,
  };
}
