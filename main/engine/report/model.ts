import type { CaseDetails } from '../../../shared/api-report.js';

/**
 * The incident report as data (docs/reports.md): built once from the store by build-model.ts,
 * rendered to PDF, HTML and Markdown by the renderers, which add no facts of their own.
 * Times are UTC epoch milliseconds; text is as found in the evidence (renderers escape it).
 */
export interface ReportModel {
  generatedAtMs: number;
  /** mfw's version, printed with the rules used. */
  version: string;
  cover: ReportCover;
  summary: ReportSummary;
  findings: ReportFinding[];
  timeline: ReportTimeline | null;
  bookmarks: ReportBookmark[];
  caseNote: string | null;
  evidence: ReportFile[];
  rules: ReportRule[];
  queries: ReportQuery[];
}

export interface ReportCover {
  case: CaseDetails;
  firstTs: number | null;
  lastTs: number | null;
  events: number;
  hosts: { label: string; hostname: string | null; timezone: string }[];
  /** The case log when the report was made (docs/sessions.md#the-case-log): kept apart, its head shows a log rewritten later. */
  caseLog: { entries: number; head: string; broken: string | null };
}

export const REPORT_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

export interface ReportSummary {
  /** Findings per severity, most serious first; every severity listed, zero included. */
  bySeverity: { severity: string; count: number }[];
  total: number;
  /** One sentence each for the most serious findings. */
  top: string[];
}

export interface ReportEvidenceLine {
  path: string | null;
  line: number | null;
  ts: number | null;
  host: string | null;
  text: string;
}

export interface ReportFinding {
  id: number;
  rule: string;
  severity: string;
  title: string;
  /** The key's values as `field=value` pairs, e.g. `src_ip=203.0.113.9`. */
  key: string;
  count: number;
  firstTs: number | null;
  lastTs: number | null;
  summary: string;
  /** What the rule looks for and why it matters (its description); null when the rule is not loaded. */
  explanation: string | null;
  samples: ReportEvidenceLine[];
  /** Evidence events beyond the samples shown. */
  moreEvents: number;
  tags: string[];
  note: string | null;
}

export interface ReportTimeline {
  fromMs: number;
  toMs: number;
  binMs: number;
  firstBinMs: number;
  binCount: number;
  /** Series with at least one event, stacked in this order. */
  series: { label: string; counts: number[] }[];
  total: number;
}

export interface ReportBookmark {
  eventId: number;
  event: ReportEvidenceLine;
  source: string;
  tags: string[];
  note: string | null;
}

export interface ReportFile {
  path: string;
  host: string | null;
  bytes: number | null;
  sha256: string | null;
  format: string | null;
  events: number | null;
  firstTs: number | null;
  lastTs: number | null;
}

export interface ReportRule {
  id: string;
  title: string;
  severity: string;
  /** `builtin`, `user` or `sigma`; `unknown` when a finding names a rule not loaded now. */
  origin: string;
  /** First 12 hex digits of the SHA-256 of the rule's file: which text of the rule ran. */
  version: string | null;
  findings: number;
}

export interface ReportQuery {
  name: string;
  sql: string;
}
