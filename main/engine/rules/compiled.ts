import type { Filter } from './conditions.js';
import type { CandidateRows } from './candidate-rows.js';
import type { Finding, RuleMeta } from './finding.js';
import type { Store } from '../store/store.js';

/** A rule that reads candidate events (fetched by `candidates`, sorted by time) and judges them in JS. */
export interface EventRule {
  meta: RuleMeta;
  candidates: Filter;
  /** Fields `evaluate` reads besides id and ts (their columns are fetched). */
  fields: ReadonlySet<string>;
  /**
   * Of `fields`, those `evaluate` reads of rows whose conditions and row filters are judged
   * already (`CandidateRows.judged`): keys, counted and summary fields, levels. The rule tap keeps
   * only these columns.
   */
  valueFields: ReadonlySet<string>;
  /**
   * Conditions `evaluate` asks of single rows (CandidateRows.passes): the rule tap judges them
   * with the rest as the rows are imported, so no event need be made to ask.
   */
  rowFilters?: readonly Filter[];
  /** Judges the candidates (in time order): the tap's rows, or events fetched from the store. */
  evaluate(rows: CandidateRows): Finding[];
}

/** A rule that asks the store itself. */
export interface StoreRule {
  meta: RuleMeta;
  evaluateStore(store: Store): Promise<Finding[]>;
}

export type CompiledRule = EventRule | StoreRule;

export function isEventRule(rule: CompiledRule): rule is EventRule {
  return 'candidates' in rule;
}
