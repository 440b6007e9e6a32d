/**
 * lnav as a baseline for the import: lnav loading the same files, headless, indexing every line
 * and counting them (issue #10 compares our import with it). `lnav -n` runs without its curses UI
 * and runs the `-c` commands once every file is loaded and indexed; the query reads the line count
 * of each file lnav indexed (`lnav_file.lines`) and the log messages it found (`all_logs`, a
 * message being a record with its continuation lines), which the bench checks against what the
 * generator wrote. lnav keeps a config and session folder in $HOME: it gets a temp one, so runs
 * neither read nor leave a user's settings.
 *
 * Alone: `node dist/test/bench/lnav-case.js [--lines N | --mib M] [--runs K] [--lnav-only]` (after
 * npm run build): generates the mixed set, then alternates `mfw analyze` of the folder and lnav on
 * its files (with --lnav-only, lnav alone: for a set larger than the store holds).
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateLogSet } from '../fixtures/generate.js';
import { hasGnuTime, load1, median, timed, type Run } from './measure.js';

/** lnav's SQL: the lines of every file it indexed, and the log messages in them. */
const LNAV_COUNT = ';SELECT (SELECT sum(lines) FROM lnav_file) AS lines, (SELECT count(*) FROM all_logs) AS messages';
/** Bytes a line of the generated set, about (155 MiB for 1 000 000 lines): to turn `--mib` into lines. */
export const BYTES_PER_LINE = 162;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MFW = join(ROOT, 'dist/main/hosts/cli/mfw.js');
const YEAR = 2026;

/** The lnav on PATH, or null when it is not installed. */
export function findLnav(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, 'lnav');
    if (dir && existsSync(path)) return path;
  }
  return null;
}

export interface LnavRun extends Run {
  lines: number;
  messages: number;
}

/** Runs lnav headless on the files with a temp HOME, under GNU time when there is one, and reads its counts. */
export async function runLnav(lnav: string, paths: readonly string[], gnuTime: boolean): Promise<LnavRun> {
  const home = mkdtempSync(join(tmpdir(), 'mfw-bench-lnav-home-'));
  try {
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
    const run = await timed(lnav, ['-n', '-c', LNAV_COUNT, ...paths], gnuTime, { env, stdout: true });
    // lnav prints the result as a table: a header line, then "<lines> <messages>".
    const last = run.stdout.trimEnd().split('\n').at(-1) ?? '';
    const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(last);
    if (!m) throw new Error(`lnav: expected "<lines> <messages>" as its last output line, got ${JSON.stringify(last)}`);
    return { wallMs: run.wallMs, peakRssMiB: run.peakRssMiB, lines: Number(m[1]), messages: Number(m[2]) };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** What is wrong with lnav's counts, if anything: it must have indexed every line of every file. */
export function checkLnavCounts(run: LnavRun, lines: number): string | null {
  return run.lines === lines ? null : `!!! MISMATCH: lnav indexed ${run.lines} lines of ${lines} !!!`;
}

/** Lines of a generated set of about `mib` MiB. */
export function linesForMiB(mib: number): number {
  return Math.round((mib * 2 ** 20) / BYTES_PER_LINE);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { lines: { type: 'string' }, mib: { type: 'string' }, runs: { type: 'string', default: '3' }, 'lnav-only': { type: 'boolean', default: false } } });
  const lnav = findLnav();
  if (!lnav) {
    process.stderr.write('bench: lnav is not installed (apt-get install lnav): no lnav baseline\n');
    return 1;
  }
  const lines = values.mib !== undefined ? linesForMiB(Number(values.mib)) : Number(values.lines ?? '1000000');
  const runs = Number(values.runs);
  const gnuTime = hasGnuTime();
  const scratch = mkdtempSync(join(tmpdir(), 'mfw-bench-lnav-'));
  try {
    const dataDir = join(scratch, 'logs');
    const files = await generateLogSet({ dir: dataDir, lines, seed: 1, year: YEAR });
    const paths = files.map((f) => f.path);
    const bytes = paths.reduce((n, p) => n + statSync(p).size, 0);
    const records = files.reduce((n, f) => n + f.records, 0);
    const mfw: Run[] = [];
    const lnavRuns: LnavRun[] = [];
    const loads: number[] = [load1()];
    for (let k = 0; k < runs; k++) {
      if (!values['lnav-only']) mfw.push(await timed(process.execPath, [MFW, 'analyze', dataDir, '--tz', 'UTC', '--year', String(YEAR), '--quiet'], gnuTime));
      lnavRuns.push(await runLnav(lnav, paths, gnuTime));
      loads.push(load1());
    }
    const problems = lnavRuns.map((r) => checkLnavCounts(r, lines)).filter((p): p is string => p !== null);
    const lnavMs = median(lnavRuns.map((r) => r.wallMs));
    const rss = (rs: readonly Run[]): string => rs.map((r) => (r.peakRssMiB === null ? 'n/a' : r.peakRssMiB.toFixed(0))).join(', ');
    const seconds = (rs: readonly Run[]): string => rs.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ');
    const out = [`${lines} lines, ${(bytes / 2 ** 20).toFixed(1)} MiB, ${records} records; ${runs} runs alternated; load ${loads.join(' → ')}`];
    const mfwMs = mfw.length ? median(mfw.map((r) => r.wallMs)) : null;
    if (mfwMs === null) out.push('  mfw analyze not run (--lnav-only)');
    else out.push(`  mfw analyze (folder)  median ${(mfwMs / 1000).toFixed(2)} s (${seconds(mfw)}), ${Math.round(lines / (mfwMs / 1000)).toLocaleString('en-US')} lines/s, peak RSS ${rss(mfw)} MiB`);
    out.push(`  lnav                  median ${(lnavMs / 1000).toFixed(2)} s (${seconds(lnavRuns)}), ${Math.round(lines / (lnavMs / 1000)).toLocaleString('en-US')} lines/s, peak RSS ${rss(lnavRuns)} MiB; `
      + `counted ${lnavRuns[0]!.lines} lines, ${lnavRuns[0]!.messages} messages`);
    if (mfwMs !== null) out.push(`  ratio mfw / lnav ${(mfwMs / lnavMs).toFixed(2)}x (issue #10: <= 3.0x floor, <= 1.0x goal)`);
    process.stdout.write(`${[...out, ...problems].join('\n')}\n`);
    return problems.length ? 1 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();
