import { describe, expect, it } from 'vitest';
import { FormatDefinitionSchema, FormatDraftSchema } from '../../../../../shared/types/format-definition.js';
import { captureSegments } from '../../../../../renderer/components/formats/capture-segments.js';
import { EMPTY_FORM, captureNames, fromDefinition, mappedRegex, toDraft } from '../../../../../renderer/components/formats/draft-form.js';

describe('the format form', () => {
  it('lists named captures once each, in order, both syntaxes, not escaped parentheses', () => {
    expect(captureNames('^(?<ts>\\S+) \\(?<no>x (?P<host>\\w+) (?<ts>y)')).toEqual(['ts', 'host']);
  });

  it('renames captures for their fields: the stamp, a column, extra, dropped', () => {
    const regex = '^(?<when>\\S+) (?<ip>\\S+) (?<rule>\\d+) (?<junk>.*)$';
    expect(mappedRegex(regex, { when: 'ts', ip: 'src_ip', junk: 'drop' })).toBe('^(?<timestamp>\\S+) (?<src_ip>\\S+) (?<rule>\\d+) (?<_junk>.*)$');
    // A column name sent to extra must not fill the column.
    expect(mappedRegex('(?<host>x)', { host: 'extra' })).toBe('(?<x_host>x)');
  });

  it('makes a definition the schema accepts, with the layout and family chosen', () => {
    const draft = toDraft({ ...EMPTY_FORM, id: 'fw7', source: 'firewall', regex: '^(?<t>\\S+)\\|(?<host>[^|]+)', mapping: { t: 'ts' }, layout: 'iso8601', continuation: '^\\s' });
    expect(FormatDraftSchema.parse(draft)).toEqual(draft);
    expect(draft).toMatchObject({ id: 'fw7', kind: 'line', source: 'firewall', patterns: ['^(?<timestamp>\\S+)\\|(?<host>[^|]+)'], timestamp: { field: 'timestamp', layouts: ['iso8601'] }, continuation: '^\\s', samples: [] });
  });

  it('keeps what the form does not edit of a loaded definition', () => {
    const def = FormatDefinitionSchema.parse({
      id: 'x', title: 'X', source: 'web', patterns: [{ regex: '^(?<time>\\S+) (?<status>\\d+)', set: { action: 'hit' } }, '^(?<time>\\S+)$'],
      timestamp: { field: 'time', layouts: ['epoch-s', 'iso8601'], zone: 'UTC' }, values: { status: { '-': null } },
      samples: [{ line: '1 200', expect: {} }],
    });
    const form = fromDefinition(def, true);
    expect(form).toMatchObject({ id: 'x-copy', regex: '^(?<time>\\S+) (?<status>\\d+)', layout: 'epoch-s', mapping: { time: 'ts', status: 'status' } });
    const draft = toDraft(form);
    expect(draft.patterns).toEqual([{ regex: '^(?<timestamp>\\S+) (?<status>\\d+)', set: { action: 'hit' } }, '^(?<timestamp>\\S+)$']);
    expect(draft.timestamp).toEqual({ field: 'timestamp', layouts: ['epoch-s', 'iso8601'], zone: 'UTC' });
    expect(draft.values).toEqual({ status: { '-': null } });
    expect(draft.samples).toEqual([]);
  });
});

describe('capture segments', () => {
  it('cuts a line at capture boundaries, the innermost capture owning each run', () => {
    const text = 'a 10.0.0.5:22 z';
    expect(captureSegments(text, [{ name: 'dst', start: 2, end: 13 }, { name: 'dst_port', start: 11, end: 13 }])).toEqual([
      { text: 'a ', capture: null },
      { text: '10.0.0.5:', capture: 'dst' },
      { text: '22', capture: 'dst_port' },
      { text: ' z', capture: null },
    ]);
  });

  it('gives back the whole text, whatever the spans, and ignores spans outside it', () => {
    const text = '<b>x</b> & y';
    const segments = captureSegments(text, [{ name: 'a', start: 0, end: 3 }, { name: 'bad', start: 5, end: 99 }, { name: 'empty', start: 4, end: 4 }]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments).toEqual([{ text: '<b>', capture: 'a' }, { text: 'x</b> & y', capture: null }]);
  });
});
