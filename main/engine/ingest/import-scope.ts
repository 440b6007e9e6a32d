import type { ParsedEvent } from '../../../shared/types/event.js';
import { isNarrowed, type ImportScope, type SkippedCounts, type SkipReason } from '../../../shared/types/import-scope.js';

/**
 * Applies an import scope to events as they are parsed: says whether each one is stored, and
 * counts those left out by reason, for the import and for the file being read.
 */
export class ScopeFilter {
  readonly skipped: SkippedCounts = { unparsed: 0, source: 0, host: 0, time: 0 };
  /** Left out of the file being read (reset by startFile). */
  skippedInFile = 0;
  private readonly hosts: Set<string> | null;
  private readonly sources: Set<string> | null;

  constructor(readonly scope: ImportScope) {
    this.hosts = scope.hosts?.length ? new Set(scope.hosts.map((h) => h.toLowerCase())) : null;
    this.sources = scope.sources?.length ? new Set(scope.sources) : null;
  }

  /** A filter when the scope narrows anything, else undefined (every event is stored). */
  static of(scope: ImportScope | undefined): ScopeFilter | undefined {
    return scope && isNarrowed(scope) ? new ScopeFilter(scope) : undefined;
  }

  startFile(): void {
    this.skippedInFile = 0;
  }

  /**
   * Whether the event is stored. `bundleHost` is its bundle's host name when known so far. An
   * event whose host or time cannot be told (no host anywhere, an unparsed line without a
   * stamp) is stored: the scope leaves out only what it can place outside.
   */
  admits(event: ParsedEvent, bundleHost: string | null): boolean {
    const reason = this.reasonToSkip(event, bundleHost);
    if (!reason) return true;
    this.skipped[reason]++;
    this.skippedInFile++;
    return false;
  }

  private reasonToSkip(event: ParsedEvent, bundleHost: string | null): SkipReason | null {
    if (this.scope.skipUnparsed && event.format === 'unparsed') return 'unparsed';
    if (this.sources && !this.sources.has(event.source)) return 'source';
    if (this.hosts) {
      const host = event.fields.host ?? bundleHost;
      if (host !== null && !this.hosts.has(String(host).toLowerCase())) return 'host';
    }
    const ts = event.ts;
    if (!Number.isNaN(ts) && ((this.scope.sinceMs !== undefined && ts < this.scope.sinceMs) || (this.scope.untilMs !== undefined && ts >= this.scope.untilMs))) return 'time';
    return null;
  }
}
