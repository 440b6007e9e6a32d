import { describe, expect, it } from 'vitest';
import { cursorPlace, inputRows, printableInput, renderInput } from '../../../../../renderer/components/console/input-layout.js';

describe('where the input sits on screen', () => {
  it('counts the rows of each line after its prompt, long lines wrapped', () => {
    expect(inputRows('', 20)).toBe(1);
    expect(inputRows('x'.repeat(15), 20)).toBe(1); // 5 + 15 = 20: one full row
    expect(inputRows('x'.repeat(16), 20)).toBe(2);
    expect(inputRows('a\nb', 20)).toBe(2);
  });

  it('places the cursor after the prompt, on wrapped rows and on continuation lines', () => {
    expect(cursorPlace('SELECT', 0, 20)).toEqual({ row: 0, col: 5 });
    expect(cursorPlace('SELECT', 6, 20)).toEqual({ row: 0, col: 11 });
    expect(cursorPlace('x'.repeat(30), 20, 20)).toEqual({ row: 1, col: 5 });
    expect(cursorPlace('SELECT\n1;', 9, 20)).toEqual({ row: 1, col: 7 });
    expect(cursorPlace('SELECT\n1;', 6, 20)).toEqual({ row: 0, col: 11 });
  });

  it('leaves the cursor on the last cell of a line that fills its row, as the terminal does', () => {
    expect(cursorPlace('x'.repeat(15), 15, 20)).toEqual({ row: 0, col: 19 });
    expect(cursorPlace(`${'x'.repeat(15)}\nab`, 15, 20)).toEqual({ row: 0, col: 19 });
    expect(cursorPlace(`${'x'.repeat(15)}\nab`, 18, 20)).toEqual({ row: 1, col: 7 });
  });

  it('writes each line after its prompt, neutralised', () => {
    expect(renderInput('SELECT\n\x1b[2J;')).toBe('sql> SELECT\r\n...> ^[[2J;');
  });

  it('keeps only what the input may hold', () => {
    expect(printableInput('a\tb\r\nc\x1b]0;x\x07\u202e;')).toBe('a b\nc]0;x;');
  });
});
