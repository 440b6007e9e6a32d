import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyForm, readForm } from '../../../../../renderer/components/rules/rule-form.js';

const brute = readFileSync(fileURLToPath(new URL('../../../../../shared/rules/system.ssh-brute-force.yaml', import.meta.url)), 'utf8');
const sqli = readFileSync(fileURLToPath(new URL('../../../../../shared/rules/web.sql-injection.yaml', import.meta.url)), 'utf8');

describe('the rule form over the YAML', () => {
  it('reads the common fields of a threshold rule', () => {
    expect(readForm(brute)).toEqual({ kind: 'threshold', severity: 'high', key: ['src_ip'], window: '10m', min: 5 });
  });

  it('reads a match rule\'s merge_within as its window, and it has no minimum', () => {
    expect(readForm(sqli)).toEqual({ kind: 'match', severity: 'high', key: ['src_ip'], window: '1h', min: null });
  });

  it('changes one field and leaves every other line as it was', () => {
    const edited = applyForm(brute, { min: 3 });
    expect(edited.split('\n').filter((l, i) => l !== brute.split('\n')[i])).toEqual(['min: 3']);
    expect(readForm(edited)).toEqual({ ...readForm(brute)!, min: 3 });
  });

  it('round-trips every field: what the form writes, it reads back', () => {
    const fields = { severity: 'critical', key: ['src_subnet', 'user'], window: '15m', min: 7 };
    const edited = applyForm(brute, fields);
    expect(readForm(edited)).toEqual({ kind: 'threshold', ...fields });
    expect(edited).toContain('group_by: [src_subnet, user]\n');
    expect(edited.split('\n')).toHaveLength(brute.split('\n').length);
  });

  it('keeps comments', () => {
    const commented = `# tuned for site X\n${brute.replace('min: 5', 'min: 5 # fail2ban default')}`;
    const edited = applyForm(commented, { window: '5m' });
    expect(edited).toContain('# tuned for site X');
    expect(edited).toContain('min: 5 # fail2ban default');
    expect(readForm(edited)?.window).toBe('5m');
  });

  it('adds a field the text lacks at the end', () => {
    const without = brute.replace('window: 10m\n', '');
    expect(readForm(without)?.window).toBeNull();
    const added = applyForm(without, { window: '2m' });
    expect(added.endsWith('window: 2m\n')).toBe(true);
    expect(readForm(added)?.window).toBe('2m');
  });

  it('writes the fields of the kind chosen: a sequence\'s key is by and its minimum min_first', () => {
    const seq = applyForm(brute, { kind: 'sequence', key: ['src_ip'], min: 4 });
    expect(seq).toMatch(/^kind: sequence$/m);
    expect(seq).toMatch(/^by: \[src_ip\]$/m);
    expect(seq).toMatch(/^min_first: 4$/m);
  });

  it('carries the values over to the names another kind gives them', () => {
    const seq = applyForm(brute, { kind: 'sequence' });
    expect(readForm(seq)).toEqual({ kind: 'sequence', severity: 'high', key: ['src_ip'], window: '10m', min: 5 });
    expect(seq).not.toMatch(/^(group_by|min):/m);
    const match = applyForm(brute, { kind: 'match' });
    expect(match).toMatch(/^merge_within: 10m$/m);
    expect(match).not.toMatch(/^(window|min):/m);
  });

  it('removes a field the form empties', () => {
    expect(readForm(applyForm(sqli, { window: '' }))?.window).toBeNull();
    expect(applyForm(sqli, { window: '' })).not.toContain('merge_within');
  });

  it('leaves a text it cannot read alone, and reads nothing from it', () => {
    const broken = 'id: x\nwhere: [unclosed\n';
    expect(readForm(broken)).toBeNull();
    expect(applyForm(broken, { min: 3 })).toBe(broken);
    expect(readForm('- a list\n')).toBeNull();
  });
});
