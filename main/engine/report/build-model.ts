import type { BundleInfo } from '../../../shared/types/analysis.js';
import type { Store } from '../store/store.js';
import { computeHistogram } from '../timeline/histogram.js';
import { getCaseDetails } from './case-details.js';
import { REPORT_SEVERITIES, type ReportFile, type ReportFinding, type ReportModel, type ReportSummary, type ReportTimeline } from './model.js';
import { reportBookmarks, reportCaseNote } from './report-annotations.js';
import { reportFindings } from './report-findings.js';
import { reportRules, type ReportRuleSource } from './report-rules.js';
import { checkCaseLog } from '../caselog/case-log.js';
import { num, text } from './sql-values.js';

export interface ReportOptions {
  /** The bundles' facts (hosts and their zones), as the session keeps them. */
  hosts: readonly BundleInfo[];
  /** The rules loaded: their descriptions explain the findings and the report lists them. */
  rules: readonly ReportRuleSource[];
  version: string;
  /** When the report is made (a parameter so tests need no clock). */
  generatedAtMs: number;
  /** Evidence lines printed per finding. */
  samplesPerFinding?: number;
  /** Bars of the timeline chart, at most. */
  timelineBins?: number;
}

export const DEFAULT_SAMPLES = 5;
/** Findings named in the executive summary. */
const TOP_FINDINGS = 5;

/** Builds the whole report from the store: the one model every format renders. */
export async function buildReportModel(store: Store, options: ReportOptions): Promise<ReportModel> {
  const descriptions = new Map(options.rules.map((r) => [r.id, r.description]));
  const findings = await reportFindings(store, descriptions, options.samplesPerFinding ?? DEFAULT_SAMPLES);
  const span = (await store.query('SELECT count(*), min(ts), max(ts) FROM events')).rows[0] ?? [0, null, null];
  return {
    generatedAtMs: options.generatedAtMs,
    version: options.version,
    cover: {
      case: await getCaseDetails(store),
      events: Number(span[0]),
      firstTs: num(span[1]),
      lastTs: num(span[2]),
      hosts: options.hosts.map((h) => ({ label: h.label, hostname: h.hostname, timezone: h.timezone })),
      caseLog: await caseLogFacts(store),
    },
    summary: summarize(findings),
    findings,
    timeline: await reportTimeline(store, options.timelineBins ?? 48),
    bookmarks: await reportBookmarks(store),
    caseNote: await reportCaseNote(store),
    evidence: await reportFiles(store),
    rules: await reportRules(store, options.rules),
    queries: (await store.query('SELECT name, sql FROM saved_queries ORDER BY id')).rows.map(([name, sql]) => ({ name: String(name), sql: String(sql) })),
  };
}

function summarize(findings: readonly ReportFinding[]): ReportSummary {
  const bySeverity = REPORT_SEVERITIES.map((severity) => ({ severity, count: findings.filter((f) => f.severity === severity).length }));
  const top = findings.slice(0, TOP_FINDINGS).map((f) => {
    const who = f.key ? ` (${f.key})` : '';
    return `${capitalize(f.severity)}: ${f.title}${who}${f.summary ? `: ${f.summary}` : ''}.`.replace(/\.\.$/, '.');
  });
  return { bySeverity, total: findings.length, top };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Event counts per bin stacked by source, without the sources that have no event. */
async function reportTimeline(store: Store, maxBins: number): Promise<ReportTimeline | null> {
  const h = await computeHistogram(store, { filter: {}, maxBins, by: 'source' });
  if (h.binCount === 0 || h.total === 0) return null;
  const series = h.series.filter((s) => s.counts.some((n) => n > 0)).map((s) => ({ label: s.label, counts: s.counts }));
  return { fromMs: h.fromMs, toMs: h.toMs, binMs: h.binMs, firstBinMs: h.firstBinMs, binCount: h.binCount, series, total: h.total };
}

async function reportFiles(store: Store): Promise<ReportFile[]> {
  const rows = (await store.query('SELECT path, host, bytes, sha256, format, events, first_ts, last_ts FROM files ORDER BY host, path, id')).rows;
  return rows.map(([path, host, bytes, sha256, format, events, first, last]) => ({
    path: String(path), host: text(host), bytes: num(bytes), sha256: text(sha256), format: text(format), events: num(events), firstTs: num(first), lastTs: num(last),
  }));
}

async function caseLogFacts(store: Store): Promise<ReportModel['cover']['caseLog']> {
  const chain = await checkCaseLog(store);
  return { entries: chain.entries, head: chain.head, broken: chain.broken ? `entry ${chain.broken.seq}: ${chain.broken.reason}` : null };
}
