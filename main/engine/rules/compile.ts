import type { RuleInfo } from '../../../shared/types/rules.js';
import type { CompiledRule } from './compiled.js';
import { compileWhere, RuleIssue, type ConditionContext } from './conditions.js';
import { isKnownField } from './fields.js';
import type { RuleMeta } from './finding.js';
import { matchRule } from './match.js';
import { durationMs, type RuleDoc } from './schema.js';
import { sequenceRule } from './sequence.js';
import { sqlRule } from './sql-rule.js';
import { summaryFields } from './summary.js';
import { thresholdRule } from './threshold.js';

function checkFields(fields: readonly string[], path: readonly PropertyKey[]): void {
  fields.forEach((f, i) => {
    if (!isKnownField(f)) throw new RuleIssue([...path, i], `unknown field ${JSON.stringify(f)}: use an events column, src_subnet, dst_subnet, request or extra.KEY`);
  });
}

/** One SELECT: no second statement after a `;` outside string literals (a rule must not write). */
function isOneSelect(sql: string): boolean {
  const code = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, "''");
  return /^\s*(?:select|with)\b/i.test(code) && !/;\s*\S/.test(code);
}

/** Turns a validated rule document into an evaluator; a mistake is a RuleIssue at its path. */
export function compileRule(doc: RuleDoc, source: Pick<RuleInfo, 'file' | 'origin'> & { yaml?: string }, ctx: ConditionContext): CompiledRule {
  const meta: RuleMeta = {
    id: doc.id, kind: doc.kind, severity: doc.severity, title: doc.title, description: doc.description,
    file: source.file, origin: source.origin, ...(doc.summary ? { summary: doc.summary } : {}),
    ...(source.yaml !== undefined ? { yaml: source.yaml } : {}),
  };
  checkFields(summaryFields(doc.summary), ['summary']);
  switch (doc.kind) {
    case 'match':
      checkFields(doc.group_by, ['group_by']);
      return matchRule(meta, {
        where: compileWhere(doc.where, ['where'], ctx),
        groupBy: doc.group_by,
        mergeWithinMs: durationMs(doc.merge_within),
        levels: (doc.levels ?? []).map((l, i) => ({ severity: l.severity, where: compileWhere(l.where, ['levels', i, 'where'], ctx) })),
      });
    case 'threshold': {
      checkFields(doc.group_by, ['group_by']);
      if (doc.distinct !== undefined) checkFields([doc.distinct], ['distinct']);
      for (const [coarse, fine] of Object.entries(doc.narrow_key ?? {})) {
        if (!doc.group_by.includes(coarse)) throw new RuleIssue(['narrow_key', coarse], `${coarse} is not one of group_by`);
        checkFields([fine], ['narrow_key', coarse]);
      }
      return thresholdRule(meta, {
        where: compileWhere(doc.where, ['where'], ctx),
        groupBy: doc.group_by,
        ...(doc.distinct !== undefined ? { distinct: doc.distinct } : {}),
        min: doc.min,
        windowMs: durationMs(doc.window),
        ...(doc.narrow_key ? { narrowKey: doc.narrow_key } : {}),
      });
    }
    case 'sequence':
      checkFields(doc.by, ['by']);
      return sequenceRule(meta, {
        first: compileWhere(doc.first, ['first'], ctx),
        then: compileWhere(doc.then, ['then'], ctx),
        by: doc.by,
        minFirst: doc.min_first,
        windowMs: durationMs(doc.window),
        ordered: doc.ordered,
      });
    case 'sql':
      if (!isOneSelect(doc.sql)) throw new RuleIssue(['sql'], 'an sql rule is one SELECT (or WITH … SELECT) statement');
      return sqlRule(meta, doc.sql, doc.key);
  }
}
