import { CONTINUATION_PROMPT, cursorPlace, printableInput, PROMPT, renderInput } from './input-layout.js';

export { CONTINUATION_PROMPT, PROMPT } from './input-layout.js';

/** What the user asked for, beyond editing the input. */
export type EditorEvent = { kind: 'submit'; input: string } | { kind: 'interrupt' } | { kind: 'clear-screen' };

export interface EditorTerminal {
  write(text: string): void;
  /** Columns of the terminal: long lines wrap, and a redraw must know how many rows they took. */
  readonly cols: number;
}

/**
 * The rule for multi-line input: a dot-command is one line; SQL runs when its last character
 * that is not white space is `;`, else Enter starts a continuation line.
 */
export function isComplete(input: string): boolean {
  const text = input.trim();
  return text === '' || text.startsWith('.') || text.endsWith(';');
}

// Keys come from xterm.js as the bytes a terminal would send: CSI sequences for the arrows.
// eslint-disable-next-line no-control-regex
const KEY = /\r\n|\x1b(?:\[[0-9;?]*[@-~]|O[@-~]|[^[O])?|[\s\S]/gu;

const CSI = '\x1b[';

/**
 * The console's input: typing and pasting at the cursor, Left/Right, Home/End (Ctrl-A/Ctrl-E)
 * within a line, Backspace and Delete, Enter (runs or continues, see isComplete), Up/Down
 * through the history, Ctrl-C (interrupt), Ctrl-U (clear the input), Ctrl-L (clear the screen).
 * Only printable characters enter the input (a tab becomes a space), and what is echoed is
 * neutralised, so a pasted log line cannot drive the terminal.
 */
export class LineEditor {
  private buffer = '';
  private cursor = 0;
  /** The cursor's row on screen, counted from the prompt's row. */
  private row = 0;
  private history: string[] = [];
  /** Position in the history while browsing it; `history.length` is the input being written. */
  private index = 0;
  private draft = '';

  constructor(private readonly term: EditorTerminal) {}

  get input(): string {
    return this.buffer;
  }

  /** The session's history; an entry is recalled as the input may hold it (see printableInput). */
  setHistory(entries: readonly string[]): void {
    this.history = entries.map(printableInput);
    this.index = this.history.length;
  }

  /** Adds an entry as the newest (not if it repeats the newest one) and leaves history browsing. */
  remember(entry: string): void {
    if (this.history.at(-1) !== entry) this.history.push(entry);
    this.index = this.history.length;
  }

  /** Starts a new, empty input with its prompt. */
  prompt(): void {
    this.buffer = '';
    this.cursor = 0;
    this.row = 0;
    this.draft = '';
    this.index = this.history.length;
    this.term.write(PROMPT);
  }

  /** Feeds keyboard or pasted data; returns what the user asked for beyond editing. */
  feed(data: string): EditorEvent[] {
    const events: EditorEvent[] = [];
    const pasted = data.length > 1 && !data.startsWith('\x1b');
    for (const [key] of data.matchAll(KEY)) {
      const event = this.key(key, pasted);
      if (event) events.push(event);
    }
    return events;
  }

  private key(key: string, pasted: boolean): EditorEvent | null {
    switch (key) {
      case '\r':
      case '\n':
      case '\r\n':
        // A pasted line break continues the input: pasted SQL runs when the user presses Enter.
        if (pasted || !isComplete(this.buffer)) {
          this.insert('\n');
          return null;
        }
        this.moveTo(this.buffer.length);
        this.term.write('\r\n');
        return { kind: 'submit', input: this.buffer };
      case '\x7f':
      case '\b':
        if (this.cursor > 0) {
          const from = this.step(-1);
          this.draw(this.buffer.slice(0, from) + this.buffer.slice(this.cursor), from);
        }
        return null;
      case `${CSI}3~`:
        if (this.cursor < this.buffer.length) this.draw(this.buffer.slice(0, this.cursor) + this.buffer.slice(this.step(1)), this.cursor);
        return null;
      case '\x03':
        this.moveTo(this.buffer.length);
        this.term.write('^C\r\n');
        this.buffer = '';
        return { kind: 'interrupt' };
      case '\x15':
        this.draw('', 0);
        return null;
      case '\x0c':
        return { kind: 'clear-screen' };
      case `${CSI}A`:
      case '\x1bOA':
        this.browse(-1);
        return null;
      case `${CSI}B`:
      case '\x1bOB':
        this.browse(1);
        return null;
      case `${CSI}D`:
      case '\x1bOD':
        this.moveTo(this.step(-1));
        return null;
      case `${CSI}C`:
      case '\x1bOC':
        this.moveTo(this.step(1));
        return null;
      case `${CSI}H`:
      case '\x1bOH':
      case `${CSI}1~`:
      case '\x01':
        this.moveTo(this.buffer.lastIndexOf('\n', this.cursor - 1) + 1);
        return null;
      case `${CSI}F`:
      case '\x1bOF':
      case `${CSI}4~`:
      case '\x05': {
        const end = this.buffer.indexOf('\n', this.cursor);
        this.moveTo(end < 0 ? this.buffer.length : end);
        return null;
      }
      case '\t':
        this.insert(' ');
        return null;
      default:
        // Anything a terminal would act on (other control keys, escape sequences, bidi controls) is left out.
        if (printableInput(key) === key) this.insert(key);
        return null;
    }
  }

  /** The position one character (a code point) before or after the cursor. */
  private step(direction: -1 | 1): number {
    if (direction < 0) {
      if (this.cursor === 0) return 0;
      const low = this.buffer.charCodeAt(this.cursor - 1);
      return this.cursor - (low >= 0xdc00 && low <= 0xdfff && this.cursor > 1 ? 2 : 1);
    }
    if (this.cursor >= this.buffer.length) return this.buffer.length;
    return this.cursor + (this.buffer.codePointAt(this.cursor)! > 0xffff ? 2 : 1);
  }

  private insert(text: string): void {
    const next = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    if (this.cursor < this.buffer.length) return this.draw(next, this.cursor + text.length);
    // At the end: written as it comes, no redraw.
    this.buffer = next;
    this.cursor = next.length;
    this.term.write(text === '\n' ? `\r\n${CONTINUATION_PROMPT}` : text);
    this.row = cursorPlace(next, next.length, this.cols()).row;
  }

  private browse(step: -1 | 1): void {
    const next = this.index + step;
    if (next < 0 || next > this.history.length) return;
    if (this.index === this.history.length) this.draft = this.buffer;
    this.index = next;
    const text = next === this.history.length ? this.draft : this.history[next]!;
    this.draw(text, text.length);
  }

  private moveTo(index: number): void {
    if (index !== this.cursor) this.draw(this.buffer, index);
  }

  /** Redraws the input: back to the prompt's row, erase below, write it, put the cursor at `cursor`. */
  private draw(text: string, cursor: number): void {
    const cols = this.cols();
    const end = cursorPlace(text, text.length, cols);
    const at = cursorPlace(text, cursor, cols);
    let out = `${this.row > 0 ? `${CSI}${this.row}A` : ''}\r${CSI}J${renderInput(text)}`;
    if (cursor < text.length) out += `${end.row > at.row ? `${CSI}${end.row - at.row}A` : ''}\r${at.col > 0 ? `${CSI}${at.col}C` : ''}`;
    this.term.write(out);
    this.buffer = text;
    this.cursor = cursor;
    this.row = at.row;
  }

  private cols(): number {
    return Math.max(2 * CONTINUATION_PROMPT.length, this.term.cols);
  }
}
