/**
 * The one contract between the renderer and the engine (docs/api.md). Every request, response
 * and event is a zod schema; hosts validate what crosses their boundary with these schemas, and
 * the types below are inferred from them, never written twice.
 */
import { z } from 'zod';
import { ANNOTATION_METHODS, AnnotationsChangedSchema, TagSchema } from './api-annotations.js';
import { FORMAT_METHODS } from './api-formats.js';
import { CONSOLE_METHODS } from './api-console.js';
import { GapsSchema, HistogramOptionsSchema, HistogramSchema } from './api-timeline.js';
import { REPORT_METHODS } from './api-report.js';
import { RULE_METHODS } from './api-rules.js';
import { SOURCES } from './types/event.js';
import { SKIP_REASONS, type ImportScope, type SkipReason } from './types/import-scope.js';

export const FieldValueSchema = z.union([z.string(), z.number(), z.null()]);

/** Quick filters of the Events screen; every one is optional and they combine with AND. */
export const EventFilterSchema = z.strictObject({
  sources: z.array(z.enum(SOURCES)).max(SOURCES.length).optional(),
  host: z.string().min(1).max(256).optional(),
  fromMs: z.number().optional(),
  toMs: z.number().optional(),
  /** Matches src_ip or dst_ip exactly. */
  ip: z.string().min(1).max(64).optional(),
  /** Full-text search over messages (`events_fts MATCH`). */
  text: z.string().min(1).max(1000).optional(),
  /** An SQL expression over the events columns, as typed in the WHERE box. */
  where: z.string().min(1).max(10_000).optional(),
  /** Only the evidence events of this finding. */
  findingId: z.number().int().optional(),
  /** Only bookmarked (starred) events. */
  starred: z.literal(true).optional(),
  /** Only events carrying this tag. */
  tag: TagSchema.optional(),
});

/**
 * Columns the Events table sorts by (`events` column names). `ts` sorts by (ts, seq, id), any
 * other column by (column, id); NULL is the smallest value (first ascending, last descending),
 * as SQLite orders it.
 */
export const SORT_COLUMNS = ['ts', 'host', 'source', 'program', 'src_ip', 'dst_ip', 'user', 'status', 'message'] as const;
export const SortColumnSchema = z.enum(SORT_COLUMNS);

/**
 * Where a page ended: the next page starts after this row in the sort order. `value` is the
 * row's value of the sort column, needed when the sort is not by time.
 */
export const EventCursorSchema = z.strictObject({ ts: z.number().nullable(), seq: z.number(), id: z.number().int(), value: FieldValueSchema.optional() });

export const EventSummarySchema = z.strictObject({
  id: z.number().int(),
  ts: z.number().nullable(),
  seq: z.number(),
  source: z.string(),
  host: z.string().nullable(),
  program: z.string().nullable(),
  src_ip: z.string().nullable(),
  src_port: z.number().nullable(),
  dst_ip: z.string().nullable(),
  dst_port: z.number().nullable(),
  user: z.string().nullable(),
  status: z.number().nullable(),
  message: z.string().nullable(),
  /** Annotations (docs/schema.md): bookmarked, its tags, whether it has a note. */
  starred: z.boolean(),
  tags: z.array(z.string()),
  noted: z.boolean(),
});

export const FileSummarySchema = z.strictObject({
  id: z.number().int(),
  path: z.string(),
  format: z.string().nullable(),
  source: z.string().nullable(),
  host: z.string().nullable(),
  bytes: z.number().nullable(),
  lines: z.number().nullable(),
  events: z.number().nullable(),
  unparsed: z.number().nullable(),
  firstTs: z.number().nullable(),
  lastTs: z.number().nullable(),
  timeNote: z.string().nullable(),
});

export const EventDetailSchema = z.strictObject({
  /** Every column of the row, `extra` parsed into `extra`. */
  fields: z.record(z.string(), FieldValueSchema),
  extra: z.record(z.string(), FieldValueSchema),
  file: FileSummarySchema.nullable(),
  /** How the stamp became UTC: the event's own note (extra.ts_inferred), else the file's. */
  timeProvenance: z.string().nullable(),
});

/**
 * An event's raw text, read again from the evidence (parsed lines are not kept in the store):
 * the lines of its record, or why they cannot be shown. A line is never shown from evidence
 * that differs from what was imported.
 */
export const EventRawSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('ok'),
    /** The record's lines, without their line ends; a line over 64 KiB is cut (`cut`). */
    lines: z.array(z.string()),
    firstLine: z.number().int(),
    /** The file as named in `files.path`. */
    path: z.string(),
    /** `store`: an unparsed line, kept in the store; `file`: a plain file, read at the line; `stream`: decompressed or read out of an archive, from its start. */
    from: z.enum(['store', 'file', 'stream']),
    /** How the evidence was checked to be what was imported. */
    verified: z.enum(['stored', 'sha256', 'size-mtime']),
    cut: z.boolean(),
  }),
  z.strictObject({ status: z.literal('unavailable'), path: z.string().nullable(), reason: z.string() }),
]);

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

export const FindingSchema = z.strictObject({
  id: z.number().int(),
  rule: z.string(),
  severity: z.string(),
  title: z.string().nullable(),
  key: z.string().nullable(),
  count: z.number().nullable(),
  firstTs: z.number().nullable(),
  lastTs: z.number().nullable(),
  summary: z.string().nullable(),
});

export const HostSummarySchema = z.strictObject({
  label: z.string(),
  hostname: z.string().nullable(),
  timezone: z.string(),
  timezoneSource: z.string().nullable(),
  collected: z.string().nullable(),
});

export const BundleSummarySchema = z.strictObject({
  timezone: z.string(),
  hosts: z.array(HostSummarySchema),
  events: z.number().int(),
  files: z.number().int(),
  firstTs: z.number().nullable(),
  lastTs: z.number().nullable(),
  /** The store's size and the WASM heap it lives in, against the heap's limit (null: not known). */
  memory: z.strictObject({ storeBytes: z.number(), heapBytes: z.number().nullable(), heapLimitBytes: z.number().nullable() }),
});

export const CountedSchema = z.strictObject({ value: z.string(), count: z.number().int() });

/** What a session file keeps of the window: the screen worked in and the Events filter. */
export const UiStateSchema = z.strictObject({ screen: z.string().max(32), filter: EventFilterSchema });
export type UiState = z.infer<typeof UiStateSchema>;

/** The formats events are exported in (docs/exports.md). */
export const EXPORT_FORMATS = ['csv', 'jsonl', 'timesketch', 'ecs'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const JobRefSchema = z.strictObject({ jobId: z.string().min(1).max(64) });

/** A narrower import (shared/types/import-scope.ts, docs/memory.md). */
export const ImportScopeSchema = z.strictObject({
  sinceMs: z.number().optional(),
  untilMs: z.number().optional(),
  hosts: z.array(z.string().min(1).max(256)).max(256).optional(),
  sources: z.array(z.enum(SOURCES)).max(SOURCES.length).optional(),
  skipUnparsed: z.boolean().optional(),
}) satisfies z.ZodType<ImportScope>;

/** Events left out by an import's scope, by reason. */
export const SkippedCountsSchema = z.strictObject(
  Object.fromEntries(SKIP_REASONS.map((r) => [r, z.number().int()])) as Record<SkipReason, z.ZodNumber>,
);

/** What an import would hold in the store, estimated from the bundle before loading it (docs/memory.md). */
export const ImportEstimateSchema = z.strictObject({
  files: z.number().int(),
  textBytes: z.number(),
  lines: z.number(),
  events: z.number(),
  storeBytes: z.number(),
  budgetBytes: z.number().nullable(),
  fits: z.boolean(),
  /** How sizes were found: file-size, gzip-isize, xz-index, zip-directory, tar-headers, assumed-ratio. */
  how: z.array(z.string()),
});
export type ImportEstimate = z.infer<typeof ImportEstimateSchema>;

/** What to import: the whole of the inputs, a narrower scope, or (`force`) all of a bundle that would not fit. */
const ImportChoiceSchema = { scope: ImportScopeSchema.optional(), force: z.boolean().optional() };
const EmptySchema = z.strictObject({});

/** Request and response schemas, by method name (`area.verb`). */
export const API_METHODS = {
  'session.info': {
    req: EmptySchema,
    res: z.strictObject({
      version: z.string(),
      bundle: BundleSummarySchema.nullable(),
      importing: z.boolean(),
      /** The previous run's autosave (after a crash, or of the last session before quitting), to offer; null if none. */
      recovered: z.strictObject({ path: z.string(), savedMs: z.number(), bytes: z.number().int() }).nullable(),
      /** Why the last autosave failed, or null. */
      autosaveError: z.string().nullable(),
      /** Session files saved or opened lately that still exist, most recent first. */
      recentSessions: z.array(z.string()),
    }),
  },
  'import.paths': { req: z.strictObject({ paths: z.array(z.string().min(1).max(4096)).min(1).max(256), ...ImportChoiceSchema }), res: JobRefSchema },
  'import.cancel': { req: JobRefSchema, res: EmptySchema },
  /**
   * Imports again the inputs of an import refused as over the store budget (`outcome: 'refused'`),
   * narrowed by `scope` or forced; a new job.
   */
  'import.narrow': { req: z.strictObject({ jobId: z.string().min(1).max(64), ...ImportChoiceSchema }), res: JobRefSchema },
  /**
   * Imports the demo case (docs/walkthrough.md): writes the demo bundle into its temp folder on
   * the engine's machine (or finds it unchanged there), then imports it as `import.paths` does.
   */
  'demo.open': { req: EmptySchema, res: JobRefSchema },
  /**
   * Saves everything (events, files, findings, annotations…) as one `.mfw` file on the engine's
   * machine, atomically, with the window's state (`ui`) when the window saves it.
   */
  'session.save': { req: z.strictObject({ path: z.string().min(1).max(4096), ui: UiStateSchema.optional() }), res: z.strictObject({ path: z.string(), bytes: z.number().int() }) },
  /** Replaces what is loaded with a `.mfw` session file; the evidence is not needed. */
  'session.open': { req: z.strictObject({ path: z.string().min(1).max(4096) }), res: z.strictObject({ bundle: BundleSummarySchema, ui: UiStateSchema.nullable() }) },
  /** Deletes the previous run's autosave (the investigator does not want it). */
  'recovery.discard': { req: EmptySchema, res: EmptySchema },
  /** Writes the events matching a filter to a file on the engine's machine (docs/exports.md). */
  'export.events': {
    req: z.strictObject({ format: z.enum(EXPORT_FORMATS), path: z.string().min(1).max(4096), filter: EventFilterSchema }),
    res: z.strictObject({ path: z.string(), events: z.number().int(), skipped: z.number().int(), bytes: z.number().int() }),
  },
  'events.page': {
    req: z.strictObject({
      filter: EventFilterSchema,
      /** Keyset paging: the rows after this one (null: from the first). */
      after: EventCursorSchema.nullable().optional(),
      /**
       * Positional paging: the rows from this position (0-based) of the sorted result. With
       * `after` too, `after` is taken as the row just before the position (a hint the engine
       * may use instead of locating the position).
       */
      offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      sortBy: SortColumnSchema.optional(),
      order: z.enum(['asc', 'desc']),
      limit: z.number().int().min(1).max(1000),
    }),
    res: z.strictObject({ rows: z.array(EventSummarySchema), next: EventCursorSchema.nullable() }),
  },
  'events.count': { req: z.strictObject({ filter: EventFilterSchema }), res: z.strictObject({ count: z.number().int() }) },
  'events.detail': { req: z.strictObject({ id: z.number().int() }), res: EventDetailSchema },
  'events.raw': { req: z.strictObject({ id: z.number().int() }), res: EventRawSchema },
  'events.facets': { req: EmptySchema, res: z.strictObject({ sources: z.array(CountedSchema), hosts: z.array(CountedSchema) }) },
  'files.list': { req: EmptySchema, res: z.strictObject({ files: z.array(FileSummarySchema) }) },
  'findings.list': { req: EmptySchema, res: z.strictObject({ findings: z.array(FindingSchema) }) },
  /** Ids of a finding's evidence events in time order, at most `limit`. */
  'findings.evidence': {
    req: z.strictObject({ id: z.number().int(), limit: z.number().int().min(1).max(100_000) }),
    res: z.strictObject({ ids: z.array(z.number().int()), truncated: z.boolean() }),
  },
  'timeline.histogram': { req: HistogramOptionsSchema.extend({ filter: EventFilterSchema }), res: HistogramSchema },
  'timeline.gaps': { req: EmptySchema, res: GapsSchema },
  ...ANNOTATION_METHODS,
  ...REPORT_METHODS,
  ...RULE_METHODS,
  ...FORMAT_METHODS,
  ...CONSOLE_METHODS,
} as const;

export const ImportProgressSchema = z.strictObject({
  jobId: z.string(),
  file: z.string(),
  filesDone: z.number().int(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  lines: z.number().int(),
  events: z.number().int(),
});

/** A warning of a running import (a file and line named), as soon as it is found. */
export const ImportWarningSchema = z.strictObject({
  jobId: z.string(),
  message: z.string(),
});

/** The estimate of an import, sent as it starts, before anything is loaded. */
export const ImportEstimatedSchema = z.strictObject({ jobId: z.string(), estimate: ImportEstimateSchema });

export const ImportFinishedSchema = z.strictObject({
  jobId: z.string(),
  /** `refused`: the estimate says it would not fit the store; nothing was loaded (`import.narrow` offers the choices). */
  outcome: z.enum(['done', 'cancelled', 'failed', 'refused']),
  error: z.string().nullable(),
  warnings: z.array(z.string()),
  bundle: BundleSummarySchema.nullable(),
  /** What the import's scope left out, by reason (a narrowed import only). */
  skipped: SkippedCountsSchema.optional(),
  /** Why the import stopped early with what was loaded kept (the store's memory was full). */
  partial: z.string().optional(),
  /** The estimate, for a refused import. */
  estimate: ImportEstimateSchema.optional(),
});

/** What the native menu can ask the page to do: the text size steps, as Ctrl+=, Ctrl+- and Ctrl+0 do. */
export const MENU_COMMANDS = ['text.larger', 'text.smaller', 'text.default'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Events the engine (or, for `menu.command`, the desktop host) pushes to the renderer, by name. */
export const API_EVENTS = {
  'import.estimated': ImportEstimatedSchema,
  'import.progress': ImportProgressSchema,
  'import.warning': ImportWarningSchema,
  'import.finished': ImportFinishedSchema,
  'annotations.changed': AnnotationsChangedSchema,
  /** A session file replaced what was loaded (from any window or the native menu). */
  'session.opened': z.strictObject({ path: z.string(), bundle: BundleSummarySchema, ui: UiStateSchema.nullable() }),
  /** A command chosen in the desktop app's native menu that the page carries out (View > Larger text…); never sent by `mfw serve`. */
  'menu.command': z.strictObject({ command: z.enum(MENU_COMMANDS) }),
} as const;

export type ApiMethod = keyof typeof API_METHODS;
export type ApiRequest<M extends ApiMethod> = z.infer<(typeof API_METHODS)[M]['req']>;
export type ApiResponse<M extends ApiMethod> = z.infer<(typeof API_METHODS)[M]['res']>;
export type ApiEventName = keyof typeof API_EVENTS;
export type ApiEvent<E extends ApiEventName> = z.infer<(typeof API_EVENTS)[E]>;

export type EventFilter = z.infer<typeof EventFilterSchema>;
export type EventCursor = z.infer<typeof EventCursorSchema>;
export type EventSummary = z.infer<typeof EventSummarySchema>;
export type EventDetail = z.infer<typeof EventDetailSchema>;
export type EventRaw = z.infer<typeof EventRawSchema>;
export type SortColumn = z.infer<typeof SortColumnSchema>;
export type FileSummary = z.infer<typeof FileSummarySchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type BundleSummary = z.infer<typeof BundleSummarySchema>;
export type ImportProgress = z.infer<typeof ImportProgressSchema>;
export type ImportFinished = z.infer<typeof ImportFinishedSchema>;

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(API_METHODS, name);
}

export function isApiEventName(name: unknown): name is ApiEventName {
  return typeof name === 'string' && Object.hasOwn(API_EVENTS, name);
}

/** An error as it crosses the API: data, never a thrown object. */
export const ApiErrorSchema = z.strictObject({ code: z.string(), message: z.string() });
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const ApiReplySchema = z.union([
  z.strictObject({ ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: ApiErrorSchema }),
]);
export type ApiReply = z.infer<typeof ApiReplySchema>;

/** WebSocket frames of `mfw serve`: calls from the page, replies and events from the host. */
export const WsCallSchema = z.strictObject({ id: z.number().int(), method: z.string().max(64), params: z.unknown() });
export const WsServerFrameSchema = z.union([
  z.strictObject({ id: z.number().int(), reply: ApiReplySchema }),
  z.strictObject({ event: z.string(), data: z.unknown() }),
]);
export type WsCall = z.infer<typeof WsCallSchema>;
export type WsServerFrame = z.infer<typeof WsServerFrameSchema>;

/** The IPC channels of the Electron host: one to call, one for events. */
export const IPC_CALL_CHANNEL = 'mfw:call';
export const IPC_EVENT_CHANNEL = 'mfw:event';

/** The one client the renderer uses, whichever transport carries it. */
export interface ApiClient {
  call<M extends ApiMethod>(method: M, params: ApiRequest<M>): Promise<ApiResponse<M>>;
  on<E extends ApiEventName>(event: E, listener: (data: ApiEvent<E>) => void): () => void;
}

/** Thrown by clients when the engine answers with an error. */
export class ApiCallError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ApiCallError';
  }
}
