import type { Analysis } from '../../../shared/types/analysis.js';
import { renderTable, sanitizeForTerminal } from './output.js';

const SHOWN_WARNINGS = 20;

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
  const columns = ['file', ...(several ? ['host'] : []), 'format', 'source', 'lines', 'events', 'continuation', 'ignored', 'unparsed', 'first (UTC)', 'last (UTC)'];
  const rows = logs.map((f) => [shortPath(f.path), ...(several ? [f.host] : []), f.format, f.source, f.lines, f.events, f.continuation, f.ignored, f.unparsed, f.first, f.last]);
  const other = analysis.files.length - logs.length;
  const footer = other ? `\n${other} archives and other members (configuration, command output) hashed and listed in --json, not imported\n` : '';
  return `${head}\n${renderHosts(analysis)}\n\n${renderTable(columns, rows, PATH_WIDTH)}${footer}`;
}

/** Warnings for stderr, the first few in full and a count of the rest. */
export function renderWarnings(warnings: readonly string[]): string {
  if (warnings.length === 0) return '';
  const shown = warnings.slice(0, SHOWN_WARNINGS).map((w) => `warning: ${sanitizeForTerminal(w)}`);
  if (warnings.length > SHOWN_WARNINGS) shown.push(`warning: … ${warnings.length - SHOWN_WARNINGS} more (all of them are in --json)`);
  return shown.join('\n') + '\n';
}
