import type { PreviewFinding } from '../../../../shared/api-rules.js';
import type { FieldValue } from '../../../../shared/types/event.js';
import type { Store } from '../../store/store.js';
import type { CompiledRule } from '../compiled.js';
import { runRules } from '../run.js';

/** Evidence events shown per finding. */
const SAMPLES_PER_FINDING = 3;

export interface PreviewResult {
  findings: number;
  events: number;
  shown: PreviewFinding[];
  ms: number;
}

/**
 * Runs one rule over the store's events as detection would and keeps nothing: the number of
 * findings and their events, and the first `limit` findings with a few evidence events each.
 */
export async function previewRule(store: Store, rule: CompiledRule, limit: number): Promise<PreviewResult> {
  const started = performance.now();
  const { findings } = await runRules(store, [rule]);
  const shown = findings.slice(0, limit);
  const sampleIds = shown.flatMap((f) => f.eventIds.slice(0, SAMPLES_PER_FINDING));
  const events = new Map<number, PreviewFinding['samples'][number]>();
  if (sampleIds.length) {
    const rows = await store.query(`SELECT id, ts, source, host, program, message FROM events WHERE id IN (${sampleIds.map(() => '?').join(', ')})`, sampleIds);
    const text = (v: FieldValue | undefined): string | null => (v === null || v === undefined ? null : String(v));
    for (const [id, ts, source, host, program, message] of rows.rows) {
      events.set(Number(id), { id: Number(id), ts: ts === null || ts === undefined ? null : Number(ts), source: String(source), host: text(host), program: text(program), message: text(message) });
    }
  }
  return {
    findings: findings.length,
    events: findings.reduce((n, f) => n + f.count, 0),
    shown: shown.map((f) => ({
      severity: f.severity, key: f.key, count: f.count, firstTs: f.firstTs, lastTs: f.lastTs, summary: f.summary,
      samples: f.eventIds.slice(0, SAMPLES_PER_FINDING).flatMap((id) => events.get(id) ?? []),
    })),
    ms: performance.now() - started,
  };
}
