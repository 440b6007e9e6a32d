import { QueryNameSchema } from '../../../shared/api-console.js';

export const MODES = ['table', 'csv', 'json'] as const;
export type OutputMode = (typeof MODES)[number];

/** A console command: a line starting with `.`. */
export type DotCommand =
  | { kind: 'help' }
  | { kind: 'tables' }
  | { kind: 'schema'; table: string | null }
  | { kind: 'mode'; mode: OutputMode | null }
  | { kind: 'more' }
  | { kind: 'export'; file: string }
  | { kind: 'save'; name: string }
  | { kind: 'queries' }
  | { kind: 'run'; name: string }
  | { kind: 'clear' };

/** The commands as `.help` shows them, one line each. */
export const DOT_COMMAND_HELP: readonly (readonly [string, string])[] = [
  ['.tables', 'list the tables'],
  ['.schema [TABLE]', 'show the CREATE statements (of one table)'],
  ['.mode table|csv|json', 'how results are shown; .mode alone says which'],
  ['.more', 'show the next rows of the last result'],
  ['.export FILE', 'download the last result (up to 100 000 rows) as FILE: .csv, .json, else in the mode'],
  ['.save NAME', 'save the last statement in the session as NAME'],
  ['.queries', 'list the saved queries'],
  ['.run NAME', 'run a saved query'],
  ['.clear', 'clear the screen (Ctrl-L)'],
  ['.help', 'this list'],
];

function isMode(word: string): word is OutputMode {
  return (MODES as readonly string[]).includes(word);
}

/** Parses a dot-command line; a mistake is an Error whose message says what is expected. */
export function parseDotCommand(line: string): DotCommand {
  const [head = '', ...args] = line.trim().split(/\s+/);
  const arity = (most: number, usage: string): void => {
    if (args.length > most) throw new Error(`usage: ${usage}`);
  };
  const needed = (usage: string): string => {
    if (args.length !== 1) throw new Error(`usage: ${usage}`);
    return args[0]!;
  };
  switch (head.toLowerCase()) {
    case '.help':
      return { kind: 'help' };
    case '.tables':
      arity(0, '.tables');
      return { kind: 'tables' };
    case '.schema':
      arity(1, '.schema [TABLE]');
      return { kind: 'schema', table: args[0] ?? null };
    case '.mode': {
      arity(1, '.mode table|csv|json');
      const mode = args[0]?.toLowerCase();
      if (mode === undefined) return { kind: 'mode', mode: null };
      if (!isMode(mode)) throw new Error(`unknown mode ${mode}: .mode table|csv|json`);
      return { kind: 'mode', mode };
    }
    case '.more':
      arity(0, '.more');
      return { kind: 'more' };
    case '.export':
      return { kind: 'export', file: needed('.export FILE (a file name such as result.csv)') };
    case '.save': {
      const name = needed('.save NAME');
      const checked = QueryNameSchema.safeParse(name);
      if (!checked.success) throw new Error(`${checked.error.issues[0]?.message ?? 'not a query name'} (at most 64)`);
      return { kind: 'save', name };
    }
    case '.queries':
      arity(0, '.queries');
      return { kind: 'queries' };
    case '.run':
      return { kind: 'run', name: needed('.run NAME') };
    case '.clear':
      arity(0, '.clear');
      return { kind: 'clear' };
    default:
      throw new Error(`unknown command ${head}: .help lists the commands`);
  }
}

/**
 * The name a download gets from `.export FILE`: its last path part (the renderer writes no path:
 * the browser saves downloads where its user chose), without control characters. Null if none is left.
 */
export function exportFileName(file: string): string | null {
  // eslint-disable-next-line no-control-regex
  const name = (file.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim().slice(0, 200);
  return name === '' || name === '.' || name === '..' ? null : name;
}

/** How an export is written: by the file's extension, else in the current mode (a table as text). */
export function exportMode(name: string, current: OutputMode): OutputMode {
  const extension = /\.([A-Za-z]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension === 'csv' ? 'csv' : extension === 'json' ? 'json' : current;
}
