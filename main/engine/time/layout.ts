import { wallTimeAt, type WallTime } from './zone.js';

/** The pieces of a timestamp as written; what the stamp does not say stays undefined. */
export interface StampParts extends Omit<WallTime, 'year'> {
  year?: number;
  /** Minutes east of UTC when the stamp carries a zone (`Z` = 0); undefined when it has none. */
  offsetMinutes?: number;
  /** Set by epoch layouts only: the exact instant in UTC ms (a fraction keeps microseconds). */
  epochMs?: number;
}

/** A layout compiled once, to parse many stamps. */
export interface CompiledLayout {
  readonly layout: string;
  /** The stamp's parts, or null when the text does not match or a value is out of range. */
  parse(text: string): StampParts | null;
}

type Slot = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'fraction' | 'offset';

interface Token {
  re: string;
  slot?: Slot;
  /** The month as a name (`MMM`), not a number. */
  byName?: true;
}

/** What translating a layout found: the slot of each capture group, in order. */
interface Translation {
  slots: Slot[];
  monthByName: boolean;
}

const TOKENS: Record<string, Token> = {
  yyyy: { re: '(\\d{4})', slot: 'year' },
  MMM: { re: '([A-Za-z]{3})', slot: 'month', byName: true },
  MM: { re: '(\\d{2})', slot: 'month' },
  M: { re: '(\\d{1,2})', slot: 'month' },
  dd: { re: '(\\d{2})', slot: 'day' },
  // Syslog pads a one-digit day with a space ("Feb  6"), even at the start of a stamp.
  d: { re: ' ?(\\d{1,2})', slot: 'day' },
  HH: { re: '(\\d{2})', slot: 'hour' },
  mm: { re: '(\\d{2})', slot: 'minute' },
  ss: { re: '(\\d{2})', slot: 'second' },
  S: { re: '(\\d{1,9})', slot: 'fraction' },
  EEE: { re: '[A-Za-z]{3}' },
  Z: { re: '(Z|[+-]\\d{2}(?::?\\d{2})?)', slot: 'offset' },
};

const TOKEN_LIST = Object.keys(TOKENS).join(' ');

const MONTHS: Record<string, number> = {};
['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].forEach((name, i) => {
  // The usual spellings are looked up as they are, without a lower-case copy per line.
  MONTHS[name] = MONTHS[name[0]!.toUpperCase() + name.slice(1)] = MONTHS[name.toUpperCase()] = i + 1;
});

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** Latest instant a Date can hold (ECMAScript time value range). */
const MAX_MS = 8.64e15;

/** The value of a run of ASCII digits the regex has checked; faster than Number() on short strings. */
function digitsToInt(digits: string): number {
  let n = 0;
  for (let i = 0; i < digits.length; i++) n = n * 10 + digits.charCodeAt(i) - 48;
  return n;
}

function monthOf(name: string): number {
  return MONTHS[name] ?? MONTHS[name.toLowerCase()] ?? 0;
}

/** ".045015" is 45.015 ms: divided once so the microseconds stay as exact as a double allows. */
function fractionToMs(digits: string): number {
  const n = digits.length;
  return n >= 3 ? digitsToInt(digits) / POW10[n - 3]! : digitsToInt(digits) * POW10[3 - n]!;
}

/** Minutes east of UTC of `Z`, `+hh:mm`, `+hhmm` or `+hh`; NaN when out of range. */
function offsetToMinutes(text: string): number {
  if (text === 'Z') return 0;
  const hours = (text.charCodeAt(1) - 48) * 10 + text.charCodeAt(2) - 48;
  const minutes = text.length > 3 ? (text.charCodeAt(text.length - 2) - 48) * 10 + text.charCodeAt(text.length - 1) - 48 : 0;
  if (hours > 18 || minutes > 59) return NaN;
  return (text.charCodeAt(0) === 45 ? -1 : 1) * (hours * 60 + minutes);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function layoutError(layout: string, what: string): Error {
  return new Error(`timestamp layout "${layout}": ${what}`);
}

/** Index just past the `]` that closes the `[` at `open`, skipping quoted text. */
function closingBracket(layout: string, open: number): number {
  let depth = 0;
  for (let i = open; i < layout.length; i++) {
    const c = layout[i];
    if (c === "'") {
      i = layout.indexOf("'", i + 1);
      if (i < 0) break;
    } else if (c === '[') {
      depth++;
    } else if (c === ']' && --depth === 0) {
      return i + 1;
    }
  }
  throw layoutError(layout, `the [ at column ${open + 1} is not closed`);
}

/** The regex source of `layout.slice(from, to)`; records in `found` what each capture group holds. */
function translate(layout: string, from: number, to: number, found: Translation): string {
  let out = '';
  let i = from;
  while (i < to) {
    const c = layout[i]!;
    if (c === "'") {
      const end = layout.indexOf("'", i + 1);
      if (end < 0 || end >= to) throw layoutError(layout, `the quote at column ${i + 1} is not closed`);
      out += escapeRegex(layout.slice(i + 1, end));
      i = end + 1;
    } else if (c === '[') {
      const end = closingBracket(layout, i);
      out += `(?:${translate(layout, i + 1, end - 1, found)})?`;
      i = end;
    } else if (c === ']') {
      throw layoutError(layout, `the ] at column ${i + 1} closes nothing`);
    } else if (c === ' ') {
      out += ' +';
      i++;
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      let end = i + 1;
      while (end < to && layout[end] === c) end++;
      const name = layout.slice(i, end);
      const token = Object.hasOwn(TOKENS, name) ? TOKENS[name] : undefined;
      if (!token) {
        throw layoutError(layout, `unknown token "${name}" at column ${i + 1} (tokens: ${TOKEN_LIST}; quote literal letters, as in 'T')`);
      }
      if (token.slot) {
        if (found.slots.includes(token.slot)) throw layoutError(layout, `"${name}" at column ${i + 1} repeats the ${token.slot}`);
        found.slots.push(token.slot);
        if (token.byName) found.monthByName = true;
      }
      out += token.re;
      i = end;
    } else {
      out += escapeRegex(c);
      i++;
    }
  }
  return out;
}

/** Regex source of a named whole layout, or undefined. */
function namedSource(layout: string, found: Translation): string | undefined {
  if (layout !== 'iso8601') return undefined;
  // ISO 8601 as logged: RFC 3339 allows a space for the T, and Python's str(datetime) uses one.
  const date = 'yyyy-MM-dd';
  const time = 'HH:mm:ss[.S][Z]';
  return `${translate(date, 0, date.length, found)}[T ]${translate(time, 0, time.length, found)}`;
}

type EpochDigits = (whole: string, fraction: string | undefined) => number;

/**
 * An epoch layout: `toMs` turns the digits into UTC ms, `toFractionMs` into the fraction of
 * the second, computed from the digits because `ms` near 2^41 has only ¼ µs of precision left.
 */
function epochLayout(layout: string, re: RegExp, toMs: EpochDigits, toFractionMs: EpochDigits): CompiledLayout {
  return {
    layout,
    parse(text) {
      const m = re.exec(text);
      if (m === null) return null;
      const ms = toMs(m[1]!, m[2]);
      if (ms > MAX_MS) return null;
      const w = wallTimeAt(Math.floor(ms), 'UTC');
      return {
        year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second,
        fractionMs: toFractionMs(m[1]!, m[2]), offsetMinutes: 0, epochMs: ms,
      };
    },
  };
}

/** The value of the last `n` digits of `digits`. */
function tail(digits: string, n: number): number {
  return digitsToInt(digits.length > n ? digits.slice(-n) : digits);
}

function compileEpoch(layout: string): CompiledLayout | undefined {
  switch (layout) {
    case 'epoch-s':
      return epochLayout(
        layout, /^(\d{1,12})(?:\.(\d{1,9}))?$/,
        (s, f) => Number(s) * 1000 + (f === undefined ? 0 : fractionToMs(f)),
        (_, f) => (f === undefined ? 0 : fractionToMs(f)),
      );
    case 'epoch-ms':
      return epochLayout(
        layout, /^(\d{1,16})(?:\.(\d{1,6}))?$/,
        (ms, f) => Number(ms) + (f === undefined ? 0 : digitsToInt(f) / POW10[f.length]!),
        (ms, f) => tail(ms, 3) + (f === undefined ? 0 : digitsToInt(f) / POW10[f.length]!),
      );
    case 'epoch-us':
      return epochLayout(
        layout, /^(\d{1,17})$/,
        // One division of the exact integer: 1534860261221373 is 1534860261221.373.
        (us) => Number(us) / 1000,
        (us) => tail(us, 6) / 1000,
      );
    default:
      return undefined;
  }
}

/**
 * Compiles a timestamp layout (docs/formats.md, "Timestamp layouts") into a parser: one
 * anchored regex, then integer conversions. Throws an Error naming the bad token or bracket.
 * @example compileLayout('MMM d HH:mm:ss').parse('Feb  6 16:27:08')
 * // { year: undefined, month: 2, day: 6, hour: 16, minute: 27, second: 8, fractionMs: 0, … }
 */
export function compileLayout(layout: string): CompiledLayout {
  const epoch = compileEpoch(layout);
  if (epoch) return epoch;
  const found: Translation = { slots: [], monthByName: false };
  const source = namedSource(layout, found) ?? translate(layout, 0, layout.length, found);
  const re = new RegExp(`^${source}$`);
  const group = (slot: Slot): number => found.slots.indexOf(slot) + 1;
  const iYear = group('year');
  const iMonth = group('month');
  const iDay = group('day');
  const iHour = group('hour');
  const iMinute = group('minute');
  const iSecond = group('second');
  const iFraction = group('fraction');
  const iOffset = group('offset');
  if (!iMonth || !iDay || !iHour) throw layoutError(layout, 'needs a month, a day and an hour');
  const monthByName = found.monthByName;
  return {
    layout,
    parse(text) {
      const m = re.exec(text);
      if (m === null) return null;
      const monthText = m[iMonth];
      const dayText = m[iDay];
      const hourText = m[iHour];
      // A month, day or hour inside an optional section may be absent: no stamp then.
      if (monthText === undefined || dayText === undefined || hourText === undefined) return null;
      const month = monthByName ? monthOf(monthText) : digitsToInt(monthText);
      const day = digitsToInt(dayText);
      const hour = digitsToInt(hourText);
      const minuteText = iMinute ? m[iMinute] : undefined;
      const minute = minuteText === undefined ? 0 : digitsToInt(minuteText);
      const secondText = iSecond ? m[iSecond] : undefined;
      const second = secondText === undefined ? 0 : digitsToInt(secondText);
      if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
      const yearText = iYear ? m[iYear] : undefined;
      const fraction = iFraction ? m[iFraction] : undefined;
      const offset = iOffset ? m[iOffset] : undefined;
      const offsetMinutes = offset === undefined ? undefined : offsetToMinutes(offset);
      if (Number.isNaN(offsetMinutes)) return null;
      // Every result has the same shape (absent parts undefined), which keeps callers fast.
      return {
        year: yearText === undefined ? undefined : digitsToInt(yearText), month, day, hour, minute, second,
        fractionMs: fraction === undefined ? 0 : fractionToMs(fraction), offsetMinutes, epochMs: undefined,
      };
    },
  };
}
