import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRaw } from '../../../../shared/api.js';
import type { FieldValue } from '../../../../shared/types/event.js';
import { EvidenceReader } from '../../../../main/engine/evidence/evidence-reader.js';
import { dispatch } from '../../../../main/engine/session/dispatch.js';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { Session } from '../../../../main/engine/session/session.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';

const sshd = (n: number): string => `Mar  1 10:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')} host-a sshd[${100 + n}]: Failed password for root from 203.0.113.${n % 250} port ${4000 + n} ssh2`;
const ufw = (n: number): string => `Mar  1 11:00:${String(n % 60).padStart(2, '0')} host-a kernel: [ 9000.${String(n).padStart(6, '0')}] [UFW BLOCK] IN=eth0 OUT= MAC=00 SRC=198.51.100.${n % 250} DST=10.0.0.2 LEN=44 TOS=0x00 PREC=0x00 TTL=49 ID=${n} PROTO=TCP SPT=${1000 + n} DPT=22 WINDOW=1024 RES=0x00 SYN URGP=0`;
const lines = (make: (n: number) => string, count: number): string[] => Array.from({ length: count }, (_, i) => make(i + 1));

/** Every parsed event of the store with its stored path and line. */
async function eventsOf(store: Store): Promise<{ id: number; path: string; line: number }[]> {
  const result = await store.query("SELECT e.id, f.path, e.line FROM events e JOIN files f ON f.id = e.file_id WHERE e.format <> 'unparsed' ORDER BY e.id");
  return result.rows.map(([id, path, line]) => ({ id: Number(id), path: String(path), line: Number(line) }));
}

describe('reading an event\'s raw line again from the evidence', () => {
  let dir: string;
  let store: Store;
  let session: Session;
  /** The lines of each log as written, by the path mfw stores for it. */
  const written = new Map<string, string[]>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-raw-'));
    // A folder input: a plain file with CRLF line ends and a last line without newline, a gzip'd rotation.
    const folder = join(dir, 'logs');
    mkdirSync(folder);
    const auth = lines(sshd, 2500);
    writeFileSync(join(folder, 'auth.log'), auth.join('\r\n'));
    written.set('logs/auth.log', auth);
    const rotated = lines((n) => sshd(n + 5000), 40);
    writeFileSync(join(folder, 'auth.log.2.gz'), gzipSync(`${rotated.join('\n')}\n`));
    written.set('logs/auth.log.2.gz', rotated);
    // A record with continuation lines (a traceback joined to the line above it).
    const regiond = ['2026-03-01 10:00:00 regiond: [info] started', '2026-03-01 10:00:01 regiond: [critical] Unhandled error', '\tTraceback (most recent call last):', '\tFile "x.py", line 1', 'builtins.ValueError: boom', '2026-03-01 10:00:02 regiond: [info] going on'];
    writeFileSync(join(folder, 'regiond.log'), `${regiond.join('\n')}\n`);
    written.set('logs/regiond.log', regiond);
    // A tar.gz holding a log and a zip holding another, each an input of its own.
    const staging = join(dir, 'staging');
    mkdirSync(join(staging, 'var/log'), { recursive: true });
    const kern = lines(ufw, 300);
    writeFileSync(join(staging, 'var/log/kern.log'), `${kern.join('\n')}\n`);
    execFileSync('tar', ['-czf', join(dir, 'bundle.tar.gz'), 'var'], { cwd: staging });
    written.set(`${join(dir, 'bundle.tar.gz')}!/var/log/kern.log`, kern);
    const zipped = lines((n) => sshd(n + 9000), 120);
    writeFileSync(join(staging, 'var/log/auth.log'), `${zipped.join('\n')}\n`);
    execFileSync('zip', ['-q', join(dir, 'bundle.zip'), 'var/log/auth.log'], { cwd: staging });
    written.set(`${join(dir, 'bundle.zip')}!/var/log/auth.log`, zipped);
    // A tar.xz of two logs inside another tar.xz, as a sos-collector holds sos-reports (other lines:
    // copies of an event would be folded into one). Each member is a stream of its own.
    const nested = lines((n) => ufw(n + 500), 50);
    writeFileSync(join(staging, 'var/log/kern.log'), `${nested.join('\n')}\n`);
    const nestedAuth = lines((n) => sshd(n + 7000), 30);
    writeFileSync(join(staging, 'var/log/auth.log'), `${nestedAuth.join('\n')}\n`);
    mkdirSync(join(dir, 'outer'));
    execFileSync('tar', ['-cJf', join(dir, 'outer', 'inner.tar.xz'), 'var/log/kern.log', 'var/log/auth.log'], { cwd: staging });
    execFileSync('tar', ['-cJf', join(dir, 'outer.tar.xz'), 'inner.tar.xz'], { cwd: join(dir, 'outer') });
    written.set(`${join(dir, 'outer.tar.xz')}!/inner.tar.xz!/var/log/kern.log`, nested);
    written.set(`${join(dir, 'outer.tar.xz')}!/inner.tar.xz!/var/log/auth.log`, nestedAuth);

    store = await openStore({ inThread: true });
    session = new Session({ store, registry: loadRegistry(), version: 'test' });
    session.startImport({ paths: [folder, join(dir, 'bundle.tar.gz'), join(dir, 'bundle.zip'), join(dir, 'outer.tar.xz')] });
    await session.idle();
  });

  afterAll(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows every event\'s own line, from a plain file, a .gz, a tar.gz member, a zip member and a member of a nested archive', async () => {
    const events = await eventsOf(store);
    expect(new Set(events.map((e) => e.path))).toEqual(new Set(written.keys()));
    // Every event of the small files, and a spread of the large one (first, last, around index strides).
    const picked = events.filter((e) => e.path !== 'logs/auth.log' || [1, 2, 999, 1000, 1001, 2001, 2499, 2500].includes(e.line));
    for (const event of picked.filter((e) => e.path !== 'logs/regiond.log')) {
      const raw = await session.eventRaw({ id: event.id });
      expect(raw, `${event.path}:${event.line}`).toMatchObject({ status: 'ok', firstLine: event.line, path: event.path, lines: [written.get(event.path)![event.line - 1]], cut: false });
    }
  });

  it('shows the continuation lines of a record with its first', async () => {
    const event = (await eventsOf(store)).find((e) => e.path === 'logs/regiond.log' && e.line === 2)!;
    expect(await session.eventRaw({ id: event.id })).toMatchObject({ status: 'ok', lines: written.get('logs/regiond.log')!.slice(1, 5) });
  });

  it('reads a plain file at its line and checks its SHA-256 once; a compressed file or a member is streamed and hashed each time', async () => {
    const events = await eventsOf(store);
    const plain = events.find((e) => e.path === 'logs/auth.log' && e.line === 2500)!;
    await session.eventRaw({ id: plain.id });
    const again = await session.eventRaw({ id: plain.id });
    expect(again).toMatchObject({ from: 'file', verified: 'size-mtime', lines: [written.get('logs/auth.log')![2499]] });
    const member = events.find((e) => e.path.endsWith('outer.tar.xz!/inner.tar.xz!/var/log/kern.log'))!;
    expect(await session.eventRaw({ id: member.id })).toMatchObject({ from: 'stream', verified: 'sha256' });
    const gz = events.find((e) => e.path === 'logs/auth.log.2.gz')!;
    expect(await session.eventRaw({ id: gz.id })).toMatchObject({ from: 'stream', verified: 'sha256' });
  });

  it('shows the next records of a file streamed out of an archive, up to a record that runs to the file\'s end', async () => {
    const path = [...written.keys()].find((p) => p.endsWith('outer.tar.xz!/inner.tar.xz!/var/log/auth.log'))!;
    const file = (await session.files()).files.find((f) => f.path === path)!;
    const asFile = (r: FieldValue[]) => ({ id: Number(r[0]), input: String(r[1]), path: String(r[2]), sha256: String(r[3]), bytes: Number(r[4]), mtimeMs: Number(r[5]) });
    const row = (await store.query('SELECT id, input, path, sha256, bytes, mtime_ms FROM files WHERE id = ?', [file.id])).rows[0]!;
    const archives = (await store.query("SELECT id, input, path, sha256, bytes, mtime_ms FROM files WHERE format = 'archive'")).rows.map(asFile);
    const reader = new EvidenceReader();
    const request = (line: number, count: number) => reader.readRecord({ file: asFile(row), archives, line, span: { kind: 'lines', count } });
    expect(await request(5, 1)).toMatchObject({ status: 'ok', from: 'stream', lines: [written.get(path)![4]] });
    expect(await request(6, 2)).toMatchObject({ status: 'ok', lines: written.get(path)!.slice(5, 7) });
    expect(await request(29, 500)).toMatchObject({ status: 'ok', lines: written.get(path)!.slice(28) });
    expect(await request(31, 1)).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/line 31 is past its end \(30 lines\)/) as unknown });
  });

  it('says the evidence is not available when its file is gone, and shows the line again once it is back', async () => {
    const event = (await eventsOf(store)).find((e) => e.path.startsWith(join(dir, 'bundle.zip')))!;
    renameSync(join(dir, 'bundle.zip'), join(dir, 'moved.zip'));
    try {
      const raw = await session.eventRaw({ id: event.id });
      expect(raw.status).toBe('unavailable');
      expect((raw as Extract<EventRaw, { status: 'unavailable' }>).reason).toMatch(new RegExp(`^evidence not available: .*bundle\\.zip!/var/log/auth\\.log: .*bundle\\.zip cannot be read \\(ENOENT\\)`));
    } finally {
      renameSync(join(dir, 'moved.zip'), join(dir, 'bundle.zip'));
    }
    expect((await session.eventRaw({ id: event.id })).status).toBe('ok');
  });

  it('refuses to show a line from evidence that changed: its size, its time, or (same size and time) its content', async () => {
    const event = (await eventsOf(store)).find((e) => e.path === 'logs/auth.log.2.gz')!;
    const path = join(dir, 'logs', 'auth.log.2.gz');
    const original = readFileSync(path);
    const { atime, mtime } = statSync(path);
    const reason = async (): Promise<string> => {
      const raw = await session.eventRaw({ id: event.id });
      return raw.status === 'unavailable' ? raw.reason : `shown: ${raw.lines.join('|')}`;
    };
    try {
      writeFileSync(path, Buffer.concat([original, Buffer.from('x')]));
      expect(await reason()).toMatch(/auth\.log\.2\.gz has changed since it was imported \(\d+ bytes when imported, \d+ now\); its lines are not shown$/);
      writeFileSync(path, original);
      utimesSync(path, atime, new Date(mtime.getTime() + 60_000));
      expect(await reason()).toMatch(/has changed since it was imported \(modified .*, after it was imported/);
      // Same size and time, other bytes: a new gzip of other lines, padded to the same size.
      const forged = Buffer.alloc(original.length);
      gzipSync(`${sshd(1)}\n`).copy(forged);
      writeFileSync(path, forged);
      utimesSync(path, atime, mtime);
      expect(await reason()).toMatch(/its SHA-256 differs/);
    } finally {
      writeFileSync(path, original);
      utimesSync(path, atime, mtime);
    }
    expect(await reason()).toMatch(/^shown: /);
  });

  it('says a line past the end of its file is not there, never showing another', async () => {
    const files = (await session.files()).files;
    const auth = files.find((f) => f.path === 'logs/auth.log')!;
    const row = (await store.query('SELECT id, input, path, sha256, bytes, mtime_ms FROM files WHERE id = ?', [auth.id])).rows[0]!;
    const file = { id: Number(row[0]), input: String(row[1]), path: String(row[2]), sha256: String(row[3]), bytes: Number(row[4]), mtimeMs: Number(row[5]) };
    const reader = new EvidenceReader();
    expect(await reader.readRecord({ file, archives: [], line: 2501, span: { kind: 'lines', count: 1 } })).toEqual({
      status: 'unavailable', path: 'logs/auth.log', reason: 'evidence not available: logs/auth.log: line 2501 is past its end (2500 lines); the evidence does not match what was imported',
    });
    expect(await reader.readRecord({ file, archives: [], line: 2500, span: { kind: 'lines', count: 3 } })).toMatchObject({ status: 'ok', lines: [sshd(2500)] });
  });

  it('answers events.raw through the API, the reply checked against its schema', async () => {
    const event = (await eventsOf(store)).find((e) => e.path === 'logs/auth.log' && e.line === 7)!;
    expect(await dispatch(session, 'events.raw', { id: event.id })).toEqual({
      ok: true, result: { status: 'ok', lines: [sshd(7)], firstLine: 7, path: 'logs/auth.log', from: 'file', verified: expect.stringMatching(/^(sha256|size-mtime)$/) as unknown, cut: false },
    });
    expect(await dispatch(session, 'events.raw', { id: 10_000_000 })).toMatchObject({ ok: false, error: { code: 'usage', message: 'no event 10000000' } });
  });

  it('shows an unparsed line from the store, where it is kept', async () => {
    writeFileSync(join(dir, 'odd.log'), `${sshd(1)}\nnot a log line at all\n`);
    session.startImport({ paths: [join(dir, 'odd.log')] });
    await session.idle();
    const id = Number((await store.query("SELECT id FROM events WHERE format = 'unparsed' AND raw = 'not a log line at all'")).rows[0]![0]);
    expect(await session.eventRaw({ id })).toMatchObject({ status: 'ok', lines: ['not a log line at all'], from: 'store', verified: 'stored' });
  });
});
