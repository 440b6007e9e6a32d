import { describe, expect, it } from 'vitest';
import { auditLine, judgeAudit } from '../../security/npm-audit.js';

/** The shape of `npm audit --json` (report version 2). */
function auditReport(counts: Partial<Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number>>, vulnerabilities: Record<string, { severity: string }> = {}): string {
  const all = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts };
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: { ...all, total: Object.values(all).reduce((a, b) => a + b, 0) }, dependencies: { prod: 120, dev: 0, total: 120 } },
  });
}

describe('the npm audit step of CI', () => {
  it('passes a report with nothing at high or critical, and says it is clean', () => {
    const { line, ok } = auditLine(judgeAudit(auditReport({ moderate: 2 }, { yaml: { severity: 'moderate' } })));
    expect(ok).toBe(true);
    expect(line).toBe('npm audit --omit=dev: clean at high (0 critical, 0 high, 2 moderate, 0 low)');
  });

  it('fails a report with a high or a critical advisory, naming the packages', () => {
    for (const severity of ['high', 'critical'] as const) {
      const { line, ok } = auditLine(judgeAudit(auditReport({ [severity]: 1 }, { 'tar-stream': { severity } })));
      expect(ok).toBe(false);
      expect(line).toContain(`FAILED: `);
      expect(line).toContain(`tar-stream (${severity})`);
    }
  });

  it('does not fail, and says the audit was not done, when the registry refuses the audit endpoint', () => {
    // What npm printed here: the registry these machines reach answers the bulk advisory POST with 405.
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } });
    const { line, ok } = auditLine(judgeAudit(refused));
    expect(ok).toBe(true);
    expect(line).toMatch(/^npm audit --omit=dev: NOT CHECKED: the audit service could not be reached \(405 Method Not Allowed/);
  });

  it('does not fail, and says so, without a network (no JSON, or an error summary)', () => {
    expect(auditLine(judgeAudit('')).line).toContain('NOT CHECKED');
    expect(auditLine(judgeAudit('npm error network request failed')).ok).toBe(true);
    const offline = JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request to https://registry.npmjs.org failed, reason: getaddrinfo ENOTFOUND', detail: '' } });
    expect(auditLine(judgeAudit(offline)).line).toContain('getaddrinfo ENOTFOUND');
  });
});
