/**
 * The `rules` case of `npm run bench`: imports the generated set in this process (store in its
 * worker, as the CLI has it) without rules and with the whole built-in pack, alternately, and
 * compares what detection costs with the import alone. Goal (issue #5): under 10 %.
 *
 * Detection's cost is counted as the time the rules take on the parsing thread while the rows
 * are imported (the rule tap) plus the pass after the import, not as the difference in wall
 * time: that thread has time to spare while the store inserts, so the wall difference is smaller
 * and also noisier (it is reported beside).
 */
import { performance } from 'node:perf_hooks';
import { analyze } from '../../main/engine/analyze.js';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import { loadRuleSet } from '../../main/engine/rules/load.js';
import { openStore } from '../../main/engine/store/store.js';

export interface RulesBenchCase {
  name: 'rules';
  runs: number;
  events: number;
  rules: number;
  findings: number;
  /** Median wall time of the import without rules. */
  importMs: number;
  /** Median wall time of the same import with the built-in pack. */
  importWithRulesMs: number;
  /** Medians of the rules' time on the parsing thread during the import, and of the pass after it. */
  duringImportMs: number;
  afterImportMs: number;
  /** (duringImportMs + afterImportMs) / importMs. */
  ratio: number;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function importOnce(dataDir: string, year: number, withRules: boolean) {
  const store = await openStore();
  try {
    const started = performance.now();
    const result = await analyze({
      inputs: [dataDir], registry: loadRegistry(), store, time: { tz: 'UTC', year },
      ...(withRules ? { rules: loadRuleSet().rules } : {}),
    });
    return { ms: performance.now() - started, ...result };
  } finally {
    await store.close();
  }
}

export async function benchRules(dataDir: string, year: number, runs: number): Promise<RulesBenchCase> {
  const plain: number[] = [];
  const withRules: number[] = [];
  const during: number[] = [];
  const after: number[] = [];
  let last: Awaited<ReturnType<typeof importOnce>> | undefined;
  for (let i = 0; i < runs; i++) {
    plain.push((await importOnce(dataDir, year, false)).ms);
    last = await importOnce(dataDir, year, true);
    withRules.push(last.ms);
    during.push(last.detectionMs.duringImport);
    after.push(last.detectionMs.afterImport);
  }
  const importMs = median(plain);
  const duringImportMs = median(during);
  const afterImportMs = median(after);
  return {
    name: 'rules',
    runs,
    events: last!.analysis.events.total,
    rules: loadRuleSet().rules.length,
    findings: last!.analysis.findings.length,
    importMs: round1(importMs),
    importWithRulesMs: round1(median(withRules)),
    duringImportMs: round1(duringImportMs),
    afterImportMs: round1(afterImportMs),
    ratio: Math.round(((duringImportMs + afterImportMs) / importMs) * 1000) / 1000,
  };
}

export function renderRulesCase(c: RulesBenchCase): string {
  const verdict = c.ratio < 0.1 ? 'ok (< 10 %)' : 'TOO SLOW (goal < 10 %)';
  const s = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
  return `rules: ${c.rules} built-in rules over ${c.events} events, medians of ${c.runs} alternated imports: ` +
    `${s(c.duringImportMs)} while importing + ${s(c.afterImportMs)} after = ${(c.ratio * 100).toFixed(1)} % of the import ` +
    `without rules (${s(c.importMs)}), ${verdict}; wall time with rules ${s(c.importWithRulesMs)}; ${c.findings} findings\n`;
}
