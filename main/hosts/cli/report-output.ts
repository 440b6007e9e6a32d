import type { CaseDetails } from '../../../shared/api-report.js';
import type { BundleInfo } from '../../../shared/types/analysis.js';
import { UsageError } from '../../engine/errors.js';
import { DEFAULT_SAMPLES } from '../../engine/report/build-model.js';
import { setCaseDetails } from '../../engine/report/case-details.js';
import { reportFormat, writeReport } from '../../engine/report/write-report.js';
import type { RuleSet } from '../../engine/rules/load.js';
import type { Store } from '../../engine/store/store.js';
import type { Io } from './commands.js';

/** The flags of `mfw report` that `mfw analyze --report` shares. */
export interface ReportFlags {
  format?: string;
  caseId?: string;
  title?: string;
  investigator?: string;
  organisation?: string;
  samples?: string;
  quiet?: boolean;
}

function samplesPerFinding(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SAMPLES;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new UsageError(`--samples ${value}: a whole number from 0 to 1000`);
  return n;
}

/** The case details given as flags (none: an empty object). */
export function caseFlags(flags: ReportFlags): Partial<CaseDetails> {
  const given: Partial<CaseDetails> = {};
  if (flags.caseId !== undefined) given.id = flags.caseId;
  if (flags.title !== undefined) given.title = flags.title;
  if (flags.investigator !== undefined) given.investigator = flags.investigator;
  if (flags.organisation !== undefined) given.organisation = flags.organisation;
  return given;
}

/** Checks the flags before any import, so a typo does not cost a long import. */
export function checkReportFlags(out: string, flags: ReportFlags): void {
  reportFormat(out, flags.format);
  samplesPerFinding(flags.samples);
}

/**
 * Writes the report of what the store holds (docs/reports.md); the case details given as flags
 * are stored first, so a session saved afterwards keeps them.
 */
export async function writeReportFromStore(store: Store, out: string, flags: ReportFlags, context: { hosts: readonly BundleInfo[]; ruleSet: RuleSet }, io: Io): Promise<void> {
  const format = reportFormat(out, flags.format);
  const details = caseFlags(flags);
  if (Object.keys(details).length) await setCaseDetails(store, details);
  const written = await writeReport(store, out, format, {
    hosts: context.hosts,
    rules: context.ruleSet.rules.map((r) => r.meta),
    version: process.env.npm_package_version ?? '0.1.0',
    // Whole seconds: the cover need not show milliseconds.
    generatedAtMs: Math.floor(Date.now() / 1000) * 1000,
    samplesPerFinding: samplesPerFinding(flags.samples),
  });
  if (!flags.quiet) io.stderr.write(`mfw: report written to ${written.path} (${written.pages !== undefined ? `${written.pages} pages, ` : ''}${(written.bytes / 1024).toFixed(1)} KiB)\n`);
}
