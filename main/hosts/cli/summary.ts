import type { Analysis, HostCoverage } from '../../../shared/types/analysis.js';
import { renderTable, sanitizeForTerminal } from './output.js';

const SHOWN_WARNINGS = 20;
const SHOWN_HOSTS = 12;

/** The human summary of an analysis: totals, then one row per file with its line accounting. */
export function renderSummary(analysis: Analysis): string {
  const e = analysis.events;
  const bySource = Object.entries(e.bySource).map(([s, n]) => `${s} ${n}`).join(', ');
  const head = `${analysis.files.length} files, ${e.total} events${bySource ? ` (${bySource})` : ''}` +
    (e.first ? `, ${e.first} .. ${e.last}` : '') + ` [stamps without a zone read in ${analysis.bundle.timezone} unless a file says otherwise]`;
  const columns = ['file', 'format', 'source', 'lines', 'events', 'continuation', 'ignored', 'unparsed', 'folded', 'first (UTC)', 'last (UTC)'];
  const rows = analysis.files.map((f) => [f.path, f.format, f.source, f.lines, f.events, f.continuation, f.ignored, f.unparsed, f.folded, f.first, f.last]);
  // the busiest hosts first when not all are shown
  const hosts = analysis.bundle.coverage.length > SHOWN_HOSTS ? [...analysis.bundle.coverage].sort((a, b) => b.events - a.events) : analysis.bundle.coverage;
  const more = hosts.length > SHOWN_HOSTS ? `  … ${hosts.length - SHOWN_HOSTS} more hosts (all of them are in --json)\n` : '';
  const coverage = hosts.slice(0, SHOWN_HOSTS).map(renderHostCoverage).join('') + more;
  return `${head}\n\n${renderTable(columns, rows, 60)}${coverage ? `\ncoverage per host:\n${coverage}` : ''}`;
}

/** `YYYY-MM-DDTHH:MMZ`: coverage is about hours and days, not seconds. */
function minute(iso: string | null): string {
  return iso === null ? '?' : `${iso.slice(0, 16)}Z`;
}

/** Two or three lines a host: its families with counts and spans, then what is missing. */
function renderHostCoverage(host: HostCoverage): string {
  const sources = host.sources.map((s) => `${s.source} ${s.events} (${minute(s.first)}..${minute(s.last)}, ${s.files.length} file${s.files.length === 1 ? '' : 's'})`);
  const name = sanitizeForTerminal(host.host ?? 'unknown host');
  const missing = host.missing.length ? `    missing: ${sanitizeForTerminal(host.missing.join('; '))}\n` : '';
  return `  ${name}: ${host.events} events\n    ${sources.join(', ')}\n${missing}`;
}

/** Warnings for stderr, the first few in full and a count of the rest. */
export function renderWarnings(warnings: readonly string[]): string {
  if (warnings.length === 0) return '';
  const shown = warnings.slice(0, SHOWN_WARNINGS).map((w) => `warning: ${sanitizeForTerminal(w)}`);
  if (warnings.length > SHOWN_WARNINGS) shown.push(`warning: … ${warnings.length - SHOWN_WARNINGS} more (all of them are in --json)`);
  return shown.join('\n') + '\n';
}
