import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportSigma } from '../../../../main/engine/rules/editor/sigma-export.js';
import { MatchRuleSchema, ThresholdRuleSchema, type RuleDoc } from '../../../../main/engine/rules/schema.js';
import { convertSigma, type SigmaDetection } from '../../../../main/engine/rules/sigma.js';

const match = (where: Record<string, unknown>, extra: Record<string, unknown> = {}): RuleDoc =>
  MatchRuleSchema.parse({ id: 'site.test', kind: 'match', title: 'Test', severity: 'medium', description: 'A test rule.', where, ...extra });

function exported(doc: RuleDoc): Record<string, unknown> {
  const out = exportSigma(doc);
  expect(out.reasons).toEqual([]);
  return parse(out.sigma!) as Record<string, unknown>;
}

describe('export to Sigma', () => {
  it('writes sshd rules with the sshd log source, a stable id, the name and the level', () => {
    const sigma = exported(match({ source: 'system', program: { startswith: 'sshd' }, message: { contains: 'Failed password' } }));
    expect(sigma).toMatchObject({
      title: 'Test', name: 'site.test', level: 'medium', logsource: { product: 'linux', service: 'sshd' },
      detection: { selection_1: { 'message|contains': 'Failed password' }, condition: 'selection_1' },
    });
    expect(sigma.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(exported(match({ source: 'system', program: { startswith: 'sshd' }, message: 'x' })).id).toBe(sigma.id);
  });

  it('uses the SigmaHQ web server field names and escapes Sigma\'s wildcards in values', () => {
    const sigma = exported(match({ source: 'web', path: '/a*b?c\\d', status: [401, 403], request: { regex: '(?i)union\\s+select' } }));
    expect(sigma.logsource).toEqual({ category: 'webserver' });
    expect(sigma.detection).toEqual({
      selection_1: { 'cs-uri-stem': '/a\\*b\\?c\\\\d', 'sc-status': [401, 403], 'cs-uri|re|i': 'union\\s+select' },
      condition: 'selection_1',
    });
  });

  it('turns not_… operators, not and any into filters and condition operators that import back the same', () => {
    const where = { source: 'web', any: [{ path: { endswith: '.php' } }, { user_agent: { contains: ['nikto', 'sqlmap'] } }], src_ip: { not_cidr: '10.0.0.0/8' }, not: { method: 'HEAD' } };
    const sigma = exported(match(where));
    expect((sigma.detection as { condition: string }).condition).toBe('(selection_1 or selection_2) and not filter_3 and not (selection_4)');
    const back = convertSigma(sigma) as SigmaDetection;
    expect(back.kind).toBe('detection');
    expect(back.where).toMatchObject({ all: [{ source: 'web' }, { all: expect.any(Array) as unknown }] });
  });

  it('starts another selection when one field is tested twice the same way', () => {
    const sigma = exported(match({ source: 'system', message: { equals: 'a', in: ['a', 'b'] } }));
    expect(sigma.detection).toEqual({ selection_1: { message: 'a' }, selection_2: { message: ['a', 'b'] }, condition: 'selection_1 and selection_2' });
    const apart = exported(match({ source: 'system', all: [{ message: { contains: 'a' } }, { message: { contains: 'b' } }] }));
    expect((apart.detection as { condition: string }).condition).toBe('(selection_1 and selection_2)');
  });

  it('writes a threshold as a detection rule of its events and an event_count correlation over it', () => {
    const doc = ThresholdRuleSchema.parse({
      id: 'site.logins', kind: 'threshold', title: 'Logins', severity: 'high', description: 'Failed logins.',
      where: { source: 'web', status: [401, 403] }, group_by: ['src_ip'], min: 5, window: '10m', narrow_key: { src_ip: 'src_ip' },
    });
    const out = exportSigma(doc);
    const [events, correlation] = out.sigma!.split(/^---$/m).map((d) => parse(d) as Record<string, unknown>);
    expect(events).toMatchObject({ name: 'site.logins.events', logsource: { category: 'webserver' }, detection: { selection_1: { 'sc-status': [401, 403] } } });
    expect(correlation).toMatchObject({ name: 'site.logins', level: 'high', correlation: { type: 'event_count', rules: ['site.logins.events'], 'group-by': ['c-ip'], timespan: '10m', condition: { gte: 5 } } });
    expect(out.notes.join('\n')).toMatch(/narrow_key is left out/);
    expect(exportSigma({ ...doc, window: '500ms' }).reasons[0]).toMatch(/^window 500ms: a Sigma timespan/);
    expect(exportSigma({ ...doc, group_by: ['src_subnet'] }).reasons[0]).toMatch(/the field "src_subnet" has no Sigma name/);
  });

  it('says why when a rule cannot be expressed', () => {
    expect(exportSigma(match({ source: 'firewall', dst_port: 31337 })).reasons[0]).toMatch(/^source "firewall": Sigma log sources mfw reads/);
    expect(exportSigma(match({ message: 'x' })).reasons[0]).toMatch(/names no source/);
    expect(exportSigma(match({ source: 'system', action: 'failure' })).reasons[0]).toMatch(/the field "action" has no Sigma name/);
    expect(exportSigma(match({ source: 'web', status: { min: 400 } })).reasons[0]).toMatch(/operator "min"/);
    expect(exportSigma(match({ source: 'web' })).reasons[0]).toMatch(/no condition besides its log source/);
  });

  it('notes what the Sigma rule leaves out', () => {
    const { notes } = exportSigma(match({ source: 'web', path: '/x' }, { group_by: ['src_ip', 'path'], levels: [{ severity: 'low', where: { status: 404 } }] }));
    expect(notes.join('\n')).toMatch(/group_by \[src_ip, path\]/);
    expect(notes.join('\n')).toMatch(/levels are left out/);
  });
});
