import { RE2JS } from 're2js';

/**
 * The part of a regex the format engine uses. A JavaScript RegExp is one (built-in formats); a
 * user's regex runs on re2js behind the same shape, so the parser does not care which it is.
 */
export interface LineRegex {
  exec(text: string): RegExpExecArray | null;
  test(text: string): boolean;
}

/** One named capture of a match, at UTF-16 offsets into the text (as JavaScript strings index). */
export interface CaptureSpan {
  name: string;
  start: number;
  end: number;
}

/** Constructs RE2 refuses that users write in JavaScript or PCRE, named for the message. */
const UNSUPPORTED: { re: RegExp; what: string }[] = [
  { re: /(?<!\\)\(\?<=/, what: 'lookbehind (?<=…)' },
  { re: /(?<!\\)\(\?<!/, what: 'negative lookbehind (?<!…)' },
  { re: /(?<!\\)\(\?=/, what: 'lookahead (?=…)' },
  { re: /(?<!\\)\(\?!/, what: 'negative lookahead (?!…)' },
  { re: /(?<!\\)\(\?>/, what: 'atomic group (?>…)' },
  { re: /(?<!\\)\\[1-9]/, what: 'backreference \\1…\\9' },
  { re: /(?<!\\)\\k</, what: 'named backreference \\k<…>' },
  { re: /[*+?}][+]/, what: 'possessive quantifier (*+, ++, ?+)' },
  { re: /(?<!\\)\\[ZG]/, what: 'anchor \\Z / \\G (use $ or \\z)' },
];

/** Why RE2 refused a pattern, in words: the unsupported construct named when it is one. */
export function describeRegexError(err: unknown, source: string): string {
  const reason = (err instanceof Error ? err.message : String(err)).replace(/^error parsing regexp: /, '');
  const construct = UNSUPPORTED.find((u) => u.re.test(source) && !/^missing|^invalid character class/.test(reason));
  if (construct) {
    return `unsupported construct: ${construct.what}. The regex engine is RE2 (linear time, so no line can hang the app); it has no lookaround, backreferences, atomic groups or possessive quantifiers (RE2 said: ${reason})`;
  }
  return `invalid regex: ${reason}`;
}

/** A regex compiled by re2js, usable where the parser expects a RegExp (see LineRegex). */
export class SafeRegex implements LineRegex {
  private readonly re: RE2JS;
  private readonly names: [string, number][];

  /** Throws an Error whose message is describeRegexError's. */
  constructor(readonly source: string, options: { multiline?: boolean } = {}) {
    try {
      this.re = RE2JS.compile(source, options.multiline ? RE2JS.MULTILINE : 0);
    } catch (err) {
      throw new Error(describeRegexError(err, source));
    }
    this.names = Object.entries(this.re.namedGroups());
  }

  /** Names of its named captures, in the order they open. */
  get groupNames(): string[] {
    return [...this.names].sort((a, b) => a[1] - b[1]).map(([name]) => name);
  }

  test(text: string): boolean {
    return this.re.matcher(text).find();
  }

  exec(text: string): RegExpExecArray | null {
    const m = this.re.matcher(text);
    if (!m.find()) return null;
    const groups: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [name] of this.names) {
      const value = m.group(name);
      if (value !== null) groups[name] = value;
    }
    const whole = m.group(0) ?? '';
    return Object.assign([whole], { index: m.start(0), input: text, groups }) as RegExpExecArray;
  }

  /** The first match's span and the spans of its named captures that took part; null if none. */
  spans(text: string): { start: number; end: number; captures: CaptureSpan[] } | null {
    const m = this.re.matcher(text);
    if (!m.find()) return null;
    const captures: CaptureSpan[] = [];
    for (const [name, index] of this.names) {
      const start = m.start(index);
      if (start >= 0) captures.push({ name, start, end: m.end(index) });
    }
    captures.sort((a, b) => a.start - b.start || b.end - a.end);
    return { start: m.start(0), end: m.end(0), captures };
  }
}
