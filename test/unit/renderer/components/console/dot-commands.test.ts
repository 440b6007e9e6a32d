import { describe, expect, it } from 'vitest';
import { exportFileName, exportMode, parseDotCommand } from '../../../../../renderer/components/console/dot-commands.js';

describe('parseDotCommand', () => {
  it('reads every command and its argument', () => {
    expect(parseDotCommand('.tables')).toEqual({ kind: 'tables' });
    expect(parseDotCommand('  .schema   events ')).toEqual({ kind: 'schema', table: 'events' });
    expect(parseDotCommand('.schema')).toEqual({ kind: 'schema', table: null });
    expect(parseDotCommand('.mode CSV')).toEqual({ kind: 'mode', mode: 'csv' });
    expect(parseDotCommand('.mode')).toEqual({ kind: 'mode', mode: null });
    expect(parseDotCommand('.more')).toEqual({ kind: 'more' });
    expect(parseDotCommand('.export out/result.csv')).toEqual({ kind: 'export', file: 'out/result.csv' });
    expect(parseDotCommand('.save ssh-fails')).toEqual({ kind: 'save', name: 'ssh-fails' });
    expect(parseDotCommand('.queries')).toEqual({ kind: 'queries' });
    expect(parseDotCommand('.run ssh-fails')).toEqual({ kind: 'run', name: 'ssh-fails' });
    expect(parseDotCommand('.HELP')).toEqual({ kind: 'help' });
    expect(parseDotCommand('.clear')).toEqual({ kind: 'clear' });
  });

  it('says what is expected when a command is misused', () => {
    expect(() => parseDotCommand('.mode xml')).toThrow('unknown mode xml: .mode table|csv|json');
    expect(() => parseDotCommand('.export')).toThrow('usage: .export FILE');
    expect(() => parseDotCommand('.export a b')).toThrow('usage: .export FILE');
    expect(() => parseDotCommand('.save')).toThrow('usage: .save NAME');
    expect(() => parseDotCommand('.save a;b')).toThrow(/one word/);
    expect(() => parseDotCommand('.tables x')).toThrow('usage: .tables');
    expect(() => parseDotCommand('.drop events')).toThrow('unknown command .drop: .help lists the commands');
  });
});

describe('export file names and formats', () => {
  it('keeps only the last path part, without control characters', () => {
    expect(exportFileName('../../etc/passwd')).toBe('passwd');
    expect(exportFileName('C:\\Users\\x\\out.csv')).toBe('out.csv');
    expect(exportFileName('evil\x1b]0;x\x07.csv')).toBe('evil]0;x.csv');
    expect(exportFileName('dir/')).toBeNull();
    expect(exportFileName('..')).toBeNull();
  });

  it('writes by the extension, else in the current mode', () => {
    expect(exportMode('a.CSV', 'table')).toBe('csv');
    expect(exportMode('a.json', 'csv')).toBe('json');
    expect(exportMode('a.txt', 'json')).toBe('json');
    expect(exportMode('a', 'table')).toBe('table');
  });
});
