import type { StampParts } from './layout.js';
import { wallTimeToUtc, zoneOffsetMinutes } from './zone.js';

/** How a file's stamps without a year or zone are placed in time. */
export interface TimeContext {
  /** Zone for stamps without an offset, and why it was chosen. */
  zone: string;
  zoneReason: string;
  /** Whether using `zone` is an assumption (false when the format or the file states it). */
  zoneAssumed: boolean;
  /** `--year`: every year-less stamp gets this year. */
  fixedYear?: number;
  /** Reference instant (UTC ms) for year-less stamps when there is no fixed year; null = unknown. */
  referenceMs: number | null;
}

export interface ResolvedTime {
  tsMs: number;
  yearInferred: boolean;
  zoneAssumed: boolean;
  note?: 'gap' | 'repeat';
}

/** A year-less stamp more than this after the reference belongs to the year before. */
const ROLL_BACK_SLACK_MS = 2 * 24 * 3_600_000;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS[month - 1] ?? 0;
}

function toUtc(parts: StampParts, year: number, ctx: TimeContext): { utcMs: number; note?: 'gap' | 'repeat' } {
  const wall = { year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second, fractionMs: parts.fractionMs };
  if (parts.offsetMinutes !== undefined) return { utcMs: wallTimeToUtc(wall, 'UTC').utcMs - parts.offsetMinutes * 60_000 };
  return wallTimeToUtc(wall, ctx.zone);
}

/**
 * The UTC time of a stamp. Exact when it has an offset or is an epoch; otherwise read in the
 * context's zone, and without a year placed in the fixed year or the year of the reference,
 * stepping back a year when it would lie after the reference (a log across New Year).
 * Null when the date cannot exist or a year-less stamp has no reference.
 */
export function resolveStamp(parts: StampParts, ctx: TimeContext): ResolvedTime | null {
  if (parts.epochMs !== undefined) return { tsMs: parts.epochMs, yearInferred: false, zoneAssumed: false };
  const zoneAssumed = parts.offsetMinutes === undefined && ctx.zoneAssumed;
  if (parts.year !== undefined) {
    if (parts.day > daysInMonth(parts.year, parts.month)) return null;
    const { utcMs, note } = toUtc(parts, parts.year, ctx);
    return note ? { tsMs: utcMs, yearInferred: false, zoneAssumed, note } : { tsMs: utcMs, yearInferred: false, zoneAssumed };
  }
  let year: number;
  if (ctx.fixedYear !== undefined) {
    year = ctx.fixedYear;
    if (parts.day > daysInMonth(year, parts.month)) return null;
  } else {
    if (ctx.referenceMs === null) return null;
    const ref = ctx.referenceMs;
    const refYear = new Date(ref + zoneOffsetMinutes(ref, ctx.zone) * 60_000).getUTCFullYear();
    year = refYear;
    // Feb 29 only exists in leap years: look back to the latest one within the roll-back rule.
    for (let tries = 0; ; tries++) {
      if (tries > 8) return null;
      if (parts.day <= daysInMonth(year, parts.month) && toUtc(parts, year, ctx).utcMs <= ref + ROLL_BACK_SLACK_MS) break;
      year--;
    }
  }
  const { utcMs, note } = toUtc(parts, year, ctx);
  return note ? { tsMs: utcMs, yearInferred: true, zoneAssumed, note } : { tsMs: utcMs, yearInferred: true, zoneAssumed };
}
