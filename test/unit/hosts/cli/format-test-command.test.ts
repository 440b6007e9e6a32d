import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../../../main/hosts/cli/commands.js';
import { run } from '../../../../main/hosts/cli/program.js';

const FORMAT_YAML = `id: fw7
title: fw7 firewall
source: firewall
patterns:
  - '^(?<timestamp>\\S+)\\|(?<host>[^|]+)\\|(?<action>[A-Z]+)\\|(?<src_ip>[\\d.]+):(?<src_port>\\d+)->(?<dst_ip>[\\d.]+):(?<dst_port>\\d+)$'
timestamp:
  layouts: [iso8601]
samples:
  - line: '2026-03-05T08:14:00Z|fw7|DENY|203.0.113.9:4444->10.0.0.5:22'
    expect: { ts: '2026-03-05T08:14:00Z', dst_port: 22 }
`;

const LOG = ['2026-03-05T08:14:00Z|fw7|DENY|203.0.113.9:4444->10.0.0.5:22', 'fw7: reloaded \u001b]0;pwned\u0007', '', '2026-03-05T08:15:00Z|fw7|ALLOW|198.51.100.7:1->10.0.0.5:443'].join('\n');

async function mfw(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  } as unknown as Io;
  const code = await run(args, io);
  return { code, stdout, stderr };
}

describe('mfw formats --test', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-format-test-'));
    writeFileSync(join(dir, 'fw7.yaml'), FORMAT_YAML);
    writeFileSync(join(dir, 'broken.yaml'), FORMAT_YAML.replace('(?<host>', '(?=x)(?<host>'));
    writeFileSync(join(dir, 'fw7.log'), `${LOG}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints counts like fail2ban-regex and the missed lines, control characters escaped', async () => {
    const { code, stdout } = await mfw(['formats', '--test', join(dir, 'fw7.yaml'), '--on', join(dir, 'fw7.log')]);
    expect(code).toBe(0);
    expect(stdout).toContain('Lines: 4 lines, 1 ignored, 2 matched, 1 missed\n');
    expect(stdout).toContain('  2: fw7: reloaded \\x1b]0;pwned\\x07  (no pattern of the fw7 format matches)');
    expect(stdout).not.toContain('\u001b');
  });

  it('names the unsupported construct of a broken format file at its line, exit 2', async () => {
    const { code, stderr } = await mfw(['formats', '--test', join(dir, 'broken.yaml'), '--on', join(dir, 'fw7.log')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(dir, 'broken.yaml')}:5: patterns.0: unsupported construct: lookahead`);
  });

  it('exits 4 when no line matched, and 2 without --on', async () => {
    writeFileSync(join(dir, 'other.log'), 'nothing here\n');
    expect((await mfw(['formats', '--test', join(dir, 'fw7.yaml'), '--on', join(dir, 'other.log')])).code).toBe(4);
    const { code, stderr } = await mfw(['formats', '--test', join(dir, 'fw7.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toContain('--test needs --on LOG');
  });
});
