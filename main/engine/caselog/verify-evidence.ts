import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { locateEvidence } from '../evidence/evidence-location.js';
import { FILE_COLUMNS, toEvidenceFile } from '../session/event-raw.js';
import type { Store } from '../store/store.js';

export type EvidenceStatus = 'ok' | 'changed' | 'missing' | 'in-archive';

export interface EvidenceCheck {
  /** As stored in `files.path`. */
  path: string;
  status: EvidenceStatus;
  /** What was checked, or why not. */
  detail: string;
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('data', (chunk) => hash.update(chunk)).on('error', reject).on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * Hashes again every file of the evidence still on disk and compares it with the import's
 * SHA-256 and size. A file inside an archive is vouched for by the archive's own hash (the file
 * on disk that holds it), which is checked once. Inputs are only read.
 */
export async function verifyEvidence(store: Store): Promise<EvidenceCheck[]> {
  const found = (await store.query(`SELECT ${FILE_COLUMNS}, f.format FROM files f ORDER BY f.id`)).rows;
  const rows = found.map((r) => toEvidenceFile(r, 0));
  const archives = rows.filter((_, i) => found[i]!.at(-1) === 'archive');
  const onDisk = new Map<string, Promise<EvidenceCheck>>();
  const checkDisk = (diskPath: string, sha256: string | null, bytes: number | null, path: string): Promise<EvidenceCheck> => {
    let check = onDisk.get(diskPath);
    if (!check) onDisk.set(diskPath, (check = checkFile(diskPath, sha256, bytes, path)));
    return check;
  };
  const checks: EvidenceCheck[] = [];
  for (const row of rows) {
    const where = locateEvidence(row, archives, (r) => r.input);
    if (where.members.length === 0) {
      checks.push(await checkDisk(where.diskPath, row.sha256, row.bytes, row.path));
      continue;
    }
    const holder = await checkDisk(where.diskPath, where.disk.sha256, where.disk.bytes, where.disk.path);
    checks.push({ path: row.path, status: holder.status === 'ok' ? 'in-archive' : holder.status, detail: `inside ${where.disk.path} (${holder.status === 'ok' ? 'its SHA-256 matches' : holder.detail})` });
  }
  return checks;
}

async function checkFile(diskPath: string, sha256: string | null, bytes: number | null, path: string): Promise<EvidenceCheck> {
  const now = await stat(diskPath).catch(() => null);
  if (!now?.isFile()) return { path, status: 'missing', detail: `${diskPath} is not there: not checked` };
  if (bytes !== null && now.size !== bytes) return { path, status: 'changed', detail: `${diskPath} has ${now.size} bytes, ${bytes} were imported` };
  if (!sha256) return { path, status: 'missing', detail: 'no SHA-256 was recorded at import: not checked' };
  const hash = await sha256Of(diskPath);
  return hash === sha256
    ? { path, status: 'ok', detail: `SHA-256 ${hash}` }
    : { path, status: 'changed', detail: `${diskPath}: SHA-256 ${hash}, ${sha256} was imported` };
}
