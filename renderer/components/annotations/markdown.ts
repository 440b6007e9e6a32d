/**
 * The Markdown of notes, read into a small tree the renderer turns into React elements: never
 * into an HTML string. Notes hold log text (IPs, user agents, `<script>` from a web log) and the
 * investigator's own text; both must show as typed. So only a safe subset is formatted —
 * paragraphs, headings, lists, quotes, code blocks, `code`, **strong**, *emphasis* — and
 * everything else, raw HTML included, stays text. Links show their address as text and are not
 * followed: the app opens no remote content.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'link'; text: string; url: string };

export type Block =
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'heading'; level: number; content: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'quote'; lines: Inline[][] }
  | { kind: 'code'; text: string };

const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*|(?<![\w])_([^_\s](?:[^_]*[^_\s])?)_(?![\w])|\[([^\]]+)\]\(([^)\s]+)\)/;

/** Inline formatting of one line. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      out.push({ kind: 'text', text: rest });
      break;
    }
    if (m.index > 0) out.push({ kind: 'text', text: rest.slice(0, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'strong', children: parseInline(m[2]) });
    else if (m[3] !== undefined) out.push({ kind: 'em', children: parseInline(m[3]) });
    else if (m[4] !== undefined) out.push({ kind: 'em', children: parseInline(m[4]) });
    else out.push({ kind: 'link', text: m[5]!, url: m[6]! });
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^>\s?(.*)$/;
const FENCE = /^\s*```/;

/** The blocks of a note. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  const takeWhile = (test: (line: string) => boolean): string[] => {
    const taken: string[] = [];
    while (i < lines.length && test(lines[i]!)) taken.push(lines[i++]!);
    return taken;
  };
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
    } else if (FENCE.test(line)) {
      i++;
      const code = takeWhile((l) => !FENCE.test(l));
      i++; // the closing fence, if any
      blocks.push({ kind: 'code', text: code.join('\n') });
    } else if (HEADING.test(line)) {
      const m = HEADING.exec(line)!;
      blocks.push({ kind: 'heading', level: m[1]!.length, content: parseInline(m[2]!) });
      i++;
    } else if (BULLET.test(line) || NUMBERED.test(line)) {
      const ordered = !BULLET.test(line);
      const item = ordered ? NUMBERED : BULLET;
      blocks.push({ kind: 'list', ordered, items: takeWhile((l) => item.test(l)).map((l) => parseInline(item.exec(l)![1]!)) });
    } else if (QUOTE.test(line)) {
      blocks.push({ kind: 'quote', lines: takeWhile((l) => QUOTE.test(l)).map((l) => parseInline(QUOTE.exec(l)![1]!)) });
    } else {
      const starts = (l: string): boolean => !l.trim() || FENCE.test(l) || HEADING.test(l) || BULLET.test(l) || NUMBERED.test(l) || QUOTE.test(l);
      i++;
      const para = [line, ...takeWhile((l) => !starts(l))];
      blocks.push({ kind: 'paragraph', lines: para.map(parseInline) });
    }
  }
  return blocks;
}
