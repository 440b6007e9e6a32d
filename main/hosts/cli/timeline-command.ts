import type { EventFilter } from '../../../shared/api.js';
import { TIMELINE_GROUPINGS, type TimelineGrouping } from '../../../shared/api-timeline.js';
import { formatBinWidth, MAX_BINS } from '../../../shared/time-bins.js';
import type { FieldValue } from '../../../shared/types/event.js';
import { UsageError } from '../../engine/errors.js';
import { openStore } from '../../engine/store/store.js';
import { computeGaps } from '../../engine/timeline/gaps/gaps.js';
import { computeHistogram } from '../../engine/timeline/histogram.js';
import { formatIsoUtc } from '../../engine/time/zone.js';
import { EXIT, isSessionInput, loadInputs, type Io } from './commands.js';
import { parseInstant } from './time-options.js';
import { render, type OutputFormat } from './output.js';
import { refusedWarnings, ruleSetFrom } from './rules-options.js';
import { renderWarnings } from './summary.js';

export interface TimelineFlags {
  bin: string;
  by: string;
  from?: string;
  to?: string;
  gaps?: boolean;
  format: string;
  tz?: string;
  year?: string;
  quiet?: boolean;
  maxExpanded?: string;
  maxRatio?: string;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `5m`, `1h`, `1d` in ms; `auto` gives undefined (the app's choice, at most MAX_BINS bins). */
export function parseBin(text: string): number | undefined {
  if (text === 'auto') return undefined;
  const m = /^(\d{1,6})([smhd])$/.exec(text);
  if (!m || Number(m[1]) === 0) throw new UsageError(`--bin ${text}: give a width such as 30s, 5m, 1h or 1d, or auto`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

const iso = (ms: number): string => formatIsoUtc(ms).replace('.000Z', 'Z');

/**
 * `mfw timeline INPUT… [--bin W|auto] [--by source|host|finding] [--from T] [--to T] [--gaps]
 * [--format table|csv|json]`: the Timeline's counts per bin (times in UTC), or its gaps.
 */
export async function timelineCommand(inputs: string[], flags: TimelineFlags, io: Io): Promise<number> {
  const format = flags.format as OutputFormat;
  if (!['table', 'csv', 'json'].includes(format)) throw new UsageError(`--format ${flags.format}: use table, csv or json`);
  if (!(TIMELINE_GROUPINGS as readonly string[]).includes(flags.by)) throw new UsageError(`--by ${flags.by}: use ${TIMELINE_GROUPINGS.join(', ')}`);
  const by = flags.by as TimelineGrouping;
  const binMs = parseBin(flags.bin);
  const filter: EventFilter = { fromMs: parseInstant('--from', flags.from), toMs: parseInstant('--to', flags.to) };
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.toMs <= filter.fromMs) throw new UsageError('--to must come after --from');
  // Findings exist only once the rules ran: only stacking by finding needs them.
  const ruleSet = by === 'finding' && !isSessionInput(inputs) ? ruleSetFrom({}) : undefined;
  const store = await openStore();
  try {
    const { warnings, usableEvents } = await loadInputs(inputs, flags, io, store, ruleSet?.rules);
    io.stderr.write(renderWarnings([...warnings, ...(ruleSet ? refusedWarnings(ruleSet) : [])]));
    if (usableEvents === 0) {
      io.stderr.write('mfw: nothing usable in the input: no line matched a known format\n');
      return EXIT.nothingUsable;
    }
    if (flags.gaps) {
      const { gaps } = await computeGaps(store);
      const columns = ['from', 'to', 'kind', 'host', 'source', 'title', 'explanation'];
      const rows: FieldValue[][] = gaps.map((g) => [iso(g.fromMs), iso(g.toMs), g.kind, g.host, g.source, g.title, g.explanation]);
      // A terminal table leaves the long explanation out; CSV and JSON keep it.
      io.stdout.write(format === 'table' ? render(format, columns.slice(0, 6), rows.map((r) => r.slice(0, 6))) : render(format, columns, rows));
      return EXIT.ok;
    }
    const h = await computeHistogram(store, { filter, maxBins: MAX_BINS, by }, binMs === undefined ? {} : { binMs });
    const columns = ['bin', ...h.series.map((s) => s.label), 'total'];
    const rows: FieldValue[][] = Array.from({ length: h.binCount }, (_, i) => {
      const counts = h.series.map((s) => s.counts[i] ?? 0);
      return [iso(Math.max(h.fromMs, h.firstBinMs + i * h.binMs)), ...counts, counts.reduce((a, b) => a + b, 0)];
    });
    io.stdout.write(render(format, columns, rows));
    if (format === 'table') io.stderr.write(`${h.total} events in ${h.binCount} bins of ${formatBinWidth(h.binMs)} from ${iso(h.fromMs)} to ${iso(h.toMs)} (UTC)${h.undated ? `; ${h.undated} without a time are not counted` : ''}\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
