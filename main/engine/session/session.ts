import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ApiEvent, ApiEventName, ApiRequest, ApiResponse, BundleSummary, EventDetail, FileSummary } from '../../../shared/api.js';
import type { BundleInfo } from '../../../shared/types/analysis.js';
import type { FieldValue } from '../../../shared/types/event.js';
import { analyze } from '../analyze.js';
import { isNarrowed, type ImportScope } from '../../../shared/types/import-scope.js';
import { estimateImport } from '../ingest/estimate.js';
import { storeHeapLimitBytes } from '../store/wasm-memory.js';
import { ensureDemoBundle } from '../demo/demo-bundle.js';
import { eventMarks } from '../annotations/annotation-sql.js';
import { Annotations } from '../annotations/annotations.js';
import { SqlConsole } from '../console/sql-console.js';
import { CancelledError, MfwError } from '../errors.js';
import type { FormatRegistry } from '../formats/registry.js';
import type { CompiledRule } from '../rules/compiled.js';
import type { Store } from '../store/store.js';
import { computeGaps } from '../timeline/gaps/gaps.js';
import { computeHistogram } from '../timeline/histogram.js';
import { EvidenceReader } from '../evidence/evidence-reader.js';
import { EventPager } from './event-pages.js';
import { readEventRaw } from './event-raw.js';
import { openSessionFile, saveSessionFile } from './session-file.js';
import { getCaseDetails, setCaseDetails } from '../report/case-details.js';
import { reportFormat, writeReport } from '../report/write-report.js';
import { exportEvents } from '../export/export-events.js';
import { appendCaseLog } from '../caselog/case-log.js';
import { Autosaver, discardRecovered, takeRecovered, type Recovered } from './autosave.js';
import { RecentList } from './recent-list.js';
import { RuleEditor } from './rule-editor.js';
import { FormatEditor } from './format-editor.js';
import { UserFormats } from './user-formats.js';

export type SessionListener = <E extends ApiEventName>(event: E, data: ApiEvent<E>) => void;

export interface SessionOptions {
  store: Store;
  registry: FormatRegistry;
  version: string;
  /** Detection rules run after each import (their findings replace the previous ones); those saved in the session replace them by id. */
  rules?: readonly CompiledRule[];
  /** The clock that stamps annotations (tests pass their own). */
  nowMs?: () => number;
  /** Autosaves into this folder (docs/sessions.md#autosave-and-recovery); none when absent. */
  autosave?: { dir: string; everyMs?: number };
  /** The folder the demo case is written into (in its own subfolder); default the system's temp folder. */
  demoParent?: string;
  /** The store budget imports are estimated against (tests); default sql.js's declared heap maximum. */
  storeBudgetBytes?: number;
}

interface Job {
  controller: AbortController;
  done: Promise<void>;
}

const FILE_COLUMNS = 'id, path, format, source, host, bytes, lines, events, unparsed, first_ts, last_ts, time_note';

function toFileSummary(row: FieldValue[]): FileSummary {
  const [id, path, format, source, host, bytes, lines, events, unparsed, firstTs, lastTs, timeNote] = row;
  const text = (v: FieldValue | undefined): string | null => (v === null || v === undefined ? null : String(v));
  const num = (v: FieldValue | undefined): number | null => (v === null || v === undefined ? null : Number(v));
  return {
    id: Number(id), path: String(path), format: text(format), source: text(source), host: text(host), bytes: num(bytes), lines: num(lines), events: num(events),
    unparsed: num(unparsed), firstTs: num(firstTs), lastTs: num(lastTs), timeNote: text(timeNote),
  };
}

function toObject(columns: readonly string[], row: readonly FieldValue[]): Record<string, FieldValue> {
  return Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null]));
}

function parseExtra(text: FieldValue): Record<string, FieldValue> {
  if (typeof text !== 'string') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' || typeof v === 'number' ? v : v === null ? null : JSON.stringify(v)]));
  } catch {
    return {};
  }
}

/**
 * The engine behind the API: one store, imports run one at a time, queries answered from the
 * store. Both hosts (Electron IPC and `mfw serve`) drive the same session through dispatch.ts.
 */
export class Session {
  private readonly listeners = new Set<SessionListener>();
  private readonly jobs = new Map<string, Job>();
  private hosts: BundleInfo[] = [];
  private imported = false;
  /** Stars, tags and notes, with undo (annotations.* methods). */
  readonly annotations: Annotations;
  /** The SQL console: read-only SQL, its history and saved queries (console.*, queries.* methods). */
  readonly sqlConsole: SqlConsole;
  private readonly pager: EventPager;
  private readonly evidence: EvidenceReader;
  /** Files (by id range) imported from an upload, and the temp folder the upload is kept in. */
  private readonly uploads: { fromId: number; toId: number; folder: string }[] = [];
  /** Imports refused as over the store budget, by job id: their inputs, for `import.narrow`. */
  private readonly refused = new Map<string, { paths: readonly string[]; hiddenPrefix?: string }>();
  /** Run at close: removing uploads kept for their raw lines. */
  private readonly atClose: (() => Promise<void>)[] = [];
  private rawReading: AbortController | undefined;
  private autosaver: Autosaver | undefined;
  private recovered: Recovered | null = null;
  private autosaveSetupError: string | undefined;
  private recentSessions: RecentList | undefined;
  /** The Rules screen (rules.* methods): rules saved in the session replace loaded ones by id. */
  readonly ruleEditor: RuleEditor;
  /** The format editor (formats.* methods) and the user formats later imports detect. */
  readonly formats: FormatEditor;

  constructor(private readonly options: SessionOptions) {
    this.ruleEditor = new RuleEditor({
      store: options.store, ...(options.rules ? { base: options.rules } : {}), importing: () => this.jobs.size > 0, nowMs: options.nowMs ?? Date.now,
    });
    this.annotations = new Annotations({ store: options.store, emit: (data) => this.emit('annotations.changed', data), ...(options.nowMs ? { nowMs: options.nowMs } : {}) });
    this.sqlConsole = new SqlConsole({ store: options.store, ...(options.nowMs ? { nowMs: options.nowMs } : {}) });
    this.pager = new EventPager(options.store);
    this.evidence = new EvidenceReader((row) => {
      const upload = this.uploads.find((u) => row.id >= u.fromId && row.id <= u.toId);
      return upload ? upload.folder + row.input : row.input;
    });
    this.formats = new FormatEditor({
      store: options.store,
      formats: new UserFormats(options.store, options.registry, options.nowMs),
      evidence: this.evidence,
      rules: () => this.ruleEditor.activeRules(),
      bundleZone: () => {
        // Only zones the bundles state: a host without one shows the machine's, which the editor must not depend on.
        const zones = new Set(this.hosts.filter((h) => h.timezoneSource !== null).map((h) => h.timezone));
        return zones.size === 1 ? [...zones][0]! : null;
      },
      busy: () => this.jobs.size > 0,
      changed: () => this.pager.reset(),
    });
  }

  /** Appends an entry to the case log (docs/sessions.md#the-case-log). */
  logActivity(action: string, detail: unknown): Promise<void> {
    return appendCaseLog(this.options.store, action, detail, (this.options.nowMs ?? Date.now)());
  }

  /** Saves everything loaded, and the bundles' facts, as one session file (docs/sessions.md). */
  async saveSession(req: ApiRequest<'session.save'>): Promise<ApiResponse<'session.save'>> {
    if (this.jobs.size > 0) throw new MfwError('usage', 'an import is running: save the session once it has ended');
    const saved = await saveSessionFile(this.options.store, req.path, this.hosts, (this.options.nowMs ?? Date.now)(), req.ui);
    this.recentSessions?.add([saved.path]);
    return { path: saved.path, bytes: saved.bytes };
  }

  /** Writes the events matching a filter to a file (docs/exports.md). */
  async exportEvents(req: ApiRequest<'export.events'>): Promise<ApiResponse<'export.events'>> {
    if (this.jobs.size > 0) throw new MfwError('usage', 'an import is running: export once it has ended');
    return exportEvents(this.options.store, { format: req.format, out: resolve(req.path), filter: req.filter });
  }

  /** Replaces what is loaded with a session file: its events, findings, annotations and bundle facts. */
  async openSession(req: ApiRequest<'session.open'>): Promise<ApiResponse<'session.open'>> {
    if (this.jobs.size > 0) throw new MfwError('usage', 'an import is running: open the session once it has ended');
    const opened = await openSessionFile(this.options.store, req.path);
    if (req.path !== this.recovered?.path) this.recentSessions?.add([resolve(req.path)]);
    this.hosts = opened.hosts;
    // Uploads are matched to files by id, which the opened session reuses for its own files.
    this.uploads.length = 0;
    this.evidence.forget();
    this.formats.forgetUserFormats();
    this.imported = true;
    this.annotations.forgetHistory();
    await this.pager.reset();
    const bundle = await this.bundleSummary();
    this.emit('session.opened', { path: req.path, bundle, ui: opened.ui });
    return { bundle, ui: opened.ui };
  }

  getCase(): Promise<ApiResponse<'case.get'>> {
    return getCaseDetails(this.options.store);
  }

  setCase(req: ApiRequest<'case.set'>): Promise<ApiResponse<'case.set'>> {
    return setCaseDetails(this.options.store, req);
  }

  /** Writes the incident report of what is loaded (docs/reports.md), as `mfw report` does. */
  async writeReport(req: ApiRequest<'report.write'>): Promise<ApiResponse<'report.write'>> {
    if (this.jobs.size > 0) throw new MfwError('usage', 'an import is running: write the report once it has ended');
    if (!this.imported) throw new MfwError('usage', 'nothing is loaded: import evidence or open a session first');
    // A path typed in the app must not overwrite evidence by a slip: its extension names the format.
    if (reportFormat(req.path) !== req.format) throw new MfwError('usage', `${req.path}: a ${req.format} report's name ends in .${req.format}`);
    return writeReport(this.options.store, req.path, req.format, {
      hosts: this.hosts,
      rules: ((await this.ruleEditor.activeRules()) ?? []).map((r) => r.meta),
      version: this.options.version,
      generatedAtMs: Math.floor((this.options.nowMs ?? Date.now)() / 1000) * 1000,
    });
  }

  /** Subscribes to pushed events; returns the unsubscribe. */
  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit<E extends ApiEventName>(event: E, data: ApiEvent<E>): void {
    for (const listener of this.listeners) listener(event, data);
  }

  async info(): Promise<ApiResponse<'session.info'>> {
    return {
      version: this.options.version,
      bundle: this.imported ? await this.bundleSummary() : null,
      importing: this.jobs.size > 0,
      recovered: this.recovered,
      autosaveError: this.autosaveSetupError ?? this.autosaver?.lastError ?? null,
      recentSessions: this.recentSessions?.list.filter((path) => existsSync(path)) ?? [],
    };
  }

  discardRecovered(): ApiResponse<'recovery.discard'> {
    if (this.options.autosave) discardRecovered(this.options.autosave.dir);
    this.recovered = null;
    return {};
  }

  /** Starts autosaving, when the session was made with `autosave`: the previous run's autosave is kept aside first. */
  async startAutosave(): Promise<void> {
    const settings = this.options.autosave;
    if (!settings || this.autosaver) return;
    try {
      mkdirSync(settings.dir, { recursive: true });
      this.recovered = takeRecovered(settings.dir);
    } catch (err) {
      // The workbench still works without autosave; the Import screen says why there is none.
      this.autosaveSetupError = `autosave is off: ${settings.dir} cannot be used (${(err as Error).message})`;
      return;
    }
    this.recentSessions = new RecentList(join(settings.dir, 'recent-sessions.json'));
    this.autosaver = new Autosaver(settings.dir, {
      save: async (path) => {
        await saveSessionFile(this.options.store, path, this.hosts, (this.options.nowMs ?? Date.now)());
      },
      changes: async () => Number((await this.options.store.query('SELECT coalesce(max(seq), 0) FROM case_log')).rows[0]?.[0] ?? 0),
      canSave: () => this.jobs.size === 0,
    }, settings.everyMs);
    await this.autosaver.start();
  }

  /**
   * Starts importing paths on this machine; progress and the end come as events. `cleanup`
   * (an upload removes its temp folder there) runs when the session closes, as the raw lines of
   * the events are read again from the evidence, or at once if the import is cancelled (nothing
   * of it is kept). `hiddenPrefix` (an upload's temp folder) is cut from every path shown and
   * stored, so the evidence is named as the user uploaded it.
   */
  startImport(req: ApiRequest<'import.paths'>, options: { cleanup?: () => Promise<void>; hiddenPrefix?: string } = {}): ApiResponse<'import.paths'> {
    if (this.jobs.size > 0) throw new MfwError('usage', 'an import is already running: wait for it or cancel it');
    const jobId = randomUUID();
    const controller = new AbortController();
    const choice = { ...(req.scope ? { scope: req.scope } : {}), force: req.force ?? false };
    const done = this.runImport(jobId, req.paths, controller.signal, options.hiddenPrefix, choice).then(async (outcome) => {
      this.jobs.delete(jobId);
      if (!options.cleanup) return;
      if (outcome === 'cancelled') await options.cleanup();
      else this.atClose.push(options.cleanup);
    });
    this.jobs.set(jobId, { controller, done });
    return { jobId };
  }

  /** Writes the demo bundle into its temp folder (or finds it unchanged there) and imports it. */
  async openDemo(): Promise<ApiResponse<'demo.open'>> {
    if (this.jobs.size > 0) throw new MfwError('usage', 'an import is already running: wait for it or cancel it');
    const demo = await ensureDemoBundle(this.options.demoParent);
    return this.startImport({ paths: [demo.path] });
  }

  /** Resolves when every running import has ended (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }

  /** Imports a refused import's inputs again, narrowed or forced (`import.narrow`). */
  narrowImport(req: ApiRequest<'import.narrow'>): ApiResponse<'import.narrow'> {
    const refused = this.refused.get(req.jobId);
    if (!refused) throw new MfwError('usage', `no refused import ${req.jobId}`);
    if (!req.force && !isNarrowed(req.scope)) throw new MfwError('usage', 'choose a narrower import (a time window, hosts, sources or skipping unparsed lines) or force it');
    const started = this.startImport({ paths: [...refused.paths], ...(req.scope ? { scope: req.scope } : {}), ...(req.force ? { force: true } : {}) }, refused.hiddenPrefix ? { hiddenPrefix: refused.hiddenPrefix } : {});
    this.refused.delete(req.jobId);
    return started;
  }

  cancel(req: ApiRequest<'import.cancel'>): ApiResponse<'import.cancel'> {
    if (this.refused.delete(req.jobId)) return {}; // a refused import's choices declined
    const job = this.jobs.get(req.jobId);
    if (!job) throw new MfwError('usage', `no running import ${req.jobId}`);
    job.controller.abort();
    return {};
  }

  private async runImport(
    jobId: string, paths: readonly string[], signal: AbortSignal, hiddenPrefix: string | undefined, choice: { scope?: ImportScope; force: boolean },
  ): Promise<ApiEvent<'import.finished'>['outcome']> {
    const shown = (text: string): string => (hiddenPrefix ? text.split(hiddenPrefix).join('') : text);
    const lastFileId = async (): Promise<number> => Number((await this.options.store.query('SELECT coalesce(max(id), 0) FROM files')).rows[0]?.[0] ?? 0);
    try {
      const e = await estimateImport(paths, this.options.storeBudgetBytes ?? storeHeapLimitBytes());
      const estimate = {
        files: e.files.length, textBytes: e.textBytes, lines: e.lines, events: e.events, storeBytes: e.storeBytes, budgetBytes: e.budgetBytes, fits: e.fits,
        how: [...new Set(e.files.map((f) => f.how))],
      };
      this.emit('import.estimated', { jobId, estimate });
      if (!e.fits && !choice.force && !isNarrowed(choice.scope)) {
        this.refused.set(jobId, { paths, ...(hiddenPrefix ? { hiddenPrefix } : {}) });
        const gib = (bytes: number | null): string => (bytes === null ? '?' : `${(bytes / 2 ** 30).toFixed(2)} GiB`);
        const error = `this import would not fit in the store: ~${e.events} events need ~${gib(e.storeBytes)}, the store holds ${gib(e.budgetBytes)}; import less (a time window, some hosts or sources, skip unparsed lines) or import it all anyway`;
        this.emit('import.finished', { jobId, outcome: 'refused', error, warnings: [], bundle: null, estimate });
        return 'refused';
      }
      const before = await lastFileId();
      const rules = await this.ruleEditor.activeRules();
      const { analysis } = await analyze({
        inputs: paths,
        registry: await this.formats.registry(),
        store: this.options.store,
        time: {},
        signal,
        ...(rules ? { rules } : {}),
        onProgress: (p) => this.emit('import.progress', { jobId, ...p, file: shown(p.file) }),
        onWarning: (message) => this.emit('import.warning', { jobId, message: shown(message) }),
        shownPath: shown,
        ...(choice.scope ? { scope: choice.scope } : {}),
        ...(this.options.nowMs ? { nowMs: this.options.nowMs } : {}),
      });
      if (hiddenPrefix) {
        await this.options.store.query('UPDATE files SET input = replace(input, ?1, \'\'), path = replace(path, ?1, \'\') WHERE instr(path, ?1) > 0', [hiddenPrefix]);
        this.uploads.push({ fromId: before + 1, toId: await lastFileId(), folder: hiddenPrefix });
      }
      this.hosts = [...this.hosts, ...analysis.bundle.hosts.map((h) => ({ ...h, label: shown(h.label) }))];
      this.imported = true;
      this.annotations.forgetHistory();
      await this.pager.reset();
      this.emit('import.finished', {
        jobId, outcome: 'done', error: null, warnings: analysis.warnings.map(shown), bundle: await this.bundleSummary(),
        ...(analysis.skipped ? { skipped: analysis.skipped } : {}),
        ...(analysis.partial ? { partial: shown(analysis.partial.reason) } : {}),
      });
      return 'done';
    } catch (err) {
      const cancelled = err instanceof CancelledError;
      const message = shown(err instanceof MfwError ? err.describe() : String(err));
      await this.pager.reset().catch(() => undefined);
      this.emit('import.finished', { jobId, outcome: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : message, warnings: [], bundle: null });
      return cancelled ? 'cancelled' : 'failed';
    }
  }

  async bundleSummary(): Promise<BundleSummary> {
    const { store } = this.options;
    const span = (await store.query('SELECT count(*), min(ts), max(ts) FROM events')).rows[0] ?? [0, null, null];
    const memory = await store.memoryBytes();
    const files = (await store.query('SELECT count(*) FROM files')).rows[0]?.[0] ?? 0;
    const zones = new Set(this.hosts.map((h) => h.timezone));
    const num = (v: FieldValue | undefined): number | null => (v === null || v === undefined ? null : Number(v));
    return {
      timezone: zones.size === 1 ? [...zones][0]! : 'UTC',
      hosts: this.hosts.map((h) => ({ label: h.label, hostname: h.hostname, timezone: h.timezone, timezoneSource: h.timezoneSource, collected: h.collected })),
      events: Number(span[0]),
      files: Number(files),
      firstTs: num(span[1]),
      lastTs: num(span[2]),
      memory: { storeBytes: memory.databaseBytes, heapBytes: memory.heapBytes, heapLimitBytes: memory.heapLimitBytes },
    };
  }

  async eventsPage(req: ApiRequest<'events.page'>): Promise<ApiResponse<'events.page'>> {
    const page = await this.pager.page(req);
    const marks = await eventMarks(this.options.store, page.rows.map((r) => r.id));
    return { ...page, rows: page.rows.map((r) => ({ ...r, ...marks.get(r.id)! })) };
  }

  async eventsCount(req: ApiRequest<'events.count'>): Promise<ApiResponse<'events.count'>> {
    return { count: await this.pager.count(req.filter) };
  }

  async eventDetail(req: ApiRequest<'events.detail'>): Promise<EventDetail> {
    const { store } = this.options;
    const result = await store.query('SELECT * FROM events WHERE id = ?', [req.id]);
    const row = result.rows[0];
    if (!row) throw new MfwError('usage', `no event ${req.id}`);
    const fields = toObject(result.columns, row);
    const extra = parseExtra(fields.extra ?? null);
    const fileRow = fields.file_id === null ? undefined : (await store.query(`SELECT ${FILE_COLUMNS} FROM files WHERE id = ?`, [fields.file_id ?? null])).rows[0];
    const file = fileRow ? toFileSummary(fileRow) : null;
    const inferred = extra.ts_inferred;
    const eventNote = inferred === undefined || inferred === null ? null : `inferred, not in the line's stamp: ${String(inferred)}`;
    return { fields, extra, file, timeProvenance: [eventNote, file?.timeNote ?? null].filter((n) => n !== null).join('; ') || null };
  }

  /**
   * An event's raw lines, read again from the evidence. A read still running for another event
   * is stopped: it was for a row the user has left.
   */
  async eventRaw(req: ApiRequest<'events.raw'>): Promise<ApiResponse<'events.raw'>> {
    this.rawReading?.abort(new CancelledError('reading the raw line of an event left'));
    const reading = (this.rawReading = new AbortController());
    try {
      return await readEventRaw(this.options.store, await this.formats.registry(), this.evidence, req.id, reading.signal);
    } finally {
      if (this.rawReading === reading) this.rawReading = undefined;
    }
  }

  async facets(): Promise<ApiResponse<'events.facets'>> {
    const { store } = this.options;
    const counted = (rows: FieldValue[][]): { value: string; count: number }[] => rows.filter((r) => r[0] !== null).map((r) => ({ value: String(r[0]), count: Number(r[1]) }));
    const sources = await store.query('SELECT source, count(*) FROM events GROUP BY source ORDER BY 2 DESC');
    const hosts = await store.query('SELECT host, count(*) FROM events GROUP BY host ORDER BY 2 DESC', [], { maxRows: 500 });
    return { sources: counted(sources.rows), hosts: counted(hosts.rows) };
  }

  async files(): Promise<ApiResponse<'files.list'>> {
    const result = await this.options.store.query(`SELECT ${FILE_COLUMNS} FROM files ORDER BY id`);
    return { files: result.rows.map(toFileSummary) };
  }

  async findings(): Promise<ApiResponse<'findings.list'>> {
    const result = await this.options.store.query(
      `SELECT id, rule, severity, title, key, count, first_ts, last_ts, summary FROM findings
       ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, count DESC, id`,
    );
    return {
      findings: result.rows.map(([id, rule, severity, title, key, count, first, last, summary]) => ({
        id: Number(id), rule: String(rule), severity: String(severity),
        title: title === null || title === undefined ? null : String(title), key: key === null || key === undefined ? null : String(key),
        count: count === null || count === undefined ? null : Number(count),
        firstTs: first === null || first === undefined ? null : Number(first), lastTs: last === null || last === undefined ? null : Number(last),
        summary: summary === null || summary === undefined ? null : String(summary),
      })),
    };
  }

  async findingEvidence(req: ApiRequest<'findings.evidence'>): Promise<ApiResponse<'findings.evidence'>> {
    const result = await this.options.store.query(
      'SELECT e.id FROM finding_events fe JOIN events e ON e.id = fe.event_id WHERE fe.finding_id = ? ORDER BY e.ts, e.seq, e.id',
      [req.id],
      { maxRows: req.limit },
    );
    return { ids: result.rows.map((r) => Number(r[0])), truncated: result.truncated };
  }

  histogram(req: ApiRequest<'timeline.histogram'>): Promise<ApiResponse<'timeline.histogram'>> {
    return computeHistogram(this.options.store, req);
  }

  gaps(): Promise<ApiResponse<'timeline.gaps'>> {
    return computeGaps(this.options.store);
  }

  /** Cancels a running import, waits for it, frees the store, then removes the uploads kept. */
  async close(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort();
    this.rawReading?.abort(new CancelledError('reading a raw line'));
    await this.idle();
    await this.autosaver?.stop();
    await this.options.store.close();
    for (const cleanup of this.atClose.splice(0)) await cleanup();
  }
}
