import { describe, expect, it } from 'vitest';
import { FIELD_COLUMNS } from '../../../shared/types/event.js';
import type { FormatSample } from '../../../shared/types/format-definition.js';
import { loadRegistry } from '../../../main/engine/formats/registry.js';
import { parseBuffer } from '../../../main/engine/ingest/parse-buffer.js';
import { formatIsoUtc } from '../../../main/engine/time/zone.js';

/** Columns a sample must list whenever the parser fills them (message is checked only when listed). */
const STRICT = FIELD_COLUMNS.filter((c) => c !== 'message');

const registry = loadRegistry();

function parseSample(sample: FormatSample) {
  const text = Array.isArray(sample.line) ? sample.line.join('\n') : sample.line;
  return parseBuffer(registry, Buffer.from(`${text}\n`), {
    path: sample.context?.path ?? 'sample',
    time: { tz: sample.context?.tz ?? 'UTC', year: sample.context?.year },
  });
}

describe('shipped format definitions', () => {
  it('include at least one format of every source family', () => {
    const sources = new Set(registry.all.map((f) => f.source));
    for (const s of ['firewall', 'web', 'maas', 'system', 'audit']) expect(sources, s).toContain(s);
  });

  for (const format of registry.all) {
    describe(format.id, () => {
      format.def.samples.forEach((sample, i) => {
        it(`parses sample ${i + 1} into exactly the expected fields`, () => {
          const parsed = parseSample(sample);
          const event = parsed.events[0];
          expect(event, `no event; warnings: ${parsed.warnings.join('; ')}`).toBeDefined();
          if (format.kind === 'line') expect(parsed.detection.format?.id, 'detected format').toBe(format.id);
          const { extra: expectedExtra, ts: expectedTs, ...expectedFields } = sample.expect as Record<string, unknown> & { extra?: Record<string, unknown> };
          const actual: Record<string, unknown> = {
            source: event!.source,
            format: event!.format,
            ...Object.fromEntries(STRICT.map((c) => [c, event!.fields[c] ?? null])),
            message: event!.fields.message ?? null,
          };
          const expected: Record<string, unknown> = { format: format.id, ...expectedFields };
          // Compare the listed keys, plus every strict column the parser filled but the sample did not list.
          const keys = new Set([...Object.keys(expected), ...STRICT.filter((c) => actual[c] !== null)]);
          const pick = (o: Record<string, unknown>) => Object.fromEntries([...keys].map((k) => [k, o[k] ?? null]));
          expect(pick(actual), `fields of ${JSON.stringify(sample.line).slice(0, 120)}`).toEqual(pick(expected));
          if (expectedTs !== undefined) expect(formatIsoUtc(event!.ts)).toBe(expectedTs);
          if (expectedExtra) {
            const got = Object.fromEntries(Object.keys(expectedExtra).map((k) => [k, event!.extra[k] ?? null]));
            expect(got, 'extra').toEqual(expectedExtra);
          }
        });
      });
    });
  }
});
