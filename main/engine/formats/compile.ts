import type { FieldValue, Source } from '../../../shared/types/event.js';
import { INTEGER_COLUMNS } from '../../../shared/types/event.js';
import type { FieldTypeName, FormatDefinition } from '../../../shared/types/format-definition.js';
import { compileLayout, type CompiledLayout } from '../time/layout.js';
import { SafeRegex, type LineRegex } from './safe-regex.js';

/** A condition `{ field: regex }` of `when` and `set`. */
export interface Condition {
  field: string;
  re: LineRegex;
}

export interface CompiledPattern {
  re: LineRegex;
  set: [string, FieldValue][];
  /** Its named captures (the stamp excluded), each with its converter: no lookups per line. */
  captures: { name: string; convert: Converter }[];
}

export interface CompiledTimestamp {
  field: string;
  layouts: CompiledLayout[];
  zone?: string;
  zoneByPath: { re: LineRegex; zone: string; reason: string }[];
}

type Converter = (text: string) => FieldValue;

/** A format definition made ready to run: regexes built, value maps and types resolved. */
export interface CompiledFormat {
  readonly def: FormatDefinition;
  readonly id: string;
  readonly kind: 'line' | 'message';
  readonly source: Source | undefined;
  readonly priority: number;
  readonly file: string;
  /** `re2`: every regex runs on re2js (user formats); `js`: V8's RegExp (the shipped ones). */
  readonly engine: RegexEngine;
  readonly patterns: CompiledPattern[];
  readonly paths: LineRegex[];
  readonly when: Condition[];
  readonly ignore: LineRegex[];
  readonly header: LineRegex | undefined;
  readonly continuation: LineRegex | undefined;
  readonly detect: LineRegex | undefined;
  readonly timestamp: CompiledTimestamp | undefined;
  readonly set: { field: string; value: FieldValue; when: Condition[] }[];
}

/** Thrown by compileFormat with the JSON path of the offending value. */
export class CompileError extends Error {
  constructor(message: string, readonly path: (string | number)[]) {
    super(message);
  }
}

/**
 * Which engine runs a format's regexes. Shipped formats are reviewed data and run on V8's
 * RegExp (several times faster); a user's format runs on re2js, whose linear time means no
 * pattern can hang an import or the editor (design §11).
 */
export type RegexEngine = 'js' | 're2';

type RegexMaker = (source: string, path: (string | number)[], multiline?: boolean) => LineRegex;

function regexMaker(engine: RegexEngine): RegexMaker {
  return (source, path, multiline = false) => {
    try {
      return engine === 're2' ? new SafeRegex(source, { multiline }) : new RegExp(source, multiline ? 'm' : '');
    } catch (err) {
      const message = (err as Error).message;
      throw new CompileError(engine === 're2' ? message : `invalid regex: ${message}`, path);
    }
  };
}

function conditions(regex: RegexMaker, map: Record<string, string> | undefined, path: (string | number)[]): Condition[] {
  return Object.entries(map ?? {}).map(([field, re]) => ({ field, re: regex(re, [...path, field]) }));
}

function typeConverter(type: FieldTypeName | undefined): (text: string) => FieldValue {
  switch (type) {
    case 'integer':
      return (text) => {
        const n = Number(text);
        return Number.isSafeInteger(n) && text.trim() !== '' ? n : null;
      };
    case 'lower':
      return (text) => text.toLowerCase();
    case 'upper':
      return (text) => text.toUpperCase();
    case 'ip':
      // regiond and sshd show IPv4 clients of a dual-stack socket as ::ffff:a.b.c.d
      return (text) => (text.startsWith('::ffff:') && text.includes('.') ? text.slice(7) : text);
    default:
      return (text) => text;
  }
}

function valueMapper(
  regex: RegexMaker,
  map: FormatDefinition['values'][string] | undefined,
  path: (string | number)[],
): ((text: string) => FieldValue | string) | undefined {
  if (!map) return undefined;
  if (Array.isArray(map)) {
    const rules = map.map((rule, i) => ({ re: regex(rule.match, [...path, i, 'match']), value: rule.value }));
    return (text) => {
      for (const rule of rules) if (rule.re.test(text)) return rule.value;
      return text;
    };
  }
  const exact = new Map(Object.entries(map));
  return (text) => (exact.has(text) ? (exact.get(text) as FieldValue) : text);
}

function converters(def: FormatDefinition, regex: RegexMaker): (name: string) => Converter {
  const nulls = new Set(def.nulls);
  const cache = new Map<string, Converter>();
  const build = (name: string): Converter => {
    const type = def.fields[name] ?? (INTEGER_COLUMNS.has(name) ? 'integer' : undefined);
    const toType = typeConverter(type);
    const mapValue = valueMapper(regex, def.values[name], ['values', name]);
    return (text) => {
      const mapped = mapValue ? mapValue(text) : text;
      if (typeof mapped !== 'string') return mapped;
      if (nulls.has(mapped)) return null;
      return toType(mapped);
    };
  };
  // Built now, not on first use: a bad regex in a value map is reported when the format loads.
  for (const name of new Set([...Object.keys(def.fields), ...Object.keys(def.values)])) cache.set(name, build(name));
  return (name) => {
    let convert = cache.get(name);
    if (!convert) {
      convert = build(name);
      cache.set(name, convert);
    }
    return convert;
  };
}

/** Names of the named groups of a regex, in order. */
function groupNames(re: LineRegex, source: string): string[] {
  if (re instanceof SafeRegex) return re.groupNames;
  return [...source.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1]!);
}

/** Compiles one validated definition; `file` is where it came from, for error messages. */
export function compileFormat(def: FormatDefinition, file: string, engine: RegexEngine = 'js'): CompiledFormat {
  const regex = regexMaker(engine);
  const converterOf = converters(def, regex);
  const tsField = def.timestamp?.field ?? 'timestamp';
  const pattern = (source: string, path: (string | number)[], set: [string, FieldValue][]): CompiledPattern => {
    const re = regex(source, path);
    return { re, set, captures: groupNames(re, source).filter((name) => name !== tsField).map((name) => ({ name, convert: converterOf(name) })) };
  };
  const patterns = def.patterns.map((p, i): CompiledPattern =>
    typeof p === 'string' ? pattern(p, ['patterns', i], []) : pattern(p.regex, ['patterns', i, 'regex'], Object.entries(p.set ?? {})),
  );
  let timestamp: CompiledTimestamp | undefined;
  if (def.timestamp) {
    const ts = def.timestamp;
    timestamp = {
      field: ts.field,
      layouts: ts.layouts.map((layout, i) => {
        try {
          return compileLayout(layout);
        } catch (err) {
          throw new CompileError((err as Error).message, ['timestamp', 'layouts', i]);
        }
      }),
      zone: ts.zone,
      zoneByPath: (ts.zoneByPath ?? []).map((z, i) => ({
        re: regex(z.path, ['timestamp', 'zoneByPath', i, 'path']),
        zone: z.zone,
        reason: z.reason,
      })),
    };
  }
  if (def.kind === 'line' && !def.decoder && patterns.length === 0) {
    throw new CompileError('a line format needs patterns or a decoder', ['patterns']);
  }
  if (def.kind === 'line' && !def.decoder && !timestamp) {
    throw new CompileError('a line format needs a timestamp', ['timestamp']);
  }
  if (def.decoder && !def.detect) throw new CompileError('a decoder format needs `detect`', ['detect']);
  return {
    def,
    engine,
    id: def.id,
    kind: def.kind,
    source: def.source,
    priority: def.priority,
    file,
    patterns,
    paths: def.paths.map((p, i) => regex(p, ['paths', i])),
    when: conditions(regex, def.when, ['when']),
    ignore: def.ignore.map((p, i) => regex(p, ['ignore', i])),
    header: def.header ? regex(def.header, ['header']) : undefined,
    continuation: def.continuation ? regex(def.continuation, ['continuation']) : undefined,
    detect: def.detect ? regex(def.detect, ['detect'], true) : undefined,
    timestamp,
    set: def.set.map((rule, i) => ({ field: rule.field, value: rule.value, when: conditions(regex, rule.when, ['set', i, 'when']) })),
  };
}
