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

const DAY_MS = 86_400_000;

/** A UTC day with a change of offset: the offsets either side and the instant of the change. */
interface Transition {
  beforeMs: number;
  afterMs: number;
  atMs: number;
}

/** What is cached per zone: offsets are in ms east of UTC. */
interface ZoneState {
  format: Intl.DateTimeFormat;
  /** By UTC day number: the day's offset, or its transition. */
  days: Map<number, number | Transition>;
  /** The last local day looked up and its offset (NaN when a transition is near): logs are ordered. */
  lastLocalDay: number;
  lastOffsetMs: number;
}

const zones = new Map<string, ZoneState>();
let lastZone = '';
let lastState: ZoneState | undefined;

function zoneState(zone: string): ZoneState {
  if (zone === lastZone && lastState) return lastState;
  let state = zones.get(zone);
  if (!state) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    state = { format, days: new Map(), lastLocalDay: NaN, lastOffsetMs: NaN };
    zones.set(zone, state);
  }
  lastZone = zone;
  lastState = state;
  return state;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The wall time of a UTC instant read as if it were local: Date.UTC's inverse, for any year. */
function civilOfMs(ms: number): WallTime {
  const days = Math.floor(ms / DAY_MS);
  const msOfDay = ms - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const wholeSeconds = Math.floor(msOfDay / 1000);
  return {
    year: yoe + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: doy - Math.floor((153 * mp + 2) / 5) + 1,
    hour: Math.floor(wholeSeconds / 3600),
    minute: Math.floor(wholeSeconds / 60) % 60,
    second: wholeSeconds % 60,
    fractionMs: msOfDay - wholeSeconds * 1000,
  };
}

/** `asUtc` of a wall time: its fields read as a UTC time. */
function wallAsUtcMs(wall: WallTime): number {
  return daysFromCivil(wall.year, wall.month, wall.day) * DAY_MS + ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000 + wall.fractionMs;
}

/** The offset at a whole second, straight from the tz database (slow: formatToParts). */
function offsetFromIntl(state: ZoneState, utcMs: number): number {
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, bc = false;
  for (const part of state.format.formatToParts(utcMs)) {
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      // Some ICU versions print midnight as 24 of the same day.
      case 'hour': hour = Number(part.value) % 24; break;
      case 'minute': minute = Number(part.value); break;
      case 'second': second = Number(part.value); break;
      case 'era': bc = part.value === 'BC'; break;
    }
  }
  const local = wallAsUtcMs({ year: bc ? 1 - year : year, month, day, hour, minute, second, fractionMs: 0 });
  return local - utcMs;
}

/** The offsets of one UTC day: a number when it does not change that day. */
function dayOffsets(state: ZoneState, dayNo: number): number | Transition {
  let entry = state.days.get(dayNo);
  if (entry !== undefined) return entry;
  const startMs = dayNo * DAY_MS;
  const beforeMs = offsetFromIntl(state, startMs);
  const afterMs = offsetFromIntl(state, startMs + DAY_MS);
  // One change a day at most: no zone in the tz database changes twice within a day.
  if (beforeMs === afterMs) {
    entry = beforeMs;
  } else {
    // Binary search of the first second with the new offset (changes fall on whole seconds).
    let lo = 0;
    let hi = DAY_MS / 1000;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (offsetFromIntl(state, startMs + mid * 1000) === beforeMs) lo = mid;
      else hi = mid;
    }
    entry = { beforeMs, afterMs, atMs: startMs + hi * 1000 };
  }
  if (state.days.size > 100_000) state.days.clear();
  state.days.set(dayNo, entry);
  return entry;
}

function offsetAt(state: ZoneState, utcMs: number): number {
  const entry = dayOffsets(state, Math.floor(utcMs / DAY_MS));
  if (typeof entry === 'number') return entry;
  return utcMs < entry.atMs ? entry.beforeMs : entry.afterMs;
}

/**
 * The one offset of every wall time of a local day, or NaN when an offset change is near.
 * Local day L's instants lie in UTC days L-1 to L+1, whatever the zone.
 */
function localDayOffset(state: ZoneState, localDay: number): number {
  const a = dayOffsets(state, localDay - 1);
  const b = dayOffsets(state, localDay);
  const c = dayOffsets(state, localDay + 1);
  return typeof a === 'number' && a === b && b === c ? a : NaN;
}

function isUtc(zone: string): boolean {
  return zone === 'UTC' || zone === 'Etc/UTC';
}

/** True for a zone the tz database knows (IANA names, `UTC`). */
export function isValidTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    zoneState(zone);
    return true;
  } catch {
    return false;
  }
}

/** This machine's zone (honours `TZ`). */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * Minutes east of UTC of `zone` at the instant `utcMs`, from the tz database (fractional for
 * old local mean times such as Chicago's -5:50:36). Throws a RangeError for an unknown zone.
 */
export function zoneOffsetMinutes(utcMs: number, zone: string): number {
  if (isUtc(zone)) return 0;
  return offsetAt(zoneState(zone), utcMs) / 60_000;
}

/**
 * The wall time in `zone` at the instant `utcMs`.
 * @example wallTimeAt(Date.UTC(2027, 0, 1, 3), 'America/Chicago').year // 2026
 */
export function wallTimeAt(utcMs: number, zone: string): WallTime {
  return civilOfMs(isUtc(zone) ? utcMs : utcMs + offsetAt(zoneState(zone), utcMs));
}

/**
 * The UTC instant of a wall-clock time in `zone`, from the tz database. A time in a DST gap
 * (it never happened) is moved forward by the gap; a time repeated when clocks go back takes
 * its first occurrence; `note` says which. Throws a RangeError for an unknown zone.
 * @example wallTimeToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0, fractionMs: 0 }, 'America/Chicago')
 * // { utcMs: Date.UTC(2026, 2, 8, 8, 30), note: 'gap' }: 03:30 CDT
 */
export function wallTimeToUtc(wall: WallTime, zone: string): { utcMs: number; note?: 'gap' | 'repeat' } {
  const asUtc = wallAsUtcMs(wall);
  if (isUtc(zone)) return { utcMs: asUtc };
  const state = zoneState(zone);
  const localDay = Math.floor(asUtc / DAY_MS);
  if (localDay !== state.lastLocalDay) {
    state.lastLocalDay = localDay;
    state.lastOffsetMs = localDayOffset(state, localDay);
  }
  if (!Number.isNaN(state.lastOffsetMs)) return { utcMs: asUtc - state.lastOffsetMs };
  // A change is near. The instant is asUtc minus the offset before or after it, if that
  // offset is the one in force then: both are (a repeat), or neither is (a gap).
  const before = offsetAt(state, asUtc - DAY_MS);
  const after = offsetAt(state, asUtc + DAY_MS);
  const byBefore = asUtc - before;
  const byAfter = asUtc - after;
  const beforeHolds = offsetAt(state, byBefore) === before;
  const afterHolds = offsetAt(state, byAfter) === after;
  if (beforeHolds && afterHolds && byBefore !== byAfter) return { utcMs: Math.min(byBefore, byAfter), note: 'repeat' };
  if (beforeHolds) return { utcMs: byBefore };
  if (afterHolds) return { utcMs: byAfter };
  // Read with the offset before the change, the time lands after it: moved forward by the gap.
  return { utcMs: byBefore, note: 'gap' };
}

/**
 * ISO 8601 in UTC with `Z`, as the CLI prints every time: `.mmm` or `.mmmuuu` only when
 * there is a fraction.
 * @example formatIsoUtc(1425697770045.015) // "2015-03-07T03:09:30.045015Z"
 */
export function formatIsoUtc(tsMs: number): string {
  let whole = Math.floor(tsMs);
  let us = Math.round((tsMs - whole) * 1000);
  if (us === 1000) {
    whole += 1;
    us = 0;
  }
  const iso = new Date(whole).toISOString(); // 2026-03-08T08:30:00.000Z, or +012026-… far out
  const seconds = iso.slice(0, -5);
  if (us !== 0) return `${seconds}${iso.slice(-5, -1)}${String(us).padStart(3, '0')}Z`;
  if (whole % 1000 !== 0) return `${seconds}${iso.slice(-5)}`;
  return `${seconds}Z`;
}
