import { UsageError } from '../../engine/errors.js';
import { DEFAULT_LIMITS, type ExpansionLimits } from '../../engine/ingest/archive/expansion.js';

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** `32G`, `500M`, `1048576`: binary units, as `--max-expanded` takes them. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?$/i.exec(text.trim());
  if (!m) return undefined;
  return Math.floor(Number(m[1]) * UNITS[m[2]!.toUpperCase()]!);
}

/** Validates `--max-expanded` and `--max-ratio` into the engine's decompression limits. */
export function expansionLimits(opts: { maxExpanded?: string; maxRatio?: string }): ExpansionLimits {
  const limits = { ...DEFAULT_LIMITS };
  if (opts.maxExpanded !== undefined) {
    const bytes = parseSize(opts.maxExpanded);
    if (!bytes) throw new UsageError(`--max-expanded ${opts.maxExpanded}: not a size`, 'for example 64G, 500M or 1048576');
    limits.maxExpandedBytes = bytes;
  }
  if (opts.maxRatio !== undefined) {
    const ratio = Number(opts.maxRatio);
    if (!Number.isFinite(ratio) || ratio < 1) throw new UsageError(`--max-ratio ${opts.maxRatio}: not a ratio of 1 or more`, 'for example 1000 (expanded : compressed)');
    limits.maxRatio = ratio;
  }
  return limits;
}
