import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Analysis } from '../../../../shared/types/analysis.js';
import type { Io } from '../../../../main/hosts/cli/commands.js';
import { run } from '../../../../main/hosts/cli/program.js';
import { importScope } from '../../../../main/hosts/cli/scope-options.js';
import { generateLogSet } from '../../../fixtures/generate.js';

// A store budget of 1 MiB instead of sql.js's 2 GiB: a few thousand lines are then "too big".
vi.mock('../../../../main/engine/store/wasm-memory.js', () => ({ storeHeapLimitBytes: () => 2 ** 20, declaredMemoryMaximum: () => 2 ** 31 }));

async function mfw(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } } as unknown as Io;
  const code = await run(args, io);
  return { code, stdout, stderr };
}

let dir: string;
let set: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfw-scope-cli-'));
  set = join(dir, 'set');
  await generateLogSet({ dir: set, lines: 8000, seed: 5 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mfw analyze on a bundle over the store budget', () => {
  it('prints the estimate and refuses with exit 6, listing the choices, importing nothing', async () => {
    const json = join(dir, 'refused.json');
    const { code, stderr } = await mfw(['analyze', set, '--tz', 'UTC', '--year', '2026', '--json', json]);
    expect(code).toBe(6);
    expect(stderr).toMatch(/estimate: [\d.]+ MiB of text in 6 files \(file-size\), ~\d+ k lines, ~\d+ k events, store ~[\d.]+ MiB of the 1\.0 MiB store budget: does NOT fit/);
    expect(stderr).toMatch(/this import would not fit in the store/);
    for (const choice of ['--since', '--until', '--host', '--source firewall,web,maas,system,audit', '--skip-unparsed', '--force']) expect(stderr).toContain(choice);
    expect(existsSync(json)).toBe(false);
  });

  it('imports a narrower choice and shows what it left out', async () => {
    const json = join(dir, 'narrow.json');
    const { code, stdout } = await mfw(['analyze', set, '--tz', 'UTC', '--year', '2026', '--source', 'firewall,system', '--since', '2026-03-01T00:15:00Z', '--json', json]);
    expect(code).toBe(0);
    const analysis = JSON.parse(readFileSync(json, 'utf8')) as Analysis;
    expect(analysis.scope).toEqual({ sources: ['firewall', 'system'], sinceMs: Date.parse('2026-03-01T00:15:00Z') });
    expect(analysis.skipped!.source).toBeGreaterThan(0);
    expect(Object.keys(analysis.events.bySource).sort()).toEqual(['firewall', 'system']);
    expect(stdout).toMatch(/left out by your choice: \d+ events \(source \d+, time \d+\); counted per file, not stored/);
    expect(stdout).toMatch(/\bskipped\b/);
  });

  it('imports it all with --force', async () => {
    const json = join(dir, 'forced.json');
    const { code } = await mfw(['analyze', set, '--tz', 'UTC', '--year', '2026', '--force', '--quiet', '--json', json]);
    expect(code).toBe(0);
    const analysis = JSON.parse(readFileSync(json, 'utf8')) as Analysis;
    expect(analysis.events.total).toBeGreaterThan(7000);
    expect(analysis.skipped).toBeUndefined();
  });

  it('refuses a source that does not exist, and a window that ends before it starts (exit 2)', async () => {
    expect((await mfw(['analyze', set, '--source', 'firewal'])).code).toBe(2);
    expect((await mfw(['analyze', set, '--since', '2026-03-02T00:00:00Z', '--until', '2026-03-01T00:00:00Z'])).code).toBe(2);
    expect((await mfw(['analyze', set, '--since', '2026-03-02 00:00'])).code).toBe(2);
  });
});

describe('importScope', () => {
  it('reads comma-separated and repeated hosts and sources', () => {
    expect(importScope({ host: ['a,b', 'c'], source: ['web', 'maas'], skipUnparsed: true, until: '2026-03-05T09:00:00+01:00' })).toEqual({
      hosts: ['a', 'b', 'c'], sources: ['web', 'maas'], skipUnparsed: true, untilMs: Date.parse('2026-03-05T08:00:00Z'),
    });
  });
});
