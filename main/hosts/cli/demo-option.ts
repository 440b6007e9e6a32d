import { UsageError } from '../../engine/errors.js';
import { ensureDemoBundle } from '../../engine/demo/demo-bundle.js';
import type { Io } from './commands.js';

/**
 * The inputs of `mfw analyze`: the user's, or with `--demo` the demo bundle, written (or found
 * unchanged) in its temp folder, which is said on stderr. The folder is kept: a session saved
 * from the demo reads its raw lines there, and the next `--demo` finds the same bytes.
 */
export async function analyzeInputs(inputs: readonly string[], flags: { demo?: boolean }, io: Io): Promise<string[]> {
  if (!flags.demo) {
    if (inputs.length === 0) throw new UsageError('analyze needs log files or folders, or --demo', 'mfw analyze /path/to/sosreport.tar.xz');
    return [...inputs];
  }
  if (inputs.length > 0) throw new UsageError(`--demo analyzes the demo case alone, not with ${inputs[0]!}`, 'mfw analyze --demo');
  const demo = await ensureDemoBundle();
  io.stderr.write(`mfw: demo case ${demo.created ? 'written to' : 'found unchanged at'} ${demo.path} (kept for its raw lines; delete the folder when done)\n`);
  return [demo.path];
}
