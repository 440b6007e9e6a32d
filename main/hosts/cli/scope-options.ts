import { SOURCES, type Source } from '../../../shared/types/event.js';
import { isNarrowed, SKIP_REASONS, type ImportScope, type SkippedCounts } from '../../../shared/types/import-scope.js';
import { MfwError, UsageError } from '../../engine/errors.js';
import type { ImportEstimate } from '../../engine/ingest/estimate.js';
import { parseInstant } from './time-options.js';

export interface ScopeFlags {
  since?: string;
  until?: string;
  host?: string[];
  source?: string[];
  skipUnparsed?: boolean;
  force?: boolean;
}

/** A bundle the estimate says would not fit, imported neither narrowed nor forced: exit 6. */
export class OverBudgetError extends MfwError {
  constructor(message: string) {
    super('store', message);
  }
}

/** `--host a,b --host c` as a list. */
function list(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** Validates `--since`, `--until`, `--host`, `--source` and `--skip-unparsed` into an import scope. */
export function importScope(flags: ScopeFlags): ImportScope {
  const scope: ImportScope = {};
  const since = parseInstant('--since', flags.since);
  const until = parseInstant('--until', flags.until);
  if (since !== undefined) scope.sinceMs = since;
  if (until !== undefined) scope.untilMs = until;
  if (since !== undefined && until !== undefined && until <= since) throw new UsageError(`--until ${flags.until} is not after --since ${flags.since}`);
  const hosts = list(flags.host);
  if (hosts.length) scope.hosts = hosts;
  const sources = list(flags.source);
  const unknown = sources.filter((s) => !SOURCES.includes(s as Source));
  if (unknown.length) throw new UsageError(`--source ${unknown.join(',')}: not a source`, `use some of ${SOURCES.join(', ')}`);
  if (sources.length) scope.sources = sources as Source[];
  if (flags.skipUnparsed) scope.skipUnparsed = true;
  return scope;
}

const GiB = 2 ** 30;
const gib = (bytes: number): string => (bytes >= GiB ? `${(bytes / GiB).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`);
const millions = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)} k` : String(n));

/** One line: what the bundle would hold in the store, against its budget, and how that was found. */
export function renderEstimate(e: ImportEstimate): string {
  const budget = e.budgetBytes === null ? 'an unknown budget' : `the ${gib(e.budgetBytes)} store budget`;
  const verdict = e.budgetBytes === null ? '' : e.fits ? ': fits' : ': does NOT fit';
  const how = [...new Set(e.files.map((f) => f.how))].join(', ');
  return `estimate: ${gib(e.textBytes)} of text in ${e.files.length} files (${how}${e.assumed ? '; some sizes assumed' : ''}), ~${millions(e.lines)} lines, ` +
    `~${millions(e.events)} events, store ~${gib(e.storeBytes)} of ${budget}${verdict}`;
}

/** The refusal: why, and the choices that make the import fit. */
export function renderRefusal(e: ImportEstimate, bytesPerEvent: number): string {
  const holds = e.budgetBytes === null ? '' : ` (about ${millions(Math.floor(e.budgetBytes / bytesPerEvent))} events)`;
  return [
    `this import would not fit in the store: ~${millions(e.events)} events need ~${gib(e.storeBytes)}, the store holds ${e.budgetBytes === null ? '?' : gib(e.budgetBytes)}${holds}.`,
    'Import less, with one or more of:',
    '  --since 2026-03-01T00:00:00Z --until 2026-03-08T00:00:00Z  only a time window (ISO-8601 with its zone; --until excluded)',
    '  --host NAME[,NAME…]                                        only some hosts',
    `  --source ${SOURCES.join(',')}            only some sources`,
    '  --skip-unparsed                                            count lines no format reads, do not store them',
    'or add --force to import it all anyway (if the store fills up, the import stops there and keeps what was loaded).',
    'What a narrower import leaves out is counted and shown; the evidence is read whole and never changed.',
  ].join('\n');
}

/** The summary line of what the scope left out, or '' when nothing was narrowed. */
export function renderSkipped(scope: ImportScope | undefined, skipped: SkippedCounts | undefined): string {
  if (!skipped || !isNarrowed(scope)) return '';
  const total = SKIP_REASONS.reduce((n, r) => n + skipped[r], 0);
  const parts = SKIP_REASONS.filter((r) => skipped[r] > 0).map((r) => `${r} ${skipped[r]}`);
  return `left out by your choice: ${total} events${parts.length ? ` (${parts.join(', ')})` : ''}; counted per file, not stored\n`;
}
