import type { AnnotationState, AnnotationTarget, TaggableTarget } from '../../../shared/api-annotations.js';
import type { FieldValue } from '../../../shared/types/event.js';
import { MfwError } from '../errors.js';
import type { Store } from '../store/store.js';

/**
 * Reads and writes of the annotation tables (docs/schema.md): `bookmarks(event_id)` for stars,
 * `tags(target_kind, target_id, tag)`, `notes(target_kind, target_id, body)` with one note per
 * target (the case's has target_id NULL). Values are always bound, never spliced.
 */

/** `target_kind = ? AND target_id IS ?`, with its parameters. */
function targetTerms(target: AnnotationTarget): { sql: string; params: FieldValue[] } {
  return { sql: 'target_kind = ? AND target_id IS ?', params: [target.kind, target.kind === 'case' ? null : target.id] };
}

/** Refuses a target that does not exist: an annotation must point at evidence. */
export async function checkTarget(store: Store, target: AnnotationTarget): Promise<void> {
  if (target.kind === 'case') return;
  const table = target.kind === 'event' ? 'events' : 'findings';
  const found = (await store.query(`SELECT 1 FROM ${table} WHERE id = ?`, [target.id])).rows.length > 0;
  if (!found) throw new MfwError('usage', `no ${target.kind} ${target.id}`);
}

export async function readState(store: Store, target: AnnotationTarget): Promise<AnnotationState> {
  const where = targetTerms(target);
  const starred = target.kind === 'event' && (await store.query('SELECT 1 FROM bookmarks WHERE event_id = ?', [target.id])).rows.length > 0;
  const tags = target.kind === 'case' ? [] : (await store.query(`SELECT tag FROM tags WHERE ${where.sql} ORDER BY tag`, where.params)).rows.map((r) => String(r[0]));
  const note = (await store.query(`SELECT body FROM notes WHERE ${where.sql} ORDER BY id LIMIT 1`, where.params)).rows[0]?.[0];
  return { target, starred, tags, note: note === undefined || note === null ? null : String(note) };
}

/** Stars or unstars an event; true if that changed anything. */
export async function writeStar(store: Store, eventId: number, starred: boolean, nowMs: number): Promise<boolean> {
  const was = (await store.query('SELECT 1 FROM bookmarks WHERE event_id = ?', [eventId])).rows.length > 0;
  if (was === starred) return false;
  if (starred) await store.query('INSERT INTO bookmarks (event_id, created_ts) VALUES (?, ?)', [eventId, nowMs]);
  else await store.query('DELETE FROM bookmarks WHERE event_id = ?', [eventId]);
  return true;
}

/** Adds or removes a tag; true if that changed anything. */
export async function writeTag(store: Store, target: TaggableTarget, tag: string, present: boolean): Promise<boolean> {
  const was = (await store.query('SELECT 1 FROM tags WHERE target_kind = ? AND target_id = ? AND tag = ?', [target.kind, target.id, tag])).rows.length > 0;
  if (was === present) return false;
  if (present) await store.query('INSERT INTO tags (target_kind, target_id, tag) VALUES (?, ?, ?)', [target.kind, target.id, tag]);
  else await store.query('DELETE FROM tags WHERE target_kind = ? AND target_id = ? AND tag = ?', [target.kind, target.id, tag]);
  return true;
}

/** Sets the target's note (null removes it); returns the note it replaced, or undefined if nothing changed. */
export async function writeNote(store: Store, target: AnnotationTarget, body: string | null, nowMs: number): Promise<string | null | undefined> {
  const before = (await readState(store, target)).note;
  if (before === body) return undefined;
  const where = targetTerms(target);
  if (body === null) await store.query(`DELETE FROM notes WHERE ${where.sql}`, where.params);
  else if (before === null) await store.query('INSERT INTO notes (target_kind, target_id, body, created_ts, updated_ts) VALUES (?, ?, ?, ?, ?)', [...where.params, body, nowMs, nowMs]);
  else await store.query(`UPDATE notes SET body = ?, updated_ts = ? WHERE ${where.sql}`, [body, nowMs, ...where.params]);
  return before;
}

/** Tags in use with how often, most used first; `prefix` narrows them, case-insensitively. */
export async function tagsInUse(store: Store, prefix: string | undefined, limit = 50): Promise<{ value: string; count: number }[]> {
  const pattern = prefix ? `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : '%';
  const rows = (await store.query(`SELECT tag, count(*) FROM tags WHERE tag LIKE ? ESCAPE '\\' GROUP BY tag ORDER BY 2 DESC, 1 LIMIT ${limit}`, [pattern])).rows;
  return rows.map(([tag, count]) => ({ value: String(tag), count: Number(count) }));
}

export interface EventMarks {
  starred: boolean;
  tags: string[];
  noted: boolean;
}

/** The annotations of a page of events, in one query whatever the page size. */
export async function eventMarks(store: Store, ids: readonly number[]): Promise<Map<number, EventMarks>> {
  const marks = new Map<number, EventMarks>(ids.map((id) => [id, { starred: false, tags: [], noted: false }]));
  if (!ids.length) return marks;
  const list = ids.map((id) => (Number.isSafeInteger(id) ? String(id) : '0')).join(', ');
  const rows = (await store.query(`SELECT 's', event_id, NULL FROM bookmarks WHERE event_id IN (${list})
    UNION ALL SELECT 't', target_id, tag FROM tags WHERE target_kind = 'event' AND target_id IN (${list})
    UNION ALL SELECT DISTINCT 'n', target_id, NULL FROM notes WHERE target_kind = 'event' AND target_id IN (${list})
    ORDER BY 1, 3`)).rows;
  for (const [kind, id, tag] of rows) {
    const mark = marks.get(Number(id));
    if (!mark) continue;
    if (kind === 's') mark.starred = true;
    else if (kind === 'n') mark.noted = true;
    else mark.tags.push(String(tag));
  }
  return marks;
}
