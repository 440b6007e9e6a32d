import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { FormatDefinition } from '../../../shared/types/format-definition.js';
import { FormatDefinitionSchema } from '../../../shared/types/format-definition.js';
import { DefinitionError } from '../../../main/engine/errors.js';
import { formatFileText, readFormatFile } from '../../../main/engine/formats/format-file.js';
import { checkSamples } from '../../../main/engine/formats/format-samples.js';
import { loadRegistry } from '../../../main/engine/formats/registry.js';

const registry = loadRegistry();

const FW7: FormatDefinition = FormatDefinitionSchema.parse({
  id: 'fw7',
  title: 'fw7 firewall',
  source: 'firewall',
  patterns: ['^(?<timestamp>\\S+)\\|(?<host>[^|]+)\\|(?<action>[A-Z]+)\\|(?<src_ip>[\\d.]+):(?<src_port>\\d+)->(?<dst_ip>[\\d.]+):(?<dst_port>\\d+)$'],
  timestamp: { layouts: ['iso8601'] },
  values: { action: { DENY: 'block' } },
  samples: [{ line: '2026-03-05T08:14:00Z|fw7|DENY|203.0.113.9:4444->10.0.0.5:22', context: { tz: 'UTC' }, expect: { ts: '2026-03-05T08:14:00Z', source: 'firewall', action: 'block', dst_port: 22 } }],
});

function errorOf(fn: () => unknown): DefinitionError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DefinitionError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('format files', () => {
  it('export as JSON and YAML and read back into the same definition', () => {
    for (const as of ['json', 'yaml'] as const) {
      const { fileName, text } = formatFileText(FW7, as);
      expect(fileName).toBe(`fw7.${as}`);
      expect(readFormatFile(text, fileName).format.def).toEqual(FW7);
    }
    expect(parseYaml(formatFileText(FW7, 'yaml').text)).toMatchObject({ id: 'fw7', patterns: FW7.patterns });
  });

  it('tells JSON from YAML by the first character when the name does not say', () => {
    expect(readFormatFile(formatFileText(FW7, 'yaml').text, 'pasted').format.id).toBe('fw7');
    expect(readFormatFile(formatFileText(FW7, 'json').text, 'pasted').format.id).toBe('fw7');
  });

  it('compiles a format file on RE2 and names the unsupported construct at its line', () => {
    const text = formatFileText({ ...FW7, patterns: ['^(?<timestamp>\\S+)(?=\\|)'] }, 'json').text;
    const err = errorOf(() => readFormatFile(text, 'fw7.json'));
    expect(err.describe()).toMatch(/^fw7\.json:\d+: patterns\.0: unsupported construct: lookahead/);
    expect(err.line).toBe(text.split('\n').findIndex((l) => l.includes('(?=')) + 1);
  });

  it('reports a misspelt key of a YAML file at its line', () => {
    const text = formatFileText(FW7, 'yaml').text.replace('timestamp:\n', 'timestamps:\n');
    const err = errorOf(() => readFormatFile(text, 'fw7.yaml'));
    expect(err.message).toContain('timestamps');
    expect(err.line).toBe(text.split('\n').findIndex((l) => l.startsWith('timestamps:')) + 1);
  });

  it('refuses a YAML syntax error and a file of two documents', () => {
    expect(errorOf(() => readFormatFile('id: [unclosed\n', 'x.yaml')).message).toContain('not valid YAML');
    expect(errorOf(() => readFormatFile(`${formatFileText(FW7, 'yaml').text}---\nid: other\n`, 'x.yaml')).message).toContain('2 documents');
  });

  it('checks every sample and names the field that differs', () => {
    expect(() => checkSamples(FW7, registry, 'fw7.json')).not.toThrow();
    const wrong = { ...FW7, samples: [{ ...FW7.samples[0]!, expect: { dst_port: 23 } }] };
    expect(errorOf(() => checkSamples(wrong, registry, 'fw7.json')).message).toBe('samples.0: dst_port is 22, the sample expects 23');
    const late = { ...FW7, samples: [{ ...FW7.samples[0]!, expect: { ts: '2026-03-05T08:14:01Z' } }] };
    expect(errorOf(() => checkSamples(late, registry, 'fw7.json')).message).toBe('samples.0: ts is "2026-03-05T08:14:00Z", the sample expects "2026-03-05T08:14:01Z"');
    const unmatched = { ...FW7, samples: [{ line: 'nope', expect: {} }] };
    expect(errorOf(() => checkSamples(unmatched, registry, 'fw7.json')).message).toContain('samples.0: its line is not parsed');
  });
});
