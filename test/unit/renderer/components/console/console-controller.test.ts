import { describe, expect, it } from 'vitest';
import { ApiCallError, type ApiClient, type ApiMethod, type ApiRequest, type ApiResponse } from '../../../../../shared/api.js';
import { CANCEL_NOTE, ConsoleController, PAGE_ROWS } from '../../../../../renderer/components/console/console-controller.js';

type Handler = (params: unknown) => unknown;

/** A client answering from handlers; `hold` keeps console.run waiting until released. */
function fakeClient(handlers: Partial<Record<ApiMethod, Handler>>) {
  const calls: { method: ApiMethod; params: unknown }[] = [];
  let held: (() => void) | null = null;
  let holding = false;
  const client: ApiClient = {
    async call<M extends ApiMethod>(method: M, params: ApiRequest<M>): Promise<ApiResponse<M>> {
      calls.push({ method, params });
      if (method === 'console.run' && holding) await new Promise<void>((resolve) => (held = resolve));
      const handler = handlers[method];
      if (!handler) return {} as ApiResponse<M>;
      return handler(params) as ApiResponse<M>;
    },
    on: () => () => undefined,
  };
  return { client, calls, hold: () => (holding = true), release: () => { holding = false; held?.(); } };
}

function setup(handlers: Partial<Record<ApiMethod, Handler>>) {
  const fake = fakeClient({ 'console.history': () => ({ entries: [] }), ...handlers });
  const out: string[] = [];
  const files: { name: string; text: string; mime: string }[] = [];
  const controller = new ConsoleController(fake.client, { write: (t) => out.push(t), cols: 120, clear: () => out.push('<clear>') }, (name, text, mime) => files.push({ name, text, mime }));
  const screen = (): string => out.join('');
  const type = async (line: string): Promise<void> => {
    for (const c of line) controller.onData(c);
    controller.onData('\r');
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return { ...fake, controller, out, files, screen, type };
}

const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => [from + i]);

describe('ConsoleController', () => {
  it('runs a statement a page at a time and remembers it in the session', async () => {
    const t = setup({ 'console.run': (p) => {
      const { offset } = p as { offset: number };
      return { columns: ['n'], rows: rows(Math.min(PAGE_ROWS, 450 - offset), offset), total: 450, totalExact: true, elapsedMs: 3 };
    } });
    await t.controller.start();
    await t.type('SELECT n FROM t;');
    expect(t.calls.filter((c) => c.method !== 'console.history').map((c) => [c.method, c.params])).toEqual([
      ['console.remember', { input: 'SELECT n FROM t;' }],
      ['console.run', { sql: 'SELECT n FROM t;', offset: 0, limit: PAGE_ROWS }],
    ]);
    expect(t.screen()).toContain('rows 1–200 of 450 (3 ms); 250 more rows, .more to see them');
    await t.type('.more');
    expect(t.calls.at(-1)).toEqual({ method: 'console.run', params: { sql: 'SELECT n FROM t;', offset: 200, limit: PAGE_ROWS } });
    expect(t.screen()).toContain('rows 201–400 of 450');
    await t.type('.more');
    expect(t.screen()).toContain('rows 401–450 of 450');
    const runs = t.calls.filter((c) => c.method === 'console.run').length;
    await t.type('.more');
    expect(t.screen()).toContain('no more rows: the result has 450');
    expect(t.calls.filter((c) => c.method === 'console.run')).toHaveLength(runs);
    expect(t.screen().endsWith('sql> ')).toBe(true);
  });

  it('writes errors neutralised, in red', async () => {
    const t = setup({ 'console.run': () => { throw new ApiCallError('store', 'no such table: \x1b]0;x\x07 in SQL: …'); } });
    await t.controller.start();
    await t.type('SELECT * FROM nope;');
    expect(t.screen()).toContain('\x1b[31mError: no such table: ^[]0;x^G in SQL: …\x1b[0m');
  });

  it('on Ctrl-C during a query gives the prompt back at once, says the truth, and drops the late answer', async () => {
    const t = setup({ 'console.run': () => ({ columns: ['late'], rows: [['LATE ROW']], total: 1, totalExact: true, elapsedMs: 9000 }) });
    await t.controller.start();
    t.hold();
    await t.type('SELECT slow();');
    expect(t.controller.busy).toBe(true);
    t.controller.onData('\x03');
    expect(t.controller.busy).toBe(false);
    expect(t.screen()).toContain(`^C ${CANCEL_NOTE}\r\nsql> `);
    t.release();
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(t.screen()).not.toContain('LATE ROW');
    await t.type('.more');
    expect(t.screen()).toContain('no result to page through yet');
  });

  it('exports the last statement\'s result as a download, by the file\'s extension', async () => {
    const t = setup({ 'console.run': () => ({ columns: ['a', 'b'], rows: [[1, 'x,y']], total: 1, totalExact: true, elapsedMs: 1 }) });
    await t.controller.start();
    await t.type('.export out.csv');
    expect(t.screen()).toContain('nothing to export yet');
    await t.type('SELECT a, b FROM t;');
    await t.type('.export ../reports/out.csv');
    expect(t.files).toEqual([{ name: 'out.csv', text: 'a,b\r\n1,"x,y"\r\n', mime: 'text/csv' }]);
    expect(t.calls.at(-1)).toEqual({ method: 'console.run', params: { sql: 'SELECT a, b FROM t;', limit: 100_000 } });
  });

  it('saves the last statement, lists saved queries and runs one by name', async () => {
    const saved: { name: string; sql: string }[] = [];
    const t = setup({
      'console.run': (p) => ({ columns: ['sql'], rows: [[(p as { sql: string }).sql]], total: 1, totalExact: true, elapsedMs: 1 }),
      'queries.save': (p) => (saved.push(p as { name: string; sql: string }), { replaced: false }),
      'queries.list': () => ({ queries: saved.map((q) => ({ ...q, createdTs: 1 })) }),
    });
    await t.controller.start();
    await t.type('SELECT 42;');
    await t.type('.save answer');
    expect(saved).toEqual([{ name: 'answer', sql: 'SELECT 42;' }]);
    await t.type('.queries');
    expect(t.screen()).toContain('\x1b[1manswer\x1b[0m  SELECT 42;');
    await t.type('.run answer');
    expect(t.calls.at(-1)).toEqual({ method: 'console.run', params: { sql: 'SELECT 42;', offset: 0, limit: PAGE_ROWS } });
    await t.type('.run nope');
    expect(t.screen()).toContain('Error: no saved query nope: .queries lists them');
  });

  it('lists tables, shows a schema line by line and lists the commands', async () => {
    const t = setup({
      'console.run': (p) => {
        const { sql } = p as { sql: string };
        if (sql.startsWith('SELECT name')) return { columns: ['name'], rows: [['events'], ['notes']], total: 2, totalExact: true, elapsedMs: 1 };
        return { columns: ['sql'], rows: sql.includes("name = 'it''s'") ? [] : [['CREATE TABLE notes (\n  id INTEGER\n)']], total: 1, totalExact: true, elapsedMs: 1 };
      },
    });
    await t.controller.start();
    await t.type('.tables');
    expect(t.screen()).toContain('events  notes\r\n');
    await t.type('.schema notes');
    expect(t.screen()).toContain('CREATE TABLE notes (\r\n  id INTEGER\r\n);\r\n');
    await t.type(".schema it's");
    expect(t.screen()).toContain("Error: no table it's: .tables lists them");
    await t.type('.help');
    expect(t.screen().split('\x1b[1m').join('').split('\x1b[0m').join('')).toMatch(/\.export FILE +download the last result/);
    await t.type('.bogus');
    expect(t.screen()).toContain('Error: unknown command .bogus: .help lists the commands');
  });

  it('switches modes and shows the next result in it', async () => {
    const t = setup({ 'console.run': () => ({ columns: ['m'], rows: [['a\x1b[2Jb']], total: 1, totalExact: true, elapsedMs: 1 }) });
    await t.controller.start();
    await t.type('.mode json');
    await t.type('SELECT m FROM t;');
    expect(t.screen()).toContain('mode: json');
    // JSON escapes C0 itself (as \u001b); C1 and bidi controls are neutralised after it.
    expect(t.screen()).toContain('    "m": "a\\u001b[2Jb"');
    expect(t.screen()).not.toContain('\x1b[2J');
  });
});
