import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSosCollection, type SosCollection } from '../fixtures/sos-report.js';

const cli = join(import.meta.dirname, '../../dist/main/hosts/cli/mfw.js');

function mfw(args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.runIf(existsSync(cli))('mfw export on the generated two-host sos collection', () => {
  let dir: string;
  let sos: SosCollection;
  let session: string;
  let dated: number;
  let total: number;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-export-cli-'));
    sos = generateSosCollection(join(dir, 'sos'));
    session = join(dir, 'case.mfw');
    const analyzed = mfw(['analyze', sos.collection, '--session', session, '--quiet']);
    expect(analyzed.code, analyzed.stderr).toBe(0);
    const counts = JSON.parse(mfw(['query', session, '--format', 'json', 'SELECT count(*) AS total, count(ts) AS dated FROM events']).stdout) as { total: number; dated: number }[];
    ({ total, dated } = counts[0]!);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes Timesketch JSONL with one line per dated event and the three required fields, and says what it left out', () => {
    const out = join(dir, 'timesketch.jsonl');
    const run = mfw(['export', sos.collection, '--to', 'timesketch', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(dated);
    for (const line of lines) {
      expect(typeof line.message).toBe('string');
      expect(line.datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(typeof line.timestamp_desc).toBe('string');
    }
    expect(run.stderr).toMatch(new RegExp(`exported ${dated} events to .*timesketch\\.jsonl`));
    if (total > dated) expect(run.stderr).toMatch(new RegExp(`${total - dated} events without a time left out`));
  });

  it('writes Elastic ECS bulk NDJSON from a session, with IPs and ports in ECS fields', () => {
    const out = join(dir, 'ecs.ndjson');
    const run = mfw(['export', session, '--to', 'ecs', '--index', 'case-42', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
    expect(lines).toHaveLength(2 * total);
    const docs = lines.filter((_, i) => i % 2 === 1);
    expect(lines.filter((_, i) => i % 2 === 0).every((a) => a.create?._index === 'case-42')).toBe(true);
    const firewall = docs.find((d) => d.event?.dataset === 'mfw.firewall' && d.destination?.port !== undefined)!;
    expect(firewall.source?.ip).toMatch(/^[\d.]+$|:/);
    expect(typeof firewall.destination?.port).toBe('number');
    expect(docs.every((d) => d.labels?.mfw_event_id !== undefined)).toBe(true);
  });

  it('refuses an unknown format', () => {
    const run = mfw(['export', session, '--to', 'xml', '--out', join(dir, 'x.xml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--to xml: use csv, jsonl, timesketch, ecs/);
  });
});
