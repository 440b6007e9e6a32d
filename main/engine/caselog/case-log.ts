import { createHash } from 'node:crypto';
import type { FieldValue } from '../../../shared/types/event.js';
import type { Store } from '../store/store.js';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
/** Strings longer than this are logged as their SHA-256 and length, not as text. */
const LOGGED_TEXT = 200;

/** What the hash of an entry covers: the previous entry's hash, its time, action and detail. */
export function entryHash(prevHash: string, ts: number, action: string, detail: string): string {
  return createHash('sha256').update(`${prevHash}\n${ts}\n${action}\n${detail}`).digest('hex');
}

/** A request's values as logged: long texts (a rule's YAML, a note) reduced to their hash and size. */
export function loggedDetail(value: unknown): unknown {
  if (typeof value === 'string' && value.length > LOGGED_TEXT) return { sha256: createHash('sha256').update(value).digest('hex'), chars: value.length };
  if (Array.isArray(value)) return value.map(loggedDetail);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, loggedDetail(v)]));
  return value;
}

/**
 * Appends an entry to the case log (docs/sessions.md#case-log). One statement, run in the
 * store's thread, reads the head of the chain and links the new entry to it, so two appends
 * never link to the same entry.
 */
export async function appendCaseLog(store: Store, action: string, detail: unknown, nowMs: number): Promise<void> {
  const text = JSON.stringify(loggedDetail(detail) ?? null);
  // sql.js binds a number past 32 bits as a REAL ('…000.0' as text): the SQL casts it, as the hash must read it.
  await store.query(
    `INSERT INTO case_log (ts, action, detail, prev_hash, hash)
     SELECT ts, ?2, ?3, head, mfw_sha256(head || char(10) || ts || char(10) || ?2 || char(10) || ?3)
     FROM (SELECT coalesce((SELECT hash FROM case_log ORDER BY seq DESC LIMIT 1), ?4) AS head, CAST(?1 AS INTEGER) AS ts)`,
    [nowMs, action, text, GENESIS_HASH],
  );
}

export interface ChainCheck {
  entries: number;
  /** The last entry's hash: what a report prints, so a log rewritten later shows. */
  head: string;
  /** The first entry that does not hold, or null when the chain is whole. */
  broken: { seq: number; reason: string } | null;
}

/** Recomputes every entry's hash and link, in order. */
export async function checkCaseLog(store: Store): Promise<ChainCheck> {
  const rows = (await store.query('SELECT seq, ts, action, detail, prev_hash, hash FROM case_log ORDER BY seq')).rows;
  let previous = GENESIS_HASH;
  for (const row of rows) {
    const [seq, ts, action, detail, prevHash, hash] = row as [number, number, string, string, string, FieldValue];
    if (prevHash !== previous) return { entries: rows.length, head: previous, broken: { seq, reason: `it does not follow the entry before it (prev_hash ${prevHash.slice(0, 12)}…, expected ${previous.slice(0, 12)}…): an entry was removed or reordered` } };
    if (hash !== entryHash(prevHash, ts, action, detail)) return { entries: rows.length, head: previous, broken: { seq, reason: 'its hash does not match its content: the entry was changed' } };
    previous = hash;
  }
  return { entries: rows.length, head: previous, broken: null };
}
