/** A line read back is cut past this many bytes (the import kept the first 64 KiB of an over-long line too). */
export const MAX_RAW_LINE_BYTES = 64 * 1024;

export interface CollectedLines {
  /** The lines found, without their line ends. */
  lines: string[];
  /** Numbers of the lines found that were longer than MAX_RAW_LINE_BYTES, and are cut. */
  cutLines: number[];
  /** Lines in the stream, when it ended before the lines asked for were all found. */
  linesInStream: number | null;
}

const NL = 0x0a;

/**
 * Takes lines `[first, first + count)` (numbered from 1) out of a byte stream whose first byte
 * starts line `startLine`, numbered as the import numbers them (LineSplitter): split at `\n`, a
 * `\r` before it dropped, a last line without `\n` counted when it is not empty. Stops reading
 * as soon as the lines are found.
 */
export async function collectLines(chunks: AsyncIterable<Buffer>, startLine: number, first: number, count: number, signal?: AbortSignal): Promise<CollectedLines> {
  const lines: string[] = [];
  const end = first + count;
  let lineNo = startLine;
  let parts: Buffer[] = [];
  let kept = 0;
  const cutLines: number[] = [];
  let pending = false; // bytes of the current line seen
  const keep = (piece: Buffer): void => {
    if (lineNo < first || lineNo >= end || piece.length === 0) return;
    const room = MAX_RAW_LINE_BYTES - kept;
    if (piece.length > room && cutLines.at(-1) !== lineNo) cutLines.push(lineNo);
    if (room > 0) {
      parts.push(room < piece.length ? piece.subarray(0, room) : piece);
      kept += Math.min(room, piece.length);
    }
  };
  const finishLine = (): void => {
    if (lineNo >= first && lineNo < end) {
      const text = Buffer.concat(parts).toString('utf8');
      lines.push(text.endsWith('\r') ? text.slice(0, -1) : text);
    }
    parts = [];
    kept = 0;
    pending = false;
    lineNo++;
  };
  for await (const chunk of chunks) {
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('reading stopped');
    let start = 0;
    for (let nl = chunk.indexOf(NL); nl !== -1; nl = chunk.indexOf(NL, start)) {
      keep(chunk.subarray(start, nl));
      finishLine();
      start = nl + 1;
      if (lineNo >= end) return { lines, cutLines, linesInStream: null };
    }
    if (start < chunk.length) {
      keep(chunk.subarray(start));
      pending = true;
    }
  }
  if (pending) finishLine();
  return { lines, cutLines, linesInStream: lineNo >= end ? null : lineNo - 1 };
}
