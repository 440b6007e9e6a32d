import { neutraliseTerminalText } from '../../../shared/terminal-text.js';

export const PROMPT = 'sql> ';
export const CONTINUATION_PROMPT = '...> ';

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

/**
 * The console's input line: typing at the end of the input, Backspace, Enter (runs or
 * continues, see isComplete), Up/Down through the history, Ctrl-C (interrupt), Ctrl-U (clear
 * the input), Ctrl-L (clear the screen). What the user typed or pasted is echoed neutralised:
 * a pasted log line cannot drive the terminal either. The cursor stays at the end of the input.
 */
export class LineEditor {
  private buffer = '';
  private history: string[] = [];
  /** Position in the history while browsing it; `history.length` is the input being written. */
  private index = 0;
  private draft = '';

  constructor(private readonly term: EditorTerminal) {}

  get input(): string {
    return this.buffer;
  }

  setHistory(entries: readonly string[]): void {
    this.history = [...entries];
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
          this.term.write(`\r\n${CONTINUATION_PROMPT}`);
          this.buffer += '\n';
          return null;
        }
        this.term.write('\r\n');
        return { kind: 'submit', input: this.buffer };
      case '\x7f':
      case '\b':
        if (this.buffer) this.replace(this.buffer.slice(0, -1));
        return null;
      case '\x03':
        this.term.write('^C\r\n');
        this.buffer = '';
        return { kind: 'interrupt' };
      case '\x15':
        this.replace('');
        return null;
      case '\x0c':
        return { kind: 'clear-screen' };
      case '\x1b[A':
      case '\x1bOA':
        this.browse(-1);
        return null;
      case '\x1b[B':
      case '\x1bOB':
        this.browse(1);
        return null;
      case '\t':
        this.append(' ');
        return null;
      default:
        // Other control keys and escape sequences (arrows left and right, function keys) do nothing.
        // eslint-disable-next-line no-control-regex
        if (!/^[\u0000-\u001f\u007f-\u009f]/.test(key)) this.append(key);
        return null;
    }
  }

  private append(text: string): void {
    this.buffer += text;
    this.term.write(neutraliseTerminalText(text));
  }

  private browse(step: -1 | 1): void {
    const next = this.index + step;
    if (next < 0 || next > this.history.length) return;
    if (this.index === this.history.length) this.draft = this.buffer;
    this.index = next;
    this.replace(next === this.history.length ? this.draft : this.history[next]!);
  }

  /** Redraws the input as `text`: back to the prompt's row, erase below, write it again. */
  private replace(text: string): void {
    const up = this.rows(this.buffer) - 1;
    this.buffer = text;
    this.term.write(`${up > 0 ? `\x1b[${up}A` : ''}\r\x1b[J${this.render(text)}`);
  }

  private render(text: string): string {
    return text.split('\n').map((line, i) => (i ? CONTINUATION_PROMPT : PROMPT) + neutraliseTerminalText(line)).join('\r\n');
  }

  /** Rows the input takes on screen, its long lines wrapped (the cursor after a full row stays on it). */
  private rows(text: string): number {
    const cols = Math.max(1, this.term.cols);
    return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil((PROMPT.length + Array.from(neutraliseTerminalText(line)).length) / cols)), 0);
  }
}
