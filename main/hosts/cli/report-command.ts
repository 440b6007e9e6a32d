import type { BundleInfo } from '../../../shared/types/analysis.js';
import { UsageError } from '../../engine/errors.js';
import { openSessionFile, saveSessionFile } from '../../engine/session/session-file.js';
import { openStore } from '../../engine/store/store.js';
import { EXIT, importInputs, isSessionInput, type Io } from './commands.js';
import { caseFlags, checkReportFlags, writeReportFromStore, type ReportFlags } from './report-output.js';
import { refusedWarnings, ruleSetFrom, type RuleFlags } from './rules-options.js';
import { renderWarnings } from './summary.js';

/**
 * `mfw report INPUT…|F.mfw --out R.pdf|R.html|R.md [--format F] [case flags] [--samples N]`; case
 * flags given with a session file are saved into it.
 */
export async function reportCommand(inputs: string[], flags: ReportFlags & RuleFlags & { out?: string; tz?: string; year?: string }, io: Io): Promise<number> {
  if (!flags.out) throw new UsageError('report needs --out FILE (.pdf, .html or .md)', 'mfw report case.mfw --out report.pdf');
  checkReportFlags(flags.out, flags);
  const ruleSet = ruleSetFrom(flags);
  const store = await openStore();
  try {
    let hosts: BundleInfo[];
    const warnings = refusedWarnings(ruleSet);
    if (isSessionInput(inputs)) {
      if (inputs.length > 1) throw new UsageError('a session file (.mfw) is opened alone, not with other inputs');
      // A session's findings stand as saved; the rules loaded now only explain them.
      hosts = (await openSessionFile(store, inputs[0]!)).hosts;
    } else {
      const { analysis, usableEvents } = await importInputs(inputs, flags, io, store, ruleSet.rules);
      warnings.push(...analysis.warnings);
      hosts = analysis.bundle.hosts;
      if (usableEvents === 0) {
        io.stderr.write(renderWarnings(warnings));
        io.stderr.write('mfw: nothing usable in the input: no line matched a known format\n');
        return EXIT.nothingUsable;
      }
    }
    io.stderr.write(renderWarnings(warnings));
    await writeReportFromStore(store, flags.out, flags, { hosts, ruleSet }, io);
    // Case details given for a session are kept in it, for the app and the next report.
    if (isSessionInput(inputs) && Object.keys(caseFlags(flags)).length) await saveSessionFile(store, inputs[0]!, hosts, Date.now());
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
