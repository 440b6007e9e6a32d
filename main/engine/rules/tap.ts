import { EVENT_COLUMNS, type EventRow, type FieldValue } from '../../../shared/types/event.js';
import { isEventRule, type CompiledRule, type EventRule } from './compiled.js';
import type { Filter } from './conditions.js';
import { mergeRows, type CandidateRows } from './candidate-rows.js';
import { columnIndex, columnsOfField, fieldValue, isColumn, RULE_COLUMNS, subnetOf, type ColumnIndex, type RuleEvent } from './fields.js';
import { compileJudge, type RowJudge } from './judge-code.js';

/** The row being judged, as the rules' tests read it: the row itself, not a copy. */
interface RowView {
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

const NOTHING_TAPPED: TappedBatch = { stored: () => undefined, lost: () => undefined };

/** Where each rule column sits in an EventRow; `id` is not in a row (the store gives it). */
const ROW_INDEX: ColumnIndex = new Map(RULE_COLUMNS.filter((c) => c !== 'id').map((c) => [c, EVENT_COLUMNS.indexOf(c)]));
const ROW_TS = EVENT_COLUMNS.indexOf('ts');
const ROW_SOURCE = EVENT_COLUMNS.indexOf('source');

/**
 * Whether the tap judges a rule exactly as a fetch from the finished store would: not when its
 * conditions read `host` (filled per bundle only after the import) or `id` (not known yet).
 */
function tappable(rule: EventRule): boolean {
  const judged = [rule.candidates, ...(rule.rowFilters ?? [])].flatMap((f) => [...f.fields]);
  return !judged.includes('host') && ![...judged, ...rule.fields].includes('id');
}

/** Rules whose conditions SQL decides exactly, in the same words, take the same events. */
function sameEventsKey(rule: EventRule): string | EventRule {
  const { exact, sql, params } = rule.candidates;
  return exact && sql !== null ? JSON.stringify([sql, params]) : rule;
}

/**
 * Collects the rules' candidates while the events are imported, on the thread that parses them,
 * so no pass over the store is needed afterwards: each stored row is judged once by the conditions
 * of every rule of its source (compiled from the same filters a fetch's SQL narrowing ends with),
 * and a candidate keeps only the columns the rules read. After the import, `rowsOf` gives the rows
 * a fetch from the finished store would: folded copies left out, hosts filled in per bundle.
 */
export class RuleTap {
  /** Per source, the table of the rules that may take its events (those of no one source included). */
  private readonly bySource = new Map<string, CandidateTable>();
  private readonly anySource: CandidateTable;
  private readonly tables: CandidateTable[];
  /** Each table's size when the batch being judged began. */
  private batchStart: number[];
  /** One view over each row in turn: an object per row would be garbage a million times over. */
  private readonly view: RowView = { id: 0, ts: 0, values: [], columns: ROW_INDEX, extraCache: undefined, requestCache: undefined };
  /** The tables holding each tapped rule's candidates. */
  private readonly tablesOf = new Map<EventRule, CandidateTable[]>();
  private finished = false;
  /** Time spent judging rows, on the thread that parses them (for `npm run bench`). */
  judgeMs = 0;

  constructor(rules: readonly CompiledRule[]) {
    const tapped = rules.filter(isEventRule).filter(tappable);
    const tableOf = (source: string | undefined): CandidateTable => {
      const table = new CandidateTable(tapped.filter((r) => r.candidates.source === undefined || r.candidates.source === source), source);
      for (const rule of table.rules) this.tablesOf.set(rule, [...(this.tablesOf.get(rule) ?? []), table]);
      return table;
    };
    this.anySource = tableOf(undefined);
    for (const source of new Set(tapped.map((r) => r.candidates.source))) {
      if (source !== undefined) this.bySource.set(source, tableOf(source));
    }
    this.tables = [this.anySource, ...this.bySource.values()];
    this.batchStart = this.tables.map(() => 0);
  }

  /** Whether the tap stands in for this rule's fetch. */
  has(rule: CompiledRule): boolean {
    return isEventRule(rule) && this.tablesOf.has(rule);
  }

  /** Judges a batch about to be stored; call `stored` or `lost` on the answer when the store has it. */
  judge(rows: readonly EventRow[]): TappedBatch {
    this.judgeRows(rows, 0);
    return this.endBatch();
  }

  /**
   * Judges rows[from..] of the batch being filled, its rows' places in it their indexes. The
   * import judges rows a few dozen at a time as they are made, while they are still in the CPU's
   * caches: judged a thousand at a time, reading each row's first column waited on memory.
   */
  judgeRows(rows: readonly EventRow[], from: number): void {
    if (this.tablesOf.size === 0) return;
    const started = performance.now();
    const { view } = this;
    let lastSource: FieldValue | undefined;
    let table = this.anySource;
    for (let index = from; index < rows.length; index++) {
      const row = rows[index]!;
      const ts = row[ROW_TS];
      if (typeof ts !== 'number') continue;
      // Rows come in runs of one file, so of one source: the table is looked up when the source changes.
      const source = row[ROW_SOURCE];
      if (source !== lastSource) {
        lastSource = source;
        table = this.bySource.get(source as string) ?? this.anySource;
      }
      if (table.rules.length === 0) continue;
      view.ts = ts;
      view.values = row;
      view.extraCache = undefined;
      view.requestCache = undefined;
      if (table.judgeRow(row, view, table.hits)) table.add(view, index);
    }
    this.judgeMs += performance.now() - started;
  }

  /** The batch judged so far is complete: its candidates wait for the ids the store gives its rows. */
  endBatch(): TappedBatch {
    const sizesBefore = this.batchStart;
    // A table's rows of this batch are the ones it added since the batch began.
    const spans = this.tables.flatMap((t, i) => (t.length > sizesBefore[i]! ? [{ table: t, from: sizesBefore[i]!, to: t.length }] : []));
    this.batchStart = this.tables.map((t) => t.length);
    if (spans.length === 0) return NOTHING_TAPPED;
    return {
      stored: (firstId) => {
        for (const { table, from, to } of spans) table.stored(from, to, firstId);
      },
      lost: () => {
        for (const { table, from, to } of spans) table.lost(from, to);
      },
    };
  }

  /**
   * Ends the import: drops the events the store no longer has (lost batches, folded copies), fills
   * `host` as the store did for rows without one, and orders each table's rows by time.
   */
  finish(removedIds: readonly number[], hostOfFile: ReadonlyMap<number, string>): void {
    const removed = new Set(removedIds);
    for (const table of this.tables) table.finish(removed, hostOfFile);
    this.finished = true;
  }

  /** A tapped rule's candidates, in (ts, id) order: the rows a fetch from the store would give. */
  rowsOf(rule: EventRule): CandidateRows {
    if (!this.finished) throw new Error('RuleTap: candidates asked for before finish()');
    const tables = this.tablesOf.get(rule);
    if (!tables) throw new Error(`RuleTap: ${rule.meta.id} is not tapped`);
    // A rule of no one source: its rows of every table, merged in time order.
    return tables.length === 1 ? tables[0]!.rowsOf(rule) : mergeRows(tables.map((table) => table.rowsOf(rule)));
  }
}

const INITIAL_ROWS = 1024;

/**
 * The candidates of the rules of one source, kept column by column until the import ends: ids
 * and times in typed arrays, one array per column the rules read of judged rows (keys, counted
 * and summary fields), one byte per test and row for the tests it passed. Kept as an object per
 * row instead, ~450 000 rows living through a whole import cost more in garbage collection than
 * judging them did. After the import the rules read the columns by position (`rowsOf`); a row's
 * event is made only when a rule asks for it.
 */
class CandidateTable {
  /**
   * Judges a row with one test per set of rules taking the same events (a rule of one source
   * without its source check), written out as one function (judge-code.ts).
   */
  readonly judgeRow: RowJudge;
  private readonly testOf = new Map<EventRule, number>();
  /** Tests 0..deciding-1 take rows; the rest are the rules' row filters, judged on the rows taken. */
  private readonly deciding: number;
  private readonly rowFilterAt = new Map<Filter, number>();
  /** The tests' answers for the row being judged. */
  readonly hits: Uint8Array;
  private readonly columns: ColumnIndex;
  /** Per kept column (after id and ts), its place in an EventRow. */
  private readonly rowAt: number[];
  private size = 0;
  /** Until the store answers, a row's place in its batch; then its id, or -1 if the batch was lost. */
  private ids = new Float64Array(INITIAL_ROWS);
  private times = new Float64Array(INITIAL_ROWS);
  private taken: Uint8Array[];
  private readonly values: FieldValue[][];
  /** What the tests derived (decoded requests, parsed `extra`), kept when the rules read it. */
  private readonly requests: (string | null | undefined)[] | undefined;
  private readonly extras: (Record<string, unknown> | null | undefined)[] | undefined;
  /** After finish: per test, the rows that passed it still in the store, in (ts, id) order. */
  private positions: Int32Array[] = [];
  /** The events made so far, by row: each once, for the first rule that asks; dropped when every rule has asked. */
  private made: (RuleEvent | undefined)[] | undefined;
  private asked = new Set<EventRule>();
  /** Per kept column, its shared texts. */
  private readonly texts: SharedTexts[];
  /** An event's values before they are filled in (nulls). */
  private readonly blank: FieldValue[];

  constructor(readonly rules: readonly EventRule[], source: string | undefined) {
    const byKey = new Map<string | EventRule, number>();
    const tests: Filter[] = [];
    for (const rule of rules) {
      const key = sameEventsKey(rule);
      let at = byKey.get(key);
      if (at === undefined) {
        byKey.set(key, (at = tests.length));
        tests.push(rule.candidates);
      }
      this.testOf.set(rule, at);
    }
    this.deciding = tests.length;
    for (const filter of rules.flatMap((r) => r.rowFilters ?? [])) {
      if (!this.rowFilterAt.has(filter)) this.rowFilterAt.set(filter, tests.push(filter) - 1);
    }
    this.judgeRow = compileJudge(tests, ROW_INDEX, source, this.deciding);
    this.hits = new Uint8Array(tests.length);
    this.taken = tests.map(() => new Uint8Array(INITIAL_ROWS));
    const read = rules.flatMap((r) => [...r.valueFields]);
    if (read.includes('request')) this.requests = [];
    if (read.some((f) => f.startsWith('extra.'))) this.extras = [];
    const wanted = new Set(read.flatMap(columnsOfField));
    if (wanted.has('host')) wanted.add('file_id');
    const kept = RULE_COLUMNS.filter((c) => c !== 'id' && c !== 'ts' && wanted.has(c));
    this.columns = columnIndex(['id', 'ts', ...kept]);
    this.rowAt = kept.map((c) => ROW_INDEX.get(c)!);
    this.values = kept.map(() => []);
    this.texts = kept.map(() => new SharedTexts());
    this.blank = new Array<FieldValue>(kept.length + 2).fill(null);
  }

  get length(): number {
    return this.size;
  }

  /** Keeps the judged row: its `hits`, the columns the rules read, what their tests derived. */
  add(view: RowView, batchIndex: number): void {
    if (this.size === this.ids.length) this.grow();
    const at = this.size++;
    this.ids[at] = batchIndex;
    this.times[at] = view.ts;
    for (let r = 0; r < this.hits.length; r++) this.taken[r]![at] = this.hits[r]!;
    for (let c = 0; c < this.rowAt.length; c++) this.values[c]!.push(this.texts[c]!.shared(view.values[this.rowAt[c]!] ?? null));
    this.requests?.push(view.requestCache);
    this.extras?.push(view.extraCache);
  }

  stored(from: number, to: number, firstId: number): void {
    for (let at = from; at < to; at++) this.ids[at] = this.ids[at]! + firstId;
  }

  lost(from: number, to: number): void {
    this.ids.fill(-1, from, to);
  }

  finish(removed: ReadonlySet<number>, hostOfFile: ReadonlyMap<number, string>): void {
    const { ids, times } = this;
    const order: number[] = [];
    for (let at = 0; at < this.size; at++) if (ids[at]! > 0 && !removed.has(ids[at]!)) order.push(at);
    // Rows arrive in runs already in time order (file by file), which the merge sort joins cheaply.
    order.sort((a, b) => times[a]! - times[b]! || ids[a]! - ids[b]!);
    // Each test's rows, all in one pass over the order.
    const positions = this.taken.slice(0, this.deciding).map(() => new Int32Array(order.length));
    const filled = positions.map(() => 0);
    for (const at of order) {
      for (let r = 0; r < positions.length; r++) if (this.taken[r]![at] === 1) positions[r]![filled[r]!++] = at;
    }
    this.positions = positions.map((p, r) => p.subarray(0, filled[r]));
    const hostAt = this.columns.get('host');
    if (hostAt === undefined) return;
    const hosts = this.values[hostAt - 2]!;
    const fileIds = this.values[this.columns.get('file_id')! - 2]!;
    for (const at of order) if (hosts[at] === null) hosts[at] = hostOfFile.get(Number(fileIds[at])) ?? null;
  }

  /** The rule's rows in (ts, id) order, read from the columns; events are made on demand, once for all the table's rules. */
  rowsOf(rule: EventRule): CandidateRows {
    const positions = this.positions[this.testOf.get(rule)!]!;
    const { length } = positions;
    const made = (this.made ??= new Array<RuleEvent | undefined>(this.size));
    // The last of the table's rules to ask takes the events made so far with it: the table lets them go.
    this.asked.add(rule);
    if (this.asked.size === this.rules.length) {
      this.made = undefined;
      this.asked = new Set();
    }
    const { times } = this;
    const event = (i: number): RuleEvent => {
      const at = positions[i]!;
      return (made[at] ??= this.makeEvent(at));
    };
    return {
      length,
      judged: true,
      ts: (i) => times[positions[i]!]!,
      id: (i) => this.ids[positions[i]!]!,
      reader: (field) => this.reader(field, positions, made),
      passes: (filter) => {
        const at = this.rowFilterAt.get(filter);
        // An event of the tap has only the columns read of judged rows: it cannot answer other conditions.
        if (at === undefined) throw new Error('RuleTap: a condition asked of rows that is not one of the rules\' row filters');
        const passed = this.taken[at]!;
        return (i) => passed[positions[i]!] === 1;
      },
      event,
    };
  }

  /** A field of the rows at `positions`, as fieldValue reads it from their events (made for fields that are not columns). */
  private reader(field: string, positions: Int32Array, made: (RuleEvent | undefined)[]): (i: number) => FieldValue {
    if (field === 'src_subnet' || field === 'dst_subnet') {
      const ip = this.reader(field === 'src_subnet' ? 'src_ip' : 'dst_ip', positions, made);
      return (i) => subnetOf(ip(i));
    }
    if (!isColumn(field)) {
      return (i) => {
        const at = positions[i]!;
        return fieldValue((made[at] ??= this.makeEvent(at)), field);
      };
    }
    const at = this.columns.get(field);
    if (at === undefined) return () => null;
    if (at === 0) return (i) => this.ids[positions[i]!]!;
    if (at === 1) return (i) => this.times[positions[i]!]!;
    const column = this.values[at - 2]!;
    return (i) => column[positions[i]!] ?? null;
  }

  /**
   * Every event of a table alike for V8: values copied into an array that starts out able to hold
   * any value (no change of kind as numbers then strings arrive), and both caches always present,
   * so the rules' readers see one shape, not several.
   */
  private makeEvent(at: number): RuleEvent {
    const id = this.ids[at]!;
    const ts = this.times[at]!;
    const values = this.blank.slice();
    values[0] = id;
    values[1] = ts;
    for (let c = 0; c < this.values.length; c++) values[c + 2] = this.values[c]![at]!;
    return { id, ts, values, columns: this.columns, extraCache: this.extras?.[at], requestCache: this.requests?.[at] };
  }

  private grow(): void {
    const length = this.ids.length * 2;
    const larger = <T extends Float64Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.ids = larger(this.ids, new Float64Array(length));
    this.times = larger(this.times, new Float64Array(length));
    this.taken = this.taken.map((t) => larger(t, new Uint8Array(length)));
  }
}

/**
 * One copy of each short text of a column (addresses, actions, users, paths): a table holds
 * hundreds of thousands of rows of the same few hundred addresses, each parsed into a string of
 * its own. Kept once, they take less memory and are in cache when the rules group by them (the
 * evaluations after the import were bound by reading strings spread over the heap). A column whose
 * texts mostly differ (messages) stops being shared after a first sample; the rest is bounded.
 */
class SharedTexts {
  private readonly seen = new Map<string, string>();
  private asked = 0;
  private found = 0;
  private sharing = true;

  shared(value: FieldValue): FieldValue {
    if (!this.sharing || typeof value !== 'string' || value.length > SHARED_TEXT_MAX_CHARS) return value;
    const kept = this.seen.get(value);
    if (++this.asked === SHARED_TEXTS_SAMPLE && this.found < SHARED_TEXTS_SAMPLE / 2) {
      this.sharing = false;
      this.seen.clear();
    }
    if (kept !== undefined) {
      this.found++;
      return kept;
    }
    if (this.seen.size >= SHARED_TEXTS) this.seen.clear();
    this.seen.set(value, value);
    return value;
  }
}

const SHARED_TEXT_MAX_CHARS = 64;
const SHARED_TEXTS = 65_536;
/** Texts looked up before a column that found fewer than half of them again stops sharing. */
const SHARED_TEXTS_SAMPLE = 4096;
