import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../shared/types/analysis.js';
import { generateLogSet, type GeneratedFile } from '../fixtures/generate.js';

const cli = join(import.meta.dirname, '../../dist/main/hosts/cli/mfw.js');

function mfw(args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TZ: 'UTC' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.runIf(existsSync(cli))('a generated MAAS region log set', () => {
  let dir: string;
  let generated: GeneratedFile[];
  let analysis: Analysis;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-set-'));
    generated = await generateLogSet({ dir, lines: 20_000, seed: 7, year: 2026 });
    const run = mfw(['analyze', dir, '--tz', 'UTC', '--year', '2026', '--json', '-']);
    expect(run.code, run.stderr).toBe(0);
    analysis = JSON.parse(run.stdout) as Analysis;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports every file with the format, family, counts and UTC span it was written with', () => {
    for (const file of generated) {
      const shown = join(dir.split('/').pop()!, relative(dir, file.path));
      const got = analysis.files.find((f) => f.path === shown);
      expect(got, shown).toBeDefined();
      expect({ format: got!.format, source: got!.source, lines: got!.lines, events: got!.events, continuation: got!.continuation, unparsed: got!.unparsed, first: got!.first, last: got!.last }, shown).toEqual({
        format: file.format, source: file.source, lines: file.lines, events: file.records, continuation: file.continuation, unparsed: 0, first: file.firstUtc, last: file.lastUtc,
      });
    }
    expect(analysis.events.total).toBe(generated.reduce((n, f) => n + f.records, 0));
  });

  it('answers SQL that agrees with the analysis, source by source', () => {
    const run = mfw(['query', dir, '--tz', 'UTC', '--year', '2026', '--format', 'json', 'SELECT source, count(*) AS n FROM events GROUP BY source']);
    const counts = Object.fromEntries((JSON.parse(run.stdout) as { source: string; n: number }[]).map((r) => [r.source, r.n]));
    expect(counts).toEqual(analysis.events.bySource);
  });
});
