import { writeFileSync } from 'node:fs';
import { analyze, type AnalyzeResult } from '../../engine/analyze.js';
import { UsageError } from '../../engine/errors.js';
import { loadRegistry } from '../../engine/formats/registry.js';
import { DEFAULT_LIMITS, ExpansionBudget } from '../../engine/ingest/archive/expansion.js';
import { detectMember } from '../../engine/ingest/import-file.js';
import { openSessionFile, saveSessionFile, SESSION_EXTENSION } from '../../engine/session/session-file.js';
import { walkInputs, type Member } from '../../engine/ingest/walk.js';
import type { CompiledRule } from '../../engine/rules/compiled.js';
import { openStore, type Store } from '../../engine/store/store.js';
import { severityAtLeast } from '../../../shared/types/rules.js';
import { render, renderTable, type OutputFormat } from './output.js';
import { ProgressLine } from './progress.js';
import { withRawLines } from './raw-lines.js';
import { renderSummary, renderWarnings } from './summary.js';
import { checkReportFlags, writeReportFromStore } from './report-output.js';
import { expansionLimits } from './limit-options.js';
import { failOnSeverity, refusedWarnings, ruleSetFrom, type RuleFlags } from './rules-options.js';
import { timeOptions } from './time-options.js';
import { analyzeInputs } from './demo-option.js';
import { isNarrowed } from '../../../shared/types/import-scope.js';
import { BYTES_PER_EVENT, estimateImport } from '../../engine/ingest/estimate.js';
import { storeHeapLimitBytes } from '../../engine/store/wasm-memory.js';
import { importScope, OverBudgetError, renderEstimate, renderRefusal, type ScopeFlags } from './scope-options.js';

/** Exit codes of design §6. */
export const EXIT = { ok: 0, usage: 2, failOn: 3, nothingUsable: 4, verifyFailed: 5, overBudget: 6, partial: 7, cancelled: 130 } as const;

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WriteStream;
  /** Aborted on Ctrl-C: a running import stops and removes what it wrote. */
  signal?: AbortSignal;
}

interface ImportFlags extends ScopeFlags {
  tz?: string;
  year?: string;
  quiet?: boolean;
  maxExpanded?: string;
  maxRatio?: string;
}

/**
 * Imports the inputs into the store, then runs `rules` if given. The bundle's size is estimated
 * first (stderr): one that would not fit is refused (OverBudgetError, exit 6) unless the import
 * is narrowed or forced.
 */
export async function importInputs(inputs: readonly string[], flags: ImportFlags, io: Io, store: Store, rules?: readonly CompiledRule[]): Promise<AnalyzeResult> {
  const time = timeOptions(flags);
  const limits = expansionLimits(flags);
  const scope = importScope(flags);
  const estimate = await estimateImport(inputs, storeHeapLimitBytes());
  if (!flags.quiet) io.stderr.write(`mfw: ${renderEstimate(estimate)}\n`);
  if (!estimate.fits && !isNarrowed(scope) && !flags.force) throw new OverBudgetError(renderRefusal(estimate, BYTES_PER_EVENT));
  const progress = flags.quiet || !io.stderr.isTTY ? undefined : new ProgressLine(io.stderr);
  try {
    return await analyze({
      inputs,
      registry: loadRegistry(),
      store,
      time,
      limits,
      signal: io.signal,
      scope,
      ...(rules ? { rules } : {}),
      onProgress: (p) => progress?.update(p),
    });
  } finally {
    progress?.done();
  }
}

/** What a command reads its events from: the inputs imported now, or one session file opened. */
export interface LoadedInputs {
  warnings: string[];
  usableEvents: number;
}

/**
 * Opens the input when it is one `.mfw` session file (its stored findings stand: `rules` are not
 * run again), else imports the inputs and runs `rules`.
 */
/** Whether the inputs name a session file (then they must be that one file). */
export function isSessionInput(inputs: readonly string[]): boolean {
  return inputs.some((i) => i.toLowerCase().endsWith(SESSION_EXTENSION));
}

export async function loadInputs(inputs: readonly string[], flags: ImportFlags, io: Io, store: Store, rules?: readonly CompiledRule[]): Promise<LoadedInputs> {
  if (!isSessionInput(inputs)) {
    const { analysis, usableEvents } = await importInputs(inputs, flags, io, store, rules);
    return { warnings: analysis.warnings, usableEvents };
  }
  if (inputs.length > 1) throw new UsageError('a session file (.mfw) is opened alone, not with other inputs');
  await openSessionFile(store, inputs[0]!);
  const usable = await store.query("SELECT count(*) FROM events WHERE format <> 'unparsed'");
  return { warnings: [], usableEvents: Number(usable.rows[0]?.[0] ?? 0) };
}

/** `mfw analyze INPUT…|--demo [--json F|-] [--session F.mfw] [--report R.pdf] [--tz Z] [--year Y] [--rules P…] [--no-builtin-rules] [--fail-on S] [--quiet]` */
export async function analyzeCommand(given: string[], flags: ImportFlags & RuleFlags & { json?: string; failOn?: string; session?: string; report?: string; demo?: boolean }, io: Io): Promise<number> {
  const failOn = failOnSeverity(flags.failOn);
  if (flags.report) checkReportFlags(flags.report, {});
  const ruleSet = ruleSetFrom(flags);
  const inputs = await analyzeInputs(given, flags, io);
  const store = await openStore();
  try {
    const { analysis, usableEvents } = await importInputs(inputs, flags, io, store, ruleSet.rules);
    analysis.warnings.push(...refusedWarnings(ruleSet));
    if (flags.session) {
      const saved = await saveSessionFile(store, flags.session, analysis.bundle.hosts, Date.now());
      if (!flags.quiet) io.stderr.write(`mfw: session saved to ${saved.path} (${(saved.bytes / 2 ** 20).toFixed(1)} MiB)\n`);
    }
    if (flags.report) await writeReportFromStore(store, flags.report, { quiet: flags.quiet }, { hosts: analysis.bundle.hosts, ruleSet }, io);
    if (flags.json === '-') io.stdout.write(JSON.stringify(analysis, null, 2) + '\n');
    else if (flags.json) writeFileSync(flags.json, JSON.stringify(analysis, null, 2) + '\n');
    if (!flags.quiet) (flags.json === '-' ? io.stderr : io.stdout).write(renderSummary(analysis));
    io.stderr.write(renderWarnings(analysis.warnings));
    if (usableEvents === 0) {
      const leftOut = analysis.skipped ? Object.values(analysis.skipped).reduce((a, b) => a + b, 0) : 0;
      io.stderr.write(leftOut ? `mfw: nothing usable in the input: the import's scope left out all ${leftOut} events\n` : 'mfw: nothing usable in the input: no line matched a known format\n');
      return EXIT.nothingUsable;
    }
    if (analysis.partial) {
      io.stderr.write(`mfw: partial import: ${analysis.partial.reason}\n`);
      return EXIT.partial;
    }
    if (failOn && analysis.findings.some((f) => severityAtLeast(f.severity, failOn))) return EXIT.failOn;
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

/**
 * `mfw query INPUT…|F.mfw "SQL" [--format table|csv|json] [--raw-lines]`; a query naming `findings`
 * or `finding_events` over imported inputs runs the rules first (a session keeps its findings).
 */
export async function queryCommand(args: string[], flags: ImportFlags & { format: string; rawLines?: boolean }, io: Io): Promise<number> {
  if (args.length < 2) throw new UsageError('query needs at least one input and then the SQL', 'mfw query auth.log "SELECT count(*) FROM events"');
  const format = flags.format as OutputFormat;
  if (!['table', 'csv', 'json'].includes(format)) throw new UsageError(`--format ${flags.format}: use table, csv or json`);
  const sql = args[args.length - 1]!;
  const inputs = args.slice(0, -1);
  // The rules run only for a query that reads their findings, as the full-text index is built only for one that names it.
  const ruleSet = /\bfinding/i.test(sql) && !isSessionInput(inputs) ? ruleSetFrom({}) : undefined;
  const store = await openStore();
  try {
    const loaded = await loadInputs(inputs, flags, io, store, ruleSet?.rules);
    io.stderr.write(renderWarnings([...loaded.warnings, ...(ruleSet ? refusedWarnings(ruleSet) : [])]));
    let result;
    try {
      result = await store.query(sql);
    } catch (err) {
      throw new UsageError(`the query failed: ${(err as Error).message}`);
    }
    if (flags.rawLines) result = await withRawLines(result, store, loadRegistry());
    io.stdout.write(render(format, result.columns, result.rows));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

/** `mfw formats [--detect FILE]` */
export async function formatsCommand(flags: { detect?: string }, io: Io): Promise<number> {
  const registry = loadRegistry();
  if (!flags.detect) {
    const rows = registry.all.map((f) => [f.id, f.kind, f.source ?? '', f.def.samples.length, f.def.title]);
    io.stdout.write(renderTable(['id', 'kind', 'source', 'samples', 'title'], rows, 70));
    return EXIT.ok;
  }
  const warnings: string[] = [];
  let member: Member | undefined;
  for await (const item of walkInputs([flags.detect], { budget: new ExpansionBudget(DEFAULT_LIMITS), warn: (w) => warnings.push(w) })) {
    if (item.type !== 'member') continue;
    member = item.member;
    break;
  }
  io.stderr.write(renderWarnings(warnings));
  if (!member) return EXIT.nothingUsable;
  const detection = detectMember(registry, member);
  const top = detection.candidates.slice(0, 5).map((c) => [c.id, `${Math.round(c.score * 100)}%`, c.pathHint ? 'yes' : '']);
  io.stdout.write(`${member.displayPath}: ${detection.format?.id ?? (detection.binary ? 'binary (no known format)' : 'unknown')}\n`);
  if (top.length) io.stdout.write(renderTable(['candidate', 'lines matched', 'path hint'], top));
  return detection.format ? EXIT.ok : EXIT.nothingUsable;
}
