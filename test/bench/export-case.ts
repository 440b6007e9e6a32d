/**
 * Exporting every event of a large store, by the code `mfw export` runs once its input is
 * loaded (`exportEvents`: pages of rows in id order, written through a stream to a temp file
 * renamed at the end), in each format. Issue #10: exports are the path to Timesketch and
 * OpenSearch for cases bigger than one machine.
 *
 * Alone: `node dist/test/bench/export-case.js [--events N] [--formats csv,jsonl,…]` (after npm run build).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/api.js';
import { exportEvents } from '../../main/engine/export/export-events.js';
import { formatMs, load1, processPeakRssMiB, timeIt } from './measure.js';
import { filledSession } from './page-case.js';

export interface ExportTiming {
  format: ExportFormat;
  wallMs: number;
  events: number;
  bytes: number;
  eventsPerS: number;
  /** This process's peak RSS after this export (it only grows: compare with the one before). */
  peakRssMiB: number;
  load: number;
}

export interface ExportCaseResult {
  events: number;
  fillMs: number;
  peakRssAfterFillMiB: number;
  exports: ExportTiming[];
}

export async function benchExportCase(options: { events: number; formats?: readonly ExportFormat[] }): Promise<ExportCaseResult> {
  const formats = options.formats ?? EXPORT_FORMATS;
  const dir = mkdtempSync(join(tmpdir(), 'mfw-bench-export-'));
  const { session, store, fillMs } = await filledSession(options.events);
  const peakRssAfterFillMiB = processPeakRssMiB();
  try {
    const exports: ExportTiming[] = [];
    for (const format of formats) {
      const out = join(dir, `events.${format}`);
      const [result, wallMs] = await timeIt(() => exportEvents(store, { format, out }));
      if (result.events !== options.events) throw new Error(`${format}: ${result.events} events exported of ${options.events}`);
      if (statSync(out).size !== result.bytes) throw new Error(`${out} has ${statSync(out).size} bytes; the export said ${result.bytes}`);
      exports.push({ format, wallMs, events: result.events, bytes: result.bytes, eventsPerS: result.events / (wallMs / 1000), peakRssMiB: processPeakRssMiB(), load: load1() });
      rmSync(out);
    }
    return { events: options.events, fillMs, peakRssAfterFillMiB, exports };
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderExportCase(r: ExportCaseResult): string {
  return [
    `export of ${r.events} events, as mfw export writes them (store filled in ${(r.fillMs / 1000).toFixed(1)} s; process peak RSS ${r.peakRssAfterFillMiB.toFixed(0)} MiB after it):`,
    ...r.exports.map((e) => `  ${e.format.padEnd(10)} ${formatMs(e.wallMs).padStart(9)}  ${(e.bytes / 2 ** 20).toFixed(1).padStart(8)} MiB  ${Math.round(e.eventsPerS).toLocaleString('en-US').padStart(9)} events/s  `
      + `${(e.bytes / 2 ** 20 / (e.wallMs / 1000)).toFixed(1)} MiB/s; peak RSS ${e.peakRssMiB.toFixed(0)} MiB; load ${e.load}`),
  ].join('\n');
}

function readFormats(list: string): ExportFormat[] {
  const formats = list.split(',').map((f) => f.trim());
  for (const f of formats) if (!(EXPORT_FORMATS as readonly string[]).includes(f)) throw new RangeError(`--formats: ${f} is not one of ${EXPORT_FORMATS.join(', ')}`);
  return formats as ExportFormat[];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '5000000' }, formats: { type: 'string', default: EXPORT_FORMATS.join(',') } } });
  const result = await benchExportCase({ events: Number(values.events), formats: readFormats(values.formats) });
  process.stdout.write(`${renderExportCase(result)}\n`);
}
