import type { FieldValue } from '../../../shared/types/event.js';
import type { FormatDefinition, FormatDraft, FormatSample } from '../../../shared/types/format-definition.js';
import { DefinitionError } from '../errors.js';
import type { TimeOptions } from '../ingest/file-time.js';
import { formatIsoUtc, wallTimeAt } from '../time/zone.js';
import { testFormat } from './format-tester.js';
import type { FormatRegistry } from './registry.js';

function same(actual: unknown, expected: unknown): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined;
  return actual === expected || (typeof expected === 'number' && Number(actual) === expected);
}

/**
 * Checks every sample of a definition the way the test suite checks the shipped ones: its line
 * must parse into an event with each expected value (`ts` as ISO-8601 UTC, `extra` by key).
 * Throws a DefinitionError naming the sample, the field and both values.
 */
export function checkSamples(def: FormatDefinition, registry: FormatRegistry, file: string, lineOf: (path: readonly PropertyKey[]) => number | undefined = () => undefined): void {
  def.samples.forEach((sample, i) => {
    const fail = (message: string): never => {
      throw new DefinitionError(`samples.${i}: ${message}`, file, lineOf(['samples', i]));
    };
    const lines = Array.isArray(sample.line) ? sample.line : [sample.line];
    const result = testFormat(def, lines, registry, { tz: sample.context?.tz ?? 'UTC', ...(sample.context?.year !== undefined ? { year: sample.context.year } : {}) });
    if (result.error) fail(`${result.error.path}: ${result.error.message}`);
    const event = result.lines.find((l) => l.status === 'matched');
    if (!event) fail(`its line is not parsed (${result.lines[0]?.reason ?? 'no line'})`);
    const actual = (name: string): FieldValue | undefined => event!.fields[name];
    for (const [name, expected] of Object.entries(sample.expect)) {
      if (name === 'ts') {
        const got = event!.tsMs === null ? null : formatIsoUtc(event!.tsMs);
        if (got !== expected) fail(`ts is ${JSON.stringify(got)}, the sample expects ${JSON.stringify(expected)}`);
      } else if (name === 'extra' && typeof expected === 'object' && expected !== null) {
        for (const [key, value] of Object.entries(expected)) {
          if (!same(actual(`extra.${key}`), value)) fail(`extra.${key} is ${JSON.stringify(actual(`extra.${key}`) ?? null)}, the sample expects ${JSON.stringify(value)}`);
        }
      } else if (!same(actual(name), expected)) {
        fail(`${name} is ${JSON.stringify(actual(name) ?? null)}, the sample expects ${JSON.stringify(expected)}`);
      }
    }
  });
}

/** Samples a saved format carries when the editor gives only lines: at most this many. */
const MAX_MADE_SAMPLES = 3;

/**
 * Samples for a draft made from lines it parses: each with the time context it was read in and
 * every value it yielded, so the format checks itself wherever it is loaded (checkSamples).
 */
export function samplesFromLines(def: FormatDraft, lines: readonly string[], registry: FormatRegistry, options: TimeOptions, zone: string): FormatSample[] {
  const result = testFormat(def, lines, registry, options);
  if (result.error) throw new DefinitionError(`${result.error.path}: ${result.error.message}`, `user format ${def.id}`);
  return result.lines.filter((l) => l.status === 'matched').slice(0, MAX_MADE_SAMPLES).map((l): FormatSample => {
    const expect: Record<string, unknown> = {};
    const extra: Record<string, FieldValue> = {};
    if (l.tsMs !== null) expect.ts = formatIsoUtc(l.tsMs);
    for (const [name, value] of Object.entries(l.fields)) {
      if (name.startsWith('extra.')) extra[name.slice(6)] = value;
      else expect[name] = value;
    }
    if (Object.keys(extra).length) expect.extra = extra;
    // A year-less stamp is checked again in the year it was read in (in its zone).
    const year = options.year ?? (l.tsMs !== null ? wallTimeAt(l.tsMs, zone).year : undefined);
    return { line: l.text, source: 'made in the format editor', context: { tz: zone, ...(year !== undefined ? { year } : {}) }, expect };
  });
}
