/**
 * The clock of the planted incident (10 March 2026, from 12:00 UTC) and the stamps each log
 * writes it in: syslog in Chicago wall time (CDT, UTC-5 after 8 March 2026), web logs with their
 * own offsets, the snap's regiond in UTC, MAAS events in UTC.
 */

/** A finding the set must raise, as `mfw.analysis/1` shows it. */
export interface PlantedFinding {
  rule: string;
  key: Record<string, string>;
  severity?: string;
  first: string;
  last: string;
}

/** The zone the syslog files are written in, and its offset on the day of the incident. */
export const ATTACK_TZ = 'America/Chicago';
const CHICAGO_OFFSET_MS = -5 * 3_600_000;
/** Start of the incident day's story, UTC. */
export const DAY_MS = Date.UTC(2026, 2, 10, 12, 0, 0);
export const MIN = 60_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number): string => String(n).padStart(2, '0');

export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const hms = (d: Date): string => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

/** `Mar 10 07:00:00` in Chicago wall time. */
export function syslogStamp(ms: number): string {
  const d = new Date(ms + CHICAGO_OFFSET_MS);
  return `${MONTHS[d.getUTCMonth()]!} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms(d)}`;
}

/** `10/Mar/2026:07:00:00 -0500` with the given offset in minutes. */
export function accessStamp(ms: number, offsetMin: number): string {
  const d = new Date(ms + offsetMin * MIN);
  const sign = offsetMin < 0 ? '-' : '+';
  const off = Math.abs(offsetMin);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]!}/${d.getUTCFullYear()}:${hms(d)} ${sign}${pad(Math.floor(off / 60))}${pad(off % 60)}`;
}

/** `2026-03-10 12:00:00`, UTC (the snap's regiond). */
export function regiondStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${hms(d)}`;
}

/** `Tue, 10 Mar. 2026 12:00:00` (MAAS events API, UTC). */
export function eventsStamp(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]!}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]!}. ${d.getUTCFullYear()} ${hms(d)}`;
}

/** Lines with their instant, sorted by time when written. */
export class LogFile {
  private readonly lines: { ms: number; order: number; text: string }[] = [];

  add(ms: number, text: string): void {
    this.lines.push({ ms, order: this.lines.length, text });
  }

  text(): string {
    return this.lines.sort((a, b) => a.ms - b.ms || a.order - b.order).map((l) => l.text).join('\n') + '\n';
  }
}

/** The browser of the admins and of the decoys. */
export const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
