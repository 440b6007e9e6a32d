import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../main/engine/analyze.js';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import { loadRuleSet } from '../../main/engine/rules/load.js';
import { openStore } from '../../main/engine/store/store.js';
import { generateLogSet } from '../fixtures/generate.js';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfw-full-after-'));
  await generateLogSet({ dir: join(dir, 'set'), lines: 6000, seed: 9 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a store that fills up after the last insert (indexes, rules)', () => {
  it('still ends the import: every event loaded and queryable, each step that did not fit named in a warning', async () => {
    // SQLite's heap capped (test-only; the cap stays for this file) where this set's events fit, beside the store's reserve (an eighth of the cap), but its indexes do not.
    const store = await openStore({ inThread: true, heapLimitBytes: 2.9 * 2 ** 20 });
    try {
      const { analysis } = await analyze({ inputs: [join(dir, 'set')], registry: loadRegistry(), store, time: { tz: 'UTC', year: 2026 }, rules: loadRuleSet().rules });
      expect(analysis.partial).toBeUndefined();
      expect(analysis.events.total).toBeGreaterThan(5000);
      expect(Number((await store.query('SELECT count(*) FROM events')).rows[0]![0])).toBe(analysis.events.total);
      expect(analysis.warnings).toContainEqual(expect.stringMatching(/^the store's memory is full: the indexes \(queries are slower without them\) could not be built \(.*out of memory.*\); every event is loaded and can be queried$/));
    } finally {
      await store.close();
    }
  });
});
