import { expect } from 'vitest';
import { EVENT_COLUMNS, type EventColumn, type FieldValue } from '../../../shared/types/event.js';
import type { CompiledRule } from '../../../main/engine/rules/compiled.js';
import type { Finding } from '../../../main/engine/rules/finding.js';
import { loadRuleSet } from '../../../main/engine/rules/load.js';
import { runRules } from '../../../main/engine/rules/run.js';
import { RuleTap } from '../../../main/engine/rules/tap.js';
import { openStore } from '../../../main/engine/store/store.js';

/** An event for a test: `ts` as ISO text or ms, any other column by name. */
export type TestEvent = Partial<Record<EventColumn, FieldValue>> & { ts: string | number };

let builtin: CompiledRule[] | undefined;

/** A built-in rule by id. */
export function builtinRule(id: string): CompiledRule {
  builtin ??= loadRuleSet().rules;
  const rule = builtin.find((r) => r.meta.id === id);
  if (!rule) throw new Error(`no built-in rule ${id}`);
  return rule;
}

export const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
export const at = (seconds: number): number => T0 + seconds * 1000;
export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Stores the events in a fresh store and runs the rules on them. */
export async function findingsOf(rules: CompiledRule | readonly CompiledRule[], events: readonly TestEvent[]): Promise<Finding[]> {
  const store = await openStore({ inThread: true });
  try {
    const rows = events.map((e, i) => EVENT_COLUMNS.map((c) => {
      if (c === 'ts') return typeof e.ts === 'string' ? Date.parse(e.ts) : e.ts;
      if (c === 'seq') return i;
      if (c === 'format') return e.format ?? 'test';
      if (c === 'source') return e.source ?? 'system';
      return e[c] ?? null;
    }));
    const list = Array.isArray(rules) ? rules : [rules as CompiledRule];
    // Both ways to the candidates must agree: judged as the rows are stored, and fetched after.
    const tap = new RuleTap(list);
    const tapped = tap.judge(rows);
    if (rows.length) tapped.stored(await store.insertEvents(rows));
    const { removedIds } = await store.finishImport();
    tap.finish(removedIds, new Map());
    const fetched = (await runRules(store, list)).findings;
    expect((await runRules(store, list, { tap })).findings, 'findings of the rule tap').toEqual(fetched);
    return fetched;
  } finally {
    await store.close();
  }
}
