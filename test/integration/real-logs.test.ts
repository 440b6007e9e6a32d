import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../main/engine/analyze.js';
import { loadRegistry } from '../../main/engine/formats/registry.js';
import type { TimeOptions } from '../../main/engine/ingest/file-time.js';
import { openStore, type Store } from '../../main/engine/store/store.js';
import { formatIsoUtc, wallTimeToUtc } from '../../main/engine/time/zone.js';
import type { AnalysisFile } from '../../shared/types/analysis.js';

/**
 * The outside check of our parsers: logs written by real systems, from other projects' test
 * suites (../shared/real-logs, see its README and MANIFEST.json).
 */
const root = join(import.meta.dirname, '../../../shared/real-logs');

interface ManifestFile {
  path: string;
  family: string;
  lines: number;
  records: number;
  first_record: { raw: string; utc: string | null };
  notes?: string;
}

interface Annotation {
  line: number;
  match: boolean;
  time?: string;
  host?: string;
}

/** Lines the manifest names as malformed on purpose: they may stay unparsed, nothing else may. */
const MALFORMED: Record<string, number> = {
  'firewall/ufw-mail-vps.log': 1, // line 6 is corrupted ("RES=0x00 ;p[")
  'firewall/iptables-variants.log': 1, // line 3 has XX= instead of IN=
};

/** fail2ban's tests run on a clock set to 2005-08-14; other year-less files get a fixed year. */
const FAIL2BAN_CLOCK = { ms: Date.UTC(2005, 7, 14, 12), reason: "fail2ban's test clock" };

function timeFor(file: ManifestFile): TimeOptions {
  if (file.first_record.utc) return { tz: 'UTC', year: Number(file.first_record.utc.slice(0, 4)) };
  return file.path.includes('fail2ban') ? { tz: 'UTC', reference: FAIL2BAN_CLOCK } : { tz: 'UTC', year: 2024 };
}

/**
 * fail2ban's `time` is local wall time: in the line's own offset for access logs, in its test
 * zone (Europe/Zurich) for stamps that carry an ISO offset, else in the zone we read it in (UTC).
 */
function expectedUtc(localTime: string, raw: string): string {
  const offset = /([+-])(\d\d)(\d\d)\]/.exec(raw);
  const wall = Date.parse(`${localTime}Z`);
  if (/^(?:<\d+>1 )?\d{4}-\d\d-\d\dT\S+(?:Z|[+-]\d\d:?\d\d) /.test(raw)) {
    const [date, clock] = localTime.split('T') as [string, string];
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const [hour, minute, second] = clock.split(':').map(Number) as [number, number, number];
    return formatIsoUtc(wallTimeToUtc({ year, month, day, hour, minute, second, fractionMs: 0 }, 'Europe/Zurich').utcMs);
  }
  if (!offset) return formatIsoUtc(wall);
  const minutes = (Number(offset[2]) * 60 + Number(offset[3])) * (offset[1] === '-' ? -1 : 1);
  return formatIsoUtc(wall - minutes * 60_000);
}

const manifest = existsSync(join(root, 'MANIFEST.json'))
  ? (JSON.parse(readFileSync(join(root, 'MANIFEST.json'), 'utf8')) as { files: ManifestFile[] }).files
  : [];

describe.runIf(manifest.length > 0)('real logs from other projects', () => {
  for (const file of manifest) {
    describe(file.path, () => {
      let store: Store;
      let result: AnalysisFile;
      let rows: Map<number, { ts: number; source: string; format: string; src_ip: string | null; extra: Record<string, unknown>; raw: string }>;

      beforeAll(async () => {
        store = await openStore({ inThread: true });
        const { analysis } = await analyze({
          inputs: [join(root, file.path)],
          registry: loadRegistry(),
          store,
          time: timeFor(file),
        });
        result = analysis.files[0]!;
        // Parsed events keep no raw text: it is read back from the evidence by line number.
        const text = readFileSync(join(root, file.path), 'utf8').split('\n');
        const query = await store.query('SELECT line, ts, source, format, src_ip, extra FROM events ORDER BY seq');
        rows = new Map(query.rows.map(([line, ts, source, format, srcIp, extra]) => [
          Number(line),
          { ts: Number(ts), source: String(source), format: String(format), src_ip: srcIp as string | null, extra: extra ? (JSON.parse(String(extra)) as Record<string, unknown>) : {}, raw: text[Number(line) - 1] ?? '' },
        ]));
      });
      afterAll(async () => store.close());

      it(`turns every record into a ${file.family} event`, () => {
        const allowed = MALFORMED[file.path] ?? 0;
        expect(result.lines).toBe(file.lines);
        expect(result.lines).toBe(result.events + result.continuation + result.ignored + result.unparsed);
        expect(result.unparsed, result.warnings.join('\n')).toBeLessThanOrEqual(allowed);
        expect(result.events).toBeGreaterThanOrEqual(file.records - allowed);
        const families = [...rows.values()].filter((r) => r.format !== 'unparsed').map((r) => r.source);
        expect(families.filter((s) => s !== file.family), 'events of another family').toEqual([]);
      });

      it.runIf(file.first_record.utc !== null)('puts its first record at the UTC time its source fixes', () => {
        const first = [...rows.values()].find((r) => r.format !== 'unparsed');
        expect(formatIsoUtc(first!.ts)).toBe(file.first_record.utc);
      });

      const expectations = join(root, `${file.path}.expect.json`);
      it.runIf(existsSync(expectations))('holds the fail2ban expectations: time and offender of every matching line', () => {
        const { annotations } = JSON.parse(readFileSync(expectations, 'utf8')) as { annotations: Annotation[] };
        for (const a of annotations.filter((x) => x.match && x.time)) {
          const row = rows.get(a.line);
          expect(row, `line ${a.line}`).toBeDefined();
          expect(row!.format, `line ${a.line} parsed`).not.toBe('unparsed');
          // fail2ban's expectations are to the second.
          expect(formatIsoUtc(Math.floor(row!.ts / 1000) * 1000), `line ${a.line} time`).toBe(expectedUtc(a.time!, row!.raw));
          // fail2ban ties some lines to their offender through the sshd pid of earlier lines;
          // an event holds the offender only when its own line names it.
          if (a.host && row!.raw.includes(a.host)) {
            const offenders = [row!.src_ip, row!.extra.rhost, row!.extra.client_host];
            expect(offenders, `line ${a.line} offender`).toContain(a.host);
          }
        }
      });
    });
  }
});
