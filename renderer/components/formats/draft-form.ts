import { FIELD_COLUMNS, SOURCES, type Source } from '../../../shared/types/event.js';
import type { FormatDefinition, FormatDraft } from '../../../shared/types/format-definition.js';

/** Where a named capture goes: the event's time, a column, `extra` under its own name, or nowhere. */
export const TS_TARGET = 'ts';
export const EXTRA_TARGET = 'extra';
export const DROP_TARGET = 'drop';
export const CAPTURE_TARGETS = [TS_TARGET, ...FIELD_COLUMNS, EXTRA_TARGET, DROP_TARGET] as const;

/** Stamp layouts offered first (docs/formats.md); the shipped formats' own are added to them. */
export const COMMON_LAYOUTS = ['iso8601', 'yyyy-MM-dd HH:mm:ss[.S]', 'MMM d HH:mm:ss', 'dd/MMM/yyyy:HH:mm:ss Z', 'yyyy/MM/dd HH:mm:ss', 'epoch-s', 'epoch-ms', 'epoch-us'];

/** What the Formats screen edits; a definition is made from it (toDraft). */
export interface FormState {
  id: string;
  title: string;
  source: Source;
  /** The first pattern; the others of a loaded definition are kept as they are. */
  regex: string;
  layout: string;
  ignore: string;
  continuation: string;
  /** Capture name → target (CAPTURE_TARGETS); a capture not listed takes its default. */
  mapping: Record<string, string>;
  /** The definition the form was loaded from: what the form does not edit is kept from it. */
  base: FormatDefinition | null;
}

export const EMPTY_FORM: FormState = {
  id: 'my-format',
  title: 'My format',
  source: 'system',
  regex: '^(?<timestamp>\\S+) (?<message>.*)$',
  layout: 'iso8601',
  ignore: '',
  continuation: '',
  mapping: {},
  base: null,
};

const COLUMNS: ReadonlySet<string> = new Set(FIELD_COLUMNS);
/** `(?<name>` or RE2's `(?P<name>`, not after a backslash that escapes its parenthesis. */
const GROUP = /(?<!\\)((?:\\\\)*)\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g;

/** Named captures of a regex, in order, each once. */
export function captureNames(regex: string): string[] {
  return [...new Set([...regex.matchAll(GROUP)].map((m) => m[2]!))];
}

/** A capture's target when the user has not chosen one: its own column, the stamp, else `extra`. */
export function defaultTarget(name: string, tsField = 'timestamp'): string {
  if (name === tsField || name === 'timestamp' || name === 'ts') return TS_TARGET;
  if (COLUMNS.has(name)) return name;
  if (name.startsWith('_')) return DROP_TARGET;
  return EXTRA_TARGET;
}

/** The group name a capture takes in the saved regex, for its target (docs/formats.md, Captures). */
function groupName(name: string, target: string): string {
  if (target === TS_TARGET) return 'timestamp';
  if (target === DROP_TARGET) return name.startsWith('_') ? name : `_${name}`;
  if (target === EXTRA_TARGET) return COLUMNS.has(name) || name === 'timestamp' ? `x_${name}` : name;
  return target;
}

/** The regex with its named captures renamed for their targets. */
export function mappedRegex(regex: string, mapping: Readonly<Record<string, string>>, tsField = 'timestamp'): string {
  return regex.replace(GROUP, (_all, slashes: string, name: string) => `${slashes}(?<${groupName(name, mapping[name] ?? defaultTarget(name, tsField))}>`);
}

/** The definition the form describes, samples left to the engine (formats.save makes them). */
export function toDraft(form: FormState): FormatDraft {
  const base = form.base;
  const tsField = base?.timestamp?.field ?? 'timestamp';
  const rest = base ? base.patterns.slice(1) : [];
  const first = base?.patterns[0];
  const regex = mappedRegex(form.regex, form.mapping, tsField);
  const pattern = typeof first === 'object' ? { ...first, regex } : regex;
  const draft: FormatDraft = {
    ...(base ?? { paths: [], fields: {}, values: {}, nulls: ['-', ''], set: [], priority: 0 }),
    id: form.id.trim(),
    title: form.title.trim() || form.id.trim(),
    kind: 'line',
    source: form.source,
    patterns: [pattern, ...rest.map((p) => (typeof p === 'string' ? mappedRegex(p, form.mapping, tsField) : { ...p, regex: mappedRegex(p.regex, form.mapping, tsField) }))],
    ignore: form.ignore.trim() ? [form.ignore] : [],
    timestamp: { ...base?.timestamp, field: 'timestamp', layouts: [form.layout.trim() || 'iso8601', ...(base?.timestamp?.layouts.slice(1) ?? [])] },
    samples: [],
  };
  if (form.continuation.trim()) draft.continuation = form.continuation;
  else delete draft.continuation;
  return draft;
}

/** The form for a definition (a user's format, or a shipped one used as a template). */
export function fromDefinition(def: FormatDefinition, asCopy: boolean): FormState {
  const first = def.patterns[0];
  const tsField = def.timestamp?.field ?? 'timestamp';
  const regex = first === undefined ? '' : typeof first === 'string' ? first : first.regex;
  const mapping = Object.fromEntries(captureNames(regex).map((n) => [n, defaultTarget(n, tsField)]));
  return {
    id: asCopy ? `${def.id}-copy` : def.id,
    title: asCopy ? `${def.title} (copy)` : def.title,
    source: def.source && (SOURCES as readonly string[]).includes(def.source) ? def.source : 'system',
    regex,
    layout: def.timestamp?.layouts[0] ?? 'iso8601',
    ignore: def.ignore[0] ?? '',
    continuation: def.continuation ?? '',
    mapping,
    base: { ...def, samples: asCopy ? [] : def.samples },
  };
}
