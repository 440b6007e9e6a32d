import type { Analysis, AnalysisFile, BundleInfo } from '../../shared/types/analysis.js';
import { SOURCES, type Source } from '../../shared/types/event.js';
import { appendCaseLog } from './caselog/case-log.js';
import { computeCoverage } from './coverage.js';
import { CancelledError, isOutOfMemory } from './errors.js';
import type { ImportScope } from '../../shared/types/import-scope.js';
import { ScopeFilter } from './ingest/import-scope.js';
import type { CompiledFormat } from './formats/compile.js';
import type { FormatRegistry } from './formats/registry.js';
import { ExpansionBudget, DEFAULT_LIMITS, type ExpansionLimits } from './ingest/archive/expansion.js';
import { BundleFacts, isFactFile } from './ingest/bundle-facts.js';
import { EventSink } from './ingest/event-sink.js';
import { defaultZone, type TimeOptions } from './ingest/file-time.js';
import { detectMember, importMember, recordEvidence, type ImportedFile } from './ingest/import-file.js';
import { inputBytes, manifestSha256 } from './ingest/inputs.js';
import { walkInputs, type Bundle, type Member } from './ingest/walk.js';
import type { CompiledRule } from './rules/compiled.js';
import { runRules, saveFindings, toAnalysisFinding } from './rules/run.js';
import { RuleTap } from './rules/tap.js';
import type { Store } from './store/store.js';
import { formatIsoUtc } from './time/zone.js';

export interface AnalyzeProgress {
  /** The file being read (an archive member is `archive!/member`). */
  file: string;
  filesDone: number;
  /** Bytes of the inputs read from disk (compressed bytes for archives), of bytesTotal. */
  bytesDone: number;
  bytesTotal: number;
  lines: number;
  events: number;
}

export interface AnalyzeOptions {
  inputs: readonly string[];
  registry: FormatRegistry;
  store: Store;
  time: TimeOptions;
  limits?: ExpansionLimits;
  /** Cancels the import: what it wrote is removed, and analyze rejects with a CancelledError. */
  signal?: AbortSignal;
  /** Detection rules run once the import is done; their findings fill `findings` (table and JSON). */
  rules?: readonly CompiledRule[];
  onProgress?(progress: AnalyzeProgress): void;
  /** Each warning as it is found (file and line named); all of them are in the analysis too. */
  onWarning?(message: string): void;
  /** The clock of the case log's entry for this import (tests pass their own). */
  nowMs?: () => number;
  /** A path as the case log names it (an upload's temp folder is not part of its name). */
  shownPath?: (path: string) => string;
  /** A narrower import (docs/memory.md): events outside it are counted, not stored. */
  scope?: ImportScope;
}

export interface AnalyzeResult {
  analysis: Analysis;
  /** Events parsed by a format (not `unparsed`): 0 means nothing usable (exit code 4). */
  usableEvents: number;
  /**
   * What the rules cost in this thread: judging rows while they were imported, and the pass after
   * the import (which overlaps the store building its indexes when the rules were tapped).
   */
  detectionMs: { duringImport: number; afterImport: number };
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

/** One bundle as the import goes: its facts, its files, the newest full date seen in it. */
interface BundleState {
  facts: BundleFacts;
  fileIds: number[];
  newestDated: number | null;
  links: string[];
  notLogs: number;
  /** Files read from it, archives aside: a bundle of only an archive is not a host. */
  members: number;
}

/**
 * Imports every input (files, folders, archives, sos-reports) into the store and summarises it
 * as `mfw.analysis/1`. Each bundle (one host) has its own zone and year inference: --tz and
 * --year first, then the bundle's facts (etc/timezone, `date` …), then the newest full date of
 * its other files, then the file's mtime.
 */
export async function analyze(options: AnalyzeOptions): Promise<AnalyzeResult> {
  const { registry, store } = options;
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  const bundles = new Map<number, BundleState>();
  const files: ImportedFile[] = [];
  // Rules judge events as they are imported when the store starts empty (a fetch afterwards
  // would read exactly these rows); an import added to earlier ones fetches from the store.
  const storeIsEmpty = Number((await store.query('SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)')).rows[0]?.[0] ?? 0) === 0;
  const tap = options.rules && storeIsEmpty ? new RuleTap(options.rules) : undefined;
  const scope = ScopeFilter.of(options.scope);
  const sink = new EventSink(store, tap, scope);
  /** Set when the store filled up: the import stopped there, what was stored before is kept. */
  let partial: Analysis['partial'];
  const progress: AnalyzeProgress = { file: options.inputs[0] ?? '', filesDone: 0, bytesDone: 0, bytesTotal: await inputBytes(options.inputs), lines: 0, events: 0 };
  let lastReport = 0;
  const report = (force = false): void => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastReport < 100)) return;
    lastReport = now;
    options.onProgress({ ...progress, events: sink.eventsAdded });
  };
  const stateOf = (bundle: Bundle): BundleState => {
    let state = bundles.get(bundle.id);
    if (!state) bundles.set(bundle.id, (state = { facts: new BundleFacts(bundle), fileIds: [], newestDated: null, links: [], notLogs: 0, members: 0 }));
    return state;
  };
  const bundleOfFile = new Map<number, BundleState>();
  const foldedByFile = new Map<number, number>();
  let findings: Awaited<ReturnType<typeof runRules>>['findings'] = [];
  let detectionMs = { duringImport: 0, afterImport: 0 };
  /** Whether the store's indexes exist (a full store may leave them out). */
  let indexesBuilt = false;
  const buildIndexes = async (): Promise<void> => {
    await store.buildIndexes();
    indexesBuilt = true;
  };
  const keep = (state: BundleState, file: ImportedFile): void => {
    files.push(file);
    file.warnings.forEach(warn);
    bundleOfFile.set(file.id, state);
    state.fileIds.push(file.id);
    progress.filesDone++;
  };

  // Files this import adds have ids above this one: what a cancel removes.
  const before = Number((await store.query('SELECT coalesce(max(id), 0) FROM files')).rows[0]?.[0] ?? 0);
  const walk = walkInputs(options.inputs, {
    budget: new ExpansionBudget(options.limits ?? DEFAULT_LIMITS),
    signal: options.signal,
    warn,
    onInputBytes: (n) => {
      progress.bytesDone += n;
      report();
    },
    rank: (head, path) => {
      if (isFactFile(path)) return 0;
      return hasFullDates(detectMember(registry, { head, bundlePath: path }).format) ? 1 : 2;
    },
  });
  try {
    for await (const item of walk) {
      const state = stateOf(item.type === 'member' ? item.member.bundle : item.bundle);
      if (item.type === 'link') {
        state.facts.absorbLink(item.bundlePath, item.target);
        state.links.push(item.displayPath);
        continue;
      }
      if (item.type === 'archive') {
        keep(state, await recordEvidence(store, item, 'archive'));
        continue;
      }
      const member = item.member;
      state.members++;
      progress.file = member.displayPath;
      report(true);
      const file = await readMember(member, state);
      keep(state, file);
      if (file.storeFull) {
        partial = await stopPartial();
        break;
      }
    }
    // A cancel met while an archive's tail was only being hashed ends the walk quietly: say it here.
    if (options.signal?.aborted) throw new CancelledError('the import');
    if (partial) {
      await finishPartial();
    } else {
      // Every event is in; a step after the import that finds no memory left is skipped with a warning.
      const shortOfMemory = <T>(what: string, instead: T) => (err: unknown): T => {
        if (!isOutOfMemory(err)) throw err;
        warn(`the store's memory is full: ${what} could not be built (${(err as Error).message}); every event is loaded and can be queried`);
        return instead;
      };
      const fold = await store.foldCopies().catch(shortOfMemory('the fold of copies', { folded: 0, byFile: [], removedIds: [], elapsedMs: 0 }));
      for (const { fileId, folded } of fold.byFile) foldedByFile.set(fileId, folded);
      // Queued in the store's thread in this order; the tapped rules are judged in this thread
      // meanwhile, while the store builds its indexes.
      const indexed = buildIndexes().catch(shortOfMemory('the indexes (queries are slower without them)', undefined));
      const hostOfFile = new Map<number, string>();
      const hostsAssigned: Promise<void>[] = [];
      for (const state of bundles.values()) {
        const host = state.facts.hostnameFact();
        if (!host) continue;
        hostsAssigned.push(store.assignHost(state.fileIds, host));
        for (const id of state.fileIds) hostOfFile.set(id, host);
      }
      for (const pending of [indexed, ...hostsAssigned]) pending.catch(() => undefined); // awaited, and thrown, below
      let rulesMs = performance.now();
      if (options.rules) {
        tap?.finish(fold.removedIds, hostOfFile);
        findings = (await runRules(store, options.rules, tap ? { tap } : {}).catch(shortOfMemory('the detection rules\' findings', { findings: [] }))).findings;
      }
      rulesMs = performance.now() - rulesMs;
      await Promise.all([indexed, ...hostsAssigned]);
      let savedMs = performance.now();
      if (options.rules) await saveFindings(store, findings).catch(shortOfMemory('the findings\' table', undefined));
      savedMs = performance.now() - savedMs;
      detectionMs = { duringImport: tap?.judgeMs ?? 0, afterImport: options.rules ? rulesMs + savedMs : 0 };
    }
  } catch (err) {
    if (err instanceof CancelledError) {
      const added = await store.query('SELECT id FROM files WHERE id > ?', [before]);
      await store.discardFiles(added.rows.map((r) => Number(r[0])));
    }
    throw err;
  }

  /**
   * The store is full: this import's events from the first one not stored on are removed (a
   * batch sent after the failing one may have got in), so what is kept ends at one line.
   */
  async function stopPartial(): Promise<NonNullable<Analysis['partial']>> {
    const full = sink.full!;
    await store.query('DELETE FROM events WHERE seq >= ? AND file_id > ?', [full.seq, before]).catch(() => undefined);
    const path = files.find((f) => f.id === full.fileId)?.path ?? `file ${full.fileId}`;
    const kept = Number((await store.query('SELECT count(*) FROM events WHERE file_id > ?', [before])).rows[0]?.[0] ?? 0);
    const limit = (await store.memoryBytes()).heapLimitBytes;
    const reason = `the store's memory${limit ? ` (a ${(limit / 2 ** 30).toFixed(2)} GiB WebAssembly heap)` : ''} is full: the import stopped at ${path}:${full.line}; ` +
      `the ${kept} events before it are kept and can be queried; the files after it were not read. Import less: a time window, some hosts or sources, or skip unparsed lines`;
    warn(`partial import: ${reason}`);
    return { reason, file: path, line: full.line, eventsKept: kept };
  }

  /**
   * What a full store can still do: each step after the import is tried and, when there is no
   * memory left for it, skipped with a warning (queries work without indexes, only slower).
   */
  async function finishPartial(): Promise<void> {
    const hostsOf = [...bundles.values()].map((state) => [state.facts.hostnameFact(), state.fileIds] as const);
    const steps: [string, () => Promise<unknown>][] = [
      ['the indexes', buildIndexes],
      ['the bundle host names', () => Promise.all(hostsOf.filter(([h]) => h).map(([h, ids]) => store.assignHost(ids, h!)))],
      ...(options.rules ? [['the detection rules', async () => saveFindings(store, (findings = (await runRules(store, options.rules!, {})).findings))] as [string, () => Promise<unknown>]] : []),
    ];
    for (const [what, step] of steps) {
      try {
        await step();
      } catch (err) {
        warn(`partial import: ${what} could not be built with the store full (${(err as Error).message})`);
      }
    }
  }

  async function readMember(member: Member, state: BundleState): Promise<ImportedFile> {
    const facts = state.facts;
    sink.bundleHost = facts.hostnameFact();
    facts.notePath(member.bundlePath, member.displayPath);
    const isFact = isFactFile(member.bundlePath);
    if (isFact) facts.absorbFile(member.bundlePath, member.head.toString('utf8'));
    const detection = isFact ? undefined : detectMember(registry, member);
    if (!detection || !facts.isLogCandidate(member.bundlePath, detection.format !== undefined)) {
      if (detection) state.notLogs++;
      return recordEvidence(store, { ...member, ...(await member.finish()) }, 'not-a-log');
    }
    facts.noteLogRead();
    const time = bundleTime(state);
    const file = await importMember(member, { registry, store, sink, time, signal: options.signal, onLines: (n) => (progress.lines += n) }, detection);
    if (hasFullDates(detection.format) && file.lastTs !== null) state.newestDated = Math.max(state.newestDated ?? file.lastTs, file.lastTs);
    return file;
  }

  function bundleTime(state: BundleState): TimeOptions {
    const collected = state.facts.collected();
    const reference =
      options.time.reference ??
      (collected ? { ms: collected.ms, reason: `the bundle's collection time, from ${collected.source}` } : undefined) ??
      (state.newestDated !== null ? { ms: state.newestDated, reason: 'the newest dated stamp of the other files' } : undefined);
    return { ...options.time, bundleZone: state.facts.zoneFact() ?? options.time.bundleZone, reference };
  }

  const hosts = [...bundles.values()].filter((s) => s.members > 0).map((s) => bundleInfo(s, options.time, warn));
  const names = new Set(hosts.map((h) => h.hostname));
  const zones = new Set(hosts.map((h) => h.timezone));
  const first = hosts[0];
  const summary = await summariseEvents(store, indexesBuilt);
  const analysis: Analysis = {
    schema: 'mfw.analysis/1',
    inputs: summariseInputs(options.inputs, files),
    bundle: {
      hostname: names.size === 1 ? (first?.hostname ?? null) : null,
      timezone: zones.size === 1 && first ? first.timezone : defaultZone(options.time).zone,
      collected: hosts.length === 1 ? (first?.collected ?? null) : null,
      hosts,
      // With the store full, the coverage map may not fit either: the import's summary still stands.
      coverage: await computeCoverage(store).catch((err: unknown) => {
        if (!partial && !isOutOfMemory(err)) throw err;
        warn(`${partial ? 'partial import: ' : ''}the coverage map could not be built with the store full (${(err as Error).message})`);
        return [];
      }),
    },
    files: files.map((f) => toAnalysisFile(f, bundleOfFile.get(f.id)?.facts.hostnameFact() ?? null, foldedByFile.get(f.id) ?? 0)),
    events: summary.events,
    findings: findings.map(toAnalysisFinding),
    warnings,
    ...(scope ? { scope: scope.scope, skipped: { ...scope.skipped } } : {}),
    ...(partial ? { partial } : {}),
  };
  const shown = options.shownPath ?? ((path: string) => path);
  await appendCaseLog(store, 'import', {
    inputs: options.inputs.map(shown),
    files: files.map((f) => ({ path: shown(f.path), sha256: f.sha256, bytes: f.bytes })),
    events: analysis.events.total,
    rules: options.rules?.map((r) => r.meta.id) ?? [],
    findings: findings.length,
  }, (options.nowMs ?? Date.now)()).catch((err: unknown) => {
    if (!partial && !isOutOfMemory(err)) throw err;
    warn(`${partial ? 'partial import: ' : ''}the case log entry could not be written with the store full (${(err as Error).message})`);
  });
  return { analysis, usableEvents: summary.usable, detectionMs };
}

/** A bundle's facts for the JSON, with the warnings a user must see about them. */
function bundleInfo(state: BundleState, time: TimeOptions, warn: (message: string) => void): BundleInfo {
  const info = state.facts.info(defaultZone(time).zone);
  const label = info.label;
  if (time.tz) {
    info.timezone = time.tz;
    info.timezoneSource = '--tz';
  } else if (!info.timezoneSource) {
    warn(`${label}: no --tz given and no zone in the bundle: stamps without a zone are read in this machine's zone, ${info.timezone}`);
  } else if (state.facts.lateZone) {
    warn(`${label}: its zone (${info.timezone}, ${info.timezoneSource}) was found after some of its logs were read in another zone; give --tz ${info.timezone} to read them all in it`);
  }
  if (state.links.length) {
    const shown = state.links.slice(0, 3).join(', ');
    warn(`${label}: ${state.links.length} symbolic or hard link(s) not followed (a link is not a file): ${shown}${state.links.length > 3 ? ', …' : ''}`);
  }
  if (state.notLogs) warn(`${label}: ${state.notLogs} member(s) outside the log folders (configuration, command output) hashed and listed, not imported`);
  return info;
}

function summariseInputs(inputs: readonly string[], files: readonly ImportedFile[]): Analysis['inputs'] {
  return inputs.map((input) => {
    const members = files.filter((f) => f.input === input);
    const single = members.find((f) => f.path === input);
    return {
      path: input,
      sha256: single ? single.sha256 : manifestSha256(members),
      bytes: single ? single.bytes : members.reduce((n, f) => n + f.bytes, 0),
      mtime: single ? iso(single.mtimeMs) : null,
    };
  });
}

function toAnalysisFile(f: ImportedFile, host: string | null, folded: number): AnalysisFile {
  return {
    path: f.path,
    format: f.format,
    source: f.source,
    host,
    sha256: f.sha256,
    bytes: f.bytes,
    mtime: iso(f.mtimeMs),
    lines: f.lines,
    events: f.events,
    continuation: f.continuation,
    ignored: f.ignored,
    unparsed: f.unparsed,
    folded,
    ...(f.skipped !== undefined ? { skipped: f.skipped } : {}),
    first: iso(f.firstTs),
    last: iso(f.lastTs),
    time: f.timeNote,
    warnings: f.warnings,
  };
}

/**
 * The events' totals. With the indexes built, the span and the counts by source come from them
 * and only the parsed rows are counted by a scan (a million events: 157 ms, not 365 ms). Without
 * them, one scan gives all, with no sort: with the store full after a partial import, a GROUP BY
 * could not get the memory to sort (docs/memory.md), nor would a scan per source be quick.
 */
async function summariseEvents(store: Store, indexed: boolean): Promise<{ events: Analysis['events']; usable: number }> {
  const sql = indexed
    ? `SELECT (SELECT count(*) FROM events), (SELECT min(ts) FROM events), (SELECT max(ts) FROM events),
        (SELECT count(*) FROM events WHERE format <> 'unparsed'), ${SOURCES.map(() => '(SELECT count(*) FROM events WHERE source = ?)').join(', ')}`
    : `SELECT count(*), min(ts), max(ts), sum(format <> 'unparsed'), ${SOURCES.map(() => 'sum(source = ?)').join(', ')} FROM events`;
  const row = (await store.query(sql, [...SOURCES])).rows[0] ?? [];
  const [total, first, last, usable] = row;
  const bySource: Partial<Record<Source, number>> = {};
  for (const [i, source] of SOURCES.entries()) {
    const count = Number(row[4 + i] ?? 0);
    if (count > 0) bySource[source] = count;
  }
  return {
    events: {
      total: Number(total ?? 0),
      bySource,
      first: iso(first === null || first === undefined ? null : Number(first)),
      last: iso(last === null || last === undefined ? null : Number(last)),
    },
    usable: Number(usable ?? 0),
  };
}
