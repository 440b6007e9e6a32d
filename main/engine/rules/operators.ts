import { RE2JS } from 're2js';
import type { FieldValue } from '../../../shared/types/event.js';
import { cidrMatcher } from './cidr.js';
import { RuleIssue, type ConditionContext } from './issue.js';
import type { CodeWriter } from './judge-code.js';
import type { ValueList } from './schema.js';

/** The operators of a field condition and their JS tests and SQL (docs/rules.md, Conditions). */

export type Scalar = string | number;
export type Test = (value: FieldValue) => boolean;
/** An operator's SQL: `exact` when it decides exactly as the JS test does (NULL as false). */
export interface SqlPart {
  sql: string;
  params: FieldValue[];
  exact: boolean;
}

export const OPERATORS = ['equals', 'in', 'not_in', 'cidr', 'not_cidr', 'regex', 'not_regex', 'contains', 'startswith', 'endswith', 'min', 'max', 'exists', 'in_list', 'not_in_list'] as const;
export type Operator = (typeof OPERATORS)[number];

export function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function sameValue(a: FieldValue, b: Scalar): boolean {
  if (a === null) return false;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b) && String(a).trim() !== '';
  return a === b;
}

/**
 * sameValue against every value of a list, by two Set lookups instead of a comparison per value
 * (hacker-tool-ports alone has dozens, tested on every firewall event): a string is equal to the
 * same string, or by number to a number of the list; a number, by number to any value of it.
 */
function memberOf(list: readonly Scalar[]): Test {
  const texts = new Set(list.filter((x): x is string => typeof x === 'string'));
  const numbers = new Set(list.filter((x): x is number => typeof x === 'number'));
  const byNumber = new Set(list.map(Number).filter((n) => !Number.isNaN(n)));
  return (v) => {
    if (v === null) return false;
    if (typeof v === 'number') return byNumber.has(v);
    if (texts.has(v)) return true;
    return numbers.size > 0 && v.trim() !== '' && numbers.has(Number(v));
  };
}

function scalars(value: unknown, path: readonly PropertyKey[]): Scalar[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0) throw new RuleIssue(path, 'an empty list matches nothing');
  list.forEach((v, i) => {
    if (!isScalar(v)) throw new RuleIssue(Array.isArray(value) ? [...path, i] : path, `expected a string or a number, got ${JSON.stringify(v)}`);
  });
  return list as Scalar[];
}

function strings(value: unknown, path: readonly PropertyKey[]): string[] {
  return scalars(value, path).map(String);
}

function compileRegex(pattern: string, path: readonly PropertyKey[], flags = 0): RE2JS {
  try {
    return RE2JS.compile(pattern, flags);
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).replace(/^error parsing regexp: /, '');
    const hint = /\(\?<?[=!]|\\[1-9]/.test(pattern) ? ' (RE2 syntax has no lookaround or backreferences)' : '';
    throw new RuleIssue(path, `invalid regex ${JSON.stringify(pattern)}: ${reason}${hint}`);
  }
}

function listTest(name: unknown, ctx: ConditionContext, path: readonly PropertyKey[]): Test {
  if (typeof name !== 'string') throw new RuleIssue(path, 'expected the id of a list in shared/rules/lists');
  const list = ctx.lists.get(name);
  if (!list) throw new RuleIssue(path, `no list named ${JSON.stringify(name)} (known: ${[...ctx.lists.keys()].join(', ') || 'none'})`);
  const isValue = memberOf(list.entries.filter((e) => e.value !== undefined).map((e) => e.value!));
  const ranges = list.entries.filter((e) => e.range !== undefined).map((e) => e.range!);
  return (v) => {
    if (v === null) return false;
    if (isValue(v)) return true;
    const n = Number(v);
    return Number.isFinite(n) && String(v).trim() !== '' && ranges.some(([lo, hi]) => n >= lo && n <= hi);
  };
}

/** How many texts a regex test remembers its answer for. */
const REMEMBERED_TEXTS = 4096;

/**
 * A text test that remembers its last answers: the same request paths and user agents come back
 * thousands of times in a web log, and RE2 in JavaScript is the costliest test a rule runs.
 * Bounded (emptied when full), so a log whose every line differs costs a lookup, not memory.
 */
function remembered(test: (text: string) => boolean): (text: string) => boolean {
  const answers = new Map<string, boolean>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined) {
      if (answers.size >= REMEMBERED_TEXTS) answers.clear();
      answers.set(text, (answer = test(text)));
    }
    return answer;
  };
}

/** `RegExp.escape` (not in Node 20): every syntax character of a literal escaped for a `u` pattern. */
function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * contains / startswith / endswith, any case. A pattern made only of escaped literals cannot
 * backtrack badly, so V8's own engine runs it (several times faster than re2js); `iu` folds case
 * as RE2's `(?i)` does, by Unicode simple case folding.
 */
function textTest(value: unknown, path: readonly PropertyKey[], make: (escaped: string) => string): Test {
  const re = new RegExp(`(?:${strings(value, path).map((s) => make(escapeLiteral(s))).join('|')})`, 'iu');
  return (v) => v !== null && re.test(String(v));
}

export function operatorTest(op: Operator, arg: unknown, path: readonly PropertyKey[], ctx: ConditionContext): Test {
  switch (op) {
    case 'equals': {
      if (!isScalar(arg)) throw new RuleIssue(path, 'expected a string or a number');
      return (v) => sameValue(v, arg);
    }
    case 'in': case 'not_in': {
      const inList = memberOf(scalars(arg, path));
      return op === 'in' ? inList : (v) => !inList(v);
    }
    case 'cidr': case 'not_cidr': {
      const matchers = strings(arg, path).map((c, i) => {
        const m = cidrMatcher(c);
        if (!m) throw new RuleIssue(Array.isArray(arg) ? [...path, i] : path, `${JSON.stringify(c)} is not a CIDR block such as 10.0.0.0/8 or fc00::/7`);
        return m;
      });
      const inside: Test = (v) => typeof v === 'string' && matchers.some((m) => m(v));
      return op === 'cidr' ? inside : (v) => !inside(v);
    }
    case 'regex': case 'not_regex': {
      const res = strings(arg, path).map((p, i) => compileRegex(p, Array.isArray(arg) ? [...path, i] : path));
      const matches = remembered((text) => res.some((re) => re.test(text)));
      const found: Test = (v) => v !== null && matches(String(v));
      return op === 'regex' ? found : (v) => !found(v);
    }
    case 'contains': return textTest(arg, path, (s) => s);
    case 'startswith': return textTest(arg, path, (s) => `^${s}`);
    case 'endswith': return textTest(arg, path, (s) => `${s}$`);
    case 'min': case 'max': {
      if (typeof arg !== 'number') throw new RuleIssue(path, 'expected a number');
      return (v) => {
        if (v === null || String(v).trim() === '') return false;
        const n = Number(v);
        return Number.isFinite(n) && (op === 'min' ? n >= arg : n <= arg);
      };
    }
    case 'exists': {
      if (typeof arg !== 'boolean') throw new RuleIssue(path, 'expected true or false');
      return (v) => (v !== null && v !== '') === arg;
    }
    case 'in_list': return listTest(arg, ctx, path);
    case 'not_in_list': {
      const inList = listTest(arg, ctx, path);
      return (v) => !inList(v);
    }
  }
}

/** Lists up to this long are written out as comparisons; longer ones are asked of their Sets. */
const WRITTEN_LIST_MAX = 8;

/**
 * An operator's test as a JS expression on `x` (a read of a row's column, free to repeat), for the
 * rule tap's compiled judge (judge-code.ts). It says exactly what `test` (the same operator's
 * compiled test) says: the common cases are written as comparisons, the rest call `test`.
 */
export function operatorCode(op: Operator, arg: unknown, x: string, test: Test, writer: CodeWriter): string {
  const call = `${writer.constant(test)}(${x})`;
  const list = (Array.isArray(arg) ? arg : [arg]) as Scalar[];
  switch (op) {
    case 'equals':
      return typeof arg === 'string' ? `(typeof ${x} === 'string' ? ${x} === ${writer.constant(arg)} : ${call})` : `(typeof ${x} === 'number' ? ${x} === ${writer.constant(arg)} : ${call})`;
    case 'in': case 'not_in': {
      // `test` is the operator's own: for not_in, the negation of membership.
      const member = op === 'in' ? call : `!${call}`;
      if (list.length > WRITTEN_LIST_MAX || !list.every(isScalar)) return call;
      // A text matches its equal text, or a number of the list by value ("404" and 404): the test says which.
      const texts = list.filter((v): v is string => typeof v === 'string').map((v) => `${x} === ${writer.constant(v)}`);
      const numbers = list.map(Number).filter((n) => !Number.isNaN(n)).map((n) => `${x} === ${writer.constant(n)}`);
      const onText = list.some((v) => typeof v === 'number') ? [...texts, member] : texts;
      const inList = `(typeof ${x} === 'string' ? ${onText.join(' || ') || 'false'} : typeof ${x} === 'number' ? ${numbers.join(' || ') || 'false'} : false)`;
      return op === 'in' ? inList : `!${inList}`;
    }
    case 'min':
      return typeof arg === 'number' ? `(typeof ${x} === 'number' ? ${x} >= ${writer.constant(arg)} && Number.isFinite(${x}) : ${call})` : call;
    case 'max':
      return typeof arg === 'number' ? `(typeof ${x} === 'number' ? ${x} <= ${writer.constant(arg)} && Number.isFinite(${x}) : ${call})` : call;
    default:
      return call;
  }
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function listSql(column: string, list: ValueList): SqlPart {
  const values = list.entries.filter((e) => e.value !== undefined).map((e) => e.value!);
  const ranges = list.entries.filter((e) => e.range !== undefined).map((e) => e.range!);
  const parts = [
    ...(values.length ? [`${column} IN (${values.map(() => '?').join(', ')})`] : []),
    ...ranges.map(() => `${column} BETWEEN ? AND ?`),
  ];
  return { sql: `(${parts.join(' OR ')})`, params: [...values, ...ranges.flat()], exact: true };
}

/** The SQL of one operator on a column, or null when it can only run in JS. */
export function operatorSql(column: string, op: Operator, arg: unknown, ctx: ConditionContext): SqlPart | null {
  const many = (Array.isArray(arg) ? arg : [arg]) as Scalar[];
  switch (op) {
    case 'equals': return isScalar(arg) ? { sql: `${column} = ?`, params: [arg], exact: true } : null;
    case 'in': return { sql: `${column} IN (${many.map(() => '?').join(', ')})`, params: many, exact: true };
    case 'not_in': return { sql: `(${column} IS NULL OR ${column} NOT IN (${many.map(() => '?').join(', ')}))`, params: many, exact: true };
    case 'min': return { sql: `${column} >= ?`, params: [arg as number], exact: true };
    case 'max': return { sql: `${column} <= ?`, params: [arg as number], exact: true };
    case 'exists': return arg ? { sql: `(${column} IS NOT NULL AND ${column} <> '')`, params: [], exact: true } : { sql: `(${column} IS NULL OR ${column} = '')`, params: [], exact: true };
    case 'in_list': return listSql(column, ctx.lists.get(arg as string)!);
    // The store's REGEXP is this same re2js test, NULL as false.
    case 'regex': return { sql: `(${many.map(() => `${column} REGEXP ?`).join(' OR ')})`, params: many, exact: true };
    // LIKE folds ASCII case only, the JS test any case: the SQL narrows, JS decides.
    case 'contains': case 'startswith': case 'endswith': {
      const pattern = (s: string): string => (op === 'startswith' ? `${likeEscape(s)}%` : op === 'endswith' ? `%${likeEscape(s)}` : `%${likeEscape(s)}%`);
      return { sql: `(${many.map(() => `${column} LIKE ? ESCAPE '\\'`).join(' OR ')})`, params: many.map((v) => pattern(String(v))), exact: false };
    }
    default: return null;
  }
}
