/**
 * Schemas of the formats part of the API (docs/api.md): the format editor's live test, user
 * formats saved in the store (`user_formats`, docs/schema.md), re-parsing unparsed lines with
 * one, and format files exported and imported.
 */
import { z } from 'zod';
import { FormatDefinitionSchema, FormatDraftSchema } from './types/format-definition.js';

/** Longest sample line the editor tests (an unparsed line is kept to 64 KiB). */
export const MAX_TEST_LINE = 64 * 1024;
export const MAX_TEST_LINES = 2000;

const FieldValue = z.union([z.string(), z.number(), z.null()]);

/** How stamps without a zone or a year are placed, when the format does not say. */
const TimeChoice = {
  /** IANA zone for stamps without an offset (default: the bundle's, else the machine's). */
  tz: z.string().min(1).max(64).optional(),
  /** Year of stamps without one (default: from the loaded events' newest time). */
  year: z.number().int().min(1970).max(2200).optional(),
};

export const FormatSummarySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['line', 'message']),
  source: z.string().nullable(),
  /** Shipped with the app (shared/formats) or saved by the user in this session. */
  origin: z.enum(['builtin', 'user']),
  definition: FormatDefinitionSchema,
});

export const TEST_LINE_STATUSES = ['matched', 'missed', 'ignored', 'continuation'] as const;

/** One sample line as the format reads it. Spans are UTF-16 offsets into `text`. */
export const TestedLineSchema = z.strictObject({
  /** 1-based position in the sample lines. */
  line: z.number().int(),
  text: z.string(),
  status: z.enum(TEST_LINE_STATUSES),
  /** Index of the pattern that matched (matched lines). */
  pattern: z.number().int().nullable(),
  captures: z.array(z.strictObject({ name: z.string(), start: z.number().int(), end: z.number().int(), text: z.string() })),
  /** UTC epoch ms of the event (matched lines). */
  tsMs: z.number().nullable(),
  /** What was inferred to place the stamp (`year`, `zone`, `year,zone`). */
  tsInferred: z.string().nullable(),
  /** The event as it would be stored: `source`, `format`, columns, then `extra.*`. */
  fields: z.record(z.string(), FieldValue),
  /** Why a missed line is not an event (no pattern matched, or its stamp is not a date). */
  reason: z.string().nullable(),
});

export const FormatTestCountsSchema = z.strictObject({
  lines: z.number().int(),
  matched: z.number().int(),
  missed: z.number().int(),
  ignored: z.number().int(),
  continuation: z.number().int(),
});

export const FormatTestResultSchema = z.strictObject({
  /** The definition cannot be compiled: where (`patterns.0`) and why. No line is tested then. */
  error: z.strictObject({ path: z.string(), message: z.string() }).nullable(),
  counts: FormatTestCountsSchema,
  lines: z.array(TestedLineSchema),
  /** How stamps were placed: zone and year, and why. */
  timeNote: z.string().nullable(),
});

export const ReparsedFileSchema = z.strictObject({
  id: z.number().int(),
  path: z.string(),
  /** Unparsed lines read again. */
  tried: z.number().int(),
  /** Of those: now events, joined to the record above, ignored, still unparsed. */
  events: z.number().int(),
  continuation: z.number().int(),
  ignored: z.number().int(),
  unparsed: z.number().int(),
});

export const FORMAT_METHODS = {
  /** Every format the session knows: the shipped ones and the user's, with their definitions. */
  'formats.list': { req: z.strictObject({}), res: z.strictObject({ formats: z.array(FormatSummarySchema) }) },
  /** Runs a definition (draft: samples optional) on sample lines, like fail2ban-regex. */
  'formats.test': {
    req: z.strictObject({ definition: FormatDraftSchema, lines: z.array(z.string().max(MAX_TEST_LINE)).max(MAX_TEST_LINES), ...TimeChoice }),
    res: FormatTestResultSchema,
  },
  /** Lines of a loaded file to test on: its unparsed lines (from the store), or its first lines (from the evidence). */
  'formats.samples': {
    req: z.strictObject({ fileId: z.number().int(), unparsedOnly: z.boolean(), limit: z.number().int().min(1).max(MAX_TEST_LINES) }),
    res: z.strictObject({
      path: z.string(),
      lines: z.array(z.strictObject({ line: z.number().int(), text: z.string() })),
      /** Unparsed lines the file has in all. */
      unparsed: z.number().int(),
      /** Why no line could be read (the evidence is gone or changed), else null. */
      unavailable: z.string().nullable(),
    }),
  },
  /**
   * Saves (or replaces) a user format; later imports detect it. A definition without samples
   * gets them from `sampleLines`: the first lines it parses, with the fields they yield.
   */
  'formats.save': {
    req: z.strictObject({ definition: FormatDraftSchema, sampleLines: z.array(z.string().max(MAX_TEST_LINE)).max(MAX_TEST_LINES).optional(), ...TimeChoice }),
    res: FormatSummarySchema,
  },
  'formats.delete': { req: z.strictObject({ id: z.string().min(1).max(128) }), res: z.strictObject({}) },
  /**
   * Reads the unparsed lines of loaded files again with a format: those it parses become events
   * (same rows, ids kept), files' counts follow, detection rules run again. Default files: every
   * file with unparsed lines.
   */
  'formats.reparse': {
    req: z.strictObject({ formatId: z.string().min(1).max(128), fileIds: z.array(z.number().int()).max(10_000).optional(), ...TimeChoice }),
    res: z.strictObject({ files: z.array(ReparsedFileSchema), events: z.number().int(), unparsed: z.number().int(), findings: z.number().int().nullable() }),
  },
  'formats.export': {
    req: z.strictObject({ id: z.string().min(1).max(128), as: z.enum(['json', 'yaml']) }),
    res: z.strictObject({ fileName: z.string(), text: z.string() }),
  },
  /** Validates a format file (JSON or YAML) and saves it as a user format. */
  'formats.import': {
    req: z.strictObject({ fileName: z.string().min(1).max(256), text: z.string().max(4 * 1024 * 1024) }),
    res: FormatSummarySchema,
  },
} as const;

export type FormatSummary = z.infer<typeof FormatSummarySchema>;
export type TestedLine = z.infer<typeof TestedLineSchema>;
export type FormatTestResult = z.infer<typeof FormatTestResultSchema>;
export type FormatTestCounts = z.infer<typeof FormatTestCountsSchema>;
