import { describe, expect, it } from 'vitest';
import { renderCsv, renderJson, renderTable, sanitizeForTerminal } from '../../../../main/hosts/cli/output.js';

describe('query output', () => {
  it('shows control characters in log text as \\xNN so a line cannot drive the terminal', () => {
    expect(sanitizeForTerminal('evil\u001b]0;pwned\u0007title\u009b31m')).toBe('evil\\x1b]0;pwned\\x07title\\x9b31m');
    expect(renderTable(['message'], [['a\u001b[2Jb']])).toContain('a\\x1b[2Jb');
  });

  it('sanitises column names too, which a query chooses', () => {
    const out = renderTable(['\u001b]0;pwned\u0007', 'n'], [[1, 2]]);
    expect(out.includes('\u001b') || out.includes('\u0007')).toBe(false);
    expect(out.split('\n')[0]).toBe('\\x1b]0;pwned\\x07  n');
  });

  it('aligns a table, shows newlines as \\n and cuts long values', () => {
    const out = renderTable(['id', 'message'], [[1, 'one\ntwo'], [22, 'x'.repeat(100)]], 10);
    expect(out.split('\n')).toEqual(['id  message', '--  ----------', '1   one\\ntwo', `22  ${'x'.repeat(9)}…`, '']);
  });

  it('writes RFC 4180 CSV without altering the data', () => {
    expect(renderCsv(['a', 'b'], [['say "hi", ok', null], ['line\nbreak', 3]])).toBe('a,b\r\n"say ""hi"", ok",\r\n"line\nbreak",3\r\n');
  });

  it('writes JSON objects keyed by column', () => {
    expect(JSON.parse(renderJson(['a', 'b'], [[1, null]]))).toEqual([{ a: 1, b: null }]);
  });
});
