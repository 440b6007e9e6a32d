/** Wall-clock time in some zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction of the second in ms, e.g. 45.015 for ".045015". */
  fractionMs: number;
}

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Offsets (minutes east of UTC) by zone and UTC hour: offsets change only on the hour or half hour of a transition, so the cache is checked per quarter hour. */
const offsetCache = new Map<string, Map<number, number>>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

const dayStarts = new Map<number, number>();

/** Date.UTC of a day, cached: logs run through few days and millions of lines. */
function dayStartMs(year: number, month: number, day: number): number {
  const key = (year * 13 + month) * 32 + day;
  let ms = dayStarts.get(key);
  if (ms === undefined) {
    ms = Date.UTC(year, month - 1, day);
    if (dayStarts.size > 50_000) dayStarts.clear();
    dayStarts.set(key, ms);
  }
  return ms;
}

/** True for a zone the tz database knows (IANA names, `UTC`). */
export function isValidTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** This machine's zone (honours `TZ`). */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function isUtc(zone: string): boolean {
  return zone === 'UTC' || zone === 'Etc/UTC' || zone === 'Etc/GMT' || zone === 'GMT';
}

function computeOffset(utcMs: number, zone: string): number {
  const parts = formatter(zone).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const asUtc = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** Minutes east of UTC of `zone` at the instant `utcMs`, from the tz database. */
export function zoneOffsetMinutes(utcMs: number, zone: string): number {
  if (isUtc(zone)) return 0;
  let cache = offsetCache.get(zone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(zone, cache);
  }
  // Transitions fall on quarter hours in every zone of the database.
  const bucket = Math.floor(utcMs / (HOUR_MS / 4));
  let offset = cache.get(bucket);
  if (offset === undefined) {
    offset = computeOffset(bucket * (HOUR_MS / 4), zone);
    if (cache.size > 100_000) cache.clear();
    cache.set(bucket, offset);
  }
  return offset;
}

/**
 * The UTC instant of a wall-clock time in `zone`. A time in a DST gap (it never happened) is
 * moved forward by the gap; a time repeated when clocks go back takes its first occurrence.
 */
export function wallTimeToUtc(wall: WallTime, zone: string): { utcMs: number; note?: 'gap' | 'repeat' } {
  const asUtc = dayStartMs(wall.year, wall.month, wall.day) + ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000 + wall.fractionMs;
  if (isUtc(zone)) return { utcMs: asUtc };
  // The instant is asUtc - offset, for one of the offsets in force around it.
  const before = zoneOffsetMinutes(asUtc - 24 * HOUR_MS, zone);
  const after = zoneOffsetMinutes(asUtc + 24 * HOUR_MS, zone);
  // No transition within a day either side (nearly always): one offset, no ambiguity.
  if (before === after && zoneOffsetMinutes(asUtc - before * 60_000, zone) === before) return { utcMs: asUtc - before * 60_000 };
  const candidates = [...new Set([before, after])]
    .map((offset) => asUtc - offset * 60_000)
    .filter((utc) => zoneOffsetMinutes(utc, zone) * 60_000 === asUtc - utc)
    .sort((a, b) => a - b);
  if (candidates.length === 0) {
    // A gap: read it with the offset before the change, which lands after the change.
    return { utcMs: asUtc - before * 60_000, note: 'gap' };
  }
  return candidates.length > 1 ? { utcMs: candidates[0]!, note: 'repeat' } : { utcMs: candidates[0]! };
}

/** ISO-8601 UTC with `Z`; `.mmm` or `.mmmuuu` only when there is a fraction. */
export function formatIsoUtc(tsMs: number): string {
  const whole = Math.floor(tsMs);
  const base = new Date(whole).toISOString(); // 2026-03-08T08:30:00.000Z
  const us = Math.round((tsMs - whole) * 1000);
  const ms = whole - Math.floor(whole / 1000) * 1000;
  if (us === 0 && ms === 0) return `${base.slice(0, 19)}Z`;
  if (us === 0) return `${base.slice(0, 23)}Z`;
  if (us === 1000) return formatIsoUtc(whole + 1);
  return `${base.slice(0, 23)}${String(us).padStart(3, '0')}Z`;
}
