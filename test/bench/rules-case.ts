/**
 * The `rules` case of `npm run bench`: imports the generated set once in this process (store in
 * its worker, as the CLI has it), then runs the whole built-in pack over it, and compares the two.
 * Goal (issue #5): the rules take under 10 % of the import time.
 */
import { performance } from 'node:perf_hooks';
import { analyze } from '../../main/engine/analyze.js';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import { loadRuleSet } from '../../main/engine/rules/load.js';
import { runRules, saveFindings, type RuleTiming } from '../../main/engine/rules/run.js';
import { openStore } from '../../main/engine/store/store.js';

export interface RulesBenchCase {
  name: 'rules';
  events: number;
  rules: number;
  findings: number;
  importMs: number;
  rulesMs: number;
  /** rulesMs / importMs. */
  ratio: number;
  /** The slowest rules first. */
  timings: RuleTiming[];
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

export async function benchRules(dataDir: string, year: number): Promise<RulesBenchCase> {
  const store = await openStore();
  try {
    const rules = loadRuleSet().rules;
    const importStarted = performance.now();
    const { analysis } = await analyze({ inputs: [dataDir], registry: loadRegistry(), store, time: { tz: 'UTC', year } });
    const importMs = performance.now() - importStarted;
    const rulesStarted = performance.now();
    const run = await runRules(store, rules);
    await saveFindings(store, run.findings);
    const rulesMs = performance.now() - rulesStarted;
    return {
      name: 'rules',
      events: analysis.events.total,
      rules: rules.length,
      findings: run.findings.length,
      importMs: round1(importMs),
      rulesMs: round1(rulesMs),
      ratio: Math.round((rulesMs / importMs) * 1000) / 1000,
      timings: run.timings.map((t) => ({ ...t, ms: round1(t.ms) })).sort((a, b) => b.ms - a.ms),
    };
  } finally {
    await store.close();
  }
}

export function renderRulesCase(c: RulesBenchCase): string {
  const verdict = c.ratio < 0.1 ? 'ok (< 10 %)' : 'TOO SLOW (goal < 10 %)';
  const slowest = c.timings.slice(0, 5).map((t) => `  ${t.rule}: ${t.ms} ms, ${t.candidates} candidates, ${t.findings} findings`).join('\n');
  return `rules: ${c.rules} built-in rules over ${c.events} events in ${(c.rulesMs / 1000).toFixed(3)} s, ` +
    `import ${(c.importMs / 1000).toFixed(3)} s: ${(c.ratio * 100).toFixed(1)} % of the import, ${verdict}; ${c.findings} findings\n` +
    `slowest rules (the first rule of a shared fetch also waits for it):\n${slowest}\n`;
}
