/**
 * `npm run bench`: times `mfw analyze` on a generated mixed log set against `wc -l` on the same
 * files, checks the event count, prints a table and writes bench/results.json (`mfw.bench/1`).
 *
 * Options: --lines N (default 1000000), --runs K (default 3), --keep (leave the temp dir).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateLogSet, type GeneratedFile } from '../fixtures/generate.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MFW = join(ROOT, 'dist/main/hosts/cli/mfw.js');
const GNU_TIME = '/usr/bin/time';
const YEAR = 2026;

interface BenchOptions {
  lines: number;
  runs: number;
  keep: boolean;
}

interface Run {
  wallMs: number;
  /** Peak resident set of the child, from GNU time; null without it. */
  peakRssMiB: number | null;
}

interface Measured {
  name: string;
  runs: Run[];
  medianWallMs: number;
  peakRssMiB: number | null;
}

interface BenchCase {
  name: string;
  inputBytes: number;
  lines: number;
  events: number;
  runs: Run[];
  medianWallMs: number;
  peakRssMiB: number | null;
  baselines: { wc_l: { medianWallMs: number; peakRssMiB: number | null } };
}

function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: { lines: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } },
  });
  const lines = Number(values.lines);
  const runs = Number(values.runs);
  if (!Number.isInteger(lines) || lines < 100) throw new RangeError(`--lines ${values.lines}: give a whole number >= 100`);
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`--runs ${values.runs}: give a whole number >= 1`);
  return { lines, runs, keep: values.keep };
}

/** Runs a command to its end; with GNU time it also reports the child's peak RSS. */
async function timed(command: string, args: readonly string[], scratch: string, gnuTime: boolean): Promise<Run> {
  const timeFile = join(scratch, 'time.txt');
  const [file, argv] = gnuTime ? [GNU_TIME, ['-f', '%e %M', '-o', timeFile, command, ...args]] : [command, [...args]];
  const started = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
    const child = spawn(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('error', fail);
    child.on('close', (c) => done({ code: c, stderr: err }));
  });
  const wallMs = round1(performance.now() - started);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`);
  if (!gnuTime) return { wallMs, peakRssMiB: null };
  // GNU time: "<elapsed s> <max RSS KiB>" on the last line (earlier lines may be its own notes).
  const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
  const kib = Number(last.split(' ')[1]);
  return { wallMs, peakRssMiB: Number.isFinite(kib) ? round1(kib / 1024) : null };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summarise(name: string, runs: Run[]): Measured {
  const rss = runs.map((r) => r.peakRssMiB).filter((r): r is number => r !== null);
  return { name, runs, medianWallMs: round1(median(runs.map((r) => r.wallMs))), peakRssMiB: rss.length ? Math.max(...rss) : null };
}

/** Reads events.total from `mfw.analysis/1` and, on a mismatch, which files differ. */
function checkEvents(outJson: string, files: readonly GeneratedFile[]): { events: number; problems: string[] } {
  const analysis = JSON.parse(readFileSync(outJson, 'utf8')) as { events?: { total?: unknown }; files?: { path: string; events: number; continuation: number }[] };
  const events = Number(analysis.events?.total);
  const expected = files.reduce((n, f) => n + f.records, 0);
  if (events === expected) return { events, problems: [] };
  const problems = [`!!! EVENTS MISMATCH: mfw counted ${events} events, the generator wrote ${expected} records !!!`];
  for (const f of files) {
    const got = analysis.files?.find((a) => f.path === a.path || f.path.endsWith(`/${a.path}`));
    if (!got || got.events !== f.records || got.continuation !== f.continuation) {
      problems.push(`  ${f.path}: expected ${f.records} events + ${f.continuation} continuation, mfw: ${got ? `${got.events} + ${got.continuation}` : 'file missing'}`);
    }
  }
  return { events, problems };
}

function renderTable(lines: number, bytes: number, rows: readonly Measured[]): string {
  const mb = bytes / 1e6;
  const head = ['tool', 'lines', 'MB', 'median wall s', 'lines/s', 'MB/s', 'peak RSS MiB'];
  const body = rows.map((r) => {
    const s = r.medianWallMs / 1000;
    return [r.name, String(lines), mb.toFixed(1), s.toFixed(3), Math.round(lines / s).toLocaleString('en-US'), (mb / s).toFixed(1), r.peakRssMiB === null ? 'n/a' : r.peakRssMiB.toFixed(0)];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const row = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [row(head), row(widths.map((w) => '-'.repeat(w))), ...body.map(row)].join('\n');
}

function machine(): { cpus: number; model: string; memGiB: number; node: string } {
  const list = cpus();
  return { cpus: list.length, model: list[0]?.model ?? 'unknown', memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version };
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

    const mfwRuns: Run[] = [];
    const wcRuns: Run[] = [];
    for (let k = 1; k <= options.runs; k++) {
      process.stderr.write(`bench: run ${k}/${options.runs}\n`);
      mfwRuns.push(await timed(process.execPath, [MFW, 'analyze', dataDir, '--tz', 'UTC', '--year', String(YEAR), '--quiet', '--json', outJson], scratch, gnuTime));
      wcRuns.push(await timed('wc', ['-l', ...paths], scratch, gnuTime));
    }
    const mfw = summarise('mfw analyze', mfwRuns);
    const wc = summarise('wc -l', wcRuns);
    const { events, problems } = checkEvents(outJson, files);

    process.stdout.write(`\n${renderTable(lines, bytes, [mfw, wc])}\n\n`);
    process.stdout.write(`mfw / wc -l wall ratio: ${(mfw.medianWallMs / wc.medianWallMs).toFixed(1)}x; events ${events} (expected ${files.reduce((n, f) => n + f.records, 0)})\n`);
    for (const p of problems) process.stdout.write(`${p}\n`);

    const benchCase: BenchCase = {
      name: `mixed-${lines}`,
      inputBytes: bytes,
      lines,
      events,
      runs: mfw.runs,
      medianWallMs: mfw.medianWallMs,
      peakRssMiB: mfw.peakRssMiB,
      baselines: { wc_l: { medianWallMs: wc.medianWallMs, peakRssMiB: wc.peakRssMiB } },
    };
    const resultsPath = writeResults(benchCase);
    process.stdout.write(`wrote ${resultsPath}\n`);
    return problems.length ? 1 : 0;
  } finally {
    if (options.keep) process.stderr.write(`bench: kept ${scratch}\n`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

function writeResults(benchCase: BenchCase): string {
  const dir = join(ROOT, 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'results.json');
  const results = { schema: 'mfw.bench/1', date: new Date().toISOString(), machine: machine(), cases: [benchCase] };
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
  return path;
}

try {
  process.exitCode = await bench(readOptions(process.argv.slice(2)));
} catch (err) {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = err instanceof RangeError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
}
