import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../main/engine/analyze.js';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import { loadRuleSet } from '../../main/engine/rules/load.js';
import { openStore, type Store } from '../../main/engine/store/store.js';
import type { ImportScope } from '../../shared/types/import-scope.js';
import { generateLogSet, type GeneratedFile } from '../fixtures/generate.js';

const TIME = { tz: 'UTC', year: 2026 } as const;
let dir: string;
let files: GeneratedFile[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfw-budget-'));
  files = await generateLogSet({ dir: join(dir, 'set'), lines: 12_000, seed: 3 });
  writeFileSync(join(dir, 'set', 'notes.txt'), 'not a log line\nnor this one\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function count(store: Store, where = '1'): Promise<number> {
  return Number((await store.query(`SELECT count(*) FROM events WHERE ${where}`)).rows[0]?.[0]);
}

async function importWith(scope: ImportScope | undefined, store: Store) {
  return analyze({ inputs: [join(dir, 'set')], registry: loadRegistry(), store, time: TIME, ...(scope ? { scope } : {}) });
}

describe('a narrower import', () => {
  it('stores only the events inside the scope and counts every one left out, by reason and by file', async () => {
    const full = await openStore({ inThread: true });
    const narrow = await openStore({ inThread: true });
    try {
      const all = (await importWith(undefined, full)).analysis;
      const mid = Date.parse(all.events.first!) + (Date.parse(all.events.last!) - Date.parse(all.events.first!)) / 2;
      const scope: ImportScope = { sinceMs: mid, sources: ['firewall', 'system'], skipUnparsed: true };
      const { analysis } = await importWith(scope, narrow);
      const skipped = analysis.skipped!;
      expect(analysis.scope).toEqual(scope);
      // Nothing is lost: what is stored plus what was left out is what the full import stored.
      expect(analysis.events.total + skipped.unparsed + skipped.source + skipped.host + skipped.time).toBe(all.events.total);
      expect(skipped.unparsed).toBe(2);
      expect(skipped.source).toBe(await count(full, "source NOT IN ('firewall', 'system') AND format <> 'unparsed'"));
      expect(skipped.time).toBe(await count(full, `source IN ('firewall', 'system') AND format <> 'unparsed' AND ts < ${mid}`));
      expect(await count(narrow, `ts < ${mid} OR source NOT IN ('firewall', 'system') OR format = 'unparsed'`)).toBe(0);
      const perFile = analysis.files.reduce((n, f) => n + (f.skipped ?? 0), 0);
      expect(perFile).toBe(skipped.unparsed + skipped.source + skipped.time);
      expect(analysis.warnings.some((w) => /access\.log: \d+ events left out by the import's scope/.test(w))).toBe(true);
    } finally {
      await full.close();
      await narrow.close();
    }
  });

  it('never modifies the evidence', async () => {
    const before = files.map((f) => readFileSync(f.path));
    const store = await openStore({ inThread: true });
    try {
      await importWith({ hosts: ['nowhere'], skipUnparsed: true }, store);
    } finally {
      await store.close();
    }
    expect(files.map((f) => readFileSync(f.path)).every((b, i) => b.equals(before[i]!))).toBe(true);
  });

  it('leaves out the events of other hosts and keeps those whose host cannot be told', async () => {
    const store = await openStore({ inThread: true });
    try {
      const { analysis } = await importWith({ hosts: ['NO-SUCH-HOST'] }, store);
      expect(analysis.skipped!.host).toBeGreaterThan(0);
      expect(await count(store, 'host IS NOT NULL AND lower(host) <> \'no-such-host\' AND file_id IN (SELECT id FROM files WHERE path NOT LIKE \'%access.log\')')).toBe(0);
    } finally {
      await store.close();
    }
  });
});

describe('a store that runs out of memory mid-import', () => {
  it('stops with the file and line reached, keeps what was stored usable, and says the import is partial', async () => {
    // SQLite's heap capped (a test-only option) so the out-of-memory comes after a few thousand events, not at 2 GiB.
    // The cap stays for the rest of this file (SQLite only lowers it): this test comes last.
    const store = await openStore({ inThread: true, heapLimitBytes: 2.5 * 2 ** 20 });
    try {
      const { analysis } = await analyze({ inputs: [join(dir, 'set')], registry: loadRegistry(), store, time: TIME, rules: loadRuleSet().rules });
      const partial = analysis.partial!;
      expect(partial).toBeDefined();
      expect(partial.reason).toMatch(/store's memory .* is full: the import stopped at .+:\d+; the \d+ events before it are kept/);
      expect(partial.line).toBeGreaterThan(0);
      expect(partial.eventsKept).toBeGreaterThan(1000);
      expect(partial.eventsKept).toBeLessThan(12_000);
      expect(analysis.warnings.some((w) => w.startsWith('partial import: '))).toBe(true);
      // The events kept are queryable, and end just before the line reached in its file.
      expect(await count(store)).toBe(partial.eventsKept);
      const fileId = Number((await store.query('SELECT id FROM files WHERE path = ?', [partial.file])).rows[0]?.[0]);
      const last = (await store.query('SELECT max(line) FROM events WHERE file_id = ?', [fileId])).rows[0]?.[0];
      if (last !== null && last !== undefined) expect(Number(last)).toBeLessThan(partial.line!);
      expect(await count(store, `file_id > ${fileId}`)).toBe(0);
      const page = await store.query('SELECT id, ts, message FROM events ORDER BY ts LIMIT 5');
      expect(page.rows).toHaveLength(5);
    } finally {
      await store.close();
    }
  });
});
