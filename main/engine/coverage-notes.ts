import { SOURCES, type Source } from '../../shared/types/event.js';
import { formatIsoUtc } from './time/zone.js';

/** A file's contribution to one host: the span of that host's events in it. */
export interface HostFileSpan {
  path: string;
  format: string | null;
  source: Source;
  firstTs: number | null;
  lastTs: number | null;
}

/** A journal covering less than the files by more than this, at either end, is called shorter. */
export const JOURNAL_SHORTFALL_MS = 60 * 60 * 1000;

/** What a source's logs are called in sentences. */
export const WHAT: Record<Source, string> = {
  firewall: 'UFW/firewall logs',
  web: 'web server logs',
  maas: 'MAAS logs',
  system: 'system logs',
  audit: 'audit logs',
};

/** `syslog.2.gz` → `syslog`: the name of the log a rotated file belongs to. */
export const ROTATION_SUFFIX = /[.-]\d+(?:\.(?:gz|xz|bz2|zst))?$/;
export const TAILED = /\.tailed$/;

export function baseName(path: string): string {
  return path.replace(TAILED, '').split('/').pop()!.replace(ROTATION_SUFFIX, '');
}

function isRotated(path: string): boolean {
  return ROTATION_SUFFIX.test(path.replace(TAILED, ''));
}

/** Journal exports are one stream, not rotated files; told apart by their decoder formats. */
export function isJournal(file: Pick<HostFileSpan, 'format'>): boolean {
  return file.format?.startsWith('journal-') ?? false;
}

export function minute(ms: number): string {
  return `${formatIsoUtc(ms).slice(0, 16)}Z`;
}

function span(files: readonly HostFileSpan[]): { first: number; last: number } | null {
  const firsts = files.map((f) => f.firstTs).filter((t): t is number => t !== null);
  const lasts = files.map((f) => f.lastTs).filter((t): t is number => t !== null);
  return firsts.length && lasts.length ? { first: Math.min(...firsts), last: Math.max(...lasts) } : null;
}

/**
 * What is missing or partial in one host's logs, as short sentences.
 * `hostless` holds the families present among events that name no host (web access logs do
 * not): a named host missing one of them is told where such logs may be.
 */
export function coverageNotes(host: string | null, files: readonly HostFileSpan[], hostless: ReadonlySet<Source>): string[] {
  const notes: string[] = [];
  const present = new Set(files.map((f) => f.source));
  if (host !== null) {
    for (const source of SOURCES) {
      if (present.has(source)) continue;
      notes.push(hostless.has(source) ? `no ${WHAT[source]} naming this host (see unknown host)` : `no ${WHAT[source]} at all`);
    }
  }

  const logs = new Map<string, string[]>();
  for (const file of files.filter((f) => !isJournal(f))) {
    const key = baseName(file.path);
    const paths = logs.get(key) ?? [];
    if (!paths.includes(file.path)) paths.push(file.path);
    logs.set(key, paths);
  }
  const unrotated = [...logs].filter(([, paths]) => !paths.some(isRotated)).map(([name]) => name).sort();
  if (unrotated.length) notes.push(`no rotated logs for ${unrotated.join(', ')} (only the current file${unrotated.length > 1 ? 's' : ''})`);

  const journal = span(files.filter(isJournal));
  const others = span(files.filter((f) => !isJournal(f)));
  if (journal && others && (journal.first - others.first > JOURNAL_SHORTFALL_MS || others.last - journal.last > JOURNAL_SHORTFALL_MS)) {
    notes.push(`journal covers ${minute(journal.first)}..${minute(journal.last)}, shorter than the files (${minute(others.first)}..${minute(others.last)})`);
  }

  for (const path of new Set(files.map((f) => f.path))) {
    if (TAILED.test(path)) notes.push(`${path.split('/').pop()!.replace(TAILED, '')} is truncated (.tailed)`);
  }
  return notes;
}
