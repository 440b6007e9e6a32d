import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import { isEventRule } from '../../engine/rules/compiled.js';
import { columnIndex, RULE_COLUMNS, toRuleEvent } from '../../engine/rules/fields.js';
import { runRules, toAnalysisFinding } from '../../engine/rules/run.js';
import { openStore, type Store } from '../../engine/store/store.js';
import { EXIT, importInputs, type Io } from './commands.js';
import { renderTable, sanitizeForTerminal } from './output.js';
import { refusedWarnings, ruleSetFrom, type RuleFlags } from './rules-options.js';
import { renderWarnings } from './summary.js';

const SAMPLE_LINES = 5;

/** `mfw rules list [--rules P…] [--no-builtin-rules]` */
export async function rulesListCommand(flags: RuleFlags, io: Io): Promise<number> {
  const set = ruleSetFrom(flags);
  const rows = set.rules.map((r) => [r.meta.id, r.meta.kind, r.meta.severity, r.meta.origin, r.meta.file, r.meta.title]);
  io.stdout.write(renderTable(['id', 'kind', 'severity', 'origin', 'file', 'title'], rows, 70));
  io.stderr.write(renderWarnings(refusedWarnings(set)));
  return EXIT.ok;
}

/** The evidence file of `files.path`, as it can be read again (plain files only). */
function evidencePath(path: string, input: string): string | null {
  if (existsSync(path) && statSync(path).isFile()) return path;
  const inFolder = join(dirname(input), path);
  return existsSync(inFolder) && statSync(inFolder).isFile() ? inFolder : null;
}

/** Formats whose records span several lines (journal exports, MAAS events): their message says more than their first line. */
const MULTI_LINE_FORMATS = new Set(['journal-export', 'journal-json', 'maas-events']);

/** The original lines of some events, read again from their files: `file:line: text`. */
async function sampleLines(store: Store, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const result = await store.query(
    `SELECT f.path, f.input, e.line, f.format, e.message FROM events e JOIN files f ON f.id = e.file_id
     WHERE e.id IN (${ids.map(() => '?').join(', ')}) ORDER BY e.ts, e.id`,
    [...ids],
  );
  const texts = new Map<string, string[] | null>();
  return result.rows.map(([path, input, line, format, message]) => {
    const shown = `${String(path)}:${String(line)}`;
    if (MULTI_LINE_FORMATS.has(String(format))) return `${shown}: ${sanitizeForTerminal(String(message ?? ''))}`;
    const file = evidencePath(String(path), String(input));
    if (!texts.has(String(path))) texts.set(String(path), file && !/\.(gz|xz|bz2|zst)$/.test(file) ? readFileSync(file, 'utf8').split('\n') : null);
    const text = texts.get(String(path))?.[Number(line) - 1];
    return `${shown}: ${sanitizeForTerminal(text ?? '(line not readable)')}`;
  });
}

/** `mfw rules test RULE FILE…`: like fail2ban-regex, what one rule makes of some log files. */
export async function rulesTestCommand(ruleId: string, files: string[], flags: RuleFlags & { tz?: string; year?: string }, io: Io): Promise<number> {
  const set = ruleSetFrom(flags);
  const rule = set.rules.find((r) => r.meta.id === ruleId);
  if (!rule) throw new UsageError(`no rule ${ruleId}`, 'mfw rules list shows them');
  const store = await openStore();
  try {
    const { analysis, usableEvents } = await importInputs(files, { ...flags, quiet: true }, io, store);
    io.stderr.write(renderWarnings(analysis.warnings));
    const { findings } = await runRules(store, [rule]);
    let matchedIds: number[] = [];
    if (isEventRule(rule)) {
      const { sql, params } = rule.candidates;
      const rows = await store.query(`SELECT ${RULE_COLUMNS.join(', ')} FROM events WHERE ts IS NOT NULL${sql ? ` AND (${sql})` : ''} ORDER BY ts, id`, params);
      const index = columnIndex(RULE_COLUMNS);
      matchedIds = rows.rows.map((row) => toRuleEvent(row, index)).filter((e) => rule.candidates.test(e)).map((e) => e.id);
    }
    const inFindings = new Set(findings.flatMap((f) => f.eventIds));
    const missed = matchedIds.filter((id) => !inFindings.has(id));
    const out = io.stdout;
    out.write(`rule ${rule.meta.id} (${rule.meta.kind}, ${rule.meta.severity}): ${rule.meta.title}\n`);
    out.write(`events: ${usableEvents} parsed, ${matchedIds.length} matched its conditions, ${inFindings.size} in findings, ${missed.length} matched but below its threshold\n\n`);
    if (findings.length) {
      const rows = findings.map(toAnalysisFinding).map((f) => [f.severity, JSON.stringify(f.key), f.count, f.first, f.last, f.summary]);
      out.write(renderTable(['severity', 'key', 'count', 'first (UTC)', 'last (UTC)', 'summary'], rows, 90) + '\n');
    } else out.write('no findings\n\n');
    const hits = await sampleLines(store, findings.flatMap((f) => f.eventIds).slice(0, SAMPLE_LINES));
    if (hits.length) out.write(`sample lines in findings:\n${hits.map((l) => `  ${l}`).join('\n')}\n`);
    const misses = await sampleLines(store, missed.slice(0, SAMPLE_LINES));
    if (misses.length) out.write(`sample lines matched but not in a finding:\n${misses.map((l) => `  ${l}`).join('\n')}\n`);
    return usableEvents === 0 ? EXIT.nothingUsable : EXIT.ok;
  } finally {
    await store.close();
  }
}
