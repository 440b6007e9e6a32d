import { Command, CommanderError } from 'commander';
import { CancelledError, MfwError } from '../../engine/errors.js';
import { OverBudgetError } from './scope-options.js';
import { analyzeCommand, EXIT, formatsCommand, queryCommand, type Io } from './commands.js';
import { exportCommand } from './export-command.js';
import { verifyCommand } from './verify-command.js';
import { formatTestCommand } from './format-test-command.js';
import { rulesListCommand, rulesTestCommand } from './rules-commands.js';
import { reportCommand } from './report-command.js';
import type { ReportFlags } from './report-output.js';
import { collect } from './rules-options.js';
import { serveCommand } from './serve.js';
import { timelineCommand, type TimelineFlags } from './timeline-command.js';

/** Builds the `mfw` program; `run` resolves with the exit code. */
export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('mfw')
    .description('MAAS Forensic Workbench: import MAAS and Ubuntu logs, find who probed, who broke in and what changed')
    .version(process.env.npm_package_version ?? '0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError();

  const importOptions = (cmd: Command): Command =>
    cmd
      .option('--tz <zone>', 'zone of stamps that carry none (IANA name); default: the bundle\'s, else this machine\'s')
      .option('--year <year>', 'year of stamps that carry none; default: from the bundle or the files')
      .option('--max-expanded <size>', 'stop decompressing past this many bytes in all (a bomb guard), e.g. 64G', '32G')
      .option('--max-ratio <n>', 'stop a stream that expands more than n:1 (a bomb guard)', '1000')
      .option('--since <time>', 'import only events at or after this time (ISO-8601 with its zone); the rest is counted, not stored')
      .option('--until <time>', 'import only events before this time (ISO-8601 with its zone)')
      .option('--host <names>', 'import only events of these hosts (comma-separated, repeatable)', collect)
      .option('--source <names>', 'import only events of these sources: firewall, web, maas, system, audit (comma-separated)', collect)
      .option('--skip-unparsed', 'count lines no format reads, do not store them')
      .option('--force', 'import a bundle the estimate says would not fit the store (it stops cleanly if the store fills up)');

  importOptions(program.command('analyze')
    .description('import logs (files and folders) and summarise them')
    .argument('[input...]', 'log files and folders')
    .option('--demo', 'analyze the demo case (two MAAS controllers with a planted incident), written to a temp folder')
    .option('--json <file>', 'write the mfw.analysis/1 JSON to a file, or - for stdout')
    .option('--session <file.mfw>', 'save everything imported and found as a session file, for the app, mfw query and mfw timeline')
    .option('--report <file>', 'also write the incident report (.pdf, .html or .md), as mfw report does'))
    .option('--rules <path>', 'also load the rules of this file or folder (mfw YAML or Sigma; repeatable); a rule with a built-in id replaces it', collect)
    .option('--no-builtin-rules', 'do not load the built-in rules')
    .option('--fail-on <severity>', 'exit 3 when a finding of this severity or higher exists (low, medium, high, critical)')
    .option('--quiet', 'no progress and no summary; warnings still go to stderr')
    .action(async (inputs: string[], flags: { json?: string; session?: string; tz?: string; year?: string; quiet?: boolean; rules?: string[]; builtinRules?: boolean; failOn?: string; report?: string; demo?: boolean }) => {
      setExit(await analyzeCommand(inputs, flags, io));
    });

  importOptions(program.command('query')
    .description('import logs (or open a session file), then run one SQL query over the events (see docs/schema.md)')
    .argument('<input-and-sql...>', 'log files and folders, or one .mfw session file, then the SQL')
    .option('--format <format>', 'table, csv or json', 'table'))
    .option('--raw-lines', 'add a raw_line column: the line of each row\'s event (its id column), read again from the evidence')
    .option('--quiet', 'no progress')
    .action(async (args: string[], flags: { format: string; tz?: string; year?: string; quiet?: boolean; maxExpanded?: string; maxRatio?: string; rawLines?: boolean }) => {
      setExit(await queryCommand(args, flags, io));
    });

  importOptions(program.command('timeline')
    .description('import logs (or open a session file), then print the event counts per time bin (UTC), stacked by source, host or finding; or the gaps in coverage')
    .argument('<input...>', 'log files and folders, or one .mfw session file')
    .option('--bin <width>', 'bin width: 30s, 5m, 1h, 1d…, or auto (at most 2000 bins)', 'auto')
    .option('--by <grouping>', 'source, host or finding (runs the built-in rules)', 'source')
    .option('--from <time>', 'start, ISO-8601 with its zone (2026-03-05T08:00:00Z)')
    .option('--to <time>', 'end (excluded), ISO-8601 with its zone')
    .option('--gaps', 'print the gaps in coverage instead (silent logs, truncated files, rotation holes, a short journal)')
    .option('--format <format>', 'table, csv or json', 'table'))
    .option('--quiet', 'no progress')
    .action(async (inputs: string[], flags: TimelineFlags) => {
      setExit(await timelineCommand(inputs, flags, io));
    });

  importOptions(program.command('report')
    .description('write the incident report (PDF, HTML or Markdown) of a session file, or of logs imported now (see docs/reports.md)')
    .argument('<input...>', 'one .mfw session file, or log files and folders')
    .requiredOption('--out <file>', 'the report: R.pdf, R.html or R.md')
    .option('--format <format>', 'pdf, html or md (default: from the extension of --out)')
    .option('--case-id <id>', 'case id for the cover (saved into a .mfw input)')
    .option('--title <title>', 'case title')
    .option('--investigator <name>', 'investigator')
    .option('--organisation <name>', 'organisation')
    .option('--samples <n>', 'evidence lines printed per finding', '5')
    .option('--rules <path>', 'also load the rules of this file or folder (repeatable)', collect)
    .option('--no-builtin-rules', 'do not load the built-in rules'))
    .option('--quiet', 'no progress and no closing line')
    .action(async (inputs: string[], flags: ReportFlags & { out: string; tz?: string; year?: string; rules?: string[]; builtinRules?: boolean }) => {
      setExit(await reportCommand(inputs, flags, io));
    });

  program.command('formats')
    .description('list the log formats, say which one a file is, or test a format file on a log')
    .option('--detect <file>', 'detect the format of a file')
    .option('--test <format-file>', 'a format file (JSON or YAML) to test, as fail2ban-regex does')
    .option('--on <log>', 'with --test: the log file to test it on')
    .option('--tz <zone>', 'with --test: zone of stamps without one (default UTC)')
    .option('--year <year>', 'with --test: year of stamps without one')
    .action(async (flags: { detect?: string; test?: string; on?: string; tz?: string; year?: string }) => {
      setExit(flags.test !== undefined ? await formatTestCommand({ ...flags, test: flags.test }, io) : await formatsCommand(flags, io));
    });

  const rules = program.command('rules').description('list the detection rules, or test one on log files');
  rules.command('list', { isDefault: true })
    .description('list every rule: id, kind, severity, source file and title')
    .option('--rules <path>', 'also load the rules of this file or folder (repeatable)', collect)
    .option('--no-builtin-rules', 'do not load the built-in rules')
    .action(async (flags: { rules?: string[]; builtinRules?: boolean }) => {
      setExit(await rulesListCommand(flags, io));
    });
  importOptions(rules.command('test')
    .description('import log files, run one rule on them and show its hits, misses and sample lines')
    .argument('<rule>', 'rule id (see mfw rules list)')
    .argument('<file...>', 'log files and folders')
    .option('--rules <path>', 'also load the rules of this file or folder (repeatable)', collect)
    .option('--no-builtin-rules', 'do not load the built-in rules'))
    .action(async (rule: string, files: string[], flags: { rules?: string[]; builtinRules?: boolean; tz?: string; year?: string }) => {
      setExit(await rulesTestCommand(rule, files, flags, io));
    });

  importOptions(program.command('export')
    .description('import logs (or open a session file), then write every event as CSV, JSON lines, Timesketch JSONL or Elastic ECS bulk NDJSON')
    .argument('<input...>', 'log files and folders, or one .mfw session file')
    .requiredOption('--to <format>', 'csv, jsonl, timesketch or ecs')
    .requiredOption('--out <file>', 'the file to write (replaced whole at the end, never half-written)')
    .option('--index <name>', 'ecs: the index named in the bulk action lines', 'mfw-events')
    .option('--quiet', 'no progress and no summary'))
    .action(async (inputs: string[], flags: { to: string; out: string; index?: string; tz?: string; year?: string; quiet?: boolean; maxExpanded?: string; maxRatio?: string }) => {
      setExit(await exportCommand(inputs, flags, io));
    });

  program.command('verify')
    .description('check a session file: its case log\'s hash chain, and the SHA-256 of the evidence still on disk (exit 5 if either fails)')
    .argument('<session.mfw>', 'a session file')
    .option('--quiet', 'no table of files')
    .action(async (session: string, flags: { quiet?: boolean }) => {
      setExit(await verifyCommand(session, flags, io));
    });

  program.command('serve')
    .description('serve the app to a browser on 127.0.0.1, behind a random token, until Ctrl-C')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--open', 'open the address in the desktop browser')
    .action(async (flags: { port?: string; open?: boolean }) => {
      setExit(await serveCommand(flags, io));
    });

  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof CancelledError) {
      io.stderr.write('mfw: cancelled; nothing of this import was kept\n');
      return EXIT.cancelled;
    }
    if (err instanceof OverBudgetError) {
      io.stderr.write(`mfw: ${err.message}\n`);
      return EXIT.overBudget;
    }
    if (err instanceof MfwError) {
      io.stderr.write(`mfw: ${err.describe()}\n`);
      if (err.code === 'usage') {
        const command = program.commands.find((c) => c.name() === argv[0]);
        io.stderr.write('\n' + (command ?? program).helpInformation());
        return EXIT.usage;
      }
      return err.code === 'definition' ? EXIT.usage : 1;
    }
    io.stderr.write(`mfw: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
