import { RE2JS } from 're2js';
import type { FieldValue } from '../../../shared/types/event.js';
import { fieldReader, isColumn, isKnownField, type RuleEvent } from './fields.js';
import { RuleIssue, type ConditionContext } from './issue.js';
import type { CodeWriter } from './judge-code.js';
import { isScalar, OPERATORS, operatorCode, operatorSql, operatorTest, type Operator, type SqlPart } from './operators.js';

export { RuleIssue, type ConditionContext } from './issue.js';

/**
 * A compiled `where`. `sql` (with `params`) is a WHERE clause keeping at least every event `test`
 * accepts, so candidates are fetched by SQL and only those are judged in JS; `sql` null: no
 * narrowing possible. When `exact`, the SQL decides alone. `residual` is what is left to check on
 * events fetched with this very `sql`; `fields` are what `test` reads, `residualFields` what
 * `residual` reads (the columns to fetch).
 */
export interface Filter {
  sql: string | null;
  params: FieldValue[];
  exact: boolean;
  test: (ev: RuleEvent) => boolean;
  residual: (ev: RuleEvent) => boolean;
  fields: ReadonlySet<string>;
  residualFields: ReadonlySet<string>;
  /** The one `source` every accepted event has, when the filter requires it. */
  source?: string;
  /**
   * With `source`: `test` for events already known to be of that source, its own check left out
   * (the rule tap sorts rows by source before judging them).
   */
  withinSource?: (ev: RuleEvent) => boolean;
  /**
   * `test` as one JS expression over a row's values `v` (and the row as an event, `ev`), for the
   * rule tap's compiled judge (judge-code.ts); with `writer.within`, as `withinSource` for it.
   */
  code: (writer: CodeWriter) => string;
}

const ALWAYS = (): boolean => true;
const NONE: ReadonlySet<string> = new Set();
const TRUE: Filter = { sql: null, params: [], exact: true, test: ALWAYS, residual: ALWAYS, fields: NONE, residualFields: NONE, code: () => 'true' };

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
  const sqlParts = isColumn(field) ? ops.map(([op, arg]) => operatorSql(field, op, arg, ctx)) : [];
  const pushed = sqlParts.filter((p): p is SqlPart => p !== null);
  const exact = isColumn(field) && sqlParts.every((p) => p?.exact === true);
  const read = fieldReader(field);
  const only = tests.length === 1 ? tests[0]! : undefined;
  const test = only ? (ev: RuleEvent): boolean => only(read(ev)) : (ev: RuleEvent): boolean => {
    const value = read(ev);
    return tests.every((t) => t(value));
  };
  const fields = new Set([field]);
  const code = (writer: CodeWriter): string => {
    if (field === 'source' && typeof cond === 'string' && writer.within === cond) return 'true';
    const x = isColumn(field) ? writer.column(field) : null;
    // A derived field is read by its reader, from the event's caches, then tested as in JS.
    if (x === null) return `${writer.constant(test)}(ev)`;
    return `(${ops.map(([op, arg], i) => operatorCode(op, arg, x, tests[i]!, writer)).join(' && ')})`;
  };
  return {
    sql: pushed.length ? pushed.map((p) => p.sql).join(' AND ') : null,
    params: pushed.flatMap((p) => p.params),
    exact,
    test,
    residual: exact ? ALWAYS : test,
    fields,
    residualFields: exact ? NONE : fields,
    code,
    ...(field === 'source' && typeof cond === 'string' ? { source: cond, withinSource: ALWAYS } : {}),
  };
}

/** A filter's test for events of `source` (which the caller has checked). */
function testWithin(filter: Filter, source: string | undefined): (ev: RuleEvent) => boolean {
  return source !== undefined && filter.source === source && filter.withinSource ? filter.withinSource : filter.test;
}

/** Every test holds: a plain loop, as this runs for every event of the import. */
function allOf(all: readonly ((ev: RuleEvent) => boolean)[]): (ev: RuleEvent) => boolean {
  const tests = all.filter((t) => t !== ALWAYS);
  if (tests.length === 0) return ALWAYS;
  if (tests.length === 1) return tests[0]!;
  return (ev) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(ev)) return false;
    return true;
  };
}

function anyOf(tests: readonly ((ev: RuleEvent) => boolean)[]): (ev: RuleEvent) => boolean {
  if (tests.includes(ALWAYS)) return ALWAYS;
  return (ev) => {
    for (let i = 0; i < tests.length; i++) if (tests[i]!(ev)) return true;
    return false;
  };
}

function union(sets: readonly ReadonlySet<string>[]): ReadonlySet<string> {
  return new Set(sets.flatMap((s) => [...s]));
}

function and(filters: readonly Filter[]): Filter {
  if (filters.length === 0) return TRUE;
  if (filters.length === 1) return filters[0]!;
  const narrowing = filters.filter((f) => f.sql !== null);
  const left = filters.filter((f) => !f.exact);
  const { source } = sourceOf(filters);
  return {
    sql: narrowing.length ? narrowing.map((f) => `(${f.sql!})`).join(' AND ') : null,
    params: narrowing.flatMap((f) => f.params),
    exact: left.length === 0,
    test: allOf(filters.map((f) => f.test)),
    residual: allOf(left.map((f) => f.residual)),
    fields: union(filters.map((f) => f.fields)),
    residualFields: union(left.map((f) => f.residualFields)),
    code: (writer) => `(${filters.map((f) => f.code(writer)).join(' && ')})`,
    ...(source === undefined ? {} : { source, withinSource: allOf(filters.map((f) => testWithin(f, source))) }),
  };
}

function sourceOf(filters: readonly Filter[]): { source?: string } {
  const source = filters.find((f) => f.source !== undefined)?.source;
  return source === undefined ? {} : { source };
}

/** Either of the filters; usable to fetch the candidates of two filters at once. */
export function or(filters: readonly Filter[]): Filter {
  if (filters.length === 1) return filters[0]!;
  const everyNarrows = filters.every((f) => f.sql !== null);
  const exact = everyNarrows && filters.every((f) => f.exact);
  const test = (ev: RuleEvent): boolean => filters.some((f) => f.test(ev));
  const fields = union(filters.map((f) => f.fields));
  const source = filters[0]!.source;
  const oneSource = source !== undefined && filters.every((f) => f.source === source);
  // Said once outside the OR as well, so SQLite can use the index on source instead of a full scan.
  const [sourceSql, sourceParams] = oneSource ? ['source = ? AND ', [source]] : ['', []];
  return {
    sql: everyNarrows ? `${sourceSql}(${filters.map((f) => `(${f.sql!})`).join(' OR ')})` : null,
    params: everyNarrows ? [...sourceParams, ...filters.flatMap((f) => f.params)] : [],
    ...(oneSource ? { source, withinSource: anyOf(filters.map((f) => testWithin(f, source))) } : {}),
    exact,
    test,
    residual: exact ? ALWAYS : test,
    fields,
    residualFields: exact ? NONE : fields,
    code: (writer) => `(${filters.map((f) => f.code(writer)).join(' || ')})`,
  };
}

function not(inner: Filter): Filter {
  const test = (ev: RuleEvent): boolean => !inner.test(ev);
  const code = (writer: CodeWriter): string => `!${inner.code(writer)}`;
  // An exact SQL part is false where JS sees NULL; coalesce keeps NOT from turning NULL into "unknown".
  if (inner.exact && inner.sql !== null) {
    return { sql: `NOT coalesce((${inner.sql}), 0)`, params: inner.params, exact: true, test, residual: ALWAYS, fields: inner.fields, residualFields: NONE, code };
  }
  return { sql: null, params: [], exact: false, test, residual: test, fields: inner.fields, residualFields: inner.fields, code };
}

function subWheres(value: unknown, path: readonly PropertyKey[], ctx: ConditionContext): Filter[] {
  if (!Array.isArray(value) || value.length === 0) throw new RuleIssue(path, 'expected a non-empty list of conditions');
  return value.map((w, i) => compileWhere(w, [...path, i], ctx));
}

/** `{ field: { regex: pattern } }` alone, with a valid pattern: the shape `any` can merge. */
function loneRegex(where: unknown): { field: string; pattern: string } | null {
  if (where === null || typeof where !== 'object' || Array.isArray(where)) return null;
  const entries = Object.entries(where as Record<string, unknown>);
  if (entries.length !== 1) return null;
  const [field, cond] = entries[0]!;
  if (cond === null || typeof cond !== 'object' || Array.isArray(cond)) return null;
  const ops = Object.entries(cond as Record<string, unknown>);
  if (ops.length !== 1 || ops[0]![0] !== 'regex' || typeof ops[0]![1] !== 'string') return null;
  try {
    RE2JS.compile(ops[0]![1]);
  } catch {
    return null; // left alone, so its error names its own path
  }
  return { field, pattern: ops[0]![1] };
}

/**
 * `any` of several regexes on one field, as one alternation: RE2 scans the text once for all of
 * them (a flag such as `(?i)` stays inside its group), instead of once per pattern.
 */
function mergeRegexes(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  const byField = new Map<string, string[]>();
  for (const item of list) {
    const lone = loneRegex(item);
    if (lone) byField.set(lone.field, [...(byField.get(lone.field) ?? []), lone.pattern]);
  }
  const merged: unknown[] = [];
  const done = new Set<string>();
  for (const item of list) {
    const lone = loneRegex(item);
    const patterns = lone ? byField.get(lone.field)! : [];
    if (!lone || patterns.length < 2) merged.push(item);
    else if (!done.has(lone.field)) {
      done.add(lone.field);
      merged.push({ [lone.field]: { regex: patterns.map((p) => `(?:${p})`).join('|') } });
    }
  }
  return merged;
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
    if (key === 'any') parts.push(or(subWheres(mergeRegexes(cond), at, ctx)));
    else if (key === 'all') parts.push(and(subWheres(cond, at, ctx)));
    else if (key === 'not') parts.push(not(compileWhere(cond, at, ctx)));
    else parts.push(fieldCondition(key, cond, at, ctx));
  }
  return and(parts);
}
