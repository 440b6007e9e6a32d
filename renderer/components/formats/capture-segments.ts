/** A run of a line's text, inside the innermost capture that covers it (or none). */
export interface Segment {
  text: string;
  capture: string | null;
}

/**
 * Cuts a line into runs at every capture boundary; each run belongs to the innermost capture
 * covering it (a capture nested in another shows as itself). Offsets are UTF-16 units, as the
 * engine gives them and as JavaScript strings index.
 */
export function captureSegments(text: string, captures: readonly { name: string; start: number; end: number }[]): Segment[] {
  const valid = captures.filter((c) => c.start >= 0 && c.end <= text.length && c.start < c.end);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((c) => [c.start, c.end])])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    let inner: (typeof valid)[number] | undefined;
    for (const c of valid) {
      if (c.start <= from && c.end >= to && (!inner || c.end - c.start < inner.end - inner.start)) inner = c;
    }
    const capture = inner?.name ?? null;
    const last = segments[segments.length - 1];
    if (last && last.capture === capture) last.text += text.slice(from, to);
    else segments.push({ text: text.slice(from, to), capture });
  }
  return segments;
}

/** The class of a capture by its order in the regex: ten colours (styles.css), then again. */
const COLOURS = 10;

export function captureClass(index: number): string {
  return `capture capture-${index % COLOURS}`;
}
