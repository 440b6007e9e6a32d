import type { Store } from '../store/store.js';
import type { ReportBookmark } from './model.js';
import { evidenceText, MAX_LINE_CHARS, num, text } from './sql-values.js';

/** Bookmarked (starred) events in time order, with the event's line, its tags and its note. */
export async function reportBookmarks(store: Store): Promise<ReportBookmark[]> {
  const rows = (await store.query(
    `SELECT e.id, f.path, e.line, e.ts, e.host, e.source, substr(coalesce(e.message, e.raw, ''), 1, ${MAX_LINE_CHARS}), length(coalesce(e.message, e.raw, '')),
       (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM tags WHERE target_kind = 'event' AND target_id = e.id ORDER BY tag)),
       (SELECT body FROM notes WHERE target_kind = 'event' AND target_id = e.id ORDER BY id LIMIT 1)
     FROM bookmarks b JOIN events e ON e.id = b.event_id LEFT JOIN files f ON f.id = e.file_id
     ORDER BY e.ts, e.seq, e.id`,
  )).rows;
  return rows.map(([id, path, line, ts, host, source, message, length, tags, note]) => ({
    eventId: Number(id),
    event: { path: text(path), line: num(line), ts: num(ts), host: text(host), text: evidenceText(message, Number(length)) },
    source: String(source),
    // Unit separator: a tag may hold commas.
    tags: tags === null || tags === undefined ? [] : String(tags).split('\u001f'),
    note: text(note),
  }));
}

/** The note on the case as a whole, or null. */
export async function reportCaseNote(store: Store): Promise<string | null> {
  const row = (await store.query("SELECT body FROM notes WHERE target_kind = 'case' ORDER BY id LIMIT 1")).rows[0];
  return row ? text(row[0]) : null;
}
