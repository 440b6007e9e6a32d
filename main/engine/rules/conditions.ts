import { RE2JS } from 're2js';
import type { FieldValue } from '../../../shared/types/event.js';
import { cidrMatcher } from './cidr.js';
import { fieldValue, isColumn, isKnownField, type RuleEvent } from './fields.js';
import type { ValueList } from './schema.js';

/**
 * A compiled `where`: `test` decides; `sql` (with `params`) is a WHERE clause that keeps at least
 * every event `test` accepts, so candidates are fetched by SQL and only those are tested in JS.
 * `sql` null means "no narrowing possible" (every dated event is a candidate).
 */
export interface Filter {
  sql: string | null;
  params: FieldValue[];
  test(ev: RuleEvent): boolean;
}

/** A mistake in a rule, at a path inside its file (the loader turns it into a DefinitionError with a line). */
export class RuleIssue extends Error {
  constructor(readonly path: readonly PropertyKey[], message: string) {
    super(message);
  }
}

export interface ConditionContext {
  lists: ReadonlyMap<string, ValueList>;
}

type Scalar = string | number;
type Test = (value: FieldValue) => boolean;
interface Part {
  sql: string | null;
  params: FieldValue[];
  test: Test;
}

const OPERATORS = ['equals', 'in', 'not_in', 'cidr', 'not_cidr', 'regex', 'not_regex', 'contains', 'startswith', 'endswith', 'min', 'max', 'exists', 'in_list', 'not_in_list'] as const;
type Operator = (typeof OPERATORS)[number];

const TRUE: Filter = { sql: null, params: [], test: () => true };

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function sameValue(a: FieldValue, b: Scalar): boolean {
  if (a === null) return false;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b) && String(a).trim() !== '';
  return a === b;
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
  const values = list.entries.filter((e) => e.value !== undefined).map((e) => e.value!);
  const ranges = list.entries.filter((e) => e.range !== undefined).map((e) => e.range!);
  return (v) => {
    if (v === null) return false;
    if (values.some((x) => sameValue(v, x))) return true;
    const n = Number(v);
    return Number.isFinite(n) && String(v).trim() !== '' && ranges.some(([lo, hi]) => n >= lo && n <= hi);
  };
}

function textTest(value: unknown, path: readonly PropertyKey[], make: (escaped: string) => string): Test {
  const patterns = strings(value, path).map((s) => make(RE2JS.quote(s)));
  const re = compileRegex(`(?i)(?:${patterns.join('|')})`, path);
  return (v) => v !== null && re.test(String(v));
}

function operatorTest(op: Operator, arg: unknown, path: readonly PropertyKey[], ctx: ConditionContext): Test {
  switch (op) {
    case 'equals': {
      if (!isScalar(arg)) throw new RuleIssue(path, 'expected a string or a number');
      return (v) => sameValue(v, arg);
    }
    case 'in': case 'not_in': {
      const list = scalars(arg, path);
      const inList: Test = (v) => list.some((x) => sameValue(v, x));
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
      const found: Test = (v) => v !== null && res.some((re) => re.test(String(v)));
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

function operatorSql(column: string, op: Operator, arg: unknown): Part | null {
  if (op === 'equals' && isScalar(arg)) return { sql: `${column} = ?`, params: [arg], test: () => true };
  if (op === 'in' && Array.isArray(arg)) return { sql: `${column} IN (${arg.map(() => '?').join(', ')})`, params: arg as Scalar[], test: () => true };
  if ((op === 'min' || op === 'max') && typeof arg === 'number') return { sql: `${column} ${op === 'min' ? '>=' : '<='} ?`, params: [arg], test: () => true };
  if (op === 'exists' && arg === true) return { sql: `${column} IS NOT NULL`, params: [], test: () => true };
  return null;
}

/** One field's condition: a scalar (equals), a list (in) or an object of operators (all must hold). */
function fieldCondition(field: string, cond: unknown, path: readonly PropertyKey[], ctx: ConditionContext): Filter {
  if (!isKnownField(field)) throw new RuleIssue(path, `unknown field ${JSON.stringify(field)}: use an events column, src_subnet, dst_subnet, request or extra.KEY`);
  const ops: [Operator, unknown][] = [];
  if (isScalar(cond)) ops.push(['equals', cond]);
  else if (Array.isArray(cond)) ops.push(['in', cond]);
  else if (cond !== null && typeof cond === 'object') {
    for (const [op, arg] of Object.entries(cond)) {
      if (!(OPERATORS as readonly string[]).includes(op)) throw new RuleIssue([...path, op], `unknown operator ${JSON.stringify(op)} (use ${OPERATORS.join(', ')})`);
      ops.push([op as Operator, arg]);
    }
    if (ops.length === 0) throw new RuleIssue(path, 'an empty condition');
  } else {
    throw new RuleIssue(path, 'expected a value, a list of values or an object of operators');
  }
  const tests = ops.map(([op, arg]) => operatorTest(op, arg, isScalar(cond) || Array.isArray(cond) ? path : [...path, op], ctx));
  const sqlParts = isColumn(field) ? ops.map(([op, arg]) => operatorSql(field, op, arg)).filter((p): p is Part => p !== null) : [];
  return {
    sql: sqlParts.length ? sqlParts.map((p) => p.sql).join(' AND ') : null,
    params: sqlParts.flatMap((p) => p.params),
    test: (ev) => {
      const value = fieldValue(ev, field);
      return tests.every((t) => t(value));
    },
  };
}

function and(filters: readonly Filter[]): Filter {
  if (filters.length === 0) return TRUE;
  if (filters.length === 1) return filters[0]!;
  const narrowing = filters.filter((f) => f.sql !== null);
  return {
    sql: narrowing.length ? narrowing.map((f) => `(${f.sql!})`).join(' AND ') : null,
    params: narrowing.flatMap((f) => f.params),
    test: (ev) => filters.every((f) => f.test(ev)),
  };
}

/** Either of the filters; usable to fetch the candidates of two filters at once. */
export function or(filters: readonly Filter[]): Filter {
  if (filters.length === 1) return filters[0]!;
  const everyNarrows = filters.every((f) => f.sql !== null);
  return {
    sql: everyNarrows ? filters.map((f) => `(${f.sql!})`).join(' OR ') : null,
    params: everyNarrows ? filters.flatMap((f) => f.params) : [],
    test: (ev) => filters.some((f) => f.test(ev)),
  };
}

function subWheres(value: unknown, path: readonly PropertyKey[], ctx: ConditionContext): Filter[] {
  if (!Array.isArray(value) || value.length === 0) throw new RuleIssue(path, 'expected a non-empty list of conditions');
  return value.map((w, i) => compileWhere(w, [...path, i], ctx));
}

/**
 * Compiles a `where` map: every entry must hold. Keys are fields (see fieldCondition) or
 * `any: [where…]` (one must hold), `all: [where…]`, `not: where`.
 */
export function compileWhere(where: unknown, path: readonly PropertyKey[], ctx: ConditionContext): Filter {
  if (where === null || typeof where !== 'object' || Array.isArray(where)) throw new RuleIssue(path, 'expected a map of field: condition');
  const parts: Filter[] = [];
  for (const [key, cond] of Object.entries(where)) {
    const at = [...path, key];
    if (key === 'any') parts.push(or(subWheres(cond, at, ctx)));
    else if (key === 'all') parts.push(and(subWheres(cond, at, ctx)));
    else if (key === 'not') {
      const inner = compileWhere(cond, at, ctx);
      parts.push({ sql: null, params: [], test: (ev) => !inner.test(ev) });
    } else parts.push(fieldCondition(key, cond, at, ctx));
  }
  return and(parts);
}
