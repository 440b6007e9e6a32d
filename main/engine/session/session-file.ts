import { resolve } from 'node:path';
import { UiStateSchema, type UiState } from '../../../shared/api.js';
import type { BundleInfo } from '../../../shared/types/analysis.js';
import { appendCaseLog } from '../caselog/case-log.js';
import { UsageError } from '../errors.js';
import type { SaveResult, Store } from '../store/store.js';

/** `meta` key of the bundles' facts (hosts, zones, collection times), which live outside the tables while a session is open. */
const HOSTS_KEY = 'session.hosts';
/** `meta` key of the window's state saved with the session (screen, filter). */
const UI_KEY = 'session.ui';
export const SESSION_EXTENSION = '.mfw';

/** The absolute path of a session file; refuses a name without the `.mfw` extension (a slip would overwrite evidence). */
export function sessionPath(path: string): string {
  if (!path.toLowerCase().endsWith(SESSION_EXTENSION)) throw new UsageError(`${path}: a session file's name ends in ${SESSION_EXTENSION}`, `save it as ${path}${SESSION_EXTENSION}`);
  return resolve(path);
}

/** Saves the store and the bundles' facts as one session file (docs/sessions.md). */
export async function saveSessionFile(store: Store, path: string, hosts: readonly BundleInfo[], nowMs: number, ui?: UiState): Promise<SaveResult & { path: string }> {
  const target = sessionPath(path);
  await store.setMeta(HOSTS_KEY, JSON.stringify(hosts));
  if (ui) await store.setMeta(UI_KEY, JSON.stringify(ui));
  await appendCaseLog(store, 'session.save', { path: target }, nowMs);
  return { path: target, ...(await store.saveTo(target)) };
}

/** Replaces the store with a session file's tables; returns the bundles' facts and the window's state saved with it. */
export async function openSessionFile(store: Store, path: string): Promise<{ hosts: BundleInfo[]; ui: UiState | null }> {
  await store.openFrom(resolve(path));
  const hosts = await metaJson(store, HOSTS_KEY);
  const ui = UiStateSchema.safeParse(await metaJson(store, UI_KEY));
  return { hosts: Array.isArray(hosts) ? hosts.filter(isBundleInfo) : [], ui: ui.success ? ui.data : null };
}

async function metaJson(store: Store, key: string): Promise<unknown> {
  const row = (await store.query('SELECT value FROM meta WHERE key = ?', [key])).rows[0];
  if (!row || typeof row[0] !== 'string') return null;
  try {
    return JSON.parse(row[0]);
  } catch {
    return null;
  }
}

function isBundleInfo(value: unknown): value is BundleInfo {
  const v = value as Partial<BundleInfo> | null;
  return typeof v === 'object' && v !== null && typeof v.label === 'string' && typeof v.timezone === 'string' && Array.isArray(v.tailed);
}
