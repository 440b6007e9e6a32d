import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../../main/engine/analyze.js';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { computeGaps } from '../../../../main/engine/timeline/gaps/gaps.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';
import { GAP_HOST, generateGapLogs, type GapLogs } from '../../../fixtures/gap-logs.js';

describe('gaps in a bundle with a planted silence and a missing rotated file', () => {
  let dir: string;
  let logs: GapLogs;
  let store: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-gaps-'));
    logs = generateGapLogs(dir);
    store = await openStore({ inThread: true });
    await analyze({ inputs: [logs.folder], registry: loadRegistry(), store, time: {} });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the planted silence as a gap of the host\'s system logs, to the minute', async () => {
    const { gaps } = await computeGaps(store);
    const silences = gaps.filter((g) => g.kind === 'silence');
    expect(silences).toEqual([expect.objectContaining({ host: GAP_HOST, source: 'system', fromMs: logs.silence.fromMs, toMs: logs.silence.toMs })]);
    expect(silences[0]!.title).toBe('system logs of gap-host silent for 2 h');
    expect(silences[0]!.explanation).toMatch(/usually at most 1 min apart/);
  });

  it('tells the hole left by the missing syslog.2 once, as a rotation hole, not also as a silence', async () => {
    const { gaps } = await computeGaps(store);
    const holes = gaps.filter((g) => g.kind === 'rotation-hole');
    expect(holes).toEqual([expect.objectContaining({ host: GAP_HOST, fromMs: logs.rotationHole.fromMs, toMs: logs.rotationHole.toMs, title: 'rotation hole in syslog: file 2 missing' })]);
    expect(gaps.filter((g) => g.fromMs < logs.rotationHole.toMs && g.toMs > logs.rotationHole.fromMs)).toHaveLength(1);
  });

  it('says nothing of a log too sparse to have a rhythm (maas.log, five lines)', async () => {
    const { gaps, rules } = await computeGaps(store);
    expect(gaps.filter((g) => g.source === 'maas')).toEqual([]);
    expect(rules).toEqual({ minActiveMinutes: 30, minSilenceMs: 1_800_000, silenceFactor: 10, journalShortfallMs: 3_600_000 });
  });
});
