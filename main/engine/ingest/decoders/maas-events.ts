import type { FieldValue } from '../../../../shared/types/event.js';
import { compileLayout } from '../../time/layout.js';
import { wallTimeToUtc } from '../../time/zone.js';

/** One event of `maas $PROFILE events query` output. */
export interface MaasEvent {
  line: number;
  raw: string;
  tsMs: number | null;
  created: string;
  values: Record<string, FieldValue>;
}

// The API formats `created` with strftime("%a, %d %b. %Y %H:%M:%S") from an aware UTC datetime.
const CREATED = compileLayout("EEE, dd MMM'.' yyyy HH:mm:ss");

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The UTC instant of a `created` value, or null when it is not one. */
export function maasCreatedToUtc(created: string): number | null {
  const parts = CREATED.parse(created);
  if (!parts || parts.year === undefined) return null;
  return wallTimeToUtc({ ...parts, year: parts.year }, 'UTC').utcMs;
}

/**
 * Reads the events of one or more concatenated API pages (`{count, events, next_uri, prev_uri}`).
 * Throws a SyntaxError naming the line when the document is not JSON.
 */
export function decodeMaasEvents(document: string): MaasEvent[] {
  const pages = splitDocuments(document);
  const events: MaasEvent[] = [];
  const lineAt = lineLocator(document);
  let searchFrom = 0;
  for (const page of pages) {
    const events_ = (page as { events?: unknown }).events;
    if (!Array.isArray(events_)) continue;
    for (const item of events_ as Record<string, unknown>[]) {
      const id = item.id;
      const at = typeof id === 'number' ? document.slice(searchFrom).search(new RegExp(`"id"\\s*:\\s*${id}\\b`)) : -1;
      const offset = at >= 0 ? searchFrom + at : searchFrom;
      searchFrom = at >= 0 ? offset + 1 : searchFrom;
      const created = text(item.created) ?? '';
      const description = text(item.description);
      events.push({
        line: lineAt(objectStart(document, offset)),
        raw: JSON.stringify(item),
        tsMs: maasCreatedToUtc(created),
        created,
        values: {
          user: text(item.username),
          level: text(item.level)?.toLowerCase() ?? null,
          message: description || text(item.type) || '',
          node: text(item.node),
          hostname: text(item.hostname),
          type: text(item.type),
          event_id: typeof id === 'number' ? id : text(id),
        },
      });
    }
  }
  return events;
}

/** Parses one JSON document or several written one after another (pages of a long export). */
function splitDocuments(document: string): unknown[] {
  try {
    return [JSON.parse(document)];
  } catch (first) {
    const docs: unknown[] = [];
    const starts = [...document.matchAll(/^\{/gm)].map((m) => m.index);
    if (starts.length < 2) throw located(first as Error, document);
    for (let i = 0; i < starts.length; i++) {
      const piece = document.slice(starts[i], starts[i + 1] ?? document.length);
      try {
        docs.push(JSON.parse(piece));
      } catch (err) {
        throw located(err as Error, document, starts[i]);
      }
    }
    return docs;
  }
}

function located(err: Error, document: string, base = 0): SyntaxError {
  const position = /position (\d+)/.exec(err.message);
  const line = position ? lineLocator(document)(base + Number(position[1])) : undefined;
  return new SyntaxError(`not valid JSON${line ? ` at line ${line}` : ''}: ${err.message}`);
}

function objectStart(document: string, offset: number): number {
  const brace = document.lastIndexOf('{', offset);
  return brace < 0 ? offset : brace;
}

/** A function from character offset to 1-based line, by binary search over the newlines. */
function lineLocator(text: string): (offset: number) => number {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
  return (offset) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}
