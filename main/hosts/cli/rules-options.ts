import { UsageError } from '../../engine/errors.js';
import { installedRuleSet, type RuleSet } from '../../engine/rules/load.js';
import { SEVERITIES, type Severity } from '../../../shared/types/rules.js';
import { sanitizeForTerminal } from './output.js';

export interface RuleFlags {
  rules?: string[];
  /** commander's `--no-builtin-rules`: false when given. */
  builtinRules?: boolean;
}

/** Collects a repeatable option's values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Loads the rules the flags ask for; a broken rule file is a DefinitionError (exit 2). */
export function ruleSetFrom(flags: RuleFlags): RuleSet {
  return installedRuleSet({ builtin: flags.builtinRules !== false, paths: flags.rules ?? [] });
}

/** Refused Sigma rules, as warnings. */
export function refusedWarnings(set: RuleSet): string[] {
  return set.refused.map((r) => sanitizeForTerminal(`${r.file}${r.line ? `:${r.line}` : ''}: rule ${r.id ?? '(no id)'} not loaded: ${r.reason}`));
}

export function failOnSeverity(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  if (!(SEVERITIES as readonly string[]).includes(value)) throw new UsageError(`--fail-on ${value}: use ${SEVERITIES.join(', ')}`);
  return value as Severity;
}
