import type { FieldValue, ParsedEvent, Source } from '../../../shared/types/event.js';
import { runMessageChain, splitValues, type Draft } from '../formats/draft.js';
import type { FormatRegistry } from '../formats/registry.js';
import type { ResolvedTime } from '../time/resolve.js';

/** Turns a parsed draft into an event: runs the message-format chain and records time provenance. */
export function buildEvent(
  registry: FormatRegistry,
  draft: Draft,
  time: ResolvedTime,
  line: number,
  raw: string,
): ParsedEvent {
  if (draft.values.message === undefined) draft.values.message = raw.trimEnd();
  runMessageChain(draft, registry.message);
  const { fields, extra } = splitValues(draft.values);
  const inferred = tsInferred(time);
  if (inferred) extra.ts_inferred = inferred;
  if (time.note) extra.ts_note = time.note === 'gap' ? 'local time in a DST gap, moved forward' : 'local time repeated by DST, first occurrence taken';
  return { ts: time.tsMs, source: draft.source, format: draft.format, line, fields, extra, raw };
}

function tsInferred(time: ResolvedTime): string | undefined {
  if (time.yearInferred && time.zoneAssumed) return 'year,zone';
  if (time.yearInferred) return 'year';
  if (time.zoneAssumed) return 'zone';
  return undefined;
}

/** An event for a line no pattern matched: kept with its raw text, so nothing is lost. */
export function unparsedEvent(source: Source, line: number, raw: string, ts: number | null, why: string): ParsedEvent {
  const extra: Record<string, FieldValue> = { unparsed: why };
  return { ts: ts ?? Number.NaN, source, format: 'unparsed', line, fields: { message: raw.trimEnd() }, extra, raw };
}
