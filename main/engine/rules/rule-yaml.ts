import { stringify } from 'yaml';
import type { RuleDoc } from './schema.js';

/** The order keys are written in: what a rule is, what it reads, then its numbers. */
const KEY_ORDER = [
  'id', 'kind', 'title', 'severity', 'description', 'where', 'first', 'then', 'sql', 'group_by', 'by', 'key', 'distinct',
  'min', 'min_first', 'window', 'merge_within', 'ordered', 'narrow_key', 'levels', 'summary', 'tags', 'references',
];

/**
 * A rule document as YAML in the shipped rules' layout (a Sigma rule converted for the Rules
 * screen); `comment` goes above it, one `#` line per line.
 */
export function ruleDocToYaml(doc: RuleDoc, comment?: string): string {
  const entries = Object.entries(doc).filter(([, v]) => v !== undefined);
  const rank = (k: string): number => (KEY_ORDER.includes(k) ? KEY_ORDER.indexOf(k) : KEY_ORDER.length);
  const ordered = Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b)));
  const header = comment ? comment.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n') + '\n' : '';
  return header + stringify(ordered, { lineWidth: 100, flowCollectionPadding: false });
}
