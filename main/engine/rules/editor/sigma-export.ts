import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { SigmaExport } from '../../../../shared/api-rules.js';
import type { MatchRuleDoc, RuleDoc, ThresholdRuleDoc } from '../schema.js';
import { DetectionBuilder, NotExpressible } from './sigma-detection.js';

type Where = Record<string, unknown>;

const NOT_EXPORTED: Record<string, string> = {
  sequence: 'a sequence rule needs its first step counted (min_first) and two Sigma rules joined by a temporal correlation: mfw does not write those',
  sql: 'an sql rule is a query over the store: Sigma has nothing like it',
};

/** A fixed namespace: the same mfw rule id always gives the same Sigma id (a UUID v5). */
const NAMESPACE = Buffer.from('6f1c2a8e4b7d4e0a9c3f5d2b8a1e7c40', 'hex');

function uuidV5(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function isSshd(program: unknown): boolean {
  return program !== null && typeof program === 'object' && JSON.stringify(program) === '{"startswith":"sshd"}';
}

/** A map naming only the source (and for sshd its program), as the Sigma importer writes one. */
function asLogsource(where: Where): { logsource: Where; fields: 'web' | 'linux' } | null {
  const keys = Object.keys(where);
  if (where.source === 'web' && keys.length === 1) return { logsource: { category: 'webserver' }, fields: 'web' };
  if (where.source === 'system' && keys.length === 1) return { logsource: { product: 'linux', service: 'syslog' }, fields: 'linux' };
  if (where.source === 'system' && keys.length === 2 && isSshd(where.program)) return { logsource: { product: 'linux', service: 'sshd' }, fields: 'linux' };
  return null;
}

/** The log source of a `where` and the conditions left once it is taken out. */
function splitLogsource(where: Where): { logsource: Where; fields: 'web' | 'linux'; rest: Where } {
  const { source, program, ...others } = where;
  if (source !== undefined) {
    const found = asLogsource({ source, ...(source === 'system' && isSshd(program) ? { program } : {}) });
    if (!found) throw new NotExpressible(`source ${JSON.stringify(source)}: Sigma log sources mfw reads are Linux system logs (source: system) and web servers (source: web)`);
    return { ...found, rest: found.logsource.service === 'sshd' ? others : { ...(program !== undefined ? { program } : {}), ...others } };
  }
  // An imported Sigma rule: `all: [<log source>, <detection>]`.
  if (Array.isArray(where.all)) {
    const parts = where.all as Where[];
    const at = parts.findIndex((p) => asLogsource(p) !== null);
    if (at >= 0) {
      const rest = parts.filter((_p, i) => i !== at);
      return { ...asLogsource(parts[at]!)!, rest: { ...others, ...(rest.length ? { all: rest } : {}) } };
    }
  }
  throw new NotExpressible('the rule names no source (source: system or source: web): a Sigma rule needs a log source');
}

/** The facts every exported Sigma document carries. */
function header(doc: RuleDoc, name: string, title: string): Record<string, unknown> {
  return {
    title,
    id: uuidV5(name),
    name,
    status: 'experimental',
    description: doc.description.trim(),
    ...(doc.references?.length ? { references: doc.references } : {}),
    author: 'exported by mfw',
    ...(doc.tags?.length ? { tags: doc.tags } : {}),
  };
}

function detectionRule(doc: MatchRuleDoc | ThresholdRuleDoc, name: string, title: string): { rule: Record<string, unknown>; builder: DetectionBuilder } {
  const split = splitLogsource(doc.where);
  const builder = new DetectionBuilder(split.fields);
  const condition = builder.condition(split.rest);
  return { rule: { ...header(doc, name, title), logsource: split.logsource, detection: { ...builder.selections, condition }, level: doc.severity }, builder };
}

const EQUALS_NOTE = 'plain values become Sigma values, which match whole values in any case (mfw\'s equals is case-sensitive)';

function matchExport(doc: MatchRuleDoc): { docs: Record<string, unknown>[]; notes: string[] } {
  return {
    docs: [detectionRule(doc, doc.id, doc.title).rule],
    notes: [
      EQUALS_NOTE,
      `a Sigma detection has no key: group_by [${doc.group_by.join(', ')}] and merge_within ${doc.merge_within} are left out (mfw keys an imported Sigma rule by src_ip)`,
      ...(doc.levels?.length ? ['levels are left out: the Sigma rule has one level'] : []),
      ...(doc.summary ? ['the summary template is left out'] : []),
    ],
  };
}

/** A threshold as a Sigma 2 correlation (event_count, or value_count with `distinct`) over a detection rule of its events. */
function thresholdExport(doc: ThresholdRuleDoc): { docs: Record<string, unknown>[]; notes: string[] } {
  if (!/^\d+[smhd]$/.test(doc.window)) throw new NotExpressible(`window ${doc.window}: a Sigma timespan is in seconds, minutes, hours or days`);
  const eventsName = `${doc.id}.events`;
  const { rule, builder } = detectionRule(doc, eventsName, `${doc.title}: the events counted`);
  const correlation = {
    ...header(doc, doc.id, doc.title),
    correlation: {
      type: doc.distinct ? 'value_count' : 'event_count',
      rules: [eventsName],
      'group-by': doc.group_by.map((f) => builder.sigmaField(f)),
      timespan: doc.window,
      ...(doc.distinct ? { field: builder.sigmaField(doc.distinct) } : {}),
      condition: { gte: doc.min },
    },
    level: doc.severity,
  };
  return {
    docs: [rule, correlation],
    notes: [
      EQUALS_NOTE,
      'mfw counts in a sliding window and reports one finding per burst; other Sigma backends may count in fixed buckets',
      ...(doc.narrow_key ? ['narrow_key is left out: findings are keyed by the group-by fields only'] : []),
      ...(doc.summary ? ['the summary template is left out'] : []),
    ],
  };
}

/**
 * A match rule as a Sigma detection rule, a threshold as a detection rule and a Sigma 2
 * correlation over it (two YAML documents); a sequence or sql rule, or a condition Sigma cannot
 * say the way mfw means it, gives the reasons instead. `notes` say what the Sigma rule leaves out.
 */
export function exportSigma(doc: RuleDoc): SigmaExport {
  if (doc.kind === 'sequence' || doc.kind === 'sql') return { sigma: null, reasons: [NOT_EXPORTED[doc.kind]!], notes: [] };
  try {
    const { docs, notes } = doc.kind === 'match' ? matchExport(doc) : thresholdExport(doc);
    return { sigma: docs.map((d) => stringify(d, { lineWidth: 100 })).join('---\n'), reasons: [], notes };
  } catch (err) {
    if (err instanceof NotExpressible) return { sigma: null, reasons: [err.message], notes: [] };
    throw err;
  }
}
