import type { StampParts } from './layout.js';
import { wallTimeAt, wallTimeToUtc } from './zone.js';

/** How a file's stamps without a year or zone are placed in time. */
export interface TimeContext {
  /** Zone for stamps without an offset, e.g. "America/Chicago". */
  zone: string;
  /** Why `zone` was chosen, e.g. "from --tz". */
  zoneReason: string;
  /** Whether using `zone` is an assumption (false when the format or the file states it). */
  zoneAssumed: boolean;
  /** `--year`: every year-less stamp gets this year. */
  fixedYear?: number;
  /** Reference instant (UTC ms) for year-less stamps when there is no fixed year; null = unknown. */
  referenceMs: number | null;
}

/** A stamp placed in time, and what had to be assumed to place it. */
export interface ResolvedTime {
  /** UTC epoch ms; a fraction keeps microseconds. */
  tsMs: number;
  /** The stamp has no year: it came from `--year` or the reference. */
  yearInferred: boolean;
  /** The stamp has no offset and the context's zone is an assumption. */
  zoneAssumed: boolean;
  /** The local time was in a DST gap (moved forward) or repeat (first occurrence taken). */
  note?: 'gap' | 'repeat';
}

const DAY_MS = 86_400_000;

/** A year-less stamp more than this after the reference belongs to the year before. */
const ROLL_BACK_SLACK_MS = 2 * DAY_MS;

/** Leap years are at most 8 years apart (1896, 1904): how far a Feb 29 may look back. */
const LEAP_LOOK_BACK_YEARS = 8;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

// The reference year of the last context: a file has one reference and millions of stamps.
let lastReferenceMs = NaN;
let lastReferenceZone = '';
let lastReferenceYear = 0;

/** The calendar year of the reference instant as seen in the stamps' zone. */
function referenceYear(referenceMs: number, zone: string): number {
  if (referenceMs !== lastReferenceMs || zone !== lastReferenceZone) {
    lastReferenceYear = wallTimeAt(referenceMs, zone).year;
    lastReferenceMs = referenceMs;
    lastReferenceZone = zone;
  }
  return lastReferenceYear;
}

function place(parts: StampParts, year: number, zone: string, yearInferred: boolean, zoneAssumed: boolean): ResolvedTime {
  const wall = { year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second, fractionMs: parts.fractionMs };
  if (parts.offsetMinutes !== undefined) {
    return { tsMs: wallTimeToUtc(wall, 'UTC').utcMs - parts.offsetMinutes * 60_000, yearInferred, zoneAssumed, note: undefined };
  }
  const { utcMs, note } = wallTimeToUtc(wall, zone);
  return { tsMs: utcMs, yearInferred, zoneAssumed, note };
}

/**
 * The UTC time of a parsed stamp (docs/formats.md, "Time: years and zones"). An epoch or a
 * stamp with an offset is exact; otherwise it is read in `ctx.zone`. A year-less stamp takes
 * `ctx.fixedYear`, or the year of `ctx.referenceMs` in that zone, stepping back a year when it
 * would lie more than two days after the reference (a log across New Year).
 * Null when the date does not exist (Feb 30) or a year-less stamp has neither year nor reference.
 * @example
 * // reference 2027-01-02T10:00Z: "Dec 31 23:59:59" is 2026-12-31, "Jan  1 00:00:01" is 2027-01-01
 */
export function resolveStamp(parts: StampParts, ctx: TimeContext): ResolvedTime | null {
  if (parts.epochMs !== undefined) return { tsMs: parts.epochMs, yearInferred: false, zoneAssumed: false, note: undefined };
  const zoneAssumed = parts.offsetMinutes === undefined && ctx.zoneAssumed;
  const { year, month, day } = parts;
  if (year !== undefined) return day > daysInMonth(year, month) ? null : place(parts, year, ctx.zone, false, zoneAssumed);
  if (ctx.fixedYear !== undefined) {
    return day > daysInMonth(ctx.fixedYear, month) ? null : place(parts, ctx.fixedYear, ctx.zone, true, zoneAssumed);
  }
  const referenceMs = ctx.referenceMs;
  if (referenceMs === null) return null;
  const latestMs = referenceMs + ROLL_BACK_SLACK_MS;
  const fromYear = referenceYear(referenceMs, ctx.zone);
  // Any date steps back a year at most; only Feb 29 may look further, for a leap year.
  for (let candidate = fromYear; candidate >= fromYear - LEAP_LOOK_BACK_YEARS; candidate--) {
    if (day > daysInMonth(candidate, month)) continue;
    const placed = place(parts, candidate, ctx.zone, true, zoneAssumed);
    if (placed.tsMs <= latestMs) return placed;
  }
  return null;
}
