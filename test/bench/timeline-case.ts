/**
 * The Timeline's histogram on a large store: the whole range, then re-binned on zooms to a
 * tenth, a hundredth and a thousandth of it (edges off the bins, as a brush leaves them),
 * through `dispatch` as the app calls it (request and response validated). Also timed: the
 * rollup build the first histogram pays once, the gaps, and one histogram the rollup cannot
 * answer (a WHERE filter), to show what the rollup saves.
 *
 * Alone: `node dist/test/bench/timeline-case.js [--events N] [--runs K]` (after npm run build).
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ApiRequest } from '../../shared/api.js';
import type { Histogram } from '../../shared/api-timeline.js';
import { dispatch } from '../../main/engine/session/dispatch.js';
import type { Session } from '../../main/engine/session/session.js';
import { BASE_TS, filledSession } from './page-case.js';

/** What a 1500-pixel chart asks for (the Timeline screen: 5 px a bin). */
const MAX_BINS = 300;

export interface TimelineCaseResult {
  events: number;
  fillMs: number;
  /** The first histogram's one-off cost: counting every event into the rollup. */
  rollupBuildMs: number;
  /** Median ms per view, by name: `all`, `zoom 1/10`, … */
  medians: Record<string, number>;
  bins: Record<string, string>;
  gapsMs: number;
  /** One histogram of every event counted one by one (a WHERE filter): the cost without the rollup. */
  withoutRollupMs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]! ) / 2;
}

async function timed(session: Session, req: ApiRequest<'timeline.histogram'>): Promise<{ ms: number; h: Histogram }> {
  const start = performance.now();
  const reply = await dispatch(session, 'timeline.histogram', req);
  const ms = performance.now() - start;
  if (!reply.ok) throw new Error(`timeline.histogram failed: ${reply.error.message}`);
  return { ms, h: reply.result as Histogram };
}

export async function benchTimelineCase(options: { events: number; runs?: number }): Promise<TimelineCaseResult> {
  const runs = options.runs ?? 5;
  const { session, fillMs, store } = await filledSession(options.events);
  try {
    const rollup = await store.timelineRollup();
    const span = options.events * 50;
    // Views centred on the middle of the data, edges a few ms off any bin.
    const views: Record<string, ApiRequest<'timeline.histogram'>> = { all: { filter: {}, maxBins: MAX_BINS, by: 'source' }, 'all by host': { filter: {}, maxBins: MAX_BINS, by: 'host' } };
    for (const part of [10, 100, 1000]) {
      const width = Math.floor(span / part);
      const fromMs = BASE_TS + Math.floor(span / 2 - width / 2) + 7;
      views[`zoom 1/${part}`] = { filter: { fromMs, toMs: fromMs + width }, maxBins: MAX_BINS, by: 'source' };
    }
    const medians: Record<string, number> = {};
    const bins: Record<string, string> = {};
    for (const [name, req] of Object.entries(views)) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const { ms, h } = await timed(session, req);
        times.push(ms);
        bins[name] = `${h.binCount} × ${h.binMs / 1000} s (${h.counted}), ${h.total} events`;
        if (name === 'all' && h.total !== options.events) throw new Error(`the histogram counted ${h.total} events of ${options.events}`);
      }
      medians[name] = median(times);
    }
    let start = performance.now();
    await dispatch(session, 'timeline.gaps', {});
    const gapsMs = performance.now() - start;
    start = performance.now();
    await timed(session, { filter: { where: 'seq > 0' }, maxBins: MAX_BINS, by: 'source' });
    const withoutRollupMs = performance.now() - start;
    return { events: options.events, fillMs, rollupBuildMs: rollup.elapsedMs, medians, bins, gapsMs, withoutRollupMs };
  } finally {
    await session.close();
  }
}

export function renderTimelineCase(r: TimelineCaseResult): string {
  const worst = Math.max(...Object.values(r.medians));
  return [
    `timeline histogram of ${r.events} events (store filled in ${(r.fillMs / 1000).toFixed(1)} s; rollup built once in ${(r.rollupBuildMs / 1000).toFixed(2)} s):`,
    ...Object.entries(r.medians).map(([name, ms]) => `  ${name.padEnd(12)} median ${ms.toFixed(1)} ms  (${r.bins[name]})`),
    `  slowest view ${worst.toFixed(1)} ms (target < 200 ms: ${worst < 200 ? 'within' : 'OVER'})`,
    `  gaps ${r.gapsMs.toFixed(0)} ms; one histogram without the rollup (WHERE filter) ${(r.withoutRollupMs / 1000).toFixed(2)} s`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '5000000' }, runs: { type: 'string', default: '5' } } });
  const result = await benchTimelineCase({ events: Number(values.events), runs: Number(values.runs) });
  process.stdout.write(`${renderTimelineCase(result)}\n`);
}
