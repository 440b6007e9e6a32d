import type { Store } from '../store/store.js';
import type { ReportEvidenceLine, ReportFinding } from './model.js';
import { evidenceText, keyText, MAX_LINE_CHARS, num, text } from './sql-values.js';

/** A loaded rule's description, by id (the finding's explanation). */
export type RuleDescriptions = ReadonlyMap<string, string>;

const SEVERITY_ORDER = "CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END";

/**
 * Every finding, most serious first (then most events), with up to `samplesPerFinding` of its
 * evidence events (the earliest), their file and line, and the finding's own tags and note.
 */
export async function reportFindings(store: Store, descriptions: RuleDescriptions, samplesPerFinding: number): Promise<ReportFinding[]> {
  const rows = (await store.query(
    `SELECT id, rule, severity, title, key, count, first_ts, last_ts, summary,
       (SELECT count(*) FROM finding_events fe WHERE fe.finding_id = findings.id)
     FROM findings ORDER BY ${SEVERITY_ORDER}, count DESC, id`,
  )).rows;
  const tags = await findingTags(store);
  const notes = await findingNotes(store);
  const findings: ReportFinding[] = [];
  for (const [id, rule, severity, title, key, count, first, last, summary, evidenceCount] of rows) {
    const findingId = Number(id);
    const samples = await sampleLines(store, findingId, samplesPerFinding);
    findings.push({
      id: findingId,
      rule: String(rule),
      severity: String(severity),
      title: text(title) ?? String(rule),
      key: keyText(key),
      count: num(count) ?? Number(evidenceCount),
      firstTs: num(first),
      lastTs: num(last),
      summary: text(summary) ?? '',
      explanation: descriptions.get(String(rule))?.trim() ?? null,
      samples,
      moreEvents: Math.max(0, Number(evidenceCount) - samples.length),
      tags: tags.get(findingId) ?? [],
      note: notes.get(findingId) ?? null,
    });
  }
  return findings;
}

/** The first `limit` evidence lines of a finding: file path, line, UTC time, host and message. */
async function sampleLines(store: Store, findingId: number, limit: number): Promise<ReportEvidenceLine[]> {
  if (limit <= 0) return [];
  const rows = (await store.query(
    `SELECT f.path, e.line, e.ts, e.host, substr(coalesce(e.message, e.raw, ''), 1, ${MAX_LINE_CHARS}), length(coalesce(e.message, e.raw, ''))
     FROM finding_events fe JOIN events e ON e.id = fe.event_id LEFT JOIN files f ON f.id = e.file_id
     WHERE fe.finding_id = ? ORDER BY e.ts, e.seq, e.id LIMIT ?`,
    [findingId, limit],
  )).rows;
  return rows.map(([path, line, ts, host, message, length]) => ({ path: text(path), line: num(line), ts: num(ts), host: text(host), text: evidenceText(message, Number(length)) }));
}

async function findingTags(store: Store): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const [id, tag] of (await store.query("SELECT target_id, tag FROM tags WHERE target_kind = 'finding' ORDER BY tag")).rows) {
    const list = out.get(Number(id)) ?? [];
    list.push(String(tag));
    out.set(Number(id), list);
  }
  return out;
}

async function findingNotes(store: Store): Promise<Map<number, string>> {
  const rows = (await store.query("SELECT target_id, body FROM notes WHERE target_kind = 'finding' ORDER BY id")).rows;
  return new Map(rows.map(([id, body]) => [Number(id), String(body)]));
}
