import type { RefusedRule } from './load.js';
import type { RuleDoc } from './schema.js';
import { convertSigma, SigmaRefusal, type SigmaCorrelation, type SigmaDetection } from './sigma.js';
import type { YamlFile } from './yaml-file.js';

export interface SigmaSource {
  yaml: YamlFile;
}

interface Converted<T> {
  yaml: YamlFile;
  rule: T;
}

function detectionDoc(d: SigmaDetection): RuleDoc {
  return {
    id: d.id, kind: 'match', title: d.title, description: d.description, severity: d.severity,
    where: d.where, group_by: ['src_ip'], merge_within: '1h',
    summary: `{count} events matched the Sigma rule "${d.title}" in {duration}`,
  };
}

function correlationDoc(c: SigmaCorrelation, bases: readonly SigmaDetection[]): RuleDoc {
  const base = { id: c.id, title: c.title, description: c.description, severity: c.severity };
  const whereOf = (rules: readonly SigmaDetection[]): Record<string, unknown> => (rules.length === 1 ? rules[0]!.where : { any: rules.map((r) => r.where) });
  const keyText = c.groupBy.map((f) => `{${f}}`).join(' ');
  if (c.type === 'temporal' || c.type === 'temporal_ordered') {
    return {
      ...base, kind: 'sequence', first: bases[0]!.where, then: bases[1]!.where, by: c.groupBy, min_first: 1,
      window: c.timespan, ordered: c.type === 'temporal_ordered', summary: `${keyText}: "${bases[0]!.title}" and "${bases[1]!.title}" within {duration}`,
    };
  }
  return {
    ...base, kind: 'threshold', where: whereOf(bases), group_by: c.groupBy, min: c.min, window: c.timespan,
    ...(c.field ? { distinct: c.field } : {}),
    summary: c.field ? `${keyText}: {distinct} different ${c.field} values in {duration}` : `${keyText}: {count} events in {duration}`,
  };
}

/** Resolves correlations against the detections they name (by id or name) and converts everything to mfw rule documents. */
export function sigmaRuleDocs(sources: readonly SigmaSource[]): { docs: { yaml: YamlFile; doc: RuleDoc }[]; refused: RefusedRule[] } {
  const refused: RefusedRule[] = [];
  const detections: Converted<SigmaDetection>[] = [];
  const correlations: Converted<SigmaCorrelation>[] = [];
  for (const { yaml } of sources) {
    try {
      const rule = convertSigma(yaml.data);
      if (rule.kind === 'detection') detections.push({ yaml, rule });
      else correlations.push({ yaml, rule });
    } catch (err) {
      if (!(err instanceof SigmaRefusal)) throw err;
      const data = yaml.data as { id?: unknown; title?: unknown };
      refused.push({ file: yaml.file, line: yaml.lineOf([]), ...(typeof data.id === 'string' ? { id: data.id } : {}), reason: err.message });
    }
  }
  const byRef = new Map<string, SigmaDetection>();
  for (const d of detections) for (const ref of d.rule.refs) byRef.set(ref, d.rule);
  const silenced = new Set<SigmaDetection>();
  const docs: { yaml: YamlFile; doc: RuleDoc }[] = [];
  for (const { yaml, rule } of correlations) {
    const missing = rule.rules.filter((r) => !byRef.has(r));
    if (missing.length) {
      refused.push({ file: yaml.file, line: yaml.lineOf(['correlation', 'rules']), id: rule.id, reason: `correlation names rules that were not loaded or were refused: ${missing.join(', ')}` });
      continue;
    }
    const bases = rule.rules.map((r) => byRef.get(r)!);
    if (!rule.generate) for (const b of bases) silenced.add(b);
    docs.push({ yaml, doc: correlationDoc(rule, bases) });
  }
  for (const { yaml, rule } of detections) if (!silenced.has(rule)) docs.push({ yaml, doc: detectionDoc(rule) });
  return { docs, refused };
}
