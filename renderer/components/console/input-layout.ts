import { neutraliseTerminalText } from '../../../shared/terminal-text.js';

/** The prompts of the console's input; both are five columns wide, so the lines stay aligned. */
export const PROMPT = 'sql> ';
export const CONTINUATION_PROMPT = '...> ';
const PROMPT_WIDTH = 5;

/** Columns a line of input takes: a column per code point (wide scripts are not measured). */
function width(text: string): number {
  return Array.from(text).length;
}

function rowsOfLine(line: string, cols: number): number {
  return Math.max(1, Math.ceil((PROMPT_WIDTH + width(line)) / cols));
}

/** Rows the input takes on screen, each of its lines after its prompt, long lines wrapped. */
export function inputRows(text: string, cols: number): number {
  return text.split('\n').reduce((sum, line) => sum + rowsOfLine(line, cols), 0);
}

/**
 * Where the cursor is on screen when it stands before `text[index]`: the row from the prompt's
 * row, and the column. A line that ends exactly at the right edge leaves the cursor on its last
 * cell, as the terminal does (it wraps only when the next character comes).
 */
export function cursorPlace(text: string, index: number, cols: number): { row: number; col: number } {
  const lines = text.slice(0, index).split('\n');
  const last = lines.pop()!;
  const row = lines.reduce((sum, line) => sum + rowsOfLine(line, cols), 0);
  const used = PROMPT_WIDTH + width(last);
  const atLineEnd = index === text.length || text[index] === '\n';
  if (atLineEnd && used % cols === 0) return { row: row + used / cols - 1, col: cols - 1 };
  return { row: row + Math.floor(used / cols), col: used % cols };
}

/** The input as written to the terminal: each line after its prompt, neutralised (input holds only printable text; this is a second lock). */
export function renderInput(text: string): string {
  return text.split('\n').map((line, i) => (i ? CONTINUATION_PROMPT : PROMPT) + neutraliseTerminalText(line)).join('\r\n');
}

/** Text as the input may hold it: printable characters and line breaks; a tab becomes a space, anything a terminal would act on is dropped. */
export function printableInput(text: string): string {
  return Array.from(text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')).filter((c) => c === '\n' || neutraliseTerminalText(c) === c).join('');
}
