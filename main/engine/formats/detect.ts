import type { CompiledFormat } from './compile.js';
import type { FormatRegistry } from './registry.js';

/** How many non-empty head lines are scored against each format. */
const SAMPLE_LINES = 50;
/** Below this share of matched lines a file is of no known format. */
const MIN_SCORE = 0.3;

export interface Candidate {
  id: string;
  score: number;
  pathHint: boolean;
}

export interface Detection {
  format: CompiledFormat | undefined;
  /** The binary check failed: NUL bytes and no decoder claimed the file. */
  binary: boolean;
  /** Every format that matched anything, best first. */
  candidates: Candidate[];
}

function scoreLines(format: CompiledFormat, lines: readonly string[]): number {
  let considered = 0;
  let matched = 0;
  for (const line of lines) {
    if (format.ignore.some((re) => re.test(line)) || format.header?.test(line)) continue;
    if (format.patterns.some((p) => p.re.test(line))) {
      matched++;
      considered++;
    } else if (!(matched > 0 && format.continuation?.test(line))) {
      considered++;
    }
  }
  return matched === 0 ? 0 : matched / considered;
}

/**
 * Names the line format of a file from its first 64 KiB: decoders by their `detect` regex,
 * others by the share of the first non-empty lines their patterns match. The path breaks ties
 * (a hint only), then the format's priority.
 */
export function detectFormat(registry: FormatRegistry, head: string, path: string): Detection {
  const lines = head.split('\n', SAMPLE_LINES * 4).map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '').slice(0, SAMPLE_LINES);
  const candidates: (Candidate & { format: CompiledFormat })[] = [];
  for (const format of registry.line) {
    const score = format.detect ? (format.detect.test(head) ? 1 : 0) : scoreLines(format, lines);
    if (score > 0) candidates.push({ id: format.id, score, pathHint: format.paths.some((re) => re.test(path)), format });
  }
  candidates.sort((a, b) => b.score - a.score || Number(b.pathHint) - Number(a.pathHint) || b.format.priority - a.format.priority);
  const best = candidates[0];
  const claimed = best !== undefined && best.score >= MIN_SCORE;
  return {
    format: claimed ? best.format : undefined,
    binary: !claimed && head.includes('\u0000'),
    candidates: candidates.map(({ id, score, pathHint }) => ({ id, score, pathHint })),
  };
}
