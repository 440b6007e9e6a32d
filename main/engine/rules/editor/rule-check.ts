import type { RuleIssueInfo } from '../../../../shared/api-rules.js';
import { DefinitionError } from '../../errors.js';
import type { CompiledRule } from '../compiled.js';
import { compileRuleText } from '../load.js';
import type { RuleDoc, ValueList } from '../schema.js';

/** What the editor's YAML is named in messages. */
export const EDITOR_FILE = 'rule.yaml';

export type CheckedRule = { ok: true; rule: CompiledRule; doc: RuleDoc } | { ok: false; issue: RuleIssueInfo };

/** `where.0.port: unknown field` → the path and the rest (the loader's messages start with the path). */
function splitField(message: string): { field: string | null; message: string } {
  const m = /^((?:\(top level\))|[A-Za-z0-9_.|-]+): (.*)$/s.exec(message);
  return m ? { field: m[1]!, message: m[2]! } : { field: null, message };
}

/**
 * Validates and compiles the YAML of one rule with the rule loader (same schema, same messages):
 * a mistake comes back as an issue at its line and field, never thrown.
 */
export function checkRuleText(text: string, lists: ReadonlyMap<string, ValueList>): CheckedRule {
  try {
    return { ok: true, ...compileRuleText(text, EDITOR_FILE, lists) };
  } catch (err) {
    if (!(err instanceof DefinitionError)) throw err;
    return { ok: false, issue: { line: err.line ?? null, ...splitField(err.message) } };
  }
}
