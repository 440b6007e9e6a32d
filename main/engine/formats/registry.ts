import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FormatDefinitionSchema } from '../../../shared/types/format-definition.js';
import { DefinitionError } from '../errors.js';
import { packageRoot } from '../package-root.js';
import { CompileError, compileFormat, type CompiledFormat, type RegexEngine } from './compile.js';

/** Every known format, split by kind and sorted by priority (highest first). */
export interface FormatRegistry {
  readonly all: readonly CompiledFormat[];
  readonly line: readonly CompiledFormat[];
  readonly message: readonly CompiledFormat[];
  get(id: string): CompiledFormat | undefined;
}

/** The folder of the shipped definitions. */
export function builtinFormatsDir(): string {
  return join(packageRoot(), 'shared', 'formats');
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Best-effort line of a JSON path: the line of its last key, searched after its parents, or of
 * the offending string value itself when the path ends in one (a pattern in a list).
 */
export function lineOfPath(text: string, path: readonly PropertyKey[], json?: unknown): number | undefined {
  let from = 0;
  let found: number | undefined;
  let value: unknown = json;
  for (const key of path) {
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key !== 'string') continue;
    const at = text.indexOf(JSON.stringify(key), from);
    if (at < 0) break;
    from = at;
    found = at;
  }
  if (typeof value === 'string') {
    const at = text.indexOf(JSON.stringify(value), from);
    if (at >= 0) found = at;
  }
  return found === undefined ? undefined : lineAt(text, found);
}

/** Parses, validates and compiles one definition file's text (`re2`: a user's format, see compile.ts). */
export function parseFormatDefinition(text: string, file: string, engine: RegexEngine = 'js'): CompiledFormat {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const position = /position (\d+)/.exec((err as Error).message);
    throw new DefinitionError(`not valid JSON: ${(err as Error).message}`, file, position ? lineAt(text, Number(position[1])) : undefined);
  }
  const parsed = FormatDefinitionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || '(top level)';
    // A misspelt key is reported at the key itself.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
    throw new DefinitionError(`${where}: ${issue.message}`, file, lineOfPath(text, path));
  }
  try {
    return compileFormat(parsed.data, file, engine);
  } catch (err) {
    if (err instanceof CompileError) {
      throw new DefinitionError(`${err.path.join('.')}: ${err.message}`, file, lineOfPath(text, err.path, json));
    }
    throw err;
  }
}

/** Builds a registry; a later format with the same id overrides an earlier one (user over built-in). */
export function createRegistry(formats: readonly CompiledFormat[]): FormatRegistry {
  const byId = new Map<string, CompiledFormat>();
  for (const f of formats) byId.set(f.id, f);
  const all = [...byId.values()].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  return {
    all,
    line: all.filter((f) => f.kind === 'line'),
    message: all.filter((f) => f.kind === 'message'),
    get: (id) => byId.get(id),
  };
}

/** Loads every `*.json` definition of a folder; throws the first broken one as a DefinitionError. */
export function loadFormatsDir(dir: string): CompiledFormat[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      const format = parseFormatDefinition(readFileSync(file, 'utf8'), file);
      if (`${format.id}.json` !== name) {
        throw new DefinitionError(`id "${format.id}" does not match the file name`, file, lineOfPath(readFileSync(file, 'utf8'), ['id']));
      }
      return format;
    });
}

let builtin: FormatRegistry | undefined;

/** The shipped formats plus those of `extraDirs` (user formats), loaded once per process. */
export function loadRegistry(extraDirs: readonly string[] = []): FormatRegistry {
  if (extraDirs.length === 0 && builtin) return builtin;
  const registry = createRegistry([builtinFormatsDir(), ...extraDirs].flatMap(loadFormatsDir));
  if (extraDirs.length === 0) builtin = registry;
  return registry;
}
