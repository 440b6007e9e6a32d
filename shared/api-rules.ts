/**
 * Schemas of the rules part of the API (docs/api.md): the Rules screen lists the detection
 * rules, checks and previews a rule being edited as YAML, saves it into the session (table
 * `rules`), reverts it, enables or disables it, and converts from and to Sigma.
 */
import { z } from 'zod';
import { RULE_KINDS, SEVERITIES } from './types/rules.js';

/** The most YAML a rule may have (the shipped ones are under 3 KB). */
export const MAX_RULE_YAML = 200_000;

const RuleYamlSchema = z.string().max(MAX_RULE_YAML);
const RuleIdSchema = z.string().min(1).max(200);

/** A mistake in a rule's YAML, at its line (null: the rule as a whole) and field path. */
export const RuleIssueSchema = z.strictObject({ line: z.number().int().nullable(), field: z.string().nullable(), message: z.string() });

export const RuleListItemSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  kind: z.enum(RULE_KINDS).nullable(),
  severity: z.enum(SEVERITIES).nullable(),
  enabled: z.boolean(),
  /** Where the loaded version comes from: shipped, the user's rules folder, a Sigma file; null: only in this session. */
  base: z.enum(['builtin', 'user', 'sigma']).nullable(),
  /** A version is saved in this session (it replaces the loaded one, by id). */
  stored: z.boolean(),
  /** The saved version differs from the loaded one. */
  modified: z.boolean(),
  /** Why the saved version cannot run (it is then skipped), or null. */
  error: z.string().nullable(),
});

export const RuleDetailSchema = z.strictObject({
  item: RuleListItemSchema,
  /** The YAML that runs: the saved version, else the loaded one. */
  yaml: z.string(),
  /** The loaded version's YAML (the diff's left side), or null. */
  baseYaml: z.string().nullable(),
});

export const RuleCheckSchema = z.strictObject({
  issues: z.array(RuleIssueSchema),
  /** The rule's id and kind when it is valid. */
  id: z.string().nullable(),
  kind: z.enum(RULE_KINDS).nullable(),
});

export const PreviewEventSchema = z.strictObject({
  id: z.number().int(),
  ts: z.number().nullable(),
  source: z.string(),
  host: z.string().nullable(),
  program: z.string().nullable(),
  message: z.string().nullable(),
});

export const PreviewFindingSchema = z.strictObject({
  severity: z.enum(SEVERITIES),
  key: z.record(z.string(), z.string()),
  count: z.number().int(),
  firstTs: z.number(),
  lastTs: z.number(),
  summary: z.string(),
  /** The first evidence events, in time order. */
  samples: z.array(PreviewEventSchema),
});

export const RulePreviewSchema = z.strictObject({
  issues: z.array(RuleIssueSchema),
  /** Null when the YAML is not a valid rule (see issues). */
  result: z.strictObject({
    findings: z.number().int(),
    /** Evidence events over every finding. */
    events: z.number().int(),
    /** The first findings (most serious, then earliest). */
    shown: z.array(PreviewFindingSchema),
    ms: z.number(),
  }).nullable(),
});

/** After a change, the findings are recomputed: how many there are now. */
const ChangedSchema = z.strictObject({ id: z.string(), findings: z.number().int() });

export const SigmaImportSchema = z.strictObject({
  rules: z.array(z.strictObject({ id: z.string(), yaml: z.string() })),
  /** Sigma rules that mfw cannot run, with the reason (never half-run). */
  refused: z.array(z.strictObject({ line: z.number().int().nullable(), id: z.string().nullable(), reason: z.string() })),
});

export const SigmaExportSchema = z.strictObject({
  /** The Sigma rule, or null when the rule cannot be expressed (see reasons). */
  sigma: z.string().nullable(),
  reasons: z.array(z.string()),
  /** What the Sigma rule leaves out or says differently. */
  notes: z.array(z.string()),
});

export const RULE_METHODS = {
  'rules.list': { req: z.strictObject({}), res: z.strictObject({ rules: z.array(RuleListItemSchema) }) },
  'rules.get': { req: z.strictObject({ id: RuleIdSchema }), res: RuleDetailSchema },
  'rules.check': { req: z.strictObject({ yaml: RuleYamlSchema }), res: RuleCheckSchema },
  /** Runs the rule on the loaded events without saving anything; at most `limit` findings come back in full. */
  'rules.preview': { req: z.strictObject({ yaml: RuleYamlSchema, limit: z.number().int().min(0).max(100).optional() }), res: RulePreviewSchema },
  /** Saves the rule in the session (by its id) and recomputes the findings. */
  'rules.save': { req: z.strictObject({ yaml: RuleYamlSchema, enabled: z.boolean().optional() }), res: ChangedSchema },
  /** Removes the saved version: back to the loaded rule (a rule only in the session is gone). */
  'rules.revert': { req: z.strictObject({ id: RuleIdSchema }), res: ChangedSchema },
  'rules.enable': { req: z.strictObject({ id: RuleIdSchema, enabled: z.boolean() }), res: ChangedSchema },
  'sigma.import': { req: z.strictObject({ yaml: RuleYamlSchema }), res: SigmaImportSchema },
  'sigma.export': { req: z.strictObject({ yaml: RuleYamlSchema }), res: SigmaExportSchema },
} as const;

export type RuleIssueInfo = z.infer<typeof RuleIssueSchema>;
export type RuleListItem = z.infer<typeof RuleListItemSchema>;
export type RuleDetail = z.infer<typeof RuleDetailSchema>;
export type RulePreview = z.infer<typeof RulePreviewSchema>;
export type PreviewFinding = z.infer<typeof PreviewFindingSchema>;
export type SigmaImport = z.infer<typeof SigmaImportSchema>;
export type SigmaExport = z.infer<typeof SigmaExportSchema>;
