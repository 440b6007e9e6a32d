import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../main/engine/errors.js';
import { loadRuleSet } from '../../../main/engine/rules/load.js';
import { SEVERITIES } from '../../../shared/types/rules.js';

const BAD = join(import.meta.dirname, '../../fixtures/bad-rules');
const DESIGN_IDS = [
  'firewall.port-scan', 'firewall.repeated-blocks', 'firewall.outbound-blocked', 'firewall.hacker-tool-port', 'web.rapid-fire', 'web.failed-logins',
  'web.not-found-scan', 'web.sql-injection', 'web.web-shell', 'maas.failed-logins', 'system.ssh-brute-force', 'audit.credential-change', 'audit.settings-change',
  'system.ssh-success-after-failures', 'maas.success-after-failures',
];

function loadError(path: string): DefinitionError {
  try {
    loadRuleSet({ builtin: false, paths: [path] });
  } catch (err) {
    if (err instanceof DefinitionError) return err;
    throw err;
  }
  throw new Error(`${path} loaded without an error`);
}

describe('the built-in rule pack', () => {
  const { rules, refused } = loadRuleSet();

  it('has exactly the rule ids of design §5', () => {
    expect(rules.map((r) => r.meta.id).sort()).toEqual([...DESIGN_IDS].sort());
    expect(refused).toEqual([]);
  });

  it('names each rule file after its id and says why its numbers are what they are', () => {
    for (const r of rules) {
      expect(r.meta.file.endsWith(`${r.meta.id}.yaml`), r.meta.file).toBe(true);
      expect(r.meta.description.length, r.meta.id).toBeGreaterThan(200);
      expect(r.meta.description, r.meta.id).toMatch(/Next:/);
      expect(SEVERITIES).toContain(r.meta.severity);
    }
  });
});

describe('rule files with mistakes', () => {
  it.each(readdirSync(BAD))('%s: an error naming the file, the line and the field', (name) => {
    const [where, ...what] = readFileSync(join(BAD, name, 'expected.txt'), 'utf8').trim().split(': ');
    const err = loadError(join(BAD, name, 'rule.yaml'));
    expect(err.file).toBe(join(BAD, name, 'rule.yaml'));
    expect(`line ${err.line ?? '?'}`).toBe(where);
    expect(err.message).toContain(what.join(': '));
  });

  const dir = mkdtempSync(join(tmpdir(), 'mfw-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports broken YAML at its line', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'id: x\nkind: match\nwhere: {source: web\n');
    const err = loadError(file);
    expect(err.message).toMatch(/not valid YAML/);
    expect(err.line).toBeGreaterThanOrEqual(3);
  });

  it('lets a user rule replace a built-in one by id', () => {
    const file = join(dir, 'override.yaml');
    writeFileSync(file, [
      'id: system.ssh-brute-force', 'kind: threshold', 'title: Stricter SSH brute force', 'severity: critical', 'description: three failures are enough here',
      'where: { source: system, action: failure }', 'group_by: [src_ip]', 'min: 3', 'window: 1h',
    ].join('\n'));
    const { rules } = loadRuleSet({ paths: [file] });
    const ssh = rules.filter((r) => r.meta.id === 'system.ssh-brute-force');
    expect(ssh.map((r) => [r.meta.severity, r.meta.origin, r.meta.file])).toEqual([['critical', 'user', file]]);
    expect(rules).toHaveLength(DESIGN_IDS.length);
  });

  it('refuses an sql rule that is more than one SELECT', () => {
    const file = join(dir, 'sql.yaml');
    writeFileSync(file, ['id: local.sql', 'kind: sql', 'title: t', 'severity: low', 'description: d', 'key: [user]', 'sql: "DELETE FROM events"'].join('\n'));
    expect(loadError(file).message).toMatch(/one SELECT/);
    writeFileSync(file, ['id: local.sql', 'kind: sql', 'title: t', 'severity: low', 'description: d', 'key: [user]', 'sql: "SELECT 1; DELETE FROM events"'].join('\n'));
    expect(loadError(file).message).toMatch(/one SELECT/);
    writeFileSync(file, ['id: local.sql', 'kind: sql', 'title: t', 'severity: low', 'description: d', 'key: [user]', "sql: \"SELECT id AS event_id, ts, user FROM events WHERE message LIKE '%TTY=pts/0 ; PWD=%'\""].join('\n'));
    expect(loadRuleSet({ builtin: false, paths: [file] }).rules).toHaveLength(1);
  });
});
