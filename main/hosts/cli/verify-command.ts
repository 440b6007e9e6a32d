import { checkCaseLog } from '../../engine/caselog/case-log.js';
import { verifyEvidence } from '../../engine/caselog/verify-evidence.js';
import { UsageError } from '../../engine/errors.js';
import { SESSION_EXTENSION } from '../../engine/session/session-file.js';
import { openStore } from '../../engine/store/store.js';
import { EXIT, loadInputs, type Io } from './commands.js';
import { renderTable } from './output.js';

/**
 * `mfw verify F.mfw`: checks the case log's hash chain and hashes the evidence still on disk
 * again. Exit 0 when both hold, 5 when the log was altered or a file changed (missing files are
 * named, not failures: a session travels without its evidence).
 */
export async function verifyCommand(session: string, flags: { quiet?: boolean }, io: Io): Promise<number> {
  if (!session.toLowerCase().endsWith(SESSION_EXTENSION)) throw new UsageError(`${session}: verify checks a session file (.mfw)`, 'mfw analyze … --session case.mfw makes one');
  const store = await openStore();
  try {
    await loadInputs([session], { quiet: true }, io, store);
    const chain = await checkCaseLog(store);
    const evidence = await verifyEvidence(store);
    const changed = evidence.filter((e) => e.status === 'changed');
    const missing = evidence.filter((e) => e.status === 'missing');
    io.stdout.write(chain.broken
      ? `case log: BROKEN at entry ${chain.broken.seq} of ${chain.entries}: ${chain.broken.reason}\n`
      : `case log: ${chain.entries} entries, chain intact, head ${chain.head}\n`);
    if (!flags.quiet) io.stdout.write(renderTable(['file', 'status', 'detail'], evidence.map((e) => [e.path, e.status, e.detail]), 120));
    io.stdout.write(`evidence: ${evidence.length - changed.length - missing.length} files verified, ${changed.length} changed, ${missing.length} not checked (not on disk)\n`);
    return chain.broken || changed.length ? EXIT.verifyFailed : EXIT.ok;
  } finally {
    await store.close();
  }
}
