/**
 * Log text is data: before any value reaches a terminal (the Console's xterm.js), every
 * character that a terminal would act on instead of printing is replaced by a visible stand-in,
 * so a hostile line cannot set the window title (`ESC ] 0 ;`), clear the screen, move the
 * cursor to overwrite earlier output, or reorder what is shown.
 *
 * - C0 controls U+0000–U+001F and DEL become caret notation, as `cat -v` and `less` show them:
 *   ESC `^[`, BEL `^G`, LF `^J`, CR `^M`, TAB `^I`, NUL `^@`, DEL `^?` (plain ASCII: it shows in
 *   every font, where the Unicode control pictures often do not).
 * - C1 controls U+0080–U+009F (`U+009B` is a one-character CSI to xterm) and the
 *   invisible layout controls (bidirectional embeddings, overrides and isolates, the line and
 *   paragraph separators) become `<U+XXXX>`.
 *
 * @example neutraliseTerminalText('\x1b]0;pwned\x07') === '^[]0;pwned^G'
 */
export function neutraliseTerminalText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, placeholder);
}

function placeholder(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(0x40 + code)}`;
  if (code === 0x7f) return '^?';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

