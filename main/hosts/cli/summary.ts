import type { Analysis } from '../../../shared/types/analysis.js';
import { SEVERITIES } from '../../../shared/types/rules.js';
import { renderTable, sanitizeForTerminal } from './output.js';

const SHOWN_WARNINGS = 20;
const SHOWN_FINDINGS = 50;

/** The human summary of an analysis: totals, then one row per file with its line accounting. */
export function renderSummary(analysis: Analysis): string {
  const e = analysis.events;
  const bySource = Object.entries(e.bySource).map(([s, n]) => `${s} ${n}`).join(', ');
  const head = `${analysis.files.length} files, ${e.total} events${bySource ? ` (${bySource})` : ''}` +
    (e.first ? `, ${e.first} .. ${e.last}` : '') + ` [stamps without a zone read in ${analysis.bundle.timezone} unless a file says otherwise]`;
  const columns = ['file', 'format', 'source', 'lines', 'events', 'continuation', 'ignored', 'unparsed', 'first (UTC)', 'last (UTC)'];
  const rows = analysis.files.map((f) => [f.path, f.format, f.source, f.lines, f.events, f.continuation, f.ignored, f.unparsed, f.first, f.last]);
  return `${head}\n\n${renderTable(columns, rows, 60)}${renderFindings(analysis.findings)}`;
}

/** Findings, most serious first (the analysis keeps them in that order). */
function renderFindings(findings: Analysis['findings']): string {
  if (findings.length === 0) return '\nno findings\n';
  const counts = SEVERITIES.slice().reverse().map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const head = `\n${findings.length} findings (${counts.map(([s, n]) => `${s} ${n}`).join(', ')})\n\n`;
  const rows = findings.slice(0, SHOWN_FINDINGS).map((f) => [f.severity, f.rule, f.first, f.last, f.summary]);
  const more = findings.length > SHOWN_FINDINGS ? `… ${findings.length - SHOWN_FINDINGS} more (all of them are in --json and in the findings table)\n` : '';
  return head + renderTable(['severity', 'rule', 'first (UTC)', 'last (UTC)', 'summary'], rows, 100) + more;
}

/** Warnings for stderr, the first few in full and a count of the rest. */
export function renderWarnings(warnings: readonly string[]): string {
  if (warnings.length === 0) return '';
  const shown = warnings.slice(0, SHOWN_WARNINGS).map((w) => `warning: ${sanitizeForTerminal(w)}`);
  if (warnings.length > SHOWN_WARNINGS) shown.push(`warning: … ${warnings.length - SHOWN_WARNINGS} more (all of them are in --json)`);
  return shown.join('\n') + '\n';
}
