import { describe, expect, it } from 'vitest';
import { KEPT_OVERLONG_CHARS, LineSplitter, MAX_LINE_CHARS } from '../../../../main/engine/ingest/line-splitter.js';

function split(chunks: Buffer[]): [string, number, boolean][] {
  const lines: [string, number, boolean][] = [];
  const splitter = new LineSplitter((text, n, overlong) => lines.push([text, n, overlong]));
  for (const c of chunks) splitter.push(c);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('numbers lines from 1 and accepts \\n and \\r\\n endings', () => {
    expect(split([Buffer.from('a\r\nb\nc')])).toEqual([['a', 1, false], ['b', 2, false], ['c', 3, false]]);
  });

  it('joins a line split across chunks, even inside a multi-byte character', () => {
    const bytes = Buffer.from('Grüße aus Köln\nzwei\n');
    const at = bytes.indexOf(0xc3) + 1; // split inside the two bytes of "ü"
    expect(split([bytes.subarray(0, at), bytes.subarray(at)])).toEqual([['Grüße aus Köln', 1, false], ['zwei', 2, false]]);
  });

  it('keeps an empty line as a line, and no phantom line after the final newline', () => {
    expect(split([Buffer.from('a\n\nb\n')])).toEqual([['a', 1, false], ['', 2, false], ['b', 3, false]]);
  });

  it('cuts a line longer than the limit once and goes on with the next line', () => {
    const huge = 'x'.repeat(MAX_LINE_CHARS + 10);
    const chunks = [];
    for (let i = 0; i < huge.length; i += 100_000) chunks.push(Buffer.from(huge.slice(i, i + 100_000)));
    const lines = split([Buffer.from('before\n'), ...chunks, Buffer.from('\nafter\n')]);
    expect(lines.map(([t, n, o]) => [t.length, n, o])).toEqual([[6, 1, false], [KEPT_OVERLONG_CHARS, 2, true], [5, 3, false]]);
  });
});
