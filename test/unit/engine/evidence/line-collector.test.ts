import { describe, expect, it } from 'vitest';
import { collectLines, MAX_RAW_LINE_BYTES } from '../../../../main/engine/evidence/line-collector.js';
import { LineSplitter } from '../../../../main/engine/ingest/line-splitter.js';

async function* chunked(text: string | Buffer, size: number): AsyncIterable<Buffer> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** The lines as the import numbers them. */
function splitLikeImport(text: string): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  splitter.push(Buffer.from(text));
  splitter.end();
  return lines;
}

describe('collecting lines back out of a stream', () => {
  const text = 'one\r\ntwo\n\nfour é\r\nfive without newline';

  it('numbers and cuts lines exactly as the import did: \\r\\n ends, empty lines, a last line without newline', async () => {
    const imported = splitLikeImport(text);
    for (const size of [1, 3, 64]) {
      for (let n = 1; n <= imported.length; n++) {
        const got = await collectLines(chunked(text, size), 1, n, 1);
        expect(got.lines, `line ${n} in chunks of ${size}`).toEqual([imported[n - 1]]);
      }
    }
    expect((await collectLines(chunked(text, 5), 1, 2, 3)).lines).toEqual(['two', '', 'four é']);
  });

  it('says how many lines there are when asked for one past the end', async () => {
    expect(await collectLines(chunked(text, 4), 1, 6, 1)).toEqual({ lines: [], cutLines: [], linesInStream: 5 });
    expect((await collectLines(chunked('a\nb\n', 4), 1, 3, 1)).linesInStream).toBe(2);
  });

  it('counts from the line the stream starts at (a read from an indexed offset)', async () => {
    expect((await collectLines(chunked('x\ny\nz\n', 2), 1001, 1002, 2)).lines).toEqual(['y', 'z']);
  });

  it('cuts a line longer than 64 KiB and says which', async () => {
    const long = `short\n${'x'.repeat(MAX_RAW_LINE_BYTES + 10)}\nafter\n`;
    const got = await collectLines(chunked(long, 4096), 1, 2, 2);
    expect(got.lines.map((l) => l.length)).toEqual([MAX_RAW_LINE_BYTES, 5]);
    expect(got.cutLines).toEqual([2]);
  });
});
