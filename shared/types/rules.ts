/** Severities of a finding, least to most serious (design §5). */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Kinds of detection rule (docs/rules.md). */
export const RULE_KINDS = ['match', 'threshold', 'sequence', 'sql'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** What a rule list shows about one loaded rule. */
export interface RuleInfo {
  id: string;
  kind: RuleKind;
  severity: Severity;
  title: string;
  /** The file it was loaded from. */
  file: string;
  /** `builtin`, `user`, or `sigma` (imported from a Sigma rule). */
  origin: 'builtin' | 'user' | 'sigma';
}

/** Whether `severity` is at least `floor`. */
export function severityAtLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(floor);
}
