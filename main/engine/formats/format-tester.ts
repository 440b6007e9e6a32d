import type { FormatTestCounts, FormatTestResult, TestedLine } from '../../../shared/api-formats.js';
import type { FieldValue, ParsedEvent } from '../../../shared/types/event.js';
import type { FormatDraft } from '../../../shared/types/format-definition.js';
import { fileTimeContext, type TimeOptions } from '../ingest/file-time.js';
import { LineParser, type LineCounts } from '../ingest/line-parser.js';
import { CompileError, compileFormat, type CompiledFormat } from './compile.js';
import { applyMatch, splitValues, type Draft } from './draft.js';
import type { FormatRegistry } from './registry.js';
import { SafeRegex } from './safe-regex.js';

/** The path the editor's sample lines are read as (no zoneByPath or path hint applies). */
const SAMPLE_PATH = 'format-editor-sample';

const NO_COUNTS: FormatTestCounts = { lines: 0, matched: 0, missed: 0, ignored: 0, continuation: 0 };

/** Compiles a user's definition: every regex on re2js; a CompileError names the path at fault. */
export function compileUserFormat(def: FormatDraft, file: string): CompiledFormat {
  return compileFormat(def, file, 're2');
}

/** The event's values as the editor lists them: family and format, filled columns, then `extra.*`. */
function eventFields(event: ParsedEvent): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = { source: event.source, format: event.format };
  for (const [name, value] of Object.entries(event.fields)) if (value !== null) out[name] = value;
  for (const [name, value] of Object.entries(event.extra)) if (name !== 'ts_inferred' && name !== 'unparsed') out[`extra.${name}`] = value;
  return out;
}

/** The first pattern (in order) matching the text, with the spans of its captures. */
function spansOf(format: CompiledFormat, text: string): Pick<TestedLine, 'pattern' | 'captures'> {
  for (const [index, pattern] of format.patterns.entries()) {
    if (!(pattern.re instanceof SafeRegex)) continue;
    const hit = pattern.re.spans(text);
    if (hit) return { pattern: index, captures: hit.captures.map((c) => ({ ...c, text: text.slice(c.start, c.end) })) };
  }
  return { pattern: null, captures: [] };
}

function statusOf(before: LineCounts, after: LineCounts): TestedLine['status'] {
  if (after.events > before.events) return 'matched';
  if (after.continuation > before.continuation) return 'continuation';
  if (after.ignored > before.ignored) return 'ignored';
  return 'missed';
}

/** A message format refines an event's message: each sample line is tried as such a message. */
function testMessageFormat(format: CompiledFormat, lines: readonly string[]): FormatTestResult {
  const counts = { ...NO_COUNTS, lines: lines.length };
  const tested = lines.map((text, i): TestedLine => {
    const { pattern, captures } = spansOf(format, text);
    const base = { line: i + 1, text, pattern, captures, tsMs: null, tsInferred: null };
    if (pattern === null) {
      counts.missed++;
      return { ...base, status: 'missed', fields: {}, reason: `no pattern of the ${format.id} format matches` };
    }
    const draft: Draft = { values: { message: text }, source: format.source ?? 'system', format: format.id };
    applyMatch(format, format.patterns[pattern]!.re.exec(text)!, format.patterns[pattern]!, draft);
    const { fields, extra } = splitValues(draft.values);
    counts.matched++;
    return { ...base, status: 'matched', fields: eventFields({ ts: Number.NaN, source: draft.source, format: draft.format, line: i + 1, fields, extra, raw: text }), reason: null };
  });
  return { error: null, counts, lines: tested, timeNote: null };
}

/**
 * Runs a definition on sample lines exactly as an import would (the same LineParser: ignore,
 * header, continuation, time, the message chain of `registry`), and says per line whether it
 * matched, what it captured where, and its UTC time; counts like fail2ban-regex.
 */
export function testFormat(def: FormatDraft, lines: readonly string[], registry: FormatRegistry, time: TimeOptions): FormatTestResult {
  let format: CompiledFormat;
  try {
    if (def.decoder) throw new CompileError('a decoder format is written in code and cannot be tested here', ['decoder']);
    format = compileUserFormat(def, 'editor');
  } catch (err) {
    if (!(err instanceof CompileError)) throw err;
    return { error: { path: err.path.join('.') || '(definition)', message: err.message }, counts: { ...NO_COUNTS, lines: lines.length }, lines: [], timeNote: null };
  }
  const texts = lines.map((l) => l.replace(/\r$/, ''));
  if (format.kind === 'message') return testMessageFormat(format, texts);

  const fileTime = fileTimeContext(format, SAMPLE_PATH, time, undefined);
  const events = new Map<number, ParsedEvent>();
  const parser = new LineParser(format, registry, fileTime, { emit: (e) => events.set(e.line, e), warn: () => undefined });
  const statuses = texts.map((text, i) => {
    const before = { ...parser.counts };
    parser.push(text, i + 1);
    return statusOf(before, parser.counts);
  });
  parser.finish();

  const counts = { ...NO_COUNTS, lines: texts.length };
  const tested = texts.map((text, i): TestedLine => {
    const status = statuses[i]!;
    counts[status]++;
    const event = events.get(i + 1);
    const spans = status === 'matched' || status === 'missed' ? spansOf(format, text) : { pattern: null, captures: [] };
    const parsed = status === 'matched' && event !== undefined;
    return {
      line: i + 1,
      text,
      status,
      ...spans,
      tsMs: parsed && !Number.isNaN(event.ts) ? event.ts : null,
      tsInferred: parsed && typeof event.extra.ts_inferred === 'string' ? event.extra.ts_inferred : null,
      fields: parsed ? eventFields(event) : {},
      reason: status === 'missed' ? String(event?.extra.unparsed ?? 'no pattern matches') : null,
    };
  });
  return { error: null, counts, lines: tested, timeNote: fileTime.note };
}
