import type { ApiClient } from '../../../shared/api.js';
import { MAX_CONSOLE_ROWS, type ConsoleResult } from '../../../shared/api-console.js';
import { neutraliseTerminalText } from '../../../shared/terminal-text.js';
import { DOT_COMMAND_HELP, exportFileName, exportMode, parseDotCommand, type DotCommand, type OutputMode } from './dot-commands.js';
import { LineEditor, type EditorTerminal } from './line-editor.js';
import { exportText, pageFooter, resultLines } from './result-text.js';

/** Rows shown at a time; `.more` shows the next ones. */
export const PAGE_ROWS = 200;

export const HELP_LINE = 'Read-only SQL over the evidence. A statement runs when it ends with ";". .help lists the commands, Up/Down recall history, Ctrl-C cancels.';

/** Shown when a statement takes longer than RUNNING_NOTE_MS. */
export const RUNNING_NOTE = 'running… (Ctrl-C stops waiting)';
export const RUNNING_NOTE_MS = 500;

/** Ctrl-C while a statement runs: what really happens to it (sql.js has no way to stop one). */
export const CANCEL_NOTE = 'stopped waiting. The statement cannot be interrupted: it runs to its end in the store (other requests wait for it), and its result will be discarded.';

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

export interface ConsoleTerminal extends EditorTerminal {
  clear(): void;
}

/** Hands an exported file to the user (the screen makes it a download). */
export type SaveFile = (name: string, text: string, mime: string) => void;

const MIME: Record<OutputMode, string> = { csv: 'text/csv', json: 'application/json', table: 'text/plain' };

/**
 * The SQL console's behaviour over any terminal: input from the LineEditor, SQL and dot-commands
 * run through the API, results written a page at a time. Everything from the data (values,
 * column names, errors, saved queries) is neutralised before it is written; only the console's
 * own colours are escape sequences.
 */
export class ConsoleController {
  private readonly editor: LineEditor;
  private mode: OutputMode = 'table';
  /** The last SQL statement run (what `.save` and `.export` use) and where its paging is. */
  private last: { sql: string; offset: number; result: ConsoleResult } | null = null;
  private lastStatement: string | null = null;
  /** The run being waited for; Ctrl-C forgets it, so its answer is dropped. */
  private waiting: symbol | null = null;

  private disposed = false;
  /** Keys before the prompt is shown (the history still loading) are dropped, not echoed before it. */
  private ready = false;
  private readonly term: ConsoleTerminal;

  constructor(
    private readonly client: ApiClient,
    terminal: ConsoleTerminal,
    private readonly saveFile: SaveFile,
  ) {
    // Nothing is written once disposed: an answer may come after the terminal is gone.
    this.term = {
      write: (text) => {
        if (!this.disposed) terminal.write(text);
      },
      get cols() {
        return terminal.cols;
      },
      clear: () => {
        if (!this.disposed) terminal.clear();
      },
    };
    this.editor = new LineEditor(this.term);
  }

  /** Greets, loads the session's history, and shows the prompt. */
  async start(): Promise<void> {
    this.writeLine(`${DIM}${HELP_LINE}${RESET}`);
    try {
      this.editor.setHistory((await this.client.call('console.history', {})).entries);
    } catch (err) {
      this.error(`the history could not be read: ${message(err)}`);
    }
    this.ready = true;
    this.editor.prompt();
  }

  /** The terminal is going away: an answer still awaited is dropped, nothing more is written. */
  dispose(): void {
    this.disposed = true;
    this.waiting = null;
  }

  get busy(): boolean {
    return this.waiting !== null;
  }

  /** Keyboard and paste data from the terminal. */
  onData(data: string): void {
    if (!this.ready) return;
    if (this.waiting) {
      if (data.includes('\x03')) {
        this.waiting = null;
        this.writeLine(`^C ${CANCEL_NOTE}`);
        this.editor.prompt();
      }
      return;
    }
    for (const event of this.editor.feed(data)) {
      if (event.kind === 'interrupt') this.editor.prompt();
      else if (event.kind === 'clear-screen') this.term.clear(); // the prompt's line stays, as the first
      else void this.submit(event.input);
    }
  }

  private async submit(input: string): Promise<void> {
    const text = input.trim();
    if (!text) return this.editor.prompt();
    this.editor.remember(input);
    const token = Symbol('run');
    this.waiting = token;
    const slow = setTimeout(() => {
      if (this.waiting === token) this.writeLine(`${DIM}${RUNNING_NOTE}${RESET}`);
    }, RUNNING_NOTE_MS);
    let lines: string[];
    try {
      await this.client.call('console.remember', { input }).catch((err: unknown) => {
        if (this.waiting === token) this.error(`not kept in the history: ${message(err)}`);
      });
      lines = text.startsWith('.') ? await this.command(text, token) : await this.statement(text, token);
    } catch (err) {
      lines = [errorLine(message(err))];
    } finally {
      clearTimeout(slow);
    }
    // Cancelled by Ctrl-C: the prompt is back and the user may be typing; the answer is dropped.
    if (this.waiting !== token) return;
    this.waiting = null;
    for (const line of lines) this.writeLine(line);
    this.editor.prompt();
  }

  private async statement(sql: string, token: symbol): Promise<string[]> {
    this.lastStatement = sql;
    return this.page(sql, 0, token);
  }

  /** One page of a query's result as lines; it becomes the result `.more` continues, unless cancelled meanwhile. */
  private async page(sql: string, offset: number, token: symbol): Promise<string[]> {
    const result = await this.client.call('console.run', { sql, offset, limit: PAGE_ROWS });
    if (this.waiting === token) this.last = { sql, offset, result };
    const rows = result.columns.length ? resultLines(this.mode, result.columns, result.rows) : [];
    return [...rows, `${DIM}${pageFooter(result, offset)}${RESET}`];
  }

  private async command(line: string, token: symbol): Promise<string[]> {
    let command: DotCommand;
    try {
      command = parseDotCommand(line);
    } catch (err) {
      return [errorLine(message(err))];
    }
    switch (command.kind) {
      case 'help':
        return this.help();
      case 'tables':
        return this.tables();
      case 'schema':
        return this.schema(command.table);
      case 'mode':
        if (command.mode) this.mode = command.mode;
        return [`mode: ${this.mode}`];
      case 'more':
        return this.more(token);
      case 'export':
        return this.export(command.file, token);
      case 'save':
        return this.save(command.name);
      case 'queries':
        return this.listQueries();
      case 'run':
        return this.runSaved(command.name, token);
      case 'clear':
        this.term.clear();
        return [];
    }
  }

  private async more(token: symbol): Promise<string[]> {
    if (!this.last) return [errorLine('no result to page through yet: run a statement first')];
    const { sql, offset, result } = this.last;
    const seen = offset + result.rows.length;
    if (result.totalExact && seen >= result.total) return [`no more rows: the result has ${result.total.toLocaleString('en-US')}`];
    return this.page(sql, offset + PAGE_ROWS, token);
  }

  private help(): string[] {
    const wide = Math.max(...DOT_COMMAND_HELP.map(([c]) => c.length));
    return [
      HELP_LINE,
      ...DOT_COMMAND_HELP.map(([command, what]) => `  ${BOLD}${command.padEnd(wide)}${RESET}  ${what}`),
      'Control characters in the data are shown, not obeyed: ^[ is ESC, ^G BEL, ^J a line break (as cat -v shows them), <U+009B> a C1 control or a bidi override; the data is unchanged.',
    ];
  }

  private async tables(): Promise<string[]> {
    const result = await this.client.call('console.run', { sql: "SELECT name FROM ev.sqlite_master WHERE type IN ('table', 'view') ORDER BY name", limit: MAX_CONSOLE_ROWS });
    return [result.rows.map((r) => neutraliseTerminalText(String(r[0]))).join('  ')];
  }

  private async schema(table: string | null): Promise<string[]> {
    const where = table === null ? '' : ` AND name = '${table.replace(/'/g, "''")}'`;
    const result = await this.client.call('console.run', { sql: `SELECT sql FROM ev.sqlite_master WHERE sql IS NOT NULL${where} ORDER BY type DESC, name`, limit: MAX_CONSOLE_ROWS });
    if (!result.rows.length) return [errorLine(table === null ? 'no tables' : `no table ${table}: .tables lists them`)];
    return result.rows.flatMap(([sql]) => `${String(sql)};`.split('\n').map(neutraliseTerminalText));
  }

  private async export(file: string, token: symbol): Promise<string[]> {
    const name = exportFileName(file);
    if (!name) return [errorLine('.export needs a file name such as result.csv')];
    if (!this.lastStatement) return [errorLine('nothing to export yet: run a statement first')];
    const mode = exportMode(name, this.mode);
    const result = await this.client.call('console.run', { sql: this.lastStatement, limit: MAX_CONSOLE_ROWS });
    if (this.waiting !== token) return [];
    this.saveFile(name, exportText(mode, result.columns, result.rows), MIME[mode]);
    const capped = result.rows.length < result.total || !result.totalExact;
    const of = capped ? ` of ${result.totalExact ? '' : 'more than '}${result.total.toLocaleString('en-US')} (an export holds at most ${MAX_CONSOLE_ROWS.toLocaleString('en-US')}; mfw query --format csv writes them all)` : '';
    return [`exported ${result.rows.length.toLocaleString('en-US')} rows${of} as ${mode} to the download ${neutraliseTerminalText(name)}`];
  }

  private async save(name: string): Promise<string[]> {
    if (!this.lastStatement) return [errorLine('nothing to save yet: run a statement first')];
    const { replaced } = await this.client.call('queries.save', { name, sql: this.lastStatement });
    return [`saved as ${name}${replaced ? ' (it replaces the query of that name)' : ''}`];
  }

  private async listQueries(): Promise<string[]> {
    const { queries } = await this.client.call('queries.list', {});
    if (!queries.length) return ['no saved queries: .save NAME saves the last statement'];
    return queries.map((q) => `${BOLD}${neutraliseTerminalText(q.name)}${RESET}  ${neutraliseTerminalText(q.sql.replace(/\s+/g, ' '))}`);
  }

  private async runSaved(name: string, token: symbol): Promise<string[]> {
    const { queries } = await this.client.call('queries.list', {});
    const query = queries.find((q) => q.name === name);
    if (!query) return [errorLine(`no saved query ${name}: .queries lists them`)];
    return [`${DIM}${neutraliseTerminalText(query.sql.replace(/\s+/g, ' '))}${RESET}`, ...(await this.statement(query.sql, token))];
  }

  private error(text: string): void {
    this.writeLine(errorLine(text));
  }

  private writeLine(line: string): void {
    this.term.write(`${line}\r\n`);
  }
}

/** An error as a red line; its text neutralised (SQLite quotes the SQL, and values, in its messages). */
function errorLine(text: string): string {
  return `${RED}Error: ${neutraliseTerminalText(text)}${RESET}`;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
