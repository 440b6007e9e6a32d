import type { FieldColumn, FieldValue, Source } from '../../../shared/types/event.js';
import { FIELD_COLUMNS } from '../../../shared/types/event.js';
import type { CompiledFormat, CompiledPattern, Condition } from './compile.js';

/** An event being built: every captured value by name, plus its family and format so far. */
export interface Draft {
  values: Record<string, FieldValue>;
  source: Source;
  format: string;
}

const MAX_CHAIN = 4;
const COLUMN_SET: ReadonlySet<string> = new Set(FIELD_COLUMNS);

function valueOf(draft: Draft, field: string): string {
  if (field === 'source') return draft.source;
  if (field === 'format') return draft.format;
  const value = draft.values[field];
  return value === null || value === undefined ? '' : String(value);
}

/** True when every condition's regex matches the draft's current value of its field. */
export function conditionsHold(conditions: readonly Condition[], draft: Draft): boolean {
  for (const c of conditions) if (!c.re.test(valueOf(draft, c.field))) return false;
  return true;
}

/** Applies one pattern match of `format` to the draft: captures, the pattern's and the format's `set`, its source. */
export function applyMatch(format: CompiledFormat, match: RegExpExecArray, pattern: CompiledPattern, draft: Draft): void {
  const groups = match.groups;
  if (groups) {
    for (const { name, convert } of pattern.captures) {
      const text = groups[name];
      if (text !== undefined) draft.values[name] = convert(text);
    }
  }
  for (const [field, value] of pattern.set) draft.values[field] = value;
  for (const rule of format.set) if (conditionsHold(rule.when, draft)) draft.values[rule.field] = rule.value;
  if (format.source) draft.source = format.source;
  draft.format = format.id;
}

/** Tries the patterns of a format on a text; returns the first match and its pattern. */
export function matchPatterns(format: CompiledFormat, text: string): [RegExpExecArray, CompiledPattern] | undefined {
  for (const pattern of format.patterns) {
    const match = pattern.re.exec(text);
    if (match) return [match, pattern];
  }
  return undefined;
}

/**
 * Refines the draft with message formats: the first (by priority) whose `when` holds and whose
 * pattern matches the message is applied; when it replaced the message, the search restarts
 * with the others on the new message.
 */
export function runMessageChain(draft: Draft, messageFormats: readonly CompiledFormat[]): void {
  const applied: CompiledFormat[] = [];
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    let progressed = false;
    for (const format of messageFormats) {
      if (applied.includes(format) || !conditionsHold(format.when, draft)) continue;
      const message = valueOf(draft, 'message');
      const hit = matchPatterns(format, message);
      if (!hit) continue;
      applyMatch(format, hit[0], hit[1], draft);
      applied.push(format);
      // Only a format that hands on an inner message (e.g. "message repeated 3 times: [ … ]")
      // lets others refine it further; siblings must not re-read the same text.
      progressed = valueOf(draft, 'message') !== message;
      break;
    }
    if (!progressed) return;
  }
}

/** Splits a draft's values into event columns and `extra` (names starting with `_` are dropped). */
export function splitValues(values: Record<string, FieldValue>): {
  fields: Partial<Record<FieldColumn, FieldValue>>;
  extra: Record<string, FieldValue>;
} {
  const fields: Partial<Record<FieldColumn, FieldValue>> = {};
  const extra: Record<string, FieldValue> = {};
  for (const name in values) {
    const value = values[name];
    if (value === undefined || name.startsWith('_')) continue;
    if (COLUMN_SET.has(name)) fields[name as FieldColumn] = value;
    else if (value !== null) extra[name] = value;
  }
  return { fields, extra };
}
