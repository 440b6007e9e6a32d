import type { JournalValue } from './journal-fields.js';

/** One record of `journalctl -o export`: its fields and where it stands in the file. */
export interface ExportRecord {
  fields: Map<string, JournalValue>;
  /** 1-based line of its first field. */
  line: number;
  /** Newline-terminated lines it spans (binary values may hold newlines). */
  lines: number;
  /** The record's text fields as written, for the raw column. */
  raw: string;
}

const NL = 0x0a;
/** A binary field larger than this is taken as corruption, not evidence. */
const MAX_BINARY_BYTES = 64 * 1024 * 1024;

/**
 * Splits the journal export format (systemd JOURNAL_EXPORT_FORMATS) into records, streaming.
 * Text fields are `NAME=value\n`; binary-safe fields are `NAME\n` + 64-bit little-endian length
 * + bytes + `\n`, so records can only be split on bytes, never on decoded lines.
 */
export class JournalExportReader {
  private buffer: Buffer = Buffer.alloc(0);
  private line = 1;
  private record: ExportRecord | undefined;
  /** Lines between records (the empty separators). */
  separators = 0;

  constructor(
    private readonly onRecord: (record: ExportRecord) => void,
    private readonly onProblem: (line: number, message: string) => void,
  ) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const consumed = this.step(pos);
      if (consumed === 0) break;
      pos += consumed;
    }
    this.buffer = this.buffer.subarray(pos);
  }

  end(): void {
    if (this.buffer.length) {
      this.onProblem(this.line, `the file ends inside a field (${this.buffer.length} bytes without a newline); they are not imported`);
      this.buffer = Buffer.alloc(0);
    }
    this.flush();
  }

  /** Parses one field or separator at `pos`; returns bytes consumed, 0 when more input is needed. */
  private step(pos: number): number {
    const buf = this.buffer;
    const nl = buf.indexOf(NL, pos);
    if (nl < 0) return 0;
    if (nl === pos) {
      this.flush();
      this.separators++;
      this.line++;
      return 1;
    }
    const head = buf.toString('utf8', pos, nl);
    const eq = head.indexOf('=');
    const record = this.current();
    if (eq >= 0) {
      record.fields.set(head.slice(0, eq), head.slice(eq + 1));
      record.raw += (record.raw ? '\n' : '') + head;
      record.lines++;
      this.line++;
      return nl + 1 - pos;
    }
    // A binary-safe field: NAME\n, then the length, then the bytes and a newline.
    if (buf.length < nl + 9) return 0;
    const size = Number(buf.readBigUInt64LE(nl + 1));
    if (size > MAX_BINARY_BYTES) {
      this.onProblem(this.line, `field ${head} claims ${size} bytes; the rest of the file is not a journal export`);
      this.buffer = Buffer.alloc(0);
      return 0;
    }
    const end = nl + 9 + size;
    if (buf.length < end + 1) return 0;
    const value = Uint8Array.prototype.slice.call(buf, nl + 9, end);
    record.fields.set(head, value);
    record.raw += (record.raw ? '\n' : '') + `${head}=<${size} bytes>`;
    // Count every newline byte, those inside the length and the value too, so the file's line
    // count is what `wc -l` says of it.
    let newlines = 2; // after NAME, after the value
    for (let i = nl + 1; i < end; i++) if (buf[i] === NL) newlines++;
    record.lines += newlines;
    this.line += newlines;
    return end + 1 - pos;
  }

  private current(): ExportRecord {
    this.record ??= { fields: new Map(), line: this.line, lines: 0, raw: '' };
    return this.record;
  }

  private flush(): void {
    if (this.record) this.onRecord(this.record);
    this.record = undefined;
  }
}
