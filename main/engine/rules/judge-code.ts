import type { FieldValue } from '../../../shared/types/event.js';
import type { ColumnIndex, RuleEvent } from './fields.js';

/**
 * What a condition needs to write itself as JS: the rule tap judges every imported row with the
 * conditions of every rule of its source, and a tree of closures per rule (a call per field, per
 * operator, per `and`) cost several times the comparisons themselves. Written out as one function
 * per set of rules, the common tests become inline comparisons that V8 compiles as such.
 */
export interface CodeWriter {
  /** The expression reading a column of the judged row (`v[12]`), or null when rows lack it. */
  column(name: string): string | null;
  /**
   * The name under which the code reaches a value or function: every value from a rule (texts,
   * numbers, lists, compiled regexes) enters the code this way, never as source text.
   */
  constant(value: unknown): string;
  /** The source every judged row is known to have (its own check can be left out). */
  readonly within: string | undefined;
}

/** A condition that can write itself (see Filter.code in conditions.ts). */
export interface Codable {
  code(writer: CodeWriter): string;
}

/**
 * Judges one row against several conditions at once: sets `hits[i]` to 1 or 0 for condition i,
 * returns whether any of the first `deciding` holds; the others are judged only then. `values`
 * is the row (its columns where `columns` says), `view` the same row as an event, for the tests
 * the code calls (derived fields read its caches).
 */
export type RowJudge = (values: readonly FieldValue[], view: RuleEvent, hits: Uint8Array) => boolean;

export function compileJudge(conditions: readonly Codable[], columns: ColumnIndex, within: string | undefined, deciding = conditions.length): RowJudge {
  const constants: unknown[] = [];
  const writer: CodeWriter = {
    column: (name) => {
      const at = columns.get(name);
      return at === undefined ? null : `v[${at}]`;
    },
    constant: (value) => `c${constants.push(value) - 1}`,
    within,
  };
  const judged = (c: Codable, i: number): string => `  h = (${c.code(writer)}) ? 1 : 0;\n  hits[${i}] = h;\n`;
  const decide = conditions.slice(0, deciding).map((c, i) => `${judged(c, i)}  any |= h;\n`).join('');
  const more = conditions.slice(deciding).map((c, i) => judged(c, deciding + i)).join('');
  const body = more ? `${decide}  if (any === 0) return false;\n${more}` : decide;
  const names = constants.map((_c, i) => `c${i} = k[${i}]`);
  const source = `${names.length ? `const ${names.join(', ')};\n` : ''}return function judgeRow(v, ev, hits) {\n  let h = 0, any = 0;\n${body}  return any === 1;\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the text is ours: rule values are passed in `k`, never written into it
  const factory = new Function('k', source) as (k: unknown[]) => RowJudge;
  return factory(constants);
}
