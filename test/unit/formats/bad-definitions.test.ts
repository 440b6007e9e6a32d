import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../main/engine/errors.js';
import { parseFormatDefinition } from '../../../main/engine/formats/registry.js';

const root = join(import.meta.dirname, '../../fixtures/bad-definitions');

describe('a broken format definition', () => {
  for (const name of readdirSync(root)) {
    it(`is refused with its file and line: ${name}`, () => {
      const file = join(root, name, 'format.json');
      const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as { error: string; line: number };
      let error: unknown;
      try {
        parseFormatDefinition(readFileSync(file, 'utf8'), file);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(DefinitionError);
      const e = error as DefinitionError;
      expect(e.message).toContain(expected.error);
      expect(e.file).toBe(file);
      expect(e.line).toBe(expected.line);
      expect(e.describe()).toMatch(new RegExp(`format\\.json:${expected.line}: `));
    });
  }
});
