/**
 * `npm run bench`: times `mfw analyze` on a generated mixed log set against `wc -l` and lnav
 * (when installed) on the same files, and on the same set packed as `.tar.gz` and `.tar.xz`
 * against `gzip -dc` and `xz -dc` of those archives, all alternating in one run; checks the
 * event counts; then the cases on a store of 5 M synthetic events (page, histogram, full-text
 * search, session save and open, export) and the rules; prints tables and writes
 * bench/results.json (`mfw.bench/1`).
 *
 * Options: --lines N (default 1000000) or --mib M (a set of about M MiB, ~162 bytes a line),
 * --runs K (default 3), --events N (the synthetic store's size, default 5000000), --keep
 * (leave the temp dir).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { basename, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze } from '../../main/engine/analyze.js';
import { computeCoverage } from '../../main/engine/coverage.js';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import { openStore, type FoldResult, type Store } from '../../main/engine/store/store.js';
import { generateLogSet, type GeneratedFile } from '../fixtures/generate.js';
import { benchRules, renderRulesCase, type RulesBenchCase } from './rules-case.js';
import { benchPageCase, renderPageCase } from './page-case.js';
import { benchTimelineCase, renderTimelineCase } from './timeline-case.js';
import { benchSearchCase, renderSearchCase } from './search-case.js';
import { benchSessionCase, renderSessionCase } from './session-case.js';
import { benchExportCase, renderExportCase } from './export-case.js';
import { checkLnavCounts, findLnav, linesForMiB, runLnav, type LnavRun } from './lnav-case.js';
import { GNU_TIME, load1, median, round1, timed, type Run } from './measure.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MFW = join(ROOT, 'dist/main/hosts/cli/mfw.js');
const YEAR = 2026;

interface BenchOptions {
  lines: number;
  runs: number;
  /** Events in the synthetic store of the page, histogram, search, session and export cases. */
  events: number;
  keep: boolean;
}

interface Measured {
  name: string;
  runs: Run[];
  medianWallMs: number;
  peakRssMiB: number | null;
}

interface BenchCase {
  name: 'import' | 'import-tar.gz' | 'import-tar.xz' | 'events-page-200' | 'timeline-histogram' | 'fts-search' | 'session-save' | 'session-open' | `export-${string}`;
  inputBytes: number;
  lines: number;
  events: number;
  runs: Run[];
  medianWallMs: number;
  peakRssMiB: number | null;
  baselines: Record<string, Baseline>;
  /** Our median wall time over a baseline's, by `<case>_over_<baseline>`. */
  ratios?: Record<string, number>;
  /** Bytes written (session file, export), when the case writes some. */
  outputBytes?: number;
  /** The 1-minute load average when the case began and ended (the machines are shared). */
  load?: number[];
  /** What the case could not measure, and why (lnav not installed). */
  missing?: string[];
  /** The import case only: passes timed inside one in-process run. */
  stages?: Stages;
}

interface Baseline {
  medianWallMs: number;
  peakRssMiB?: number | null;
}

/** Passes of the import timed inside one in-process run (the CLI runs do not report them). */
interface Stages {
  /** `analyze()` in this process, store in this thread: the whole import the passes belong to. */
  importMs: number;
  foldMs: number;
  folded: number;
  coverageMs: number;
}

function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      lines: { type: 'string' }, mib: { type: 'string' }, runs: { type: 'string', default: '3' }, events: { type: 'string', default: '5000000' }, keep: { type: 'boolean', default: false },
    },
  });
  if (values.lines !== undefined && values.mib !== undefined) throw new RangeError('--lines and --mib both give the size of the set: give one');
  const mib = Number(values.mib);
  if (values.mib !== undefined && !(mib > 0)) throw new RangeError(`--mib ${values.mib}: give a size in MiB > 0`);
  const lines = values.mib !== undefined ? linesForMiB(mib) : Number(values.lines ?? '1000000');
  const runs = Number(values.runs);
  const events = Number(values.events);
  if (!Number.isInteger(lines) || lines < 100) throw new RangeError(`--lines ${values.lines ?? values.mib}: give a whole number >= 100`);
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`--runs ${values.runs}: give a whole number >= 1`);
  if (!Number.isInteger(events) || events < 2000) throw new RangeError(`--events ${values.events}: give a whole number >= 2000`);
  return { lines, runs, events, keep: values.keep };
}

function summarise(name: string, runs: Run[]): Measured {
  const rss = runs.map((r) => r.peakRssMiB).filter((r): r is number => r !== null);
  return { name, runs, medianWallMs: round1(median(runs.map((r) => r.wallMs))), peakRssMiB: rss.length ? Math.max(...rss) : null };
}

interface FileCounts {
  path: string;
  events: number;
  continuation: number;
  unparsed: number;
}

/** The parts of `mfw.analysis/1` the bench checks, validated: a broken output is a failed bench, not NaN. */
function readAnalysis(outJson: string): { total: number; files: FileCounts[] } {
  const data: unknown = JSON.parse(readFileSync(outJson, 'utf8'));
  const bad = (what: string): never => {
    throw new Error(`${outJson}: ${what} missing or not a number; is it mfw.analysis/1?`);
  };
  const num = (v: unknown, what: string): number => (typeof v === 'number' ? v : bad(what));
  const root = (typeof data === 'object' && data !== null ? data : {}) as { events?: { total?: unknown }; files?: unknown };
  const total = num(root.events?.total, 'events.total');
  const files = (Array.isArray(root.files) ? root.files : bad('files')) as Record<string, unknown>[];
  return {
    total,
    files: files.map((f, i) => ({
      path: String(f.path),
      events: num(f.events, `files[${i}].events`),
      continuation: num(f.continuation, `files[${i}].continuation`),
      unparsed: num(f.unparsed, `files[${i}].unparsed`),
    })),
  };
}

/** events.total must equal the records written and nothing may be unparsed; otherwise, which files differ. */
function checkEvents(outJson: string, dataDir: string, files: readonly GeneratedFile[]): { events: number; unparsed: number; problems: string[] } {
  const analysis = readAnalysis(outJson);
  const expected = files.reduce((n, f) => n + f.records, 0);
  const unparsed = analysis.files.reduce((n, f) => n + f.unparsed, 0);
  if (analysis.total === expected && unparsed === 0) return { events: analysis.total, unparsed, problems: [] };
  const problems = [`!!! MISMATCH: mfw counted ${analysis.total} events and ${unparsed} unparsed lines; the generator wrote ${expected} records (expected ${expected} + unparsed 0) !!!`];
  for (const f of files) {
    // mfw names a file by the input folder's name and its path inside it.
    const shown = join(basename(dataDir), relative(dataDir, f.path));
    const got = analysis.files.find((a) => a.path === shown);
    const same = got && got.events === f.records && got.continuation === f.continuation && got.unparsed === 0;
    if (!same) {
      const mfw = got ? `${got.events} events + ${got.continuation} continuation + ${got.unparsed} unparsed` : 'file not in the analysis';
      problems.push(`  MISMATCH ${shown}: generated ${f.records} records + ${f.continuation} continuation; mfw: ${mfw}`);
    }
  }
  return { events: analysis.total, unparsed, problems };
}

function renderTable(lines: number, bytes: number, rows: readonly Measured[]): string {
  const mib = bytes / 2 ** 20;
  const head = ['tool', 'lines', 'MiB', 'median wall s', 'lines/s', 'MiB/s', 'peak RSS MiB'];
  const body = rows.map((r) => {
    const s = r.medianWallMs / 1000;
    return [r.name, String(lines), mib.toFixed(1), s.toFixed(3), Math.round(lines / s).toLocaleString('en-US'), (mib / s).toFixed(1), r.peakRssMiB === null ? 'n/a' : r.peakRssMiB.toFixed(1)];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const row = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [row(head), row(widths.map((w) => '-'.repeat(w))), ...body.map(row)].join('\n');
}

function machine(): { cpus: number; model: string; memGiB: number; node: string } {
  const list = cpus();
  return { cpus: list.length, model: list[0]?.model ?? 'unknown', memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version };
}

/**
 * One import in this process, with the store in this thread, timing the fold pass (measured by
 * the store) and the coverage map (computed again: the same SQL analyze() ran).
 */
async function measureStages(dataDir: string): Promise<Stages> {
  const store = await openStore({ inThread: true });
  try {
    let fold: FoldResult | undefined;
    const timed: Store = { ...store, foldCopies: async () => (fold = await store.foldCopies()) };
    const started = performance.now();
    await analyze({ inputs: [dataDir], registry: loadRegistry(), store: timed, time: { tz: 'UTC', year: YEAR } });
    const importMs = performance.now() - started;
    const coverageStarted = performance.now();
    await computeCoverage(store);
    const coverageMs = performance.now() - coverageStarted;
    return { importMs: round1(importMs), foldMs: round1(fold?.elapsedMs ?? 0), folded: fold?.folded ?? 0, coverageMs: round1(coverageMs) };
  } finally {
    await store.close();
  }
}

function percent(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(1)} %`;
}

async function bench(options: BenchOptions): Promise<number> {
  if (!existsSync(MFW)) {
    process.stderr.write(`bench: ${MFW} is missing; run \`npm run build\` first\n`);
    return 1;
  }
  const gnuTime = existsSync(GNU_TIME);
  if (!gnuTime) process.stderr.write(`bench: ${GNU_TIME} (GNU time) not found: reporting wall time only (performance.now), no peak RSS\n`);

  const scratch = mkdtempSync(join(tmpdir(), 'mfw-bench-'));
  const dataDir = join(scratch, 'logs');
  const outJson = join(scratch, 'out.json');
  try {
    process.stderr.write(`bench: generating ${options.lines} lines in ${dataDir} (free memory ${(freemem() / 2 ** 30).toFixed(1)} GiB)\n`);
    const files = await generateLogSet({ dir: dataDir, lines: options.lines, seed: 1, year: YEAR });
    const paths = files.map((f) => f.path);
    const bytes = paths.reduce((n, p) => n + statSync(p).size, 0);
    const lines = files.reduce((n, f) => n + f.lines, 0);

    const tgz = join(scratch, 'logs.tar.gz');
    const txz = join(scratch, 'logs.tar.xz');
    process.stderr.write('bench: packing the set as .tar.gz and .tar.xz\n');
    await timed('tar', ['-czf', tgz, '-C', scratch, 'logs'], false);
    await timed('tar', ['-cJf', txz, '-C', scratch, 'logs'], false);

    // --force: the bench measures the import even where the estimate (an upper one) says it may not fit (docs/memory.md).
    const mfwArgs = (input: string): string[] => [MFW, 'analyze', input, '--tz', 'UTC', '--year', String(YEAR), '--quiet', '--force', '--json', outJson];
    const lnav = findLnav();
    if (!lnav) process.stderr.write('bench: lnav is not installed (apt-get install lnav): the import has no lnav baseline this run\n');
    const lnavRuns: LnavRun[] = [];
    const importLoad = [load1()];
    const plans: { key: string; run: () => Promise<Run>; check?: boolean }[] = [
      { key: 'mfw', run: () => timed(process.execPath, mfwArgs(dataDir), gnuTime) },
      { key: 'wc', run: () => timed('wc', ['-l', ...paths], gnuTime) },
      ...(lnav ? [{ key: 'lnav', run: async () => { const r = await runLnav(lnav, paths, gnuTime); lnavRuns.push(r); return r; } }] : []),
      { key: 'mfw-tgz', run: () => timed(process.execPath, mfwArgs(tgz), gnuTime), check: true },
      { key: 'gzip', run: () => timed('gzip', ['-dc', tgz], gnuTime) },
      { key: 'mfw-txz', run: () => timed(process.execPath, mfwArgs(txz), gnuTime), check: true },
      { key: 'xz', run: () => timed('xz', ['-dc', txz], gnuTime) },
    ];
    const runs = new Map<string, Run[]>(plans.map((p) => [p.key, []]));
    const archiveTotals: number[] = [];
    for (let k = 1; k <= options.runs; k++) {
      process.stderr.write(`bench: run ${k}/${options.runs}\n`);
      for (const plan of plans) {
        runs.get(plan.key)!.push(await plan.run());
        if (plan.check) archiveTotals.push(readAnalysis(outJson).total);
      }
    }
    importLoad.push(load1());
    const m = (key: string, name: string): Measured => summarise(name, runs.get(key)!);
    const mfw = m('mfw', 'mfw analyze (folder)');
    const wc = m('wc', 'wc -l');
    const lnavMeasured = lnav ? m('lnav', 'lnav -n (load, index, count)') : null;
    const mfwTgz = m('mfw-tgz', 'mfw analyze .tar.gz');
    const gzip = m('gzip', 'gzip -dc');
    const mfwTxz = m('mfw-txz', 'mfw analyze .tar.xz');
    const xz = m('xz', 'xz -dc');
    // The folder run is timed first in each round, so outJson now holds the last archive run: read the folder's counts again.
    await timed(process.execPath, mfwArgs(dataDir), false);
    process.stderr.write('bench: one in-process import to time the fold pass and the coverage map\n');
    const stages = await measureStages(dataDir);
    const { events, unparsed, problems } = checkEvents(outJson, dataDir, files);
    const records = files.reduce((n, f) => n + f.records, 0);
    for (const total of archiveTotals) if (total !== records) problems.push(`!!! MISMATCH: an archive import counted ${total} events; the generator wrote ${records} records !!!`);
    for (const run of lnavRuns) {
      const problem = checkLnavCounts(run, lines);
      if (problem) problems.push(problem);
    }

    process.stdout.write(`\n${renderTable(lines, bytes, [mfw, wc, ...(lnavMeasured ? [lnavMeasured] : []), mfwTgz, gzip, mfwTxz, xz])}\n\n`);
    process.stdout.write(`(MiB and MiB/s are of the log text; the .tar.gz is ${(statSync(tgz).size / 2 ** 20).toFixed(1)} MiB, the .tar.xz ${(statSync(txz).size / 2 ** 20).toFixed(1)} MiB)\n`);
    process.stdout.write(`ratio mfw / wc -l (median wall): ${(mfw.medianWallMs / wc.medianWallMs).toFixed(1)}x\n`);
    const lnavRatio = lnavMeasured ? mfw.medianWallMs / lnavMeasured.medianWallMs : null;
    if (lnavMeasured && lnavRatio !== null) {
      process.stdout.write(`ratio mfw / lnav (median wall): ${lnavRatio.toFixed(2)}x (issue #10: <= 3.0x floor, <= 1.0x goal: ${lnavRatio <= 1 ? 'goal met' : lnavRatio <= 3 ? 'within the floor' : 'OVER the floor'}); `
        + `lnav counted ${lnavRuns[0]!.lines} lines, ${lnavRuns[0]!.messages} messages\n`);
    } else process.stdout.write('lnav: not installed (apt-get install lnav), no ratio to lnav\n');
    process.stdout.write(`load average (1 min) ${importLoad.join(' → ')} over the import runs\n`);
    const tgzTarget = 1.5 * (gzip.medianWallMs + mfw.medianWallMs);
    process.stdout.write(`.tar.gz import ${(mfwTgz.medianWallMs / 1000).toFixed(2)} s vs 1.5 x (gzip -dc + folder import) = ${(tgzTarget / 1000).toFixed(2)} s: ${mfwTgz.medianWallMs <= tgzTarget ? 'within target' : 'OVER target'}\n`);
    process.stdout.write(`.tar.xz import ${(mfwTxz.medianWallMs / 1000).toFixed(2)} s vs xz -dc + folder import = ${((xz.medianWallMs + mfw.medianWallMs) / 1000).toFixed(2)} s\n`);
    process.stdout.write(`events ${events} (generated records ${records}), unparsed ${unparsed}: ${problems.length ? 'MISMATCH' : 'ok'}\n`);
    for (const p of problems) process.stdout.write(`${p}\n`);
    process.stdout.write(`in-process import ${(stages.importMs / 1000).toFixed(2)} s: fold pass ${stages.foldMs} ms (${percent(stages.foldMs, stages.importMs)}, ${stages.folded} folded), coverage map ${stages.coverageMs} ms (${percent(stages.coverageMs, stages.importMs)})\n`);

    const base = { inputBytes: bytes, lines, events };
    const benchCases: BenchCase[] = [
      {
        name: 'import', ...base, runs: mfw.runs, medianWallMs: mfw.medianWallMs, peakRssMiB: mfw.peakRssMiB,
        baselines: { wc_l: { medianWallMs: wc.medianWallMs }, ...(lnavMeasured ? { lnav: { medianWallMs: lnavMeasured.medianWallMs, peakRssMiB: lnavMeasured.peakRssMiB } } : {}) },
        ratios: { import_over_wc_l: round2(mfw.medianWallMs / wc.medianWallMs), ...(lnavRatio !== null ? { import_over_lnav: round2(lnavRatio) } : {}) },
        load: importLoad, ...(lnav ? {} : { missing: ['lnav: not installed (apt-get install lnav)'] }), stages,
      },
      { name: 'import-tar.gz', ...base, inputBytes: statSync(tgz).size, runs: mfwTgz.runs, medianWallMs: mfwTgz.medianWallMs, peakRssMiB: mfwTgz.peakRssMiB, baselines: { gzip_dc: { medianWallMs: gzip.medianWallMs }, folder_import: { medianWallMs: mfw.medianWallMs } } },
      { name: 'import-tar.xz', ...base, inputBytes: statSync(txz).size, runs: mfwTxz.runs, medianWallMs: mfwTxz.medianWallMs, peakRssMiB: mfwTxz.peakRssMiB, baselines: { xz_dc: { medianWallMs: xz.medianWallMs }, folder_import: { medianWallMs: mfw.medianWallMs } } },
    ];
    process.stderr.write('bench: filling a store for the Events page query\n');
    const page = await benchPageCase({ events: options.events });
    process.stdout.write(`${renderPageCase(page)}\n`);
    benchCases.push({ name: 'events-page-200', inputBytes: 0, lines: 0, events: page.events, runs: page.pageMs.map((wallMs) => ({ wallMs, peakRssMiB: null })), medianWallMs: page.medianPageMs, peakRssMiB: null, baselines: {
      source_filtered: { medianWallMs: page.medianFilteredPageMs },
      ...Object.fromEntries(page.positional.flatMap((p) => [[`position_${p.sortBy}`, { medianWallMs: p.medianPageMs }], [`ordering_${p.sortBy}`, { medianWallMs: p.firstDeepPageMs }]])),
    } });
    process.stderr.write('bench: filling a store for the Timeline histogram\n');
    const timeline = await benchTimelineCase({ events: options.events });
    process.stdout.write(`${renderTimelineCase(timeline)}\n`);
    const { all, ...zooms } = timeline.medians;
    benchCases.push({
      name: 'timeline-histogram', inputBytes: 0, lines: 0, events: timeline.events, runs: [], medianWallMs: all!, peakRssMiB: null,
      baselines: {
        ...Object.fromEntries(Object.entries(zooms).map(([view, ms]) => [view.replace(/\W+/g, '_'), { medianWallMs: ms }])),
        rollup_build: { medianWallMs: timeline.rollupBuildMs },
        gaps: { medianWallMs: timeline.gapsMs },
        without_rollup: { medianWallMs: timeline.withoutRollupMs },
      },
    });
    benchCases.push(...(await storeCases(options.events, options.runs)));
    const rulesCase = await benchRules(dataDir, YEAR, options.runs);
    process.stdout.write(renderRulesCase(rulesCase));
    const resultsPath = writeResults(benchCases, rulesCase);
    process.stdout.write(`wrote ${resultsPath}\n`);
    return problems.length ? 1 : 0;
  } finally {
    if (options.keep) process.stderr.write(`bench: kept ${scratch}\n`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The full-text search, session save and open, and export cases, each on its own store of `events` synthetic events. */
async function storeCases(events: number, runs: number): Promise<BenchCase[]> {
  const none = { inputBytes: 0, lines: 0, events, peakRssMiB: null };
  process.stderr.write('bench: filling a store for the full-text search\n');
  const search = await benchSearchCase({ events });
  process.stdout.write(`${renderSearchCase(search)}\n`);
  const searches = { first_search_with_build: search.first, same_search_again: search.firstAgain, common_term: search.common, phrase_every_event: search.phrase, phrase_one_event: search.rarePhrase };
  const cases: BenchCase[] = [{
    name: 'fts-search', ...none, runs: search.rare.map((r) => ({ wallMs: round1(r.totalMs), peakRssMiB: null })), medianWallMs: round1(search.medianRareMs), peakRssMiB: search.peakRssMiB, load: search.load,
    baselines: { index_build: { medianWallMs: round1(search.buildMs) }, ...Object.fromEntries(Object.entries(searches).map(([k, t]) => [k, { medianWallMs: round1(t.totalMs) }])) },
  }];
  process.stderr.write('bench: filling a store for the session save and open\n');
  const session = await benchSessionCase({ events, runs });
  process.stdout.write(`${renderSessionCase(session)}\n`);
  cases.push(
    { name: 'session-save', ...none, runs: session.saveMs.map((ms) => ({ wallMs: round1(ms), peakRssMiB: null })), medianWallMs: round1(session.medianSaveMs), peakRssMiB: session.peakRssAfterSaveMiB, outputBytes: session.fileBytes, load: session.load, baselines: {} },
    { name: 'session-open', ...none, inputBytes: session.fileBytes, runs: session.openProcess, medianWallMs: round1(session.medianOpenMs), peakRssMiB: session.openPeakRssMiB, load: session.load, baselines: { open_process: { medianWallMs: session.medianOpenProcessMs } } },
  );
  process.stderr.write('bench: filling a store for the exports\n');
  const exported = await benchExportCase({ events });
  process.stdout.write(`${renderExportCase(exported)}\n`);
  for (const e of exported.exports) {
    cases.push({ name: `export-${e.format}`, ...none, runs: [{ wallMs: round1(e.wallMs), peakRssMiB: null }], medianWallMs: round1(e.wallMs), peakRssMiB: e.peakRssMiB, outputBytes: e.bytes, load: [e.load], baselines: {} });
  }
  return cases;
}

function writeResults(benchCases: BenchCase[], rulesCase: RulesBenchCase): string {
  const dir = join(ROOT, 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'results.json');
  const results = { schema: 'mfw.bench/1', date: new Date().toISOString(), machine: machine(), cases: [...benchCases, rulesCase] };
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
  return path;
}

try {
  process.exitCode = await bench(readOptions(process.argv.slice(2)));
} catch (err) {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = err instanceof RangeError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
}
