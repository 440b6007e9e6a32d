import { describe, expect, it } from 'vitest';
import { neutraliseTerminalText } from '../../../shared/terminal-text.js';

describe('neutraliseTerminalText', () => {
  it('shows a title-setting OSC as text, ESC and BEL in caret notation', () => {
    expect(neutraliseTerminalText('login \x1b]0;pwned\x07 ok')).toBe('login ^[]0;pwned^G ok');
  });

  it('defuses screen clears and cursor moves', () => {
    expect(neutraliseTerminalText('\x1b[2J\x1b[10A\x1b[1;1Hfake')).toBe('^[[2J^[[10A^[[1;1Hfake');
  });

  it('shows C1 controls, the one-character CSI included, by code point', () => {
    expect(neutraliseTerminalText('a\x9b31mb\x90c\x85')).toBe('a<U+009B>31mb<U+0090>c<U+0085>');
  });

  it('keeps line breaks, tabs, carriage returns, backspace and DEL from laying out the terminal', () => {
    expect(neutraliseTerminalText('a\nb\r\tc\bd\x7fe\x00\x1f')).toBe('a^Jb^M^Ic^Hd^?e^@^_');
  });

  it('shows the bidirectional overrides and isolates that could reorder what is read', () => {
    expect(neutraliseTerminalText('user\u202eeliF\u2066x\u2069\u2028')).toBe('user<U+202E>eliF<U+2066>x<U+2069><U+2028>');
  });

  it('leaves printable text alone, non-Latin scripts and emoji included', () => {
    const text = 'Failed password for root from 203.0.113.5 port 22 ssh2 — ünïcödé 日本 🔑 ␛';
    expect(neutraliseTerminalText(text)).toBe(text);
  });

  it('leaves nothing a terminal would act on', () => {
    let all = '';
    for (let c = 0; c < 0x100; c++) all += String.fromCharCode(c);
    // eslint-disable-next-line no-control-regex
    expect(neutraliseTerminalText(all)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
