import type { EventRow, FieldValue, ParsedEvent } from '../../../shared/types/event.js';
import type { RuleTap } from '../rules/tap.js';
import { MAX_BATCHES_IN_FLIGHT, type Store } from '../store/store.js';

const BATCH_ROWS = 4000;

function field(event: ParsedEvent, name: keyof ParsedEvent['fields']): FieldValue {
  return event.fields[name] ?? null;
}

/** An event as a row in EVENT_COLUMNS order. */
export function toRow(event: ParsedEvent, seq: number, fileId: number): EventRow {
  const extraKeys = Object.keys(event.extra);
  return [
    Number.isNaN(event.ts) ? null : event.ts, seq, event.source, event.format, field(event, 'host'), fileId, event.line,
    field(event, 'level'), field(event, 'program'), field(event, 'pid'),
    field(event, 'src_ip'), field(event, 'src_port'), field(event, 'dst_ip'), field(event, 'dst_port'), field(event, 'proto'),
    field(event, 'action'), field(event, 'direction'), field(event, 'user'),
    field(event, 'method'), field(event, 'path'), field(event, 'query'), field(event, 'status'), field(event, 'bytes'),
    // Raw text stays in the evidence (files.path, line), not in the database: it would halve
    // insert speed and double the heap (design §11). Unparsed lines keep theirs: it is all they have.
    field(event, 'referrer'), field(event, 'user_agent'), field(event, 'message'), event.format === 'unparsed' ? event.raw : null,
    extraKeys.length ? JSON.stringify(event.extra) : null,
  ];
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

  /** `tap`: detection rules that judge each batch as it goes to the store. */
  constructor(private readonly store: Store, private readonly tap?: RuleTap) {}

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
  }

  /** The family most of this file's parsed events belong to (kern.log of UFW lines is firewall). */
  mainSource(): string | null {
    let best: string | null = null;
    let most = 0;
    for (const [source, n] of this.sources) if (n > most) [best, most] = [source, n];
    return best;
  }

  add(event: ParsedEvent): void {
    const ts = event.ts;
    if (!Number.isNaN(ts)) {
      if (this.firstTs === null || ts < this.firstTs) this.firstTs = ts;
      if (this.lastTs === null || ts > this.lastTs) this.lastTs = ts;
    }
    if (event.format !== 'unparsed') this.sources.set(event.source, (this.sources.get(event.source) ?? 0) + 1);
    this.batch.push(toRow(event, ++this.seq, this.fileId));
  }

  /** Sends full batches; waits when too many are in flight. */
  async drain(force = false): Promise<void> {
    if (this.batch.length >= BATCH_ROWS || (force && this.batch.length > 0)) {
      const rows = this.batch;
      this.batch = [];
      const tapped = this.tap?.judge(rows);
      const sent = this.store.insertEvents(rows).then((firstId) => tapped?.stored(firstId), (err: unknown) => {
        tapped?.lost();
        throw err;
      });
      // Awaited below; this only keeps a failure from being reported as unhandled meanwhile.
      sent.catch(() => undefined);
      this.inFlight.push(sent);
    }
    while (this.inFlight.length > (force ? 0 : MAX_BATCHES_IN_FLIGHT)) await this.inFlight.shift();
  }
}
