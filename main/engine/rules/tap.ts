import { EVENT_COLUMNS, type EventRow, type FieldValue } from '../../../shared/types/event.js';
import { isEventRule, type CompiledRule, type EventRule } from './compiled.js';
import { columnIndex, columnsOfField, RULE_COLUMNS, type ColumnIndex, type RuleEvent } from './fields.js';

/** A candidate as the tap keeps it: its id is known once the store has taken its batch. */
interface TappedEvent {
  id: number;
  ts: number;
  values: FieldValue[];
  columns: ColumnIndex;
  extraCache?: Record<string, unknown> | null;
  requestCache?: string | null;
}

/** The batch's candidates, waiting for the ids the store gives its rows. */
export interface TappedBatch {
  /** The store took the batch: its rows have ids firstId, firstId + 1, … */
  stored(firstId: number): void;
  /** The store refused the batch: none of its rows exists, so none is a candidate. */
  lost(): void;
}

interface Tapped {
  rule: EventRule;
  test: (ev: RuleEvent) => boolean;
  found: TappedEvent[];
}

const NOTHING_TAPPED: TappedBatch = { stored: () => undefined, lost: () => undefined };

/** What the rules' tests derived from a row (the decoded request, parsed extra), kept with its copy. */
function carryDerived(from: TappedEvent, to: TappedEvent): void {
  if (from.requestCache !== undefined) to.requestCache = from.requestCache;
  if (from.extraCache !== undefined) to.extraCache = from.extraCache;
}

/** Where each rule column sits in an EventRow; `id` is not in a row (the store gives it). */
const ROW_INDEX: ColumnIndex = new Map(RULE_COLUMNS.filter((c) => c !== 'id').map((c) => [c, EVENT_COLUMNS.indexOf(c)]));
const ROW_TS = EVENT_COLUMNS.indexOf('ts');
const ROW_SOURCE = EVENT_COLUMNS.indexOf('source');

/**
 * Whether the tap judges a rule exactly as a fetch from the finished store would: not when its
 * conditions read `host` (filled per bundle only after the import) or `id` (not known yet).
 */
function tappable(rule: EventRule): boolean {
  return !rule.candidates.fields.has('host') && ![...rule.candidates.fields, ...rule.fields].includes('id');
}

/**
 * Collects the rules' candidates while the events are imported, on the thread that parses them,
 * so no pass over the store is needed afterwards: each stored row is judged once by the JS test
 * of every rule of its source (the same test that finishes a fetch's SQL narrowing), and a
 * candidate keeps only the columns the rules read. After the import, `candidatesOf` gives what a
 * fetch from the finished store would: folded copies left out, hosts filled in per bundle.
 */
export class RuleTap {
  /** Per source, the rules that may take its events (those of no one source included). */
  private readonly bySource = new Map<string, SourceTap>();
  private readonly anySource: SourceTap;
  private readonly lists = new Map<EventRule, TappedEvent[]>();
  private finished = false;
  /** Time spent judging rows, on the thread that parses them (for `npm run bench`). */
  judgeMs = 0;

  constructor(rules: readonly CompiledRule[]) {
    const tapped = rules.filter(isEventRule).filter(tappable);
    const entries = tapped.map((rule): Tapped => ({ rule, test: rule.candidates.test, found: [] }));
    for (const entry of entries) this.lists.set(entry.rule, entry.found);
    this.anySource = sourceTap(entries.filter((e) => e.rule.candidates.source === undefined));
    for (const source of new Set(tapped.map((r) => r.candidates.source))) {
      if (source !== undefined) this.bySource.set(source, sourceTap(entries.filter((e) => [source, undefined].includes(e.rule.candidates.source))));
    }
  }

  /** Whether the tap stands in for this rule's fetch. */
  has(rule: CompiledRule): boolean {
    return isEventRule(rule) && this.lists.has(rule);
  }

  /** Judges a batch about to be stored; call `stored` or `lost` on the answer when the store has it. */
  judge(rows: readonly EventRow[]): TappedBatch {
    if (this.lists.size === 0) return NOTHING_TAPPED;
    const started = performance.now();
    const pending: { index: number; event: TappedEvent }[] = [];
    // One view over each row in turn: an object per row would be garbage a million times over.
    const view: TappedEvent = { id: 0, ts: 0, values: [], columns: ROW_INDEX, extraCache: undefined, requestCache: undefined };
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index]!;
      const ts = row[ROW_TS];
      if (typeof ts !== 'number') continue;
      const { rules, layout } = this.bySource.get(row[ROW_SOURCE] as string) ?? this.anySource;
      if (rules.length === 0) continue;
      view.ts = ts;
      view.values = row;
      view.extraCache = undefined;
      view.requestCache = undefined;
      let kept: TappedEvent | undefined;
      for (let r = 0; r < rules.length; r++) {
        const { test, found } = rules[r]!;
        if (!test(view)) continue;
        kept ??= project(view, layout);
        found.push(kept);
      }
      if (!kept) continue;
      carryDerived(view, kept);
      pending.push({ index, event: kept });
    }
    this.judgeMs += performance.now() - started;
    if (pending.length === 0) return NOTHING_TAPPED;
    return {
      stored: (firstId) => {
        for (const { index, event } of pending) event.values[0] = event.id = firstId + index;
      },
      lost: () => {
        for (const { event } of pending) event.id = -1;
      },
    };
  }

  /**
   * Ends the import: drops the events the store no longer has (lost batches, folded copies), fills
   * `host` as the store did for rows without one, and sorts each rule's candidates by time.
   */
  finish(removedIds: readonly number[], hostOfFile: ReadonlyMap<number, string>): void {
    const removed = new Set(removedIds);
    for (const [rule, found] of this.lists) {
      const kept = found.filter((e) => e.id > 0 && !removed.has(e.id));
      for (const e of kept) {
        const hostAt = e.columns.get('host');
        if (hostAt !== undefined && e.values[hostAt] === null) e.values[hostAt] = hostOfFile.get(Number(e.values[e.columns.get('file_id')!])) ?? null;
      }
      this.lists.set(rule, kept.sort((a, b) => a.ts - b.ts || a.id - b.id));
    }
    this.finished = true;
  }

  /** A tapped rule's candidates, in (ts, id) order, as a fetch from the store would give them. */
  candidatesOf(rule: EventRule): readonly RuleEvent[] {
    if (!this.finished) throw new Error('RuleTap: candidates asked for before finish()');
    const found = this.lists.get(rule);
    if (!found) throw new Error(`RuleTap: ${rule.meta.id} is not tapped`);
    return found;
  }

}

/** The rules of one source and the columns they read. */
interface SourceTap {
  rules: Tapped[];
  layout: Layout;
}

/** Columns kept of a row: their index in the copy (id and ts first) and their place in the row. */
interface Layout {
  columns: ColumnIndex;
  rowAt: number[];
}

function sourceTap(rules: Tapped[]): SourceTap {
  const wanted = new Set(rules.flatMap((t) => [...t.rule.fields].flatMap(columnsOfField)));
  if (wanted.has('host')) wanted.add('file_id');
  const kept = RULE_COLUMNS.filter((c) => c !== 'id' && c !== 'ts' && wanted.has(c));
  return { rules, layout: { columns: columnIndex(['id', 'ts', ...kept]), rowAt: kept.map((c) => ROW_INDEX.get(c)!) } };
}

/** The columns the rules of its source read, copied out of the row (the row itself goes to the store). */
function project(view: TappedEvent, layout: Layout): TappedEvent {
  const values: FieldValue[] = [0, view.ts];
  for (const at of layout.rowAt) values.push(view.values[at] ?? null);
  return { id: 0, ts: view.ts, values, columns: layout.columns };
}
