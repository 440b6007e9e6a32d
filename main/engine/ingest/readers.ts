import type { ParsedEvent } from '../../../shared/types/event.js';
import type { CompiledFormat } from '../formats/compile.js';
import type { Detection } from '../formats/detect.js';
import type { Draft } from '../formats/draft.js';
import type { FormatRegistry } from '../formats/registry.js';
import { JournalExportReader } from './decoders/journal-export.js';
import { journalRecordValues } from './decoders/journal-fields.js';
import { decodeMaasEvents } from './decoders/maas-events.js';
import { buildEvent, unparsedEvent } from './event-builder.js';
import { fileTimeContext, type FileTime, type TimeOptions } from './file-time.js';
import { LineParser, type LineCounts } from './line-parser.js';
import { LineSplitter } from './line-splitter.js';

const MAX_WARNINGS = 50;
/** A JSON document decoder holds the whole document; larger ones are refused. */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

type Emit = (event: ParsedEvent) => void;

/** A file's line accounting and warnings while it is read. */
export class FileReport {
  readonly warnings: string[] = [];
  private dropped = 0;
  counts: LineCounts = { lines: 0, events: 0, continuation: 0, ignored: 0, unparsed: 0 };

  constructor(private readonly displayPath: string) {}

  warn(line: number | undefined, message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(`${this.displayPath}${line ? `:${line}` : ''}: ${message}`);
    else this.dropped++;
  }

  list(): string[] {
    return this.dropped ? [...this.warnings, `${this.displayPath}: … and ${this.dropped} more warnings`] : this.warnings;
  }
}

/** The framing that turns a file's bytes into events, chosen by its format. */
export interface Reader {
  push(chunk: Buffer): void;
  end(): void;
}

/**
 * The reader for a detected file: its format's framing (lines, journal export records, a JSON
 * document), or, for a file of no known format, every line kept as unparsed.
 */
export function createReader(
  detection: Detection,
  file: { displayPath: string; mtimeMs: number | undefined },
  registry: FormatRegistry,
  timeOptions: TimeOptions,
  emit: Emit,
  report: FileReport,
): { reader: Reader; timeNote: () => string | null } {
  const format = detection.format;
  if (format) {
    const time = fileTimeContext(format, file.displayPath, timeOptions, file.mtimeMs);
    let note: string | null = time.note;
    const reader = formatReader(format, time, registry, emit, report, (next) => (note = next));
    return { reader, timeNote: () => note };
  }
  if (detection.binary) {
    report.warn(undefined, 'binary content of no known format; not imported (its hash is recorded)');
    return { reader: { push: () => undefined, end: () => undefined }, timeNote: () => null };
  }
  report.warn(undefined, 'no known format matches its first lines; every line is kept as unparsed');
  return { reader: unknownReader(emit, report), timeNote: () => null };
}

function formatReader(format: CompiledFormat, time: FileTime, registry: FormatRegistry, emit: Emit, report: FileReport, onTimeNote: (note: string) => void): Reader {
  switch (format.def.decoder) {
    case 'journal-export':
      return journalExportReader(format, registry, emit, report);
    case 'maas-events-json':
      return maasEventsReader(format, registry, emit, report);
    default: {
      const parser = new LineParser(format, registry, time, {
        emit,
        warn: (line, message) => report.warn(line, message),
        timeChanged: (next) => onTimeNote(next.note),
      });
      const splitter = new LineSplitter((text, lineNo, overlong) => parser.push(text, lineNo, overlong));
      return {
        push: (chunk) => splitter.push(chunk),
        end: () => {
          splitter.end();
          report.counts = parser.finish();
        },
      };
    }
  }
}

function journalExportReader(format: CompiledFormat, registry: FormatRegistry, emit: Emit, report: FileReport): Reader {
  const counts = report.counts;
  const source = format.source ?? 'system';
  const reader = new JournalExportReader(
    (record) => {
      counts.lines += record.lines;
      const decoded = journalRecordValues((name) => record.fields.get(name));
      if (!decoded) {
        counts.unparsed += 1;
        counts.continuation += record.lines - 1;
        report.warn(record.line, 'journal record without __REALTIME_TIMESTAMP; kept as unparsed');
        emit(unparsedEvent(source, record.line, record.raw, null, 'journal record without a time'));
        return;
      }
      counts.events += 1;
      counts.continuation += record.lines - 1;
      const draft: Draft = { values: decoded.values, source, format: format.id };
      emit(buildEvent(registry, draft, { tsMs: decoded.tsMs, yearInferred: false, zoneAssumed: false }, record.line, record.raw));
    },
    (line, message) => report.warn(line, message),
  );
  return {
    push: (chunk) => reader.push(chunk),
    end: () => {
      reader.end();
      counts.lines += reader.separators;
      counts.ignored += reader.separators;
    },
  };
}

function maasEventsReader(format: CompiledFormat, registry: FormatRegistry, emit: Emit, report: FileReport): Reader {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  return {
    push: (chunk) => {
      size += chunk.length;
      if (size > MAX_DOCUMENT_BYTES) tooLarge = true;
      else chunks.push(chunk);
    },
    end: () => {
      const counts = report.counts;
      if (tooLarge) {
        report.warn(undefined, `a JSON document over ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB is not read`);
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      counts.lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      let events;
      try {
        events = decodeMaasEvents(text);
      } catch (err) {
        report.warn(undefined, `${(err as Error).message}; every line is kept as unparsed`);
        const lines = text.split('\n');
        lines.forEach((line, i) => {
          if (i === lines.length - 1 && line === '') return;
          emit(unparsedEvent(format.source ?? 'audit', i + 1, line, null, 'not valid JSON'));
        });
        counts.unparsed = counts.lines;
        return;
      }
      for (const event of events) {
        if (event.tsMs === null) {
          counts.unparsed++;
          report.warn(event.line, `"${event.created}" is not a MAAS event time; event kept as unparsed`);
          emit(unparsedEvent(format.source ?? 'audit', event.line, event.raw, null, 'bad created time'));
          continue;
        }
        counts.events++;
        const draft: Draft = { values: event.values, source: format.source ?? 'audit', format: format.id };
        emit(buildEvent(registry, draft, { tsMs: event.tsMs, yearInferred: false, zoneAssumed: false }, event.line, event.raw));
      }
      // The rest of the document's lines are its JSON structure around the events.
      counts.ignored = counts.lines - counts.events - counts.unparsed;
    },
  };
}

function unknownReader(emit: Emit, report: FileReport): Reader {
  const counts = report.counts;
  const splitter = new LineSplitter((text, lineNo) => {
    counts.lines++;
    if (text.trim() === '') {
      counts.ignored++;
      return;
    }
    counts.unparsed++;
    emit(unparsedEvent('system', lineNo, text, null, 'no known format'));
  });
  return { push: (chunk) => splitter.push(chunk), end: () => splitter.end() };
}
