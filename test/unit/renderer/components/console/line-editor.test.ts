import { describe, expect, it } from 'vitest';
import { isComplete, LineEditor } from '../../../../../renderer/components/console/line-editor.js';

function editor(cols = 80): { editor: LineEditor; out: string[] } {
  const out: string[] = [];
  const e = new LineEditor({ write: (text) => out.push(text), cols });
  e.prompt();
  return { editor: e, out };
}

describe('isComplete: when Enter runs the input', () => {
  it('runs SQL ending with ";" and any dot-command; anything else continues on the next line', () => {
    expect(isComplete('SELECT 1;')).toBe(true);
    expect(isComplete('SELECT 1;  \n ')).toBe(true);
    expect(isComplete('.tables')).toBe(true);
    expect(isComplete('SELECT 1')).toBe(false);
    expect(isComplete('SELECT 1; -- done')).toBe(false);
  });
});

describe('LineEditor', () => {
  it('submits on Enter once the statement ends with ";", continuing the lines before', () => {
    const { editor: e, out } = editor();
    expect(e.feed('SELECT 1')).toEqual([]);
    expect(e.feed('\r')).toEqual([]);
    expect(out.at(-1)).toBe('\r\n...> ');
    for (const c of 'FROM t;') e.feed(c);
    expect(e.feed('\r')).toEqual([{ kind: 'submit', input: 'SELECT 1\nFROM t;' }]);
  });

  it('echoes typed and pasted text neutralised, and a paste never runs by itself', () => {
    const { editor: e, out } = editor();
    expect(e.feed('SELECT 1;\rSELECT \x9b2J')).toEqual([]);
    expect(e.input).toBe('SELECT 1;\nSELECT 2J');
    expect(out.join('')).not.toContain('\x9b');
    const typed = editor();
    typed.editor.feed('é');
    typed.editor.feed('\x1b]0;x\x07');
    expect(typed.editor.input).toBe('é0;x'); // ESC and the key after it are one (Alt) key: ignored
  });

  it('recalls history with Up and Down, coming back to the input being written', () => {
    const { editor: e, out } = editor();
    e.setHistory(['SELECT 1;', 'SELECT\n2;']);
    e.feed('dra');
    e.feed('\x1b[A');
    expect(e.input).toBe('SELECT\n2;');
    e.feed('\x1b[A');
    expect(e.input).toBe('SELECT 1;');
    e.feed('\x1b[A');
    expect(e.input).toBe('SELECT 1;');
    // Leaving the two-line entry moves up one row before erasing it.
    e.feed('\x1b[B');
    e.feed('\x1b[B');
    expect(out.at(-1)).toBe('\x1b[1A\r\x1b[Jsql> dra');
    expect(e.input).toBe('dra');
  });

  it('redraws over wrapped rows', () => {
    const { editor: e, out } = editor(10);
    e.feed('x'.repeat(12)); // 5 + 12 = 17 columns: two rows of 10
    e.feed('\x7f');
    expect(out.at(-1)).toBe(`\x1b[1A\r\x1b[Jsql> ${'x'.repeat(11)}`);
  });

  it('edits at the cursor: Left, Right, Home, End, Backspace and Delete', () => {
    const { editor: e, out } = editor();
    for (const c of 'SELECT 1 FROM t;') e.feed(c);
    e.feed('\x1b[H'); // Home
    e.feed('\x1b[3~'); // Delete: "ELECT…"
    e.feed('s');
    expect(e.input).toBe('sELECT 1 FROM t;');
    // The redraw puts the cursor back after the "s": from the end, to column 5 + 1.
    expect(out.at(-1)).toBe('\r\x1b[Jsql> sELECT 1 FROM t;\r\x1b[6C');
    e.feed('\x1b[F'); // End
    e.feed('\x1b[D\x1b[D'); // before "t;"
    e.feed('\x7f');
    e.feed('\x1b[C');
    e.feed('x');
    expect(e.input).toBe('sELECT 1 FROMtx;');
  });

  it('inserts a line break at the cursor when the input is not complete, and runs a complete one from anywhere', () => {
    const { editor: e } = editor();
    for (const c of 'SELECT 1 FROM t') e.feed(c);
    e.feed('\x01'); // Ctrl-A
    for (let i = 0; i < 8; i++) e.feed('\x1b[C');
    e.feed('\r');
    expect(e.input).toBe('SELECT 1\n FROM t');
    e.feed('\x05'); // Ctrl-E: end of this line
    e.feed(';');
    expect(e.feed('\x1b[D\x1b[D\r')).toEqual([{ kind: 'submit', input: 'SELECT 1\n FROM t;' }]);
  });

  it('recalls an entry of the history without what it could not have been typed with', () => {
    const { editor: e } = editor();
    e.setHistory(['SELECT 1;\x1b[2J']);
    e.feed('\x1b[A');
    expect(e.input).toBe('SELECT 1;[2J');
  });

  it('interrupts on Ctrl-C, clears the input on Ctrl-U, asks to clear the screen on Ctrl-L', () => {
    const { editor: e } = editor();
    e.feed('SELECT');
    expect(e.feed('\x03')).toEqual([{ kind: 'interrupt' }]);
    expect(e.input).toBe('');
    e.feed('abc');
    e.feed('\x15');
    expect(e.input).toBe('');
    expect(e.feed('\x0c')).toEqual([{ kind: 'clear-screen' }]);
  });

  it('does not repeat the newest history entry', () => {
    const { editor: e } = editor();
    e.remember('.tables');
    e.remember('.tables');
    e.feed('\x1b[A');
    e.feed('\x1b[A');
    expect(e.input).toBe('.tables');
  });
});
