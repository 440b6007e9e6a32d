import type { ParsedEvent } from '../../../shared/types/event.js';
import { detectFormat, type Detection } from '../formats/detect.js';
import type { FormatRegistry } from '../formats/registry.js';
import type { TimeOptions } from './file-time.js';
import type { LineCounts } from './line-parser.js';
import { createReader, FileReport } from './readers.js';

export interface ParsedBuffer {
  detection: Detection;
  events: ParsedEvent[];
  counts: LineCounts;
  warnings: string[];
  timeNote: string | null;
}

/**
 * Parses bytes already in memory exactly as a file would be imported (detection, framing,
 * message chain, time), without a store: format samples, the editor's live preview, tests.
 */
export function parseBuffer(registry: FormatRegistry, data: Buffer, options: { path: string; time: TimeOptions; mtimeMs?: number }): ParsedBuffer {
  const detection = detectFormat(registry, data.subarray(0, 64 * 1024).toString('utf8'), options.path);
  const events: ParsedEvent[] = [];
  const report = new FileReport(options.path);
  const { reader, timeNote } = createReader(detection, { displayPath: options.path, mtimeMs: options.mtimeMs }, registry, options.time, (e) => events.push(e), report);
  reader.push(data);
  reader.end();
  return { detection, events, counts: report.counts, warnings: report.list(), timeNote: timeNote() };
}
