import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { loadRuleSet } from '../../../../main/engine/rules/load.js';
import { dispatch } from '../../../../main/engine/session/dispatch.js';
import { Session } from '../../../../main/engine/session/session.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';

const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
const SIGMA = fileURLToPath(new URL('../../../fixtures/sigma/', import.meta.url));
const BRUTE = 'system.ssh-brute-force';
const builtinYaml = readFileSync(fileURLToPath(new URL(`../../../../shared/rules/${BRUTE}.yaml`, import.meta.url)), 'utf8');

/** 8 failed SSH logins from 203.0.113.9 and 3 from 198.51.100.4, 10 s apart; 2 web requests. */
async function fill(store: Store): Promise<void> {
  const rows: string[] = [];
  const ssh = (ip: string, n: number, from: number): void => {
    for (let i = 0; i < n; i++) rows.push(`(${T0 + (from + i * 10) * 1000}, ${rows.length}, 'system', 'sshd', 'sshd', 'failure', '${ip}', 'root', 'Failed password for root from ${ip} port 22 ssh2')`);
  };
  ssh('203.0.113.9', 8, 0);
  ssh('198.51.100.4', 3, 600);
  await store.query(`INSERT INTO events (ts, seq, source, format, program, action, src_ip, user, message) VALUES ${rows.join(', ')}`);
  await store.query(`INSERT INTO events (ts, seq, source, format, src_ip, method, path, query, status, user_agent) VALUES
    (${T0}, 100, 'web', 'web-access', '192.0.2.50', 'GET', '/item', 'id=1%27%20UNION%20SELECT%20password%20FROM%20users', 200, 'curl/8'),
    (${T0 + 5000}, 101, 'web', 'web-access', '192.0.2.60', 'GET', '/', NULL, 200, 'sqlmap/1.7')`);
  await store.finishImport();
}

const withMin = (min: number): string => builtinYaml.replace(/^min: 5$/m, `min: ${min}`);

describe('the rule editor behind the Rules screen', () => {
  let store: Store;
  let session: Session;

  beforeEach(async () => {
    store = await openStore({ inThread: true });
    await fill(store);
    session = new Session({ store, registry: loadRegistry(), version: 'test', rules: loadRuleSet().rules, nowMs: () => T0 });
  });
  afterEach(() => session.close());

  const bruteFindings = async (): Promise<string[]> => (await session.findings()).findings.filter((f) => f.rule === BRUTE).map((f) => `${f.key} ${f.count}`);

  it('lists the built-in rules, enabled, not saved in the session', async () => {
    const { rules } = await session.ruleEditor.list();
    const brute = rules.find((r) => r.id === BRUTE);
    expect(brute).toEqual({ id: BRUTE, title: 'SSH brute force', kind: 'threshold', severity: 'high', enabled: true, base: 'builtin', stored: false, modified: false, error: null });
    expect(rules.length).toBe(loadRuleSet().rules.length);
  });

  it('gives a built-in rule\'s YAML as shipped, which is also its base', async () => {
    const detail = await session.ruleEditor.get({ id: BRUTE });
    expect(detail.yaml).toBe(builtinYaml);
    expect(detail.baseYaml).toBe(builtinYaml);
    await expect(session.ruleEditor.get({ id: 'no.such-rule' })).rejects.toThrow(/no rule "no.such-rule"/);
  });

  it('reports a misspelt key at its line and field, and a syntax error at its line', () => {
    const misspelt = builtinYaml.replace(/^window: 10m$/m, 'windw: 10m');
    const line = misspelt.split('\n').indexOf('windw: 10m') + 1;
    expect(session.ruleEditor.check({ yaml: misspelt })).toEqual({ issues: [{ line, field: '(top level)', message: 'unknown key "windw"' }], id: null, kind: null });
    const broken = withMin(5).replace(/^group_by: \[src_ip\]$/m, 'group_by: [src_ip');
    const issue = session.ruleEditor.check({ yaml: broken }).issues[0]!;
    expect(issue.message).toMatch(/^not valid YAML/);
    expect(issue.line).toBeGreaterThanOrEqual(broken.split('\n').indexOf('group_by: [src_ip') + 1);
    expect(session.ruleEditor.check({ yaml: withMin(3) })).toEqual({ issues: [], id: BRUTE, kind: 'threshold' });
  });

  it('takes one mfw rule: not an empty text, two documents or a Sigma rule', () => {
    const check = (yaml: string): string | undefined => session.ruleEditor.check({ yaml }).issues[0]?.message;
    expect(check('')).toBe('the rule is empty');
    expect(session.ruleEditor.check({ yaml: `${builtinYaml}---\n${builtinYaml}` }).issues[0]).toMatchObject({ line: builtinYaml.split('\n').length + 1, message: 'one rule only: remove the second document (---)' });
    expect(check(readFileSync(`${SIGMA}lnx_sshd_password_failure.yml`, 'utf8'))).toBe('this is a Sigma rule: import it with Import Sigma');
  });

  it('names an unknown field at its line inside where', () => {
    const yaml = builtinYaml.replace('  action: failure', '  acton: failure');
    expect(session.ruleEditor.check({ yaml }).issues).toEqual([{ line: yaml.split('\n').indexOf('  acton: failure') + 1, field: 'where.acton', message: expect.stringMatching(/^unknown field "acton"/) as unknown }]);
  });

  it('previews the findings of the edited rule without saving them: a lower threshold finds more', async () => {
    const at5 = await session.ruleEditor.preview({ yaml: withMin(5) });
    expect(at5.result?.findings).toBe(1);
    expect(at5.result?.events).toBe(8);
    const shown = at5.result!.shown[0]!;
    expect(shown).toMatchObject({ key: { src_ip: '203.0.113.9' }, count: 8, firstTs: T0, lastTs: T0 + 70_000, severity: 'high' });
    expect(shown.samples.map((s) => s.message)).toEqual(Array(3).fill('Failed password for root from 203.0.113.9 port 22 ssh2'));
    const at3 = await session.ruleEditor.preview({ yaml: withMin(3) });
    expect(at3.result?.findings).toBe(2);
    expect(at3.result?.shown.map((f) => f.key.src_ip)).toEqual(['203.0.113.9', '198.51.100.4']);
    expect((await session.findings()).findings).toEqual([]);
    expect((await session.ruleEditor.preview({ yaml: withMin(3), limit: 1 })).result?.shown).toHaveLength(1);
  });

  it('runs only the newest of previews asked for while one waits', async () => {
    const older = session.ruleEditor.preview({ yaml: withMin(5) });
    const newer = session.ruleEditor.preview({ yaml: withMin(3) });
    await expect(older).rejects.toThrow('this preview (a newer one replaced it) cancelled');
    expect((await newer).result?.findings).toBe(2);
  });

  it('cannot change the evidence through an sql rule\'s WITH … DELETE', async () => {
    const yaml = 'id: site.wipe\nkind: sql\ntitle: Wipe\nseverity: low\ndescription: Not a SELECT.\nkey: [src_ip]\nsql: "WITH x AS (SELECT 1) DELETE FROM events"\n';
    const before = (await store.query('SELECT count(*) FROM events')).rows[0]![0];
    await expect(session.ruleEditor.preview({ yaml })).rejects.toThrow(/its sql failed/);
    expect((await store.query('SELECT count(*) FROM events')).rows[0]![0]).toBe(before);
  });

  it('gives the issues instead of a preview for a broken rule', async () => {
    const preview = await session.ruleEditor.preview({ yaml: withMin(0) });
    expect(preview.result).toBeNull();
    expect(preview.issues[0]).toMatchObject({ field: 'min', line: withMin(0).split('\n').indexOf('min: 0') + 1 });
  });

  it('saves a rule in the store, reruns detection, and the override is what the list, get and the next import use', async () => {
    const saved = await session.ruleEditor.save({ yaml: withMin(3) });
    // Every rule's findings: the two SQL injections' too.
    expect(saved).toEqual({ id: BRUTE, findings: 4 });
    expect(await bruteFindings()).toEqual(['{"src_ip":"203.0.113.9"} 8', '{"src_ip":"198.51.100.4"} 3']);
    const row = (await store.query('SELECT id, body, enabled, updated_ts FROM rules')).rows;
    expect(row).toEqual([[BRUTE, withMin(3), 1, T0]]);
    expect((await session.ruleEditor.list()).rules.find((r) => r.id === BRUTE)).toMatchObject({ stored: true, modified: true, base: 'builtin', enabled: true });
    expect((await session.ruleEditor.get({ id: BRUTE })).yaml).toBe(withMin(3));
    const active = await session.ruleEditor.activeRules();
    expect(active?.filter((r) => r.meta.id === BRUTE).map((r) => r.meta.yaml)).toEqual([withMin(3)]);
  });

  it('refuses to save a broken rule, naming its line, and keeps nothing', async () => {
    const reply = await dispatch(session, 'rules.save', { yaml: withMin(0) });
    expect(reply).toEqual({ ok: false, error: { code: 'definition', message: expect.stringMatching(/^rule\.yaml:\d+: min: .* \(the rule was not saved\)$/) as unknown } });
    expect((await store.query('SELECT count(*) FROM rules')).rows[0]![0]).toBe(0);
  });

  it('reverts to the built-in rule and recomputes the findings', async () => {
    await session.ruleEditor.save({ yaml: withMin(3) });
    expect(await session.ruleEditor.revert({ id: BRUTE })).toEqual({ id: BRUTE, findings: 3 });
    expect(await bruteFindings()).toEqual(['{"src_ip":"203.0.113.9"} 8']);
    expect((await session.ruleEditor.list()).rules.find((r) => r.id === BRUTE)).toMatchObject({ stored: false, modified: false });
    await expect(session.ruleEditor.revert({ id: BRUTE })).rejects.toThrow(/no saved version/);
  });

  it('disables and enables a built-in rule, keeping its YAML as shipped', async () => {
    await session.ruleEditor.setEnabled({ id: BRUTE, enabled: false });
    expect(await bruteFindings()).toEqual([]);
    expect((await session.ruleEditor.list()).rules.find((r) => r.id === BRUTE)).toMatchObject({ enabled: false, stored: true, modified: false });
    await session.ruleEditor.setEnabled({ id: BRUTE, enabled: true });
    expect(await bruteFindings()).toEqual(['{"src_ip":"203.0.113.9"} 8']);
    // A disabled rule stays disabled when saved again without saying so.
    await session.ruleEditor.setEnabled({ id: BRUTE, enabled: false });
    await session.ruleEditor.save({ yaml: withMin(3) });
    expect(await bruteFindings()).toEqual([]);
  });

  it('adds a rule of a new id that exists only in the session; revert removes it', async () => {
    const yaml = withMin(2).replace(`id: ${BRUTE}`, 'id: site.ssh-pairs');
    await session.ruleEditor.save({ yaml });
    expect((await session.ruleEditor.list()).rules.at(-1)).toMatchObject({ id: 'site.ssh-pairs', base: null, stored: true, modified: true });
    expect((await session.findings()).findings.filter((f) => f.rule === 'site.ssh-pairs')).toHaveLength(2);
    await session.ruleEditor.revert({ id: 'site.ssh-pairs' });
    expect((await session.ruleEditor.list()).rules.some((r) => r.id === 'site.ssh-pairs')).toBe(false);
  });

  it('converts a Sigma rule for the editor, and it fires like any other', async () => {
    const imported = session.ruleEditor.importSigma({ yaml: readFileSync(`${SIGMA}lnx_sshd_password_failure.yml`, 'utf8') });
    expect(imported.refused).toEqual([]);
    expect(imported.rules.map((r) => r.id)).toEqual(['sigma.lnx_sshd_password_failure']);
    const preview = await session.ruleEditor.preview({ yaml: imported.rules[0]!.yaml });
    expect(preview.result?.findings).toBe(2);
  });

  it('reports what the Sigma importer refuses, with the reason', () => {
    const windows = session.ruleEditor.importSigma({ yaml: readFileSync(`${SIGMA}win_unsupported_logsource.yml`, 'utf8') });
    expect(windows.rules).toEqual([]);
    expect(windows.refused).toEqual([{ line: 1, id: '7a9b0c1d-2e3f-4a5b-8c6d-0e1f2a3b4c05', reason: expect.stringMatching(/log source .*windows.* is not one mfw reads/) as unknown }]);
    expect(session.ruleEditor.importSigma({ yaml: builtinYaml }).refused[0]?.reason).toMatch(/^not a Sigma rule/);
    expect(session.ruleEditor.importSigma({ yaml: 'title: [' }).refused[0]?.reason).toMatch(/^not valid YAML/);
  });

  it('exports a match rule to Sigma that imports back to the same findings', async () => {
    const sqli = (await session.ruleEditor.get({ id: 'web.sql-injection' })).yaml;
    const exported = session.ruleEditor.exportSigma({ yaml: sqli });
    expect(exported.reasons).toEqual([]);
    const back = session.ruleEditor.importSigma({ yaml: exported.sigma! });
    expect(back.refused).toEqual([]);
    const original = await session.ruleEditor.preview({ yaml: sqli });
    const roundTrip = await session.ruleEditor.preview({ yaml: back.rules[0]!.yaml });
    expect(original.result?.findings).toBe(2);
    expect(roundTrip.result?.shown.map((f) => [f.key, f.count])).toEqual(original.result?.shown.map((f) => [f.key, f.count]));
  });

  it('exports a threshold rule as a Sigma correlation that imports back to the same findings', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `(${T0 + i * 20_000}, ${200 + i}, 'web', 'web-access', '192.0.2.77', 'GET', '/missing/${i % 3}', 404)`);
    await store.query(`INSERT INTO events (ts, seq, source, format, src_ip, method, path, status) VALUES ${rows.join(', ')}`);
    const scan = (await session.ruleEditor.get({ id: 'web.not-found-scan' })).yaml.replace(/^min: 15$/m, 'min: 3');
    const exported = session.ruleEditor.exportSigma({ yaml: scan });
    expect(exported.reasons).toEqual([]);
    expect(exported.sigma).toMatch(/^---$/m);
    expect(exported.sigma).toContain('type: value_count');
    const back = session.ruleEditor.importSigma({ yaml: exported.sigma! });
    expect(back.refused).toEqual([]);
    expect(back.rules.map((r) => r.id)).toEqual(['sigma.web.not-found-scan']);
    const original = await session.ruleEditor.preview({ yaml: scan });
    const roundTrip = await session.ruleEditor.preview({ yaml: back.rules[0]!.yaml });
    expect(original.result?.shown.map((f) => [f.key, f.count, f.firstTs, f.lastTs])).toEqual([[{ src_ip: '192.0.2.77' }, 6, T0, T0 + 100_000]]);
    expect(roundTrip.result?.shown.map((f) => [f.key, f.count, f.firstTs, f.lastTs])).toEqual(original.result?.shown.map((f) => [f.key, f.count, f.firstTs, f.lastTs]));
  });

  it('says why a rule cannot be exported to Sigma', async () => {
    const sequence = (await session.ruleEditor.get({ id: 'system.ssh-success-after-failures' })).yaml;
    expect(session.ruleEditor.exportSigma({ yaml: sequence })).toEqual({ sigma: null, reasons: [expect.stringMatching(/^a sequence rule needs its first step counted/) as unknown], notes: [] });
    expect(session.ruleEditor.exportSigma({ yaml: builtinYaml }).reasons).toEqual([expect.stringMatching(/^the field "action" has no Sigma name/) as unknown]);
    expect(session.ruleEditor.exportSigma({ yaml: 'id: x\n' }).reasons[0]).toMatch(/^the rule is not valid: line 1: /);
  });

  it('validates rules.* requests at the boundary', async () => {
    expect(await dispatch(session, 'rules.preview', { yaml: 'x'.repeat(200_001) })).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(await dispatch(session, 'rules.enable', { id: BRUTE })).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(await dispatch(session, 'rules.check', { yaml: withMin(3) })).toEqual({ ok: true, result: { issues: [], id: BRUTE, kind: 'threshold' } });
  });
});

describe('rules saved in the session, at the next import', () => {
  it('run instead of the built-in rule of their id, and a disabled one does not run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mfw-rule-editor-'));
    const session = new Session({ store: await openStore({ inThread: true }), registry: loadRegistry(), version: 'test', rules: loadRuleSet().rules });
    try {
      // Four failures: below the shipped minimum of 5, at a saved one of 3.
      const lines = Array.from({ length: 4 }, (_, i) => `Mar  1 10:00:0${i} host sshd[1]: Failed password for root from 203.0.113.9 port ${4000 + i} ssh2`);
      writeFileSync(join(dir, 'auth.log'), `${lines.join('\n')}\n`);
      await session.ruleEditor.save({ yaml: withMin(3) });
      await session.ruleEditor.save({ yaml: withMin(2).replace(`id: ${BRUTE}`, 'id: site.off'), enabled: false });
      session.startImport({ paths: [join(dir, 'auth.log')] });
      await session.idle();
      const { findings } = await session.findings();
      expect(findings.map((f) => [f.rule, f.count])).toEqual([[BRUTE, 4]]);
    } finally {
      await session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
