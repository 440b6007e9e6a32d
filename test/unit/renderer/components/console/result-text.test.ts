import { describe, expect, it } from 'vitest';
import { MAX_CELL_WIDTH, csvText, exportText, pageFooter, resultLines, tableLines } from '../../../../../renderer/components/console/result-text.js';

const result = (rows: number, total: number, totalExact = true) => ({ columns: ['n'], rows: Array.from({ length: rows }, (_, i) => [i]), total, totalExact, elapsedMs: 12.4 });

describe('console results as text', () => {
  it('aligns a table, numbers to the right, NULL named', () => {
    expect(tableLines(['id', 'user'], [[1, 'root'], [120, null]])).toEqual([' id | user', '----+-----', '  1 | root', '120 | NULL']);
  });

  it('neutralises names and values and cuts long values', () => {
    const [head, , row] = tableLines(['\x1b[2J'], [['a\x1b]0;t\x07b\nc']]);
    expect(head).toBe('^[[2J');
    expect(row).toBe('a^[]0;t^Gb^Jc');
    expect(tableLines(['v'], [['x'.repeat(200)]])[2]).toBe(`${'x'.repeat(MAX_CELL_WIDTH - 1)}…`);
  });

  it('shows CSV and JSON neutralised in the terminal, but exports the data unaltered', () => {
    expect(resultLines('csv', ['m'], [['a\nb\x1b[1A']])).toEqual(['m', 'a^Jb^[[1A']);
    expect(resultLines('json', ['m'], [['\x9b2J']])).toEqual(['[', '  {', '    "m": "<U+009B>2J"', '  }', ']']);
    expect(csvText(['m', 'n'], [['say "hi"\nthere', null]])).toBe('m,n\r\n"say ""hi""\nthere",\r\n');
    expect(exportText('json', ['m'], [['\x1b']])).toBe('[\n  {\n    "m": "\\u001b"\n  }\n]\n');
    expect(exportText('table', ['m'], [[1]])).toBe('m\n-\n1\n');
  });

  it('says which rows a page holds, of how many, and how to see more', () => {
    expect(pageFooter(result(1, 1), 0)).toBe('1 row (12 ms)');
    expect(pageFooter(result(0, 0), 0)).toBe('0 rows (12 ms)');
    expect(pageFooter(result(200, 1234), 0)).toBe('rows 1–200 of 1,234 (12 ms); 1,034 more rows, .more to see them');
    expect(pageFooter(result(34, 1234), 1200)).toBe('rows 1,201–1,234 of 1,234 (12 ms)');
    expect(pageFooter(result(200, 1_000_000, false), 200)).toBe('rows 201–400 of more than 1,000,000 (12 ms); more rows, .more to see them');
    expect(pageFooter(result(0, 10), 200)).toBe('no rows from row 201: the result has 10 rows (12 ms)');
  });
});
