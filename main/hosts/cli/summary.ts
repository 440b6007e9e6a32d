import type { Analysis, HostCoverage } from '../../../shared/types/analysis.js';
import { SEVERITIES } from '../../../shared/types/rules.js';
import { renderTable, sanitizeForTerminal } from './output.js';
import { renderSkipped } from './scope-options.js';

const SHOWN_WARNINGS = 20;
const SHOWN_HOSTS = 12;
const SHOWN_FINDINGS = 50;

const PATH_WIDTH = 60;

/** Keeps a path's end, where the file name is: `…/var/log/syslog`. */
function shortPath(path: string): string {
  return path.length > PATH_WIDTH ? `…${path.slice(path.length - PATH_WIDTH + 1)}` : path;
}

/** One line per host: where its name, zone and collection time came from. */
function renderHosts(analysis: Analysis): string {
  return analysis.bundle.hosts
    .map((h) => {
      const zone = `${h.timezone}${h.timezoneSource ? ` from ${h.timezoneSource}` : ' (not in the bundle)'}`;
      const maas = h.maas ? `, MAAS ${h.maas.install ?? ''}${h.maas.version ? ` ${h.maas.version}` : ''}` : '';
      const collected = h.collected ? `, collected ${h.collected}` : '';
      return `host ${h.hostname ?? '(unknown)'}: ${h.layout}, zone ${zone}${collected}${maas}; ${shortPath(h.label)}`;
    })
    .join('\n');
}

/** The human summary of an analysis: totals, hosts, then one row per log file with its line accounting. */
export function renderSummary(analysis: Analysis): string {
  const e = analysis.events;
  const bySource = Object.entries(e.bySource).map(([s, n]) => `${s} ${n}`).join(', ');
  const logs = analysis.files.filter((f) => f.format !== 'archive' && f.format !== 'not-a-log');
  const head = `${logs.length} files, ${e.total} events${bySource ? ` (${bySource})` : ''}` + (e.first ? `, ${e.first} .. ${e.last}` : '');
  const several = analysis.bundle.hosts.length > 1;
  const narrowed = analysis.skipped !== undefined;
  const columns = ['file', ...(several ? ['host'] : []), 'format', 'source', 'lines', 'events', 'continuation', 'ignored', 'unparsed', 'folded', ...(narrowed ? ['skipped'] : []), 'first (UTC)', 'last (UTC)'];
  const rows = logs.map((f) => [shortPath(f.path), ...(several ? [f.host] : []), f.format, f.source, f.lines, f.events, f.continuation, f.ignored, f.unparsed, f.folded, ...(narrowed ? [f.skipped ?? 0] : []), f.first, f.last]);
  const other = analysis.files.length - logs.length;
  const footer = other ? `\n${other} archives and other members (configuration, command output) hashed and listed in --json, not imported\n` : '';
  // the busiest hosts first when not all are shown
  const hosts = analysis.bundle.coverage.length > SHOWN_HOSTS ? [...analysis.bundle.coverage].sort((x, y) => y.events - x.events) : analysis.bundle.coverage;
  const more = hosts.length > SHOWN_HOSTS ? `  … ${hosts.length - SHOWN_HOSTS} more hosts (all of them are in --json)\n` : '';
  const coverage = hosts.slice(0, SHOWN_HOSTS).map(renderHostCoverage).join('') + more;
  const partial = analysis.partial ? `PARTIAL IMPORT: ${analysis.partial.reason}\n` : '';
  return `${partial}${head}\n${renderSkipped(analysis.scope, analysis.skipped)}${renderHosts(analysis)}\n\n${renderTable(columns, rows, PATH_WIDTH)}${footer}${coverage ? `\ncoverage per host:\n${coverage}` : ''}${renderFindings(analysis.findings)}`;
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
