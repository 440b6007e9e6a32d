/**
 * `npm run lint:electron`: Doyensec's electronegativity over the app's own sources (main/, the
 * preload, renderer/ with its index.html, package.json), offline. It fails on any HIGH finding, on
 * any LOW or MEDIUM finding not justified below, and on a justification that no longer matches a
 * finding (so the list cannot go stale). INFORMATIONAL findings are printed only.
 *
 * Run after `npm run build` (it is compiled to dist/test/security/electronegativity.js).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';

/** One finding, as electronegativity reports it (file relative to the scanned folder). */
export interface Finding {
  id: string;
  severity: Severity;
  file: string;
  line: number;
  description: string;
  sample?: string;
}

/** Why a finding is not a problem here: the check, the file, and the reason with the code and test that show it. */
export interface Justification {
  id: string;
  file: string;
  reason: string;
}

/**
 * Checks left out of the scan. AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK fetches Electron's release
 * list from the network, which CI does not have; the Electron version is pinned in package.json
 * and its security releases are followed by hand.
 */
export const SKIPPED_CHECKS = ['AvailableSecurityFixesGlobalCheck'] as const;

/** Findings that were read and are not problems. A HIGH finding is never justified: it is fixed. */
export const JUSTIFIED: readonly Justification[] = [
  {
    id: 'AUXCLICK_JS_CHECK',
    file: 'main/hosts/electron/security.ts',
    reason: 'A middle click on a link can only ask for a new window, and every window.open, target=_blank and middle click is '
      + 'denied by setWindowOpenHandler (installNavigationGuards, on every web contents from web-contents-created); '
      + 'test/unit/hosts/electron/app.test.ts "denies window.open and target=_blank links". The renderer shows no links to pages.',
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'main/hosts/electron/security.ts',
    reason: '"Review the use of preload scripts": reviewed. preload.cts exposes one frozen object, window.mfw (version, call, on, '
      + 'pathForFile, openDialog) through contextBridge, never ipcRenderer or the IPC event; main answers only the app page in the '
      + 'app window (isTrustedSender) and validates every payload (dispatch). Tests: app.test.ts "exposes only window.mfw", '
      + 'ipc.test.ts (refused senders, unknown methods and bad params).',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'main/hosts/electron/security.ts',
    reason: '"Failed to parse CSP": the response header is the constant CONTENT_SECURITY_POLICY, which the checker cannot read '
      + 'through a variable. The same policy is in renderer/index.html, which it parses (see the next entry); '
      + 'app.test.ts "puts the same policy in the page" keeps the two equal.',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    reason: 'The CSP evaluator\'s only remark is "\'self\' can be problematic if you host JSONP, Angular or user uploaded files" '
      + '(a maybe, reported LOW). The page is the app\'s own file; it loads no JSONP or Angular, and evidence is never loaded as '
      + 'a script: log text is rendered as text only (test/e2e/hostile.test.ts), so no <script src> can be injected, and '
      + 'script-src has no unsafe-inline or unsafe-eval.',
  },
];

/** What fails the lint, what a justification covers, and justifications that matched nothing. */
export interface Verdict {
  failures: Finding[];
  justified: { finding: Finding; reason: string }[];
  informational: Finding[];
  stale: Justification[];
}

/** Sorts findings against the justifications. */
export function judge(findings: readonly Finding[], justifications: readonly Justification[] = JUSTIFIED): Verdict {
  const verdict: Verdict = { failures: [], justified: [], informational: [], stale: [] };
  const used = new Set<Justification>();
  for (const finding of findings) {
    if (finding.severity === 'INFORMATIONAL') {
      verdict.informational.push(finding);
      continue;
    }
    const justification = finding.severity === 'HIGH' ? undefined : justifications.find((j) => j.id === finding.id && j.file === finding.file);
    if (justification) {
      used.add(justification);
      verdict.justified.push({ finding, reason: justification.reason });
    } else {
      verdict.failures.push(finding);
    }
  }
  verdict.stale = justifications.filter((j) => !used.has(j));
  return verdict;
}

interface RawIssue {
  id: string;
  file: string;
  location: { line: number };
  description: string;
  severity: { name: string };
  sample?: string;
}
interface RawResult { issues: RawIssue[]; errors: unknown[] }
type Run = (options: Record<string, unknown>) => Promise<RawResult>;

const SEVERITIES: readonly Severity[] = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

/** The Electron version the app is built with, from package.json (electronegativity's defaults depend on it). */
export function electronVersion(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const version = /\d+\.\d+\.\d+/.exec(pkg.devDependencies?.electron ?? '')?.[0];
  if (!version) throw new Error(`${join(root, 'package.json')}: no electron version in devDependencies`);
  return version;
}

/**
 * Copies what the app is made of into a temporary folder and scans it. The copy leaves out tests,
 * dist/ and bench/ (stand-ins and bundles, not the app), and gives the preload a `.ts` name:
 * electronegativity reads .js/.ts/.html files only, and preload.cts would be skipped.
 */
export async function scanApp(root: string, version = electronVersion(root)): Promise<Finding[]> {
  const stage = mkdtempSync(join(tmpdir(), 'mfw-electronegativity-'));
  try {
    cpSync(join(root, 'main'), join(stage, 'main'), { recursive: true });
    cpSync(join(root, 'renderer'), join(stage, 'renderer'), { recursive: true });
    cpSync(join(root, 'package.json'), join(stage, 'package.json'));
    cpSync(join(root, 'main/hosts/electron/preload.cts'), join(stage, 'main/hosts/electron/preload.ts'));
    const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Run;
    const result = await run({ input: stage, isRelative: true, electronVersion: version, excludeFromScan: [...SKIPPED_CHECKS] });
    if (result.errors.length > 0) throw new Error(`electronegativity could not read every file: ${JSON.stringify(result.errors)}`);
    return result.issues.map((issue) => {
      const severity = SEVERITIES.find((s) => s === issue.severity.name);
      if (!severity) throw new Error(`unknown severity ${issue.severity.name} of ${issue.id}`);
      const file = issue.file.replace(/\\/g, '/').replace(/^main\/hosts\/electron\/preload\.ts$/, 'main/hosts/electron/preload.cts');
      return { id: issue.id, severity, file, line: issue.location.line, description: issue.description, ...(issue.sample ? { sample: issue.sample } : {}) };
    });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

const where = (f: Finding): string => `${f.file}:${f.line}`;

/** The report printed by `npm run lint:electron`; the exit code is 1 when anything failed. */
export function report(verdict: Verdict): { text: string; ok: boolean } {
  const lines: string[] = [];
  for (const f of verdict.failures) lines.push(`FAIL ${f.severity} ${f.id} ${where(f)}: ${f.description}${f.severity === 'HIGH' ? ' (HIGH: never justified, fix it)' : ''}`);
  for (const j of verdict.stale) lines.push(`FAIL stale justification ${j.id} ${j.file}: it matches no finding; remove it from test/security/electronegativity.ts`);
  for (const { finding: f, reason } of verdict.justified) lines.push(`ok   ${f.severity} ${f.id} ${where(f)}: justified: ${reason}`);
  for (const f of verdict.informational) lines.push(`info ${f.id} ${where(f)}: ${f.description}`);
  const counts = SEVERITIES.map((s) => `${[...verdict.failures, ...verdict.justified.map((j) => j.finding), ...verdict.informational].filter((f) => f.severity === s).length} ${s.toLowerCase()}`).join(', ');
  const ok = verdict.failures.length === 0 && verdict.stale.length === 0;
  lines.push(`electronegativity: ${counts}; ${verdict.failures.length} failing, ${verdict.justified.length} justified, ${verdict.stale.length} stale justifications: ${ok ? 'passed' : 'FAILED'}`);
  return { text: lines.join('\n'), ok };
}

// Run as a script (npm run lint:electron); imported by the unit test, it only exports.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  scanApp(root).then((findings) => {
    const { text, ok } = report(judge(findings));
    console.log(text);
    process.exitCode = ok ? 0 : 1;
  }, (err: unknown) => {
    console.error(`electronegativity could not run: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
