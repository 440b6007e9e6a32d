import { open, stat } from 'node:fs/promises';
import type { EventRaw } from '../../../shared/api.js';
import { HashingSource } from '../ingest/archive/byte-streams.js';
import { sniffCompression } from '../ingest/archive/compression.js';
import { DEFAULT_LIMITS, ExpansionBudget } from '../ingest/archive/expansion.js';
import { openContent } from '../ingest/archive/open-content.js';
import { locateEvidence, type EvidenceFile, type EvidenceLocation } from './evidence-location.js';
import { collectLines, type CollectedLines } from './line-collector.js';
import { buildLineIndex, readIndexedLines, type LineIndex } from './line-index.js';
import { EvidenceChanged, openStoredBytes } from './member-stream.js';
import { linesToRead, recordLines, type RecordSpan } from './record-span.js';

/** Plain files whose line index is kept (a few numbers per thousand lines each). */
const KEPT_INDEXES = 64;
/** Files read as a stream (compressed, or in an archive) whose lines around the last one read are kept. */
const KEPT_WINDOWS = 8;
/** Lines kept before and after the record read out of a stream: neighbouring events come at once. */
const WINDOW_LINES = 200;
/** A window is cut at this many bytes of text. */
const MAX_WINDOW_BYTES = 1024 * 1024;

/** Lines kept from one streamed read, valid while the file on disk keeps its size and time. */
interface Window {
  stamp: string;
  first: number;
  lines: string[];
  cutLines: number[];
  /** Lines in the stream, when the read reached its end. */
  linesInStream: number | null;
}

export interface RecordRequest {
  file: EvidenceFile;
  /** The `files` rows of format `archive`: where the file's archives are. */
  archives: readonly EvidenceFile[];
  line: number;
  span: RecordSpan;
  signal?: AbortSignal;
}

function unavailable(path: string, reason: string): EventRaw {
  return { status: 'unavailable', path, reason: `evidence not available: ${path}: ${reason}` };
}

function describeChange(row: EvidenceFile, now: { size: number; mtimeMs: number }): string | null {
  if (row.bytes !== null && row.bytes !== now.size) return `${row.bytes} bytes when imported, ${now.size} now`;
  if (row.mtimeMs !== null && Math.abs(row.mtimeMs - now.mtimeMs) >= 1) {
    return `modified ${new Date(now.mtimeMs).toISOString()}, after it was imported (then ${new Date(row.mtimeMs).toISOString()})`;
  }
  return null;
}

/**
 * Reads an event's raw lines again from the evidence, never from anything else: the file on disk
 * must still have the size and modification time recorded at import, and its SHA-256 (or its
 * member's, in an archive) is checked whenever it is read whole anyway. A plain file is read
 * whole once, for its line index and hash; then each record is read at its line. A compressed
 * file or an archive member is streamed from the start of its archive each time (the lines
 * around the record are kept for the next event). Inputs are only ever opened for reading.
 */
export class EvidenceReader {
  private readonly indexes = new Map<string, LineIndex>();
  private readonly windows = new Map<number, Window>();

  /** `inputOnDisk`: where an input is now (an uploaded file lives in a temp folder). */
  constructor(private readonly inputOnDisk: (row: EvidenceFile) => string = (row) => row.input) {}

  /** Forgets the line indexes and lines kept: the store now holds another session's files. */
  forget(): void {
    this.indexes.clear();
    this.windows.clear();
  }

  async readRecord(req: RecordRequest): Promise<EventRaw> {
    const { file, line, span } = req;
    if (!Number.isSafeInteger(line) || line < 1) return unavailable(file.path, `the event names no line of it (${line})`);
    const where = locateEvidence(file, req.archives, this.inputOnDisk);
    const now = await stat(where.diskPath).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
    if (now instanceof Error) return unavailable(file.path, `${where.diskPath} cannot be read (${(now as NodeJS.ErrnoException).code ?? now.message})`);
    if (!now.isFile()) return unavailable(file.path, `${where.diskPath} is not a file any more`);
    const change = describeChange(where.disk, now);
    if (change) return unavailable(file.path, `${where.diskPath} has changed since it was imported (${change}); its lines are not shown`);
    try {
      const streamed = where.members.length > 0 || (await this.isCompressed(where.diskPath));
      // The exact time: kept lines and indexes are used only for the very file they were read from.
      const stamp = `${now.size}:${now.mtimeMs}`;
      const read = streamed ? await this.fromStream(where, file, stamp, line, linesToRead(span), req.signal) : await this.fromPlainFile(where, stamp, line, linesToRead(span), req.signal);
      const { lines, cutLines, linesInStream } = read.collected;
      if (lines.length === 0) return unavailable(file.path, `line ${line} is past its end (${linesInStream ?? 0} lines); the evidence does not match what was imported`);
      const record = recordLines(lines, span);
      const cut = cutLines.some((n) => n >= line && n < line + record.length);
      return { status: 'ok', lines: record, firstLine: line, path: file.path, from: streamed ? 'stream' : 'file', verified: read.verified, cut };
    } catch (err) {
      if (err instanceof EvidenceChanged) return unavailable(file.path, err.message);
      throw err;
    }
  }

  private async isCompressed(path: string): Promise<boolean> {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(8);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return sniffCompression(head.subarray(0, bytesRead)) !== null;
    } finally {
      await handle.close();
    }
  }

  private async fromPlainFile(where: EvidenceLocation, stamp: string, line: number, count: number, signal?: AbortSignal): Promise<{ collected: CollectedLines; verified: 'sha256' | 'size-mtime' }> {
    const key = where.diskPath;
    let index = this.indexes.get(key);
    let verified: 'sha256' | 'size-mtime' = 'size-mtime';
    if (!index || `${index.bytes}:${index.mtimeMs}` !== stamp) {
      const [bytes, mtimeMs] = stamp.split(':').map(Number) as [number, number];
      index = await buildLineIndex(key, { bytes, mtimeMs }, signal);
      if (where.disk.sha256 && index.sha256 !== where.disk.sha256) throw new EvidenceChanged(`${key} has changed since it was imported (its SHA-256 differs); its lines are not shown`);
      verified = 'sha256';
      this.indexes.set(key, index);
      if (this.indexes.size > KEPT_INDEXES) this.indexes.delete(this.indexes.keys().next().value!);
    }
    if (line > index.lines) return { collected: { lines: [], cutLines: [], linesInStream: index.lines }, verified };
    return { collected: await readIndexedLines(key, index, line, count, signal), verified };
  }

  private async fromStream(where: EvidenceLocation, file: EvidenceFile, stamp: string, line: number, count: number, signal?: AbortSignal): Promise<{ collected: CollectedLines; verified: 'sha256' | 'size-mtime' }> {
    const window = this.windows.get(file.id);
    if (window && window.stamp === stamp) {
      const end = window.first + window.lines.length;
      // A window that runs to the end of the file holds every record that starts in it.
      const toEnd = window.linesInStream !== null && end > window.linesInStream;
      const inside = line >= window.first && (line + count <= end || (toEnd && line < end));
      const pastEnd = window.linesInStream !== null && line > window.linesInStream;
      if (inside || pastEnd) {
        const lines = pastEnd ? [] : window.lines.slice(line - window.first, line - window.first + count);
        return { collected: { lines, cutLines: window.cutLines, linesInStream: window.linesInStream }, verified: 'sha256' };
      }
    }
    const first = Math.max(1, line - WINDOW_LINES);
    const stored = await openStoredBytes(where.diskPath, where.members, new ExpansionBudget(DEFAULT_LIMITS), signal);
    try {
      const hashed = new HashingSource(stored.stream);
      const opened = await openContent(hashed, new ExpansionBudget(DEFAULT_LIMITS), () => hashed.bytes);
      const collected = await collectLines(opened.stream, 1, first, line - first + count + WINDOW_LINES, signal);
      // The rest of the stored bytes is read without decompressing it, to check the whole hash.
      const digest = await hashed.finish();
      if (file.sha256 && digest.sha256 !== file.sha256) throw new EvidenceChanged(`${file.path} has changed since it was imported (its SHA-256 differs); its lines are not shown`);
      this.keepWindow(file.id, { stamp, first, lines: collected.lines, cutLines: collected.cutLines, linesInStream: collected.linesInStream });
      const lines = collected.lines.slice(line - first, line - first + count);
      return { collected: { lines, cutLines: collected.cutLines, linesInStream: collected.linesInStream }, verified: 'sha256' };
    } finally {
      await stored.close();
    }
  }

  private keepWindow(fileId: number, window: Window): void {
    let bytes = 0;
    const kept = window.lines.findIndex((l) => (bytes += l.length) > MAX_WINDOW_BYTES);
    if (kept !== -1) window.lines = window.lines.slice(0, kept);
    this.windows.delete(fileId);
    this.windows.set(fileId, window);
    if (this.windows.size > KEPT_WINDOWS) this.windows.delete(this.windows.keys().next().value!);
  }
}
