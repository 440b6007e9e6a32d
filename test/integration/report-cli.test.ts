import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSosCollection } from '../fixtures/sos-report.js';

const cli = join(import.meta.dirname, '../../dist/main/hosts/cli/mfw.js');
const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
const NOTE = 'Intruder logged in here <script>alert(1)</script>';

function mfw(args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Tokyo' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function query<T>(session: string, sql: string): T[] {
  const run = mfw(['query', session, '--format', 'json', sql]);
  if (run.code !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as T[];
}

function pdfText(path: string): string {
  const run = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

/** Bookmarks an event with a note and a tag, and saves a query, in the session file, as the app would. */
async function annotate(session: string, eventId: number): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(session));
  db.run('INSERT INTO bookmarks (event_id, created_ts) VALUES (?, 0)', [eventId]);
  db.run("INSERT INTO notes (target_kind, target_id, body, created_ts, updated_ts) VALUES ('event', ?, ?, 0, 0)", [eventId, NOTE]);
  db.run("INSERT INTO tags VALUES ('event', ?, 'initial-access')", [eventId]);
  db.run("INSERT INTO saved_queries (name, sql, created_ts) VALUES ('root logins', 'SELECT * FROM events WHERE user = ''root''', 0)");
  writeFileSync(session, db.export());
  db.close();
}

describe.runIf(existsSync(cli))('mfw report', () => {
  let dir: string;
  let session: string;
  let keys: string[];
  let hashes: string[];
  let collection: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mfw-report-'));
    const sos = generateSosCollection(join(dir, 'sos'));
    collection = sos.collection;
    session = join(dir, 'case.mfw');
    const analyzed = mfw(['analyze', collection, '--session', session, '--quiet']);
    expect(analyzed.code, analyzed.stderr).toBe(0);
    keys = query<{ v: string }>(session, "SELECT group_concat(value, ', ') AS v FROM findings, json_each(findings.key) GROUP BY findings.id").map((r) => r.v);
    hashes = query<{ sha256: string }>(session, 'SELECT sha256 FROM files WHERE sha256 IS NOT NULL').map((r) => r.sha256);
    const [bookmarked] = query<{ id: number }>(session, "SELECT e.id FROM finding_events fe JOIN events e ON e.id = fe.event_id ORDER BY e.ts LIMIT 1");
    await annotate(session, bookmarked!.id);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.runIf(hasPdftotext)('writes a PDF of the session with every finding key, every evidence hash, the bookmarked note, contents and page numbers', () => {
    const out = join(dir, 'report.pdf');
    const head = /head ([0-9a-f]{64})/.exec(mfw(['verify', session, '--quiet']).stdout)![1]!;
    const run = mfw(['report', session, '--out', out, '--case-id', 'IR-2026-042', '--title', 'Two-host MAAS case', '--investigator', 'A. Analyst']);
    expect(run.code, run.stderr).toBe(0);
    const pages = Number(/\((\d+) pages,/.exec(run.stderr)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(9);
    const text = pdfText(out);
    const flat = text.replace(/\s+/g, ' ');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(flat).toContain(key);
    expect(hashes.length).toBeGreaterThan(10);
    for (const hash of hashes) expect(text).toContain(hash);
    expect(flat).toContain(NOTE);
    expect(flat).toContain('initial-access');
    expect(text).toContain('IR-2026-042');
    // The case log's head when the report was made, to keep apart from the session file.
    // (the cover's value column may wrap the 64 hex digits)
    expect(text.replace(/\s+/g, '')).toMatch(new RegExp(`Caselog\\d+entries,headSHA-256${head}`));
    expect(text).toMatch(/Contents\s+1\. Executive summary\s+3\s+2\. Findings by severity\s+4/);
    const sheets = text.split('\f').filter((p) => p.trim());
    expect(sheets).toHaveLength(pages);
    sheets.forEach((sheet, i) => expect(sheet).toContain(`Page ${i + 1} of ${pages}`));
    expect(flat).toMatch(/Hosts maas-rack-2 \([^)]+\), maas-region-1 \([^)]+\)|Hosts maas-region-1 \([^)]+\), maas-rack-2 \([^)]+\)/);
  });

  it('keeps the case details given in the session file, for the next report', () => {
    const run = mfw(['report', session, '--out', join(dir, 'details.md'), '--case-id', 'IR-2026-042', '--title', 'Two-host MAAS case', '--investigator', 'A. Analyst', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    expect(query<{ key: string; value: string }>(session, "SELECT key, value FROM meta WHERE key LIKE 'case.%' ORDER BY key")).toEqual([
      { key: 'case.id', value: 'IR-2026-042' }, { key: 'case.investigator', value: 'A. Analyst' }, { key: 'case.title', value: 'Two-host MAAS case' },
    ]);
  });

  it('writes the same report as HTML and Markdown, the note escaped', () => {
    const html = join(dir, 'report.html');
    const md = join(dir, 'report.md');
    expect(mfw(['report', session, '--out', html, '--quiet']).code).toBe(0);
    expect(mfw(['report', session, '--out', md, '--quiet']).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Intruder logged in here &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script');
    for (const hash of hashes) expect(page).toContain(hash);
    const markdown = readFileSync(md, 'utf8');
    expect(markdown).toContain('Intruder logged in here &lt;script&gt;alert\\(1\\)&lt;/script&gt;');
    expect(markdown).toContain('# Two-host MAAS case');
    for (const key of keys) expect(markdown).toContain(key);
  });

  it('writes the report from analyze --report, and refuses an unknown extension before importing', () => {
    const out = join(dir, 'analyze.md');
    const run = mfw(['analyze', collection, '--report', out, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('## Evidence examined');
    const bad = mfw(['report', session, '--out', join(dir, 'report.txt')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('.pdf, .html or .md');
    expect(mfw(['report', session, '--out', join(dir, 'r.pdf'), '--format', 'docx']).code).toBe(2);
  });
});
