import type { WallTime } from './zone.js';

/** The pieces of a timestamp as written; what is absent stays undefined. */
export interface StampParts extends Omit<WallTime, 'year'> {
  year?: number;
  /** Minutes east of UTC when the stamp carries a zone (`Z` = 0); undefined when it has none. */
  offsetMinutes?: number;
  /** Set by epoch layouts only: the exact instant in UTC ms. */
  epochMs?: number;
}

export interface CompiledLayout {
  readonly layout: string;
  /** The stamp's parts, or null when the text does not match or a value is out of range. */
  parse(text: string): StampParts | null;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

type Slot = 'year' | 'month' | 'monthName' | 'day' | 'hour' | 'minute' | 'second' | 'fraction' | 'offset';

const TOKENS: [string, string, Slot | undefined][] = [
  ['yyyy', '(\\d{4})', 'year'],
  ['MMM', '([A-Za-z]{3})', 'monthName'],
  ['MM', '(\\d{2})', 'month'],
  ['M', '(\\d{1,2})', 'month'],
  ['dd', '(\\d{2})', 'day'],
  ['d', ' ?(\\d{1,2})', 'day'],
  ['HH', '(\\d{2})', 'hour'],
  ['mm', '(\\d{2})', 'minute'],
  ['ss', '(\\d{2})', 'second'],
  ['S', '(\\d{1,9})', 'fraction'],
  ['EEE', '[A-Za-z]{3}', undefined],
  ['Z', '(Z|[+-]\\d{2}(?::?\\d{2})?)', 'offset'],
];

const NAMED: Record<string, string> = {
  iso8601: "yyyy-MM-dd'T'HH:mm:ss[.S][Z]",
};

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Translates a layout into a regex source and the slot each capture group fills. */
function translate(layout: string, slots: Slot[]): string {
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const c = layout[i]!;
    if (c === "'") {
      const end = layout.indexOf("'", i + 1);
      if (end < 0) throw new Error(`layout "${layout}": unterminated quote`);
      out += escapeRegex(layout.slice(i + 1, end));
      i = end + 1;
    } else if (c === '[') {
      let depth = 1;
      let j = i + 1;
      for (; j < layout.length && depth > 0; j++) {
        if (layout[j] === '[') depth++;
        else if (layout[j] === ']') depth--;
      }
      if (depth > 0) throw new Error(`layout "${layout}": unclosed [`);
      out += `(?:${translate(layout.slice(i + 1, j - 1), slots)})?`;
      i = j;
    } else if (c === ' ') {
      out += ' +';
      i++;
    } else if (/[A-Za-z]/.test(c)) {
      const token = TOKENS.find(([t]) => layout.startsWith(t, i));
      if (!token) throw new Error(`layout "${layout}": unknown token at "${layout.slice(i)}"`);
      out += token[1];
      if (token[2]) slots.push(token[2]);
      i += token[0].length;
    } else {
      out += escapeRegex(c);
      i++;
    }
  }
  return out;
}

/** `perMs`: units of the epoch number in one millisecond (1000 for µs, 0.001 for seconds). */
function epochLayout(layout: string, perMs: number, fraction: boolean): CompiledLayout {
  const re = fraction ? /^(\d{1,16})(?:\.(\d{1,9}))?$/ : /^(\d{1,19})$/;
  return {
    layout,
    parse(text) {
      const m = re.exec(text);
      if (!m) return null;
      let ms = Number(m[1]) / perMs;
      if (m[2]) ms += (Number(m[2]) * 1000) / 10 ** m[2].length;
      const d = new Date(Math.floor(ms));
      return {
        year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
        minute: d.getUTCMinutes(), second: d.getUTCSeconds(), fractionMs: ms - Math.floor(ms / 1000) * 1000, offsetMinutes: 0, epochMs: ms,
      };
    },
  };
}

function parseOffset(text: string): number {
  if (text === 'Z') return 0;
  const sign = text[0] === '-' ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/**
 * Compiles a timestamp layout (docs/formats.md, "Timestamp layouts") into a fast parser:
 * one anchored regex, then integer conversions.
 */
export function compileLayout(layout: string): CompiledLayout {
  if (layout === 'epoch-s') return epochLayout(layout, 0.001, true);
  if (layout === 'epoch-ms') return epochLayout(layout, 1, true);
  if (layout === 'epoch-us') return epochLayout(layout, 1000, false);
  const slots: Slot[] = [];
  const named = NAMED[layout];
  // ISO 8601 also allows a space between date and time: the first literal T is made [T ].
  const source = named === undefined ? translate(layout, slots) : translate(named, slots).replace('T', '[T ]');
  const re = new RegExp(`^${source}$`);
  const at = (slot: Slot): number => slots.indexOf(slot) + 1;
  const iYear = at('year');
  const iMonth = at('month');
  const iName = at('monthName');
  const iDay = at('day');
  const iHour = at('hour');
  const iMinute = at('minute');
  const iSecond = at('second');
  const iFraction = at('fraction');
  const iOffset = at('offset');
  if (!iDay || !(iMonth || iName) || !iHour) throw new Error(`layout "${layout}": needs a month, a day and an hour`);
  return {
    layout,
    parse(text) {
      const m = re.exec(text);
      if (!m) return null;
      const month = iName ? MONTHS[m[iName]!.toLowerCase()] : Number(m[iMonth]);
      const day = Number(m[iDay]);
      const hour = Number(m[iHour]);
      const minute = iMinute ? Number(m[iMinute]) : 0;
      const second = iSecond ? Number(m[iSecond]) : 0;
      if (!month || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
      const fraction = iFraction ? m[iFraction] : undefined;
      const parts: StampParts = {
        month, day, hour, minute, second,
        fractionMs: fraction ? (Number(fraction) / 10 ** fraction.length) * 1000 : 0,
      };
      if (iYear) parts.year = Number(m[iYear]);
      const offset = iOffset ? m[iOffset] : undefined;
      if (offset !== undefined) parts.offsetMinutes = parseOffset(offset);
      return parts;
    },
  };
}
