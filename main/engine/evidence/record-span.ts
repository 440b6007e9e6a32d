import type { CompiledFormat } from '../formats/compile.js';

/** Lines read at most for one record (a journal export record, a MAAS event object). */
export const MAX_RECORD_LINES = 500;

/** Which lines from an event's first line make up its record. */
export type RecordSpan =
  | { kind: 'lines'; count: number }
  /** A journal export record: up to the empty line that ends it. */
  | { kind: 'until-blank' }
  /** A JSON object of a MAAS events document: up to the brace that closes it. */
  | { kind: 'json-object' };

/**
 * The span of an event's record in a file of a format. A line format joins continuation lines
 * (a traceback) to the record above and appends each to the message after a newline, so the
 * record has one line per newline of its message, plus its first.
 */
export function recordSpan(fileFormat: CompiledFormat | undefined, message: string | null): RecordSpan {
  const decoder = fileFormat?.def.decoder;
  if (decoder === 'journal-export') return { kind: 'until-blank' };
  if (decoder === 'maas-events-json') return { kind: 'json-object' };
  if (!fileFormat?.continuation || message === null) return { kind: 'lines', count: 1 };
  let count = 1;
  for (let at = message.indexOf('\n'); at !== -1 && count < MAX_RECORD_LINES; at = message.indexOf('\n', at + 1)) count++;
  return { kind: 'lines', count };
}

/** How many lines to read for a span (the record is then cut out of them by recordLines). */
export function linesToRead(span: RecordSpan): number {
  return span.kind === 'lines' ? span.count : MAX_RECORD_LINES;
}

/** The lines of the record, out of the lines read from its first one. */
export function recordLines(lines: readonly string[], span: RecordSpan): string[] {
  if (span.kind === 'lines') return lines.slice(0, span.count);
  if (span.kind === 'until-blank') {
    const blank = lines.findIndex((l) => l === '');
    return lines.slice(0, blank === -1 ? lines.length : blank);
  }
  return lines.slice(0, jsonObjectLines(lines));
}

/** Lines up to the one that closes the first JSON object begun in them (strings skipped). */
function jsonObjectLines(lines: readonly string[]): number {
  let depth = 0;
  let begun = false;
  let inString = false;
  let escaped = false;
  for (const [i, line] of lines.entries()) {
    for (const c of line) {
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') {
        depth++;
        begun = true;
      } else if (c === '}') depth--;
    }
    if (begun && depth <= 0) return i + 1;
  }
  return lines.length;
}
