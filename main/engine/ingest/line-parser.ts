import type { ParsedEvent, Source } from '../../../shared/types/event.js';
import type { CompiledFormat } from '../formats/compile.js';
import { matchPatterns, applyMatch, type Draft } from '../formats/draft.js';
import type { FormatRegistry } from '../formats/registry.js';
import { compileLayout } from '../time/layout.js';
import { resolveStamp, type ResolvedTime } from '../time/resolve.js';
import { wallTimeToUtc } from '../time/zone.js';
import { decodeJournalJsonLine } from './decoders/journal-json.js';
import { buildEvent, unparsedEvent } from './event-builder.js';
import { withHeader, type FileTime } from './file-time.js';

/** Per-file line accounting: lines = events + continuation + ignored + unparsed. */
export interface LineCounts {
  lines: number;
  events: number;
  continuation: number;
  ignored: number;
  unparsed: number;
}

export interface ParserSink {
  emit(event: ParsedEvent): void;
  /** A problem at a line; the parser has already kept the line as unparsed. */
  warn(line: number, message: string): void;
  /** The file's time context changed (a header line). */
  timeChanged?(time: FileTime): void;
}

const HEADER_END = compileLayout('yyyy-MM-dd HH:mm:ss');
/** Returned when a line matched but was kept as unparsed (its date is impossible). */
const KEPT = Symbol('kept');
/** Unparsed lines before the first dated record wait for its time, up to this many. */
const MAX_WAITING = 10_000;

/**
 * Parses the lines of one file in one line format (patterns or the journal-json decoder),
 * joining continuation lines to the record above and keeping every other line as unparsed.
 */
export class LineParser {
  readonly counts: LineCounts = { lines: 0, events: 0, continuation: 0, ignored: 0, unparsed: 0 };
  private pending: ParsedEvent | undefined;
  private lastTs: number | null = null;
  private waiting: ParsedEvent[] = [];
  private lastPattern = 0;

  constructor(
    private readonly format: CompiledFormat,
    private readonly registry: FormatRegistry,
    private time: FileTime,
    private readonly sink: ParserSink,
  ) {}

  /** Feeds one line (without its newline); `overlong` marks a line cut at the length limit. */
  push(text: string, lineNo: number, overlong = false): void {
    this.counts.lines++;
    if (overlong) {
      this.keepUnparsed(text, lineNo, 'line longer than 1 MiB; its first 64 KiB are kept');
      return;
    }
    if (text.length === 0 || (text.trim() === '' && !this.pending)) {
      this.counts.ignored++;
      return;
    }
    const format = this.format;
    if (format.header) {
      const header = format.header.exec(text);
      if (header) {
        this.applyHeader(header);
        this.counts.ignored++;
        return;
      }
    }
    for (const re of format.ignore) {
      if (re.test(text)) {
        this.counts.ignored++;
        return;
      }
    }
    const event = format.def.decoder === 'journal-json' ? this.decodeJson(text, lineNo) : this.matchLine(text, lineNo);
    if (event === KEPT) return;
    if (event) {
      this.startRecord(event);
      return;
    }
    if (this.pending && format.continuation?.test(text)) {
      this.pending.fields.message = `${this.pending.fields.message ?? ''}\n${text.trimEnd()}`;
      this.pending.raw += `\n${text}`;
      this.counts.continuation++;
      return;
    }
    if (text.trim() === '') {
      this.counts.ignored++;
      return;
    }
    this.keepUnparsed(text, lineNo, `no pattern of the ${format.id} format matches`);
  }

  /** Flushes the last record; returns the counts. */
  finish(): LineCounts {
    this.flushPending();
    for (const event of this.waiting) this.sink.emit(event);
    this.waiting = [];
    return this.counts;
  }

  private matchLine(text: string, lineNo: number): ParsedEvent | typeof KEPT | undefined {
    const format = this.format;
    const patterns = format.patterns;
    // Lines of a file mostly share one pattern: try the last one that matched first.
    let hit: [RegExpExecArray, (typeof patterns)[number]] | undefined;
    const last = patterns[this.lastPattern];
    const quick = last?.re.exec(text);
    if (last && quick) hit = [quick, last];
    else {
      hit = matchPatterns(format, text);
      if (hit) this.lastPattern = patterns.indexOf(hit[1]);
    }
    if (!hit) return undefined;
    const [match, pattern] = hit;
    const stamp = match.groups?.[format.timestamp!.field];
    const time = stamp === undefined ? null : this.resolve(stamp);
    if (!time) {
      this.keepUnparsed(text, lineNo, stamp === undefined ? 'the line has no timestamp' : `"${stamp}" is not a date`);
      return KEPT;
    }
    const draft: Draft = { values: {}, source: format.source ?? 'system', format: format.id };
    applyMatch(format, match, pattern, draft);
    return buildEvent(this.registry, draft, time, lineNo, text);
  }

  private decodeJson(text: string, lineNo: number): ParsedEvent | undefined {
    const decoded = decodeJournalJsonLine(text);
    if (!decoded) return undefined;
    const draft: Draft = { values: decoded.values, source: this.format.source ?? 'system', format: this.format.id };
    return buildEvent(this.registry, draft, { tsMs: decoded.tsMs, yearInferred: false, zoneAssumed: false }, lineNo, text);
  }

  private resolve(stamp: string): ResolvedTime | null {
    for (const layout of this.format.timestamp!.layouts) {
      const parts = layout.parse(stamp);
      if (parts) return resolveStamp(parts, this.time.ctx);
    }
    return null;
  }

  private applyHeader(header: RegExpExecArray): void {
    const tz = header.groups?.tz;
    const end = header.groups?.end;
    const parts = end === undefined ? null : HEADER_END.parse(end);
    let endMs: number | undefined;
    if (parts && parts.year !== undefined) {
      endMs = wallTimeToUtc({ ...parts, year: parts.year }, tz ?? this.time.ctx.zone).utcMs;
    }
    const next = withHeader(this.time, tz, endMs);
    if (next !== this.time) {
      this.time = next;
      this.sink.timeChanged?.(next);
    }
  }

  private startRecord(event: ParsedEvent): void {
    this.flushPending();
    this.pending = event;
    this.lastTs = event.ts;
    this.counts.events++;
    if (this.waiting.length) {
      for (const early of this.waiting) {
        early.ts = event.ts;
        early.extra.ts_inferred = 'next-line';
        this.sink.emit(early);
      }
      this.waiting = [];
    }
  }

  private flushPending(): void {
    if (this.pending) this.sink.emit(this.pending);
    this.pending = undefined;
  }

  private keepUnparsed(text: string, lineNo: number, why: string): void {
    this.flushPending();
    this.counts.unparsed++;
    this.sink.warn(lineNo, `${why}; line kept as unparsed`);
    const source: Source = this.format.source ?? 'system';
    const event = unparsedEvent(source, lineNo, text, this.lastTs, why);
    if (this.lastTs !== null) {
      event.extra.ts_inferred = 'previous-line';
      this.sink.emit(event);
    } else if (this.waiting.length < MAX_WAITING) {
      this.waiting.push(event);
    } else {
      this.sink.emit(event);
    }
  }
}
