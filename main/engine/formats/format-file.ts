import { stringify } from 'yaml';
import { FormatDefinitionSchema, type FormatDefinition } from '../../../shared/types/format-definition.js';
import { DefinitionError } from '../errors.js';
import { parseYamlDocuments } from '../rules/yaml-file.js';
import { CompileError, compileFormat, type CompiledFormat } from './compile.js';
import { lineOfPath, parseFormatDefinition } from './registry.js';

/** A user's format file, compiled (on re2js), with the line of any path in its text. */
export interface FormatFile {
  format: CompiledFormat;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

function isYaml(text: string, fileName: string): boolean {
  if (/\.ya?ml$/i.test(fileName)) return true;
  if (/\.json$/i.test(fileName)) return false;
  return !text.trimStart().startsWith('{');
}

function readYaml(text: string, fileName: string): FormatFile {
  const docs = parseYamlDocuments(text, fileName);
  if (docs.length !== 1) throw new DefinitionError(`a format file holds one definition; this one has ${docs.length} documents`, fileName, 1);
  const doc = docs[0]!;
  const parsed = FormatDefinitionSchema.safeParse(doc.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
    throw new DefinitionError(`${issue.path.join('.') || '(top level)'}: ${issue.message}`, fileName, doc.lineOf(path));
  }
  try {
    return { format: compileFormat(parsed.data, fileName, 're2'), lineOf: (path) => doc.lineOf(path) };
  } catch (err) {
    if (err instanceof CompileError) throw new DefinitionError(`${err.path.join('.')}: ${err.message}`, fileName, doc.lineOf(err.path));
    throw err;
  }
}

/**
 * Reads a format file a user brings (JSON or YAML, by its name or, without one, its first
 * character): the same shape as the shipped definitions, checked by their schema, every regex
 * compiled on re2js. Errors are DefinitionErrors at the file's line.
 */
export function readFormatFile(text: string, fileName: string): FormatFile {
  if (isYaml(text, fileName)) return readYaml(text, fileName);
  const format = parseFormatDefinition(text, fileName, 're2');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { format, lineOf: (path) => lineOfPath(text, path, json) };
}

/** A definition as a file to hand on: `<id>.json` or `<id>.yaml`. */
export function formatFileText(def: FormatDefinition, as: 'json' | 'yaml'): { fileName: string; text: string } {
  if (as === 'json') return { fileName: `${def.id}.json`, text: `${JSON.stringify(def, null, 2)}\n` };
  // lineWidth 0: a long regex stays on one line, as written.
  return { fileName: `${def.id}.yaml`, text: stringify(def, { lineWidth: 0 }) };
}
