import type { ApiRequest, ApiResponse } from '../../../shared/api.js';
import { FormatDefinitionSchema } from '../../../shared/types/format-definition.js';
import { DefinitionError, MfwError } from '../errors.js';
import type { EvidenceReader } from '../evidence/evidence-reader.js';
import { formatFileText, readFormatFile } from '../formats/format-file.js';
import { samplesFromLines } from '../formats/format-samples.js';
import { testFormat } from '../formats/format-tester.js';
import type { TimeOptions } from '../ingest/file-time.js';
import type { CompiledRule } from '../rules/compiled.js';
import { runRules, saveFindings } from '../rules/run.js';
import type { Store } from '../store/store.js';
import { isValidTimeZone } from '../time/zone.js';
import { archivesAround, FILE_COLUMNS, toEvidenceFile } from './event-raw.js';
import { reparseUnparsed } from './reparse.js';
import type { UserFormats } from './user-formats.js';

export interface FormatEditorOptions {
  store: Store;
  formats: UserFormats;
  evidence: EvidenceReader;
  /** The detection rules that run now (the session's saved rules included); undefined: none. */
  rules(): Promise<readonly CompiledRule[] | undefined>;
  /** The zone of the loaded bundles when they agree on one (stamps without a zone), else null. */
  bundleZone(): string | null;
  /** An import is running (a re-parse waits for it to end). */
  busy(): boolean;
  /** Called after events changed (re-parse): cached pages are stale. */
  changed(): Promise<void>;
}

/**
 * The formats.* methods: the format editor's live test on sample lines, its samples from loaded
 * files, user formats saved, exported and imported, and unparsed lines re-parsed with them.
 */
export class FormatEditor {
  constructor(private readonly options: FormatEditorOptions) {}

  /** The registry imports use: shipped formats and the user's. */
  registry(): ReturnType<UserFormats['registry']> {
    return this.options.formats.registry();
  }

  /** The store now holds another session: its user formats are read again when next needed. */
  forgetUserFormats(): void {
    this.options.formats.forget();
  }

  async list(): Promise<ApiResponse<'formats.list'>> {
    return { formats: await this.options.formats.list() };
  }

  async test(req: ApiRequest<'formats.test'>): Promise<ApiResponse<'formats.test'>> {
    return testFormat(req.definition, req.lines, await this.registry(), await this.timeOptions(req));
  }

  async samples(req: ApiRequest<'formats.samples'>): Promise<ApiResponse<'formats.samples'>> {
    const { store } = this.options;
    const found = await store.query(`SELECT f.unparsed, ${FILE_COLUMNS} FROM files f WHERE f.id = ?`, [req.fileId]);
    const row = found.rows[0];
    if (!row) throw new MfwError('usage', `no file ${req.fileId}`);
    const file = toEvidenceFile(row, 1);
    const unparsed = Number(row[0] ?? 0);
    if (req.unparsedOnly) {
      const lines = await store.query("SELECT line, raw FROM events WHERE file_id = ? AND format = 'unparsed' ORDER BY line LIMIT ?", [req.fileId, req.limit]);
      return { path: file.path, unparsed, unavailable: null, lines: lines.rows.map(([line, raw]) => ({ line: Number(line), text: typeof raw === 'string' ? raw : '' })) };
    }
    // Parsed lines are not in the store: the file's first lines are read from the evidence, checked as for a raw line.
    const read = await this.options.evidence.readRecord({ file, archives: await archivesAround(store, file), line: 1, span: { kind: 'lines', count: req.limit } });
    if (read.status !== 'ok') return { path: file.path, unparsed, unavailable: read.reason, lines: [] };
    return { path: file.path, unparsed, unavailable: null, lines: read.lines.map((text, i) => ({ line: i + 1, text })) };
  }

  async save(req: ApiRequest<'formats.save'>): Promise<ApiResponse<'formats.save'>> {
    const draft = req.definition;
    let samples = draft.samples;
    if (samples.length === 0) {
      const zone = req.tz ?? this.options.bundleZone() ?? 'UTC';
      samples = samplesFromLines(draft, req.sampleLines ?? [], await this.registry(), await this.timeOptions(req), zone);
      if (samples.length === 0) throw new DefinitionError('samples: a saved format carries at least one sample, and none of the sample lines is parsed by it', `user format ${draft.id}`);
    }
    return this.options.formats.save(FormatDefinitionSchema.parse({ ...draft, samples }));
  }

  async remove(req: ApiRequest<'formats.delete'>): Promise<ApiResponse<'formats.delete'>> {
    await this.options.formats.remove(req.id);
    return {};
  }

  async reparse(req: ApiRequest<'formats.reparse'>): Promise<ApiResponse<'formats.reparse'>> {
    const { store } = this.options;
    if (this.options.busy()) throw new MfwError('usage', 'an import is running: re-parse when it has ended');
    const registry = await this.registry();
    const format = registry.get(req.formatId);
    if (!format) throw new MfwError('usage', `no format "${req.formatId}"`);
    if (format.kind !== 'line' || format.def.decoder) throw new MfwError('usage', `${format.id} is not a line format with patterns: unparsed lines are re-parsed by a line format`);
    const time = await this.timeOptions(req);
    const files = await reparseUnparsed(store, registry, format, req.fileIds, () => Promise.resolve(time));
    const events = files.reduce((n, f) => n + f.events, 0);
    let findings: number | null = null;
    if (events > 0) {
      await this.options.changed();
      const rules = await this.options.rules();
      if (rules) {
        const run = await runRules(store, rules);
        await saveFindings(store, run.findings);
        findings = run.findings.length;
      }
    }
    return { files, events, unparsed: files.reduce((n, f) => n + f.unparsed, 0), findings };
  }

  async export(req: ApiRequest<'formats.export'>): Promise<ApiResponse<'formats.export'>> {
    const format = (await this.registry()).get(req.id);
    if (!format) throw new MfwError('usage', `no format "${req.id}"`);
    return formatFileText(format.def, req.as);
  }

  async import(req: ApiRequest<'formats.import'>): Promise<ApiResponse<'formats.import'>> {
    const file = readFormatFile(req.text, req.fileName);
    return this.options.formats.save(file.format.def, req.fileName, (path) => file.lineOf(path));
  }

  /**
   * Zone and year for stamps that lack them: the request's, else the bundle's zone (UTC when
   * the loaded bundles disagree or name none: the editor must not depend on this machine), and
   * for the year the newest loaded event as the reference.
   */
  private async timeOptions(req: { tz?: string | undefined; year?: number | undefined }): Promise<TimeOptions> {
    if (req.tz !== undefined && !isValidTimeZone(req.tz)) throw new MfwError('usage', `"${req.tz}" is not a time zone (an IANA name such as UTC or Europe/Berlin)`);
    const bundle = this.options.bundleZone();
    const time: TimeOptions = {
      bundleZone: req.tz !== undefined ? { zone: req.tz, reason: 'chosen in the format editor' } : bundle !== null ? { zone: bundle, reason: "the loaded bundle's zone" } : { zone: 'UTC', reason: 'no zone chosen and none agreed by the loaded bundles' },
    };
    if (req.year !== undefined) return { ...time, year: req.year };
    // ORDER BY … LIMIT 1 walks the ts index from its end: no scan of every event at each keystroke.
    const newest = (await this.options.store.query("SELECT ts FROM events WHERE ts IS NOT NULL AND format <> 'unparsed' ORDER BY ts DESC LIMIT 1")).rows[0]?.[0];
    return typeof newest === 'number' ? { ...time, reference: { ms: newest, reason: 'the newest loaded event' } } : time;
  }
}
