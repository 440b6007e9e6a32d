/**
 * `npm run audit:prod` (and .ci/run): `npm audit --omit=dev --audit-level=high` on what the app
 * ships. It fails on any high or critical advisory. When the audit service cannot be asked (no
 * network, or a registry that refuses the bulk advisory endpoint, as the one these machines reach
 * does with 405), it says so on one line and does not fail: unreachable is not clean, and the line
 * says the audit was NOT done.
 *
 * Run after `npm run build` (it is compiled to dist/test/security/npm-audit.js).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const AUDIT_ARGS = ['audit', '--omit=dev', '--audit-level=high', '--json'] as const;

export type AuditVerdict =
  | { kind: 'clean'; counts: Record<string, number> }
  | { kind: 'high'; counts: Record<string, number>; packages: string[] }
  | { kind: 'unreachable'; reason: string };

const FAILING = ['high', 'critical'];

/** Reads `npm audit --json` output: an audit report, or the error npm prints when it could not get one. */
export function judgeAudit(stdout: string): AuditVerdict {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    return { kind: 'unreachable', reason: stdout.trim() === '' ? 'npm audit printed nothing' : 'npm audit printed no JSON report' };
  }
  const report = (typeof value === 'object' && value !== null ? value : {}) as {
    auditReportVersion?: unknown;
    metadata?: { vulnerabilities?: Record<string, unknown> };
    vulnerabilities?: Record<string, { severity?: unknown }>;
    message?: unknown;
    error?: { summary?: unknown };
  };
  const counted = report.metadata?.vulnerabilities;
  if (report.auditReportVersion === undefined || !counted) {
    const reason = typeof report.message === 'string' ? report.message
      : typeof report.error?.summary === 'string' && report.error.summary ? report.error.summary : 'no audit report in the answer';
    return { kind: 'unreachable', reason };
  }
  const counts = Object.fromEntries(Object.entries(counted).filter((e): e is [string, number] => typeof e[1] === 'number'));
  const packages = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => typeof v.severity === 'string' && FAILING.includes(v.severity))
    .map(([name, v]) => `${name} (${String(v.severity)})`);
  const failing = FAILING.reduce((sum, level) => sum + (counts[level] ?? 0), 0);
  return failing > 0 || packages.length > 0 ? { kind: 'high', counts, packages } : { kind: 'clean', counts };
}

/** The one line CI prints, and whether CI goes on. */
export function auditLine(verdict: AuditVerdict): { line: string; ok: boolean } {
  const summary = (counts: Record<string, number>): string => ['critical', 'high', 'moderate', 'low'].map((l) => `${counts[l] ?? 0} ${l}`).join(', ');
  switch (verdict.kind) {
    case 'clean':
      return { line: `npm audit --omit=dev: clean at high (${summary(verdict.counts)})`, ok: true };
    case 'high':
      return { line: `npm audit --omit=dev: FAILED: ${summary(verdict.counts)}: ${verdict.packages.join(', ')}`, ok: false };
    case 'unreachable':
      return { line: `npm audit --omit=dev: NOT CHECKED: the audit service could not be reached (${verdict.reason})`, ok: true };
  }
}

// Run as a script; imported by the unit test, it only exports.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, [...AUDIT_ARGS], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const verdict = result.error ? { kind: 'unreachable', reason: result.error.message } as const : judgeAudit(result.stdout);
  const { line, ok } = auditLine(verdict);
  console.log(line);
  process.exitCode = ok ? 0 : 1;
}
