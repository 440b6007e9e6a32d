import type { Analysis, AnalysisFile } from '../../shared/types/analysis.js';
import { SOURCES, type Source } from '../../shared/types/event.js';
import type { CompiledFormat } from './formats/compile.js';
import type { Detection } from './formats/detect.js';
import type { FormatRegistry } from './formats/registry.js';
import { EventSink } from './ingest/event-sink.js';
import { defaultZone, type TimeOptions } from './ingest/file-time.js';
import { importFile, peekFormat, type FileToImport, type ImportedFile } from './ingest/import-file.js';
import { expandInputs, manifestSha256 } from './ingest/inputs.js';
import type { CompiledRule } from './rules/compiled.js';
import { runRules, saveFindings, toAnalysisFinding } from './rules/run.js';
import type { Store } from './store/store.js';
import { formatIsoUtc } from './time/zone.js';

export interface AnalyzeProgress {
  file: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface AnalyzeOptions {
  inputs: readonly string[];
  registry: FormatRegistry;
  store: Store;
  time: TimeOptions;
  /** Detection rules run once the import is done; their findings fill `findings` (table and JSON). */
  rules?: readonly CompiledRule[];
  onProgress?(progress: AnalyzeProgress): void;
}

export interface AnalyzeResult {
  analysis: Analysis;
  /** Events parsed by a format (not `unparsed`): 0 means nothing usable (exit code 4). */
  usableEvents: number;
}

/** Whether every stamp of the format carries its year (so it can date year-less files). */
function hasFullDates(format: CompiledFormat | undefined): boolean {
  if (!format) return false;
  if (format.def.decoder) return true;
  return format.def.timestamp?.layouts.every((l) => /yyyy|^iso8601$|^epoch-/.test(l)) ?? false;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : formatIsoUtc(ms);
}

/**
 * Imports every input into the store and summarises it as `mfw.analysis/1`. Files whose stamps
 * carry a year go first, so their newest stamp can date the year-less ones when nothing better
 * (--year, the bundle's collection time) is known.
 */
export async function analyze(options: AnalyzeOptions): Promise<AnalyzeResult> {
  const { registry, store } = options;
  const expanded = await expandInputs(options.inputs);
  const warnings = [...expanded.warnings];
  const zone = defaultZone(options.time);
  if (zone.fromMachine) warnings.push(`no --tz given: stamps without a zone are read in this machine's zone, ${zone.zone}`);

  const detections = new Map<FileToImport, Detection>();
  for (const file of expanded.files) detections.set(file, await peekFormat(registry, file));
  const ordered = [...expanded.files].sort((a, b) => Number(hasFullDates(detections.get(b)?.format)) - Number(hasFullDates(detections.get(a)?.format)));

  const sink = new EventSink(store);
  const time: TimeOptions = { ...options.time };
  const bytesTotal = expanded.files.reduce((n, f) => n + f.bytes, 0);
  let bytesBefore = 0;
  const imported = new Map<FileToImport, ImportedFile>();
  let newestDated: number | null = null;
  for (const [index, file] of ordered.entries()) {
    if (time.year === undefined && !time.reference && newestDated !== null && !hasFullDates(detections.get(file)?.format)) {
      time.reference = { ms: newestDated, reason: 'the newest dated stamp of the other files' };
    }
    const result = await importFile(file, {
      registry,
      store,
      sink,
      time,
      onBytes: (f, done) => options.onProgress?.({ file: f.displayPath, filesDone: index, filesTotal: ordered.length, bytesDone: bytesBefore + done, bytesTotal }),
    }, detections.get(file)!);
    bytesBefore += file.bytes;
    imported.set(file, result);
    warnings.push(...result.warnings);
    if (hasFullDates(detections.get(file)?.format) && result.lastTs !== null) newestDated = Math.max(newestDated ?? result.lastTs, result.lastTs);
  }
  await store.finishImport();
  const findings = options.rules ? (await runRules(store, options.rules)).findings : [];
  if (options.rules) await saveFindings(store, findings);

  const files = expanded.files.map((f) => imported.get(f)!);
  const analysis: Analysis = {
    schema: 'mfw.analysis/1',
    inputs: summariseInputs(options.inputs, files),
    bundle: { hostname: null, timezone: zone.zone, collected: null },
    files: files.map(toAnalysisFile),
    events: await summariseEvents(store),
    findings: findings.map(toAnalysisFinding),
    warnings,
  };
  const usable = await store.query("SELECT count(*) FROM events WHERE format <> 'unparsed'");
  return { analysis, usableEvents: Number(usable.rows[0]?.[0] ?? 0) };
}

function summariseInputs(inputs: readonly string[], files: readonly ImportedFile[]): Analysis['inputs'] {
  return inputs.map((input) => {
    const members = files.filter((f) => f.input === input);
    const single = members.length === 1 && members[0]!.path === input ? members[0] : undefined;
    return {
      path: input,
      sha256: single ? single.sha256 : manifestSha256(members),
      bytes: members.reduce((n, f) => n + f.bytes, 0),
    };
  });
}

function toAnalysisFile(f: ImportedFile): AnalysisFile {
  return {
    path: f.path,
    format: f.format,
    source: f.source,
    sha256: f.sha256,
    bytes: f.bytes,
    lines: f.lines,
    events: f.events,
    continuation: f.continuation,
    ignored: f.ignored,
    unparsed: f.unparsed,
    first: iso(f.firstTs),
    last: iso(f.lastTs),
    time: f.timeNote,
    warnings: f.warnings,
  };
}

async function summariseEvents(store: Store): Promise<Analysis['events']> {
  const bySource: Partial<Record<Source, number>> = {};
  const rows = await store.query('SELECT source, count(*) FROM events GROUP BY source');
  for (const [source, count] of rows.rows) {
    if (SOURCES.includes(source as Source)) bySource[source as Source] = Number(count);
  }
  const span = await store.query('SELECT count(*), min(ts), max(ts) FROM events');
  const [total, first, last] = span.rows[0] ?? [0, null, null];
  return {
    total: Number(total),
    bySource,
    first: iso(first === null || first === undefined ? null : Number(first)),
    last: iso(last === null || last === undefined ? null : Number(last)),
  };
}
