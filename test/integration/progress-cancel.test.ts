import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, type AnalyzeProgress } from '../../main/engine/analyze.js';
import { CancelledError } from '../../main/engine/errors.js';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import { openStore } from '../../main/engine/store/store.js';
import { generateLogSet } from '../fixtures/generate.js';

const cli = fileURLToPath(new URL('../../bin/mfw.js', import.meta.url));
const LOG = (count: number): string => Array.from({ length: count }, (_, i) => `Mar  1 10:00:${String(i % 60).padStart(2, '0')} host sshd[1]: Failed password for root from 10.0.0.${i % 250} port 22 ssh2`).join('\n') + '\n';

describe('progress and cancel', () => {
  let dir: string;
  let evidence: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-cancel-'));
    evidence = join(dir, 'evidence');
    mkdirSync(evidence);
    writeFileSync(join(evidence, 'auth.log'), LOG(3000));
    writeFileSync(join(evidence, 'auth.log.1'), LOG(3000));
    writeFileSync(join(evidence, 'auth.log.2.gz'), gzipSync(LOG(3000)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports bytes of the inputs, the member being read, lines and events, up to the total', async () => {
    const store = await openStore({ inThread: true });
    const seen: AnalyzeProgress[] = [];
    try {
      await analyze({ inputs: [evidence], registry: loadRegistry(), store, time: { tz: 'UTC', year: 2026 }, onProgress: (p) => seen.push(p) });
    } finally {
      await store.close();
    }
    const files = [...new Set(seen.map((p) => p.file).filter((f) => f.startsWith('evidence/')))];
    // Rotated siblings are read oldest first.
    expect(files).toEqual(['evidence/auth.log.2.gz', 'evidence/auth.log.1', 'evidence/auth.log']);
    const last = seen.at(-1)!;
    expect(last.bytesTotal).toBeGreaterThan(0);
    expect(seen.every((p) => p.bytesDone <= p.bytesTotal)).toBe(true);
    expect(seen.map((p) => p.lines)).toEqual([...seen.map((p) => p.lines)].sort((a, b) => a - b));
    expect(seen.some((p) => p.events > 0 && p.lines > 0)).toBe(true);
  });

  /** Imports `input`, cancelling when the progress names a file ending in `when`; returns what is left in the store. */
  async function cancelAt(input: string, when: string): Promise<{ outcome: unknown; left: unknown }> {
    const store = await openStore({ inThread: true });
    try {
      const cancel = new AbortController();
      const outcome = await analyze({
        inputs: [input],
        registry: loadRegistry(),
        store,
        time: { tz: 'UTC', year: 2026 },
        signal: cancel.signal,
        onProgress: (p) => {
          if (p.file.endsWith(when)) cancel.abort();
        },
      }).catch((err: unknown) => err);
      const left = await store.query('SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM files)');
      return { outcome, left: left.rows[0] };
    } finally {
      await store.close();
    }
  }

  it('cancels cleanly: the import rejects and nothing it wrote is left in the store', async () => {
    const { outcome, left } = await cancelAt(evidence, 'auth.log.1');
    expect(outcome).toBeInstanceOf(CancelledError);
    expect(left).toEqual([0, 0]);
  });

  it('cancels inside an archive too', async () => {
    const archive = join(dir, 'evidence.tar.gz');
    execFileSync('tar', ['-czf', archive, '-C', dir, 'evidence']);
    for (const when of ['/auth.log.1', '/auth.log']) {
      const { outcome, left } = await cancelAt(archive, when);
      expect(outcome).toBeInstanceOf(CancelledError);
      expect(left).toEqual([0, 0]);
    }
  });

  it('cancels on Ctrl-C in the CLI with exit 130 and a plain message', async () => {
    const big = join(dir, 'big');
    await generateLogSet({ dir: big, lines: 400_000, seed: 7 });
    const child = spawn(process.execPath, [cli, 'analyze', big, '--tz', 'UTC', '--year', '2026'], { env: { ...process.env, TZ: 'UTC' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    setTimeout(() => child.kill('SIGINT'), 1500);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/mfw: cancelled; nothing of this import was kept/);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
