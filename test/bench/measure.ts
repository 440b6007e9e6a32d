/**
 * What the bench cases share to time things: medians, a command run under GNU time (wall time and
 * the child's peak RSS), the process's own peak RSS and the machine's load, printed next to
 * every figure because the 2-core machines the bench runs on are shared.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Session } from '../../main/engine/session/session.js';
import { dispatch } from '../../main/engine/session/dispatch.js';
import type { ApiMethod, ApiRequest, ApiResponse } from '../../shared/api.js';

export const GNU_TIME = '/usr/bin/time';

export interface Run {
  wallMs: number;
  /** Peak resident set of the child, from GNU time; null without it. */
  peakRssMiB: number | null;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs a command to its end. With GNU time it runs under `/usr/bin/time -f '%e %M'` and reads
 * the child's peak RSS from time's last stderr line; the wall time is always our own
 * performance.now, as `%e` has only 10 ms steps (too coarse for `wc -l`). Stdout is kept only
 * when asked for (a baseline that prints its counts).
 */
export async function timed(command: string, args: readonly string[], gnuTime: boolean, opts: { env?: NodeJS.ProcessEnv; stdout?: boolean } = {}): Promise<Run & { stdout: string }> {
  const [file, argv] = gnuTime ? [GNU_TIME, ['-f', '%e %M', command, ...args]] : [command, [...args]];
  const started = performance.now();
  const { code, stderr, stdout } = await new Promise<{ code: number | null; stderr: string; stdout: string }>((done, fail) => {
    const child = spawn(file, argv, { stdio: ['ignore', opts.stdout ? 'pipe' : 'ignore', 'pipe'], ...(opts.env ? { env: opts.env } : {}) });
    let err = '';
    let out = '';
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.stdout?.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.on('error', fail);
    child.on('close', (c) => done({ code: c, stderr: err, stdout: out }));
  });
  const wallMs = round1(performance.now() - started);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`);
  if (!gnuTime) return { wallMs, peakRssMiB: null, stdout };
  // GNU time writes "<elapsed s> <max RSS KiB>" after the child has exited, so it is the last line.
  const last = stderr.trimEnd().split('\n').at(-1) ?? '';
  const m = /^(\d+(?:\.\d+)?) (\d+)$/.exec(last.trim());
  if (!m) throw new Error(`${GNU_TIME}: expected "<seconds> <KiB>" as the last stderr line of ${command}, got ${JSON.stringify(last)}`);
  return { wallMs, peakRssMiB: round1(Number(m[2]) / 1024), stdout };
}

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

/** This process's peak resident set so far (its worker threads included), in MiB; it only grows. */
export function processPeakRssMiB(): number {
  return round1(process.resourceUsage().maxRSS / 1024);
}

/** The 1-minute load average, to print beside a figure measured on a shared machine. */
export function load1(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

/** Calls a method as the app does: through `dispatch` (request and response validated); throws the reply's error. */
export async function call<M extends ApiMethod>(session: Session, method: M, req: ApiRequest<M>): Promise<ApiResponse<M>> {
  const reply = await dispatch(session, method, req);
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error.message}`);
  return reply.result as ApiResponse<M>;
}

/** Times one async call, in ms. */
export async function timeIt<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

export function formatMs(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}
