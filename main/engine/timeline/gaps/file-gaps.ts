import type { Gap } from '../../../../shared/api-timeline.js';
import { isJournal, JOURNAL_SHORTFALL_MS, ROTATION_SUFFIX, TAILED, WHAT } from '../../coverage-notes.js';
import { formatIsoUtc } from '../../time/zone.js';
import { SOURCES, type Source } from '../../../../shared/types/event.js';

/** A log file as the `files` table has it. */
export interface FileSpan {
  path: string;
  format: string | null;
  source: string | null;
  host: string | null;
  firstTs: number;
  lastTs: number;
}

/** `.1`, `-2.gz`: logrotate's numbers. Date suffixes (`-20260301`) are not numbers to count on. */
const ROTATION_NUMBER = /[.-](\d{1,3})(?:\.(?:gz|xz|bz2|zst))?$/;

const what = (source: string | null): string => (SOURCES.includes(source as Source) ? WHAT[source as Source] : 'logs');
const name = (path: string): string => path.split('/').pop() ?? path;
const at = (ms: number): string => formatIsoUtc(ms).replace('.000Z', 'Z');

function rotationNumber(path: string): number {
  const m = ROTATION_NUMBER.exec(path.replace(TAILED, ''));
  return m ? Number(m[1]) : 0;
}

/** `.tailed` files: sos kept only the end of a log too big to copy; what came before is missing. */
export function truncatedGaps(files: readonly FileSpan[]): Gap[] {
  return files.filter((f) => TAILED.test(f.path)).map((f) => {
    const earlier = files.filter((o) => o.host === f.host && o !== f).map((o) => o.firstTs);
    const fromMs = Math.min(f.firstTs, ...earlier);
    return {
      kind: 'truncated', host: f.host, source: f.source, fromMs, toMs: f.firstTs,
      title: `${name(f.path)} is truncated: nothing of it before ${at(f.firstTs)}`,
      explanation: `sos-report copied only the last part of ${name(f.path).replace(TAILED, '')} (a .tailed file): its lines before ${at(f.firstTs)} are missing,`
        + ` so ${what(f.source)} of ${f.host ?? 'this host'} cannot show what happened then${fromMs < f.firstTs ? ` (other logs of the host start at ${at(fromMs)})` : ''}.`,
    };
  });
}

/** A rotated file missing from the sequence (`auth.log.1`, `auth.log.3.gz`: no `.2`): the time between its neighbours is not covered. */
export function rotationHoles(files: readonly FileSpan[]): Gap[] {
  const logs = new Map<string, FileSpan[]>();
  for (const f of files.filter((x) => !isJournal(x))) {
    const key = `${f.host ?? ''}\u0000${f.path.replace(TAILED, '').replace(ROTATION_SUFFIX, '')}`;
    logs.set(key, [...(logs.get(key) ?? []), f]);
  }
  const gaps: Gap[] = [];
  for (const group of logs.values()) {
    // Newest first: the current file is number 0, then .1, .2 …
    const byNumber = [...group].sort((a, b) => rotationNumber(a.path) - rotationNumber(b.path));
    for (let i = 1; i < byNumber.length; i++) {
      const newer = byNumber[i - 1]!;
      const older = byNumber[i]!;
      const missing = rotationNumber(older.path) - rotationNumber(newer.path) - 1;
      if (missing <= 0 || older.lastTs >= newer.firstTs) continue;
      const base = name(newer.path).replace(TAILED, '').replace(ROTATION_SUFFIX, '');
      const numbers = Array.from({ length: missing }, (_, k) => rotationNumber(newer.path) + k + 1).join(', ');
      gaps.push({
        kind: 'rotation-hole', host: newer.host, source: newer.source, fromMs: older.lastTs, toMs: newer.firstTs,
        title: `rotation hole in ${base}: ${missing === 1 ? 'file' : 'files'} ${numbers} missing`,
        explanation: `${name(older.path)} ends at ${at(older.lastTs)} and ${name(newer.path)} starts at ${at(newer.firstTs)};`
          + ` the rotated ${missing === 1 ? 'file' : 'files'} ${numbers} between them ${missing === 1 ? 'is' : 'are'} not in the evidence, so ${what(newer.source)} of ${newer.host ?? 'this host'} are missing for that time.`,
      });
    }
  }
  return gaps;
}

/** A journal export that starts later or ends earlier than the host's log files, by more than JOURNAL_SHORTFALL_MS. */
export function journalShortfalls(files: readonly FileSpan[]): Gap[] {
  const gaps: Gap[] = [];
  for (const host of new Set(files.map((f) => f.host))) {
    const mine = files.filter((f) => f.host === host);
    const journal = mine.filter(isJournal);
    const others = mine.filter((f) => !isJournal(f));
    if (!journal.length || !others.length) continue;
    const j = { first: Math.min(...journal.map((f) => f.firstTs)), last: Math.max(...journal.map((f) => f.lastTs)) };
    const o = { first: Math.min(...others.map((f) => f.firstTs)), last: Math.max(...others.map((f) => f.lastTs)) };
    const explanation = `the journal export covers ${at(j.first)} to ${at(j.last)}, the log files ${at(o.first)} to ${at(o.last)};`
      + ' what only the journal records (services without a log file, kernel messages of other boots) is missing outside its window.';
    if (j.first - o.first > JOURNAL_SHORTFALL_MS) gaps.push({ kind: 'journal-short', host, source: 'system', fromMs: o.first, toMs: j.first, title: `journal of ${host ?? 'this host'} starts late`, explanation });
    if (o.last - j.last > JOURNAL_SHORTFALL_MS) gaps.push({ kind: 'journal-short', host, source: 'system', fromMs: j.last, toMs: o.last, title: `journal of ${host ?? 'this host'} ends early`, explanation });
  }
  return gaps;
}
