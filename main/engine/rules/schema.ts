import { z } from 'zod';
import { SEVERITIES } from '../../../shared/types/rules.js';

/** `30s`, `10m`, `1h`, `2d`, `500ms`. */
export const DurationSchema = z.string().regex(/^\d+(?:ms|s|m|h|d)$/, 'a duration such as 30s, 10m, 1h');

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function durationMs(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text)!;
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** Conditions are checked field by field when compiled (conditions.ts), so they are `unknown` here. */
const Where = z.record(z.string(), z.unknown());
const FieldList = z.array(z.string().min(1)).min(1);

const Base = {
  id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, dots, dashes and underscores'),
  title: z.string().min(1),
  description: z.string().min(1),
  severity: z.enum(SEVERITIES),
  /** A one-line summary with `{field}`, `{count}`, `{distinct}`, `{duration}`, `{first}`, `{last}` placeholders. */
  summary: z.string().min(1).optional(),
  tags: z.array(z.string()).optional(),
  references: z.array(z.string()).optional(),
};

const Level = z.strictObject({ severity: z.enum(SEVERITIES), where: Where });

export const MatchRuleSchema = z.strictObject({
  ...Base,
  kind: z.literal('match'),
  where: Where,
  group_by: FieldList.default(['src_ip']),
  /** Matches of one key closer than this are one finding. */
  merge_within: DurationSchema.default('1h'),
  /** First level whose `where` matches sets the severity of a finding; else the rule's. */
  levels: z.array(Level).optional(),
});

export const ThresholdRuleSchema = z.strictObject({
  ...Base,
  kind: z.literal('threshold'),
  where: Where,
  group_by: FieldList,
  /** Count distinct values of this field instead of events. */
  distinct: z.string().min(1).optional(),
  min: z.number().int().min(1),
  window: DurationSchema,
  /** `{ src_subnet: src_ip }`: when every event of a finding has one value of the second field, key it by that. */
  narrow_key: z.record(z.string(), z.string()).optional(),
});

export const SequenceRuleSchema = z.strictObject({
  ...Base,
  kind: z.literal('sequence'),
  first: Where,
  then: Where,
  by: FieldList,
  /** How many `first` events must come before a `then` event. */
  min_first: z.number().int().min(1),
  window: DurationSchema,
  /** false: the `first` events may also come after the `then` one (Sigma `temporal`). */
  ordered: z.boolean().default(true),
});

export const SqlRuleSchema = z.strictObject({
  ...Base,
  kind: z.literal('sql'),
  /** A SELECT returning `event_id`, `ts` and the key columns; one finding per distinct key. */
  sql: z.string().min(1),
  key: FieldList,
});

export const RuleSchema = z.discriminatedUnion('kind', [MatchRuleSchema, ThresholdRuleSchema, SequenceRuleSchema, SqlRuleSchema]);
export type RuleDoc = z.infer<typeof RuleSchema>;
export type MatchRuleDoc = z.infer<typeof MatchRuleSchema>;
export type ThresholdRuleDoc = z.infer<typeof ThresholdRuleSchema>;
export type SequenceRuleDoc = z.infer<typeof SequenceRuleSchema>;
export type SqlRuleDoc = z.infer<typeof SqlRuleSchema>;

/** A named list of values and ranges for `in_list` conditions (shared/rules/lists). */
export const ValueListSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/),
  description: z.string().min(1),
  sources: z.array(z.string().min(1)).min(1),
  entries: z.array(z.strictObject({
    value: z.union([z.string(), z.number()]).optional(),
    range: z.tuple([z.number(), z.number()]).optional(),
    label: z.string().min(1),
    source: z.string().optional(),
  }).refine((e) => (e.value === undefined) !== (e.range === undefined), 'an entry has either value or range')).min(1),
});
export type ValueList = z.infer<typeof ValueListSchema>;
