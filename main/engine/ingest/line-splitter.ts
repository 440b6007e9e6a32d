import { StringDecoder } from 'node:string_decoder';

/** A line longer than this (in characters) is cut: its start is kept, the rest skipped. */
export const MAX_LINE_CHARS = 1024 * 1024;
/** How much of an over-long line is kept. */
export const KEPT_OVERLONG_CHARS = 64 * 1024;

export type LineHandler = (text: string, lineNo: number, overlong: boolean) => void;

/**
 * Splits a byte stream into lines (UTF-8, `\n` or `\r\n`), numbering them from 1. A line over
 * MAX_LINE_CHARS is reported once, cut, so a 100 MB line cannot exhaust memory.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';
  private lineNo = 0;
  private skipping = false;

  constructor(private readonly onLine: LineHandler) {}

  push(chunk: Buffer): void {
    this.split(this.decoder.write(chunk));
  }

  end(): void {
    this.split(this.decoder.end());
    if (this.skipping) {
      this.skipping = false;
    } else if (this.rest.length > 0) {
      this.emit(this.rest, false);
    }
    this.rest = '';
  }

  private split(text: string): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      if (this.skipping) {
        this.skipping = false;
      } else {
        const piece = this.rest.length ? this.rest + text.slice(start, nl) : text.slice(start, nl);
        this.rest = '';
        if (piece.length > MAX_LINE_CHARS) this.emit(piece.slice(0, KEPT_OVERLONG_CHARS), true);
        else this.emit(piece, false);
      }
      start = nl + 1;
    }
    if (this.skipping) return;
    this.rest += text.slice(start);
    if (this.rest.length > MAX_LINE_CHARS) {
      this.emit(this.rest.slice(0, KEPT_OVERLONG_CHARS), true);
      this.rest = '';
      this.skipping = true;
    }
  }

  private emit(text: string, overlong: boolean): void {
    this.lineNo++;
    this.onLine(text.endsWith('\r') ? text.slice(0, -1) : text, this.lineNo, overlong);
  }
}
