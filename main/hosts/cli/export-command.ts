import { resolve } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/api.js';
import { exportEvents } from '../../engine/export/export-events.js';
import { openStore } from '../../engine/store/store.js';
import { EXIT, loadInputs, type Io } from './commands.js';
import { renderWarnings } from './summary.js';

interface ExportFlags {
  to: string;
  out: string;
  index?: string;
  tz?: string;
  year?: string;
  quiet?: boolean;
  maxExpanded?: string;
  maxRatio?: string;
}

/** `mfw export INPUT…|F.mfw --to csv|jsonl|timesketch|ecs --out FILE [--index NAME]` */
export async function exportCommand(inputs: string[], flags: ExportFlags, io: Io): Promise<number> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(flags.to)) throw new UsageError(`--to ${flags.to}: use ${EXPORT_FORMATS.join(', ')}`);
  const store = await openStore();
  try {
    const loaded = await loadInputs(inputs, flags, io, store);
    io.stderr.write(renderWarnings(loaded.warnings));
    const result = await exportEvents(store, { format: flags.to as ExportFormat, out: resolve(flags.out), ...(flags.index ? { index: flags.index } : {}), ...(io.signal ? { signal: io.signal } : {}) });
    if (!flags.quiet) {
      const skipped = result.skipped ? `; ${result.skipped} events without a time left out (Timesketch needs one)` : '';
      io.stderr.write(`mfw: exported ${result.events} events to ${result.path} (${(result.bytes / 2 ** 20).toFixed(1)} MiB)${skipped}\n`);
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
