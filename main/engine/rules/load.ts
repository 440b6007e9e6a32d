import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DefinitionError } from '../errors.js';
import { packageRoot } from '../package-root.js';
import type { CompiledRule } from './compiled.js';
import { compileRule } from './compile.js';
import { RuleIssue, type ConditionContext } from './conditions.js';
import { ruleDocToYaml } from './rule-yaml.js';
import { RuleSchema, ValueListSchema, type RuleDoc, type ValueList } from './schema.js';
import { sigmaRuleDocs, type SigmaSource } from './sigma-rules.js';
import { isSigmaDocument } from './sigma.js';
import { parseYamlDocuments, type YamlFile } from './yaml-file.js';

/** A rule that was not loaded, and why (Sigma rules mfw cannot run). */
export interface RefusedRule {
  file: string;
  line?: number;
  id?: string;
  reason: string;
}

export interface RuleSet {
  rules: CompiledRule[];
  refused: RefusedRule[];
}

export interface RuleSetOptions {
  /** Load the shipped rules (default true). */
  builtin?: boolean;
  /** User rule files or folders (`--rules`), loaded after the built-in ones: a rule with a built-in id replaces it. */
  paths?: readonly string[];
}

/** The folder of the shipped rules. */
export function builtinRulesDir(): string {
  return join(packageRoot(), 'shared', 'rules');
}

function isYaml(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** YAML files of a file or folder (folders recursively, in name order). */
function yamlFiles(path: string): string[] {
  if (!existsSync(path)) throw new DefinitionError('no such rule file or folder', path);
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => (d.isDirectory() ? yamlFiles(join(path, d.name)) : isYaml(d.name) ? [join(path, d.name)] : []));
}

function isListDocument(data: unknown): boolean {
  return data !== null && typeof data === 'object' && 'entries' in data && !('kind' in data);
}

/** A zod failure as a DefinitionError at the line of the offending key. */
function schemaError(yaml: YamlFile, issues: readonly { path: PropertyKey[]; message: string; code: string; keys?: string[] }[]): DefinitionError {
  // A misspelt key also makes its right spelling "missing": the misspelling is the news.
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
  const path = issue.code === 'unrecognized_keys' && issue.keys ? [...issue.path, issue.keys[0]!] : issue.path;
  const where = issue.path.map(String).join('.') || '(top level)';
  const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
  const message = issue.code === 'unrecognized_keys'
    ? `${where}: unknown key "${issue.keys?.join('", "') ?? ''}"`
    : missing ? `${where}: missing (see docs/rules.md)` : `${where}: ${issue.message}`;
  return new DefinitionError(message, yaml.file, yaml.lineOf(path));
}

function parseList(yaml: YamlFile): ValueList {
  const parsed = ValueListSchema.safeParse(yaml.data);
  if (!parsed.success) throw schemaError(yaml, parsed.error.issues);
  return parsed.data;
}

function parseRuleDoc(yaml: YamlFile, path: readonly PropertyKey[] = []): RuleDoc {
  const parsed = RuleSchema.safeParse(yaml.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ ...i, path: [...path, ...i.path] }));
    throw schemaError(yaml, issues);
  }
  return parsed.data;
}

function compileAt(yaml: YamlFile, doc: RuleDoc, origin: 'builtin' | 'user' | 'sigma', ctx: ConditionContext, text: string): CompiledRule {
  try {
    return compileRule(doc, { file: yaml.file, origin, yaml: text }, ctx);
  } catch (err) {
    if (err instanceof RuleIssue) throw new DefinitionError(`${err.path.map(String).join('.')}: ${err.message}`, yaml.file, yaml.lineOf(err.path));
    throw err;
  }
}

interface Collected {
  lists: Map<string, ValueList>;
  rules: { yaml: YamlFile; origin: 'builtin' | 'user' }[];
  sigma: SigmaSource[];
}

function collect(files: readonly { path: string; origin: 'builtin' | 'user' }[]): Collected {
  const out: Collected = { lists: new Map(), rules: [], sigma: [] };
  for (const { path, origin } of files) {
    for (const yaml of parseYamlDocuments(readFileSync(path, 'utf8'), path)) {
      if (isSigmaDocument(yaml.data)) out.sigma.push({ yaml });
      else if (isListDocument(yaml.data)) {
        const list = parseList(yaml);
        out.lists.set(list.id, list);
      } else out.rules.push({ yaml, origin });
    }
  }
  return out;
}

/**
 * Loads the built-in rules and the user's (mfw YAML rules, value lists and Sigma rules, told
 * apart by their keys). A broken mfw rule is a DefinitionError at its file and line; a Sigma
 * rule mfw cannot run is refused with its reason and the rest still load.
 */
export function loadRuleSet(options: RuleSetOptions = {}): RuleSet {
  const files = [
    ...(options.builtin === false ? [] : yamlFiles(builtinRulesDir()).map((path) => ({ path, origin: 'builtin' as const }))),
    ...(options.paths ?? []).flatMap((p) => yamlFiles(p).map((path) => ({ path, origin: 'user' as const }))),
  ];
  const collected = collect(files);
  const ctx: ConditionContext = { lists: collected.lists };
  const byId = new Map<string, CompiledRule>();
  for (const { yaml, origin } of collected.rules) {
    const rule = compileAt(yaml, parseRuleDoc(yaml), origin, ctx, yaml.text);
    byId.delete(rule.meta.id); // re-inserted: an override keeps the order of loading
    byId.set(rule.meta.id, rule);
  }
  const sigma = sigmaRuleDocs(collected.sigma);
  for (const { yaml, doc } of sigma.docs) {
    const rule = compileAt(yaml, doc, 'sigma', ctx, ruleDocToYaml(doc, `converted from the Sigma rule in ${yaml.file}`));
    byId.delete(rule.meta.id);
    byId.set(rule.meta.id, rule);
  }
  return { rules: [...byId.values()], refused: sigma.refused };
}

/**
 * Compiles one mfw rule written as YAML text (the Rules screen's editor): a syntax, schema or
 * compile mistake is a DefinitionError at its line, as for a rule file. `lists` are the value
 * lists `in_list` may name.
 */
export function compileRuleText(text: string, file: string, lists: ReadonlyMap<string, ValueList>): { rule: CompiledRule; doc: RuleDoc } {
  const docs = parseYamlDocuments(text, file);
  if (docs.length === 0) throw new DefinitionError('the rule is empty', file, 1);
  if (docs.length > 1) throw new DefinitionError('one rule only: remove the second document (---)', file, docs[1]!.lineOf([]));
  const yaml = docs[0]!;
  if (isSigmaDocument(yaml.data)) throw new DefinitionError('this is a Sigma rule: import it with Import Sigma', file, 1);
  if (isListDocument(yaml.data)) throw new DefinitionError('this is a value list, not a rule', file, 1);
  const doc = parseRuleDoc(yaml);
  return { rule: compileAt(yaml, doc, 'user', { lists }, text), doc };
}

/** The value lists of the built-in rules and of the user's rules folder (what `in_list` may name). */
export function installedValueLists(): Map<string, ValueList> {
  const userDir = userRulesDir();
  const files = [builtinRulesDir(), ...(existsSync(userDir) ? [userDir] : [])].flatMap((dir) => yamlFiles(dir).map((path) => ({ path, origin: 'user' as const })));
  return collect(files).lists;
}

/**
 * The user's own rules folder: `$MFW_RULES_DIR`, else `$XDG_CONFIG_HOME/mfw/rules` (default
 * `~/.config/mfw/rules`); loaded when it exists, after the built-in rules and before `--rules`.
 */
export function userRulesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MFW_RULES_DIR) return env.MFW_RULES_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'mfw', 'rules');
}

/** The rules every host runs: the built-in ones, the user's folder when it exists, then `paths`. */
export function installedRuleSet(options: RuleSetOptions = {}): RuleSet {
  const userDir = userRulesDir();
  return loadRuleSet({ ...options, paths: [...(existsSync(userDir) ? [userDir] : []), ...(options.paths ?? [])] });
}
