import type { Source } from './event.js';
import type { ImportScope, SkippedCounts } from './import-scope.js';

/** `mfw analyze --json` output, schema `mfw.analysis/1` (design §5, a contract). Times are ISO-8601 UTC with `Z`. */
export interface Analysis {
  schema: 'mfw.analysis/1';
  inputs: { path: string; sha256: string; bytes: number; mtime: string | null }[];
  /**
   * `hostname`, `timezone` and `collected` are the bundle's when there is one host (else the
   * first host's name is null when they differ); `hosts` has every bundle, one per host.
   */
  bundle: { hostname: string | null; timezone: string; collected: string | null; hosts: BundleInfo[];
    /** What each host's logs cover and what is missing. */
    coverage: HostCoverage[];
  };
  files: AnalysisFile[];
  events: { total: number; bySource: Partial<Record<Source, number>>; first: string | null; last: string | null };
  findings: AnalysisFinding[];
  warnings: string[];
  /** The narrower import the user chose, and what it left out by reason (present only when narrowed). */
  scope?: ImportScope;
  skipped?: SkippedCounts;
  /** Present when the import stopped early because the store's memory was full: where, and why. */
  partial?: { reason: string; file: string; line: number | null; eventsKept: number };
}

export interface AnalysisFile {
  path: string;
  format: string;
  source: Source | null;
  /** The host the file came from: the bundle's host name, when known. */
  host: string | null;
  sha256: string;
  /** Bytes as stored: of the `.gz` for a compressed file. */
  bytes: number;
  mtime: string | null;
  /** lines = events + continuation + ignored + unparsed */
  lines: number;
  events: number;
  continuation: number;
  ignored: number;
  unparsed: number;
  /** Of its `events`, how many were copies of an event kept from another file (docs/duplicates.md). */
  folded: number;
  /** Of its events and unparsed lines, how many the import's scope left out (present only when narrowed). */
  skipped?: number;
  first: string | null;
  last: string | null;
  /** How the year and zone of its stamps were decided. */
  time: string | null;
  warnings: string[];
}

export interface AnalysisFinding {
  rule: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  title: string;
  key: Record<string, string>;
  count: number;
  first: string;
  last: string;
  summary: string;
}

/** What a bundle (a sos-report, an archive, a folder) says about its host, and from where. */
export interface BundleInfo {
  /** The archive or folder. */
  label: string;
  layout: 'sos-report' | 'var-log' | 'files';
  hostname: string | null;
  hostnameSource: string | null;
  /** The zone its zone-less stamps were read in. */
  timezone: string;
  /** Where the zone came from; null when none was found (then --tz or the machine's). */
  timezoneSource: string | null;
  collected: string | null;
  collectedSource: string | null;
  maas: { install: 'snap' | 'deb' | null; version: string | null } | null;
  /** Files sos-report truncated to their end (`*.tailed`). */
  tailed: string[];
}

/** The logs of one host (`events.host`; `null`: events that name no host, such as web access logs). */
export interface HostCoverage {
  host: string | null;
  /** Events of this host, each folded event once (unparsed lines are not counted). */
  events: number;
  first: string | null;
  last: string | null;
  /** The families present, in SOURCES order. */
  sources: SourceCoverage[];
  /** Short notes on what is missing or partial: no firewall logs, no rotated logs, a short journal, a truncated file. */
  missing: string[];
}

export interface SourceCoverage {
  source: Source;
  events: number;
  first: string | null;
  last: string | null;
  /** Paths of the files that contributed events (copies folded into another file's event included). */
  files: string[];
}
