import { EVENT_COLUMNS, FIELD_COLUMNS, type EventRow, type FieldValue, type ParsedEvent } from '../../../shared/types/event.js';
import { isStoreFull } from '../errors.js';
import type { RuleTap } from '../rules/tap.js';
import { MAX_BATCHES_IN_FLIGHT, type Store } from '../store/store.js';
import type { ScopeFilter } from './import-scope.js';

/**
 * Rows per batch to the store. Small, so the batches in flight stay in V8's young generation and
 * die there: with 4000 rows (and 4 in flight) every scavenge found ~10 MB of them alive and copied
 * it, 1.3 s of the parsing thread per million events; with 1000, 0.3–0.7 s, and the import of the
 * bench's 1 M lines took 8.5 s instead of 9.3 s (alternated runs, docs/benchmarks.md).
 */
const BATCH_ROWS = 1000;
/** Rows the rule tap judges at a time, as they are made: few enough to be still in the CPU's caches. */
const TAP_ROWS = 64;
const SEQ = EVENT_COLUMNS.indexOf('seq');
const FILE_ID = EVENT_COLUMNS.indexOf('file_id');
const LINE = EVENT_COLUMNS.indexOf('line');

/** Where the store filled up: the first event not stored, and the store's error. */
export interface StoreFull {
  fileId: number;
  line: number;
  /** Its `seq`: this import's events from it on are not kept (a later batch may have got in). */
  seq: number;
  error: Error;
}

const COLUMN = (name: (typeof EVENT_COLUMNS)[number]): number => EVENT_COLUMNS.indexOf(name);
const TS = COLUMN('ts');
const SOURCE = COLUMN('source');
const FORMAT = COLUMN('format');
const RAW = COLUMN('raw');
const EXTRA = COLUMN('extra');
/** A parsed field's place in a row. */
const FIELD_AT: Readonly<Record<string, number | undefined>> = Object.fromEntries(FIELD_COLUMNS.map((c) => [c, COLUMN(c)]));
const BLANK_ROW: readonly FieldValue[] = EVENT_COLUMNS.map(() => null);

/**
 * An event as a row in EVENT_COLUMNS order. The fields an event has are walked, not every
 * column asked for by name: each format's fields object has a shape of its own, and reading 20
 * names from objects of a dozen shapes took a third more of the parsing thread (measured).
 */
export function toRow(event: ParsedEvent, seq: number, fileId: number): EventRow {
  const row = BLANK_ROW.slice();
  row[TS] = Number.isNaN(event.ts) ? null : event.ts;
  row[SEQ] = seq;
  row[SOURCE] = event.source;
  row[FORMAT] = event.format;
  row[FILE_ID] = fileId;
  row[LINE] = event.line;
  const fields = event.fields as Record<string, FieldValue | undefined>;
  for (const name in fields) {
    const at = FIELD_AT[name];
    const value = fields[name];
    if (at !== undefined && value !== undefined) row[at] = value;
  }
  // Raw text stays in the evidence (files.path, line), not in the database: it would halve
  // insert speed and double the heap (design §11). Unparsed lines keep theirs: it is all they have.
  if (event.format === 'unparsed') row[RAW] = event.raw;
  if (!isEmpty(event.extra)) row[EXTRA] = JSON.stringify(event.extra);
  return row;
}

/** Whether an object has no keys, without making the array of them. */
function isEmpty(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return false;
  return true;
}

/**
 * Collects events into batches for the store and keeps a few batches in flight, so parsing
 * (this thread) and inserting (the store's worker) overlap. `seq` is global to the import.
 */
export class EventSink {
  private batch: EventRow[] = [];
  private inFlight: Promise<void>[] = [];
  private seq = 0;
  fileId = 0;
  firstTs: number | null = null;
  lastTs: number | null = null;
  private sources = new Map<string, number>();
  /** Rows of the batch the tap has judged. */
  private judged = 0;
  /** Set once the store ran out of memory: nothing more is sent. */
  full: StoreFull | null = null;
  /** The host name of the bundle being read, when known so far (for a scope's hosts). */
  bundleHost: string | null = null;

  /**
   * `tap`: detection rules that judge the rows as they are made, before they go to the store;
   * `scope`: the user's narrower import, which leaves events out (counted) before they are batched.
   */
  constructor(private readonly store: Store, private readonly tap?: RuleTap, readonly scope?: ScopeFilter) {}

  /** Events added so far in this import. */
  get eventsAdded(): number {
    return this.seq;
  }

  /** Starts counting the time span of a new file. */
  startFile(fileId: number): void {
    this.fileId = fileId;
    this.firstTs = null;
    this.lastTs = null;
    this.sources.clear();
    this.scope?.startFile();
  }

  /** The family most of this file's parsed events belong to (kern.log of UFW lines is firewall). */
  mainSource(): string | null {
    let best: string | null = null;
    let most = 0;
    for (const [source, n] of this.sources) if (n > most) [best, most] = [source, n];
    return best;
  }

  add(event: ParsedEvent): void {
    if (event.format !== 'unparsed') this.sources.set(event.source, (this.sources.get(event.source) ?? 0) + 1);
    if (this.scope && !this.scope.admits(event, this.bundleHost)) return;
    const ts = event.ts;
    if (!Number.isNaN(ts)) {
      if (this.firstTs === null || ts < this.firstTs) this.firstTs = ts;
      if (this.lastTs === null || ts > this.lastTs) this.lastTs = ts;
    }
    this.batch.push(toRow(event, ++this.seq, this.fileId));
    if (this.tap && this.batch.length - this.judged >= TAP_ROWS) {
      this.tap.judgeRows(this.batch, this.judged);
      this.judged = this.batch.length;
    }
  }

  /**
   * Sends full batches; waits when too many are in flight. When the store is full, waits for
   * every batch under way to settle and throws the store's error, then and on every later call.
   */
  async drain(force = false): Promise<void> {
    if (this.full) throw this.full.error;
    if (this.batch.length >= BATCH_ROWS || (force && this.batch.length > 0)) {
      const rows = this.batch;
      this.batch = [];
      this.tap?.judgeRows(rows, this.judged);
      this.judged = 0;
      const tapped = this.tap?.endBatch();
      const sent = this.store.insertEvents(rows).then((firstId) => tapped?.stored(firstId), (err: unknown) => {
        tapped?.lost();
        if (isStoreFull(err) && (!this.full || Number(rows[0]![SEQ]) < this.full.seq)) {
          this.full = { fileId: Number(rows[0]![FILE_ID]), line: Number(rows[0]![LINE]), seq: Number(rows[0]![SEQ]), error: err as Error };
        }
        throw err;
      });
      // Awaited below; this only keeps a failure from being reported as unhandled meanwhile.
      sent.catch(() => undefined);
      this.inFlight.push(sent);
    }
    while (this.inFlight.length > (force ? 0 : MAX_BATCHES_IN_FLIGHT)) {
      try {
        await this.inFlight.shift();
      } catch (err) {
        // Set by the failed batch's handler, after the check at the top narrowed it.
        const full = this.full as StoreFull | null;
        if (full) {
          await Promise.allSettled(this.inFlight);
          this.inFlight = [];
          throw full.error;
        }
        throw err;
      }
    }
  }
}
