import { z } from 'zod';
import { SOURCES } from './event.js';

/**
 * The declarative format definition (one JSON file per format in `shared/formats/`).
 * Documented for users in docs/formats.md; every field below is described there.
 */

/** Conditions on field values: each key names a field (column or extra), each value a regex. */
const Conditions = z.record(z.string(), z.string());

/** A pattern is a regex with named captures, optionally setting fields when it matches. */
const Pattern = z.union([
  z.string(),
  z.object({
    regex: z.string(),
    set: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
  }).strict(),
]);

/** A value map: exact replacements, or ordered regex rules (first match wins). */
const ValueMap = z.union([
  z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  z.array(z.object({ match: z.string(), value: z.union([z.string(), z.number(), z.null()]) }).strict()),
]);

const FieldType = z.enum(['string', 'integer', 'lower', 'upper', 'ip']);

const Timestamp = z.object({
  /** Capture holding the stamp (default `timestamp`). */
  field: z.string().default('timestamp'),
  /** Layouts tried in order; see docs/formats.md (e.g. `MMM d HH:mm:ss`, `iso8601`, `epoch-us`). */
  layouts: z.array(z.string()).min(1),
  /** A zone the format is defined in (e.g. `UTC` for pebble's `…Z` or the MAAS events API). */
  zone: z.string().optional(),
  /** Path-dependent zone, first match wins: `{ path: regex, zone, reason }`. */
  zoneByPath: z.array(z.object({ path: z.string(), zone: z.string(), reason: z.string() }).strict()).optional(),
}).strict();

export const FormatSampleSchema = z.object({
  /** One raw line, or several lines for a multi-line record or a whole small document. */
  line: z.union([z.string(), z.array(z.string())]),
  /** Where the sample comes from (a file in ../shared/formats or a public source). */
  source: z.string().optional(),
  /** Time context for the sample: year-less or zone-less stamps need it. */
  context: z.object({
    year: z.number().int().optional(),
    tz: z.string().optional(),
    path: z.string().optional(),
  }).strict().optional(),
  /** Expected event fields: `ts` as ISO-8601 UTC, columns, `extra` (partial match). */
  expect: z.record(z.string(), z.unknown()),
}).strict();

export const FormatDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  title: z.string(),
  description: z.string().optional(),
  /**
   * `line`: parses whole lines of a file (an envelope).
   * `message`: refines the message of an already parsed event (e.g. a UFW kernel message
   * inside a syslog line or a journal record); selected by `when`.
   */
  kind: z.enum(['line', 'message']).default('line'),
  /** The family of the events it yields; a `message` format may change its parent's. */
  source: z.enum(SOURCES).optional(),
  /** Higher is tried first (detection ties, message formats). */
  priority: z.number().int().default(0),
  /** Regexes on the file path that make this format likelier (a hint only). */
  paths: z.array(z.string()).default([]),
  /** `message` formats: apply only when every condition matches the parent event. */
  when: Conditions.optional(),
  /** A named decoder written once in code (e.g. `journal-json`), run before the patterns. */
  decoder: z.enum(['journal-json', 'journal-export', 'maas-events-json']).optional(),
  /** For decoders: a regex the head of the file (first 64 KiB) must match to detect it. */
  detect: z.string().optional(),
  patterns: z.array(Pattern).default([]),
  /** Lines that never make events (headers, separators); counted as ignored. */
  ignore: z.array(z.string()).default([]),
  /** A header line whose captures fix the file's time context (`year`, `tz`, `end`). */
  header: z.string().optional(),
  timestamp: Timestamp.optional(),
  fields: z.record(z.string(), FieldType).default({}),
  values: z.record(z.string(), ValueMap).default({}),
  /** Values that mean "absent" (default `-` and the empty string). */
  nulls: z.array(z.string()).default(['-', '']),
  /** Fields set when conditions hold, after captures and value maps. */
  set: z.array(z.object({
    field: z.string(),
    value: z.union([z.string(), z.number(), z.null()]),
    when: Conditions.default({}),
  }).strict()).default([]),
  /**
   * A line that does not start a record but matches this regex continues the record above
   * (tracebacks). Omit for formats without multi-line records.
   */
  continuation: z.string().optional(),
  samples: z.array(FormatSampleSchema).min(1),
}).strict();

/** A definition being written in the format editor: the same, samples not yet required. */
export const FormatDraftSchema = FormatDefinitionSchema.extend({ samples: z.array(FormatSampleSchema).default([]) });

export type FormatDefinition = z.infer<typeof FormatDefinitionSchema>;
export type FormatSample = z.infer<typeof FormatSampleSchema>;
export type FormatDraft = z.infer<typeof FormatDraftSchema>;
export type FieldTypeName = z.infer<typeof FieldType>;
