import { resolve } from 'node:path';
import type { BundleInfo } from '../../../shared/types/analysis.js';
import { appendCaseLog } from '../caselog/case-log.js';
import { UsageError } from '../errors.js';
import type { SaveResult, Store } from '../store/store.js';

/** `meta` key of the bundles' facts (hosts, zones, collection times), which live outside the tables while a session is open. */
const HOSTS_KEY = 'session.hosts';
export const SESSION_EXTENSION = '.mfw';

/** The absolute path of a session file; refuses a name without the `.mfw` extension (a slip would overwrite evidence). */
export function sessionPath(path: string): string {
  if (!path.toLowerCase().endsWith(SESSION_EXTENSION)) throw new UsageError(`${path}: a session file's name ends in ${SESSION_EXTENSION}`, `save it as ${path}${SESSION_EXTENSION}`);
  return resolve(path);
}

/** Saves the store and the bundles' facts as one session file (docs/sessions.md). */
export async function saveSessionFile(store: Store, path: string, hosts: readonly BundleInfo[], nowMs: number): Promise<SaveResult & { path: string }> {
  const target = sessionPath(path);
  await store.setMeta(HOSTS_KEY, JSON.stringify(hosts));
  await appendCaseLog(store, 'session.save', { path: target }, nowMs);
  return { path: target, ...(await store.saveTo(target)) };
}

/** Replaces the store with a session file's tables; returns the bundles' facts saved with it. */
export async function openSessionFile(store: Store, path: string): Promise<BundleInfo[]> {
  await store.openFrom(resolve(path));
  const row = (await store.query('SELECT value FROM meta WHERE key = ?', [HOSTS_KEY])).rows[0];
  if (!row || typeof row[0] !== 'string') return [];
  try {
    const hosts: unknown = JSON.parse(row[0]);
    return Array.isArray(hosts) ? hosts.filter(isBundleInfo) : [];
  } catch {
    return [];
  }
}

function isBundleInfo(value: unknown): value is BundleInfo {
  const v = value as Partial<BundleInfo> | null;
  return typeof v === 'object' && v !== null && typeof v.label === 'string' && typeof v.timezone === 'string' && Array.isArray(v.tailed);
}
