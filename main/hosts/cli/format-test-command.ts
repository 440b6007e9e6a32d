import { readFile } from 'node:fs/promises';
import { UsageError } from '../../engine/errors.js';
import { readFormatFile } from '../../engine/formats/format-file.js';
import { checkSamples } from '../../engine/formats/format-samples.js';
import { testFormat } from '../../engine/formats/format-tester.js';
import { createRegistry, loadRegistry } from '../../engine/formats/registry.js';
import { EXIT, type Io } from './commands.js';
import { sanitizeForTerminal } from './output.js';
import { timeOptions } from './time-options.js';

/** Lines of the log tested at most (the whole result is held in memory). */
const MAX_LINES = 100_000;
/** Missed lines printed at most. */
const MISSED_SHOWN = 20;

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`${what} ${path} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/**
 * `mfw formats --test FORMAT_FILE --on LOG [--tz Z] [--year Y]`: a format file (JSON or YAML,
 * checked as the app checks one: schema, RE2, samples) run on a log's lines, reported as
 * fail2ban-regex does: the counts, then the lines it missed. Exit 0 when a line matched, 4 when none.
 */
export async function formatTestCommand(flags: { test: string; on?: string; tz?: string; year?: string }, io: Io): Promise<number> {
  if (!flags.on) throw new UsageError('--test needs --on LOG: the log file to test the format on');
  const time = { tz: 'UTC', ...timeOptions(flags) };
  const file = readFormatFile(await readText(flags.test, 'the format file'), flags.test);
  const builtin = loadRegistry();
  checkSamples(file.format.def, createRegistry([...builtin.all, file.format]), flags.test, (path) => file.lineOf(path));
  const all = (await readText(flags.on, 'the log')).split('\n');
  if (all.at(-1) === '') all.pop();
  const lines = all.slice(0, MAX_LINES);
  const result = testFormat(file.format.def, lines, builtin, time);
  const { counts } = result;
  const out: string[] = [
    `${flags.on}: format ${file.format.id} from ${flags.test}`,
    `Lines: ${counts.lines} lines, ${counts.ignored} ignored, ${counts.matched} matched, ${counts.missed} missed${counts.continuation ? `, ${counts.continuation} continuation` : ''}`,
  ];
  if (all.length > lines.length) out.push(`(the first ${MAX_LINES} of ${all.length} lines were tested)`);
  if (result.timeNote) out.push(`Time: ${result.timeNote}`);
  const missed = result.lines.filter((l) => l.status === 'missed');
  if (missed.length) {
    out.push(`Missed lines${missed.length > MISSED_SHOWN ? ` (the first ${MISSED_SHOWN})` : ''}:`);
    for (const l of missed.slice(0, MISSED_SHOWN)) out.push(`  ${l.line}: ${sanitizeForTerminal(l.text)}  (${l.reason ?? ''})`);
  }
  io.stdout.write(`${out.join('\n')}\n`);
  return counts.matched > 0 ? EXIT.ok : EXIT.nothingUsable;
}
