import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateEvidence, type EvidenceFile } from '../../../../main/engine/evidence/evidence-location.js';

const row = (id: number, input: string, path: string): EvidenceFile => ({ id, input, path, sha256: null, bytes: null, mtimeMs: null });
const asGiven = (r: EvidenceFile): string => r.input;

describe('finding a file on disk again from its stored path', () => {
  it('reads a file given as an input as itself', () => {
    const file = row(1, '/cases/auth.log', '/cases/auth.log');
    expect(locateEvidence(file, [], asGiven)).toEqual({ diskPath: '/cases/auth.log', disk: file, members: [] });
  });

  it('reads a file of a folder input under that folder (stored as the folder\'s name and the path in it)', () => {
    expect(locateEvidence(row(2, '/cases/sos/', 'sos/var/log/syslog.2.gz'), [], asGiven).diskPath).toBe(join('/cases/sos', 'var/log/syslog.2.gz'));
    expect(locateEvidence(row(2, '.', 'var/log/syslog'), [], asGiven).diskPath).toBe('var/log/syslog');
  });

  it('opens the archives around a member outermost first, from the archive rows of the same input', () => {
    const outer = row(10, '/c/col.tar.xz', '/c/col.tar.xz');
    const inner = row(9, '/c/col.tar.xz', '/c/col.tar.xz!/col/sosreport-a.tar.xz');
    const other = row(11, '/elsewhere.tar', '/elsewhere.tar');
    const file = row(3, '/c/col.tar.xz', '/c/col.tar.xz!/col/sosreport-a.tar.xz!/sosreport-a/var/log/auth.log');
    expect(locateEvidence(file, [other, inner, outer], asGiven)).toEqual({ diskPath: '/c/col.tar.xz', disk: outer, members: ['col/sosreport-a.tar.xz', 'sosreport-a/var/log/auth.log'] });
  });

  it('keeps a "!/" that belongs to a member\'s own name', () => {
    const outer = row(10, '/c/a.zip', '/c/a.zip');
    expect(locateEvidence(row(3, '/c/a.zip', '/c/a.zip!/odd!/name.log'), [outer], asGiven).members).toEqual(['odd!/name.log']);
  });

  it('finds an archive of a folder input under the folder, and an upload in its temp folder', () => {
    const archive = row(5, '/cases/logs', 'logs/old/var.tar.gz');
    expect(locateEvidence(row(6, '/cases/logs', 'logs/old/var.tar.gz!/var/log/kern.log'), [archive], asGiven)).toMatchObject({ diskPath: join('/cases/logs', 'old/var.tar.gz'), members: ['var/log/kern.log'] });
    const upload = row(7, 'report.tar.xz', 'report.tar.xz');
    expect(locateEvidence(row(8, 'report.tar.xz', 'report.tar.xz!/var/log/auth.log'), [upload], (r) => `/tmp/mfw-upload-x/${r.input}`).diskPath).toBe('/tmp/mfw-upload-x/report.tar.xz');
  });
});
