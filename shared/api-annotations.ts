/**
 * Schemas of the annotations part of the API (docs/api.md): stars on events, tags on events and
 * findings, Markdown notes on events, findings and the case, and undo of the last changes.
 * Stored in the `bookmarks`, `tags` and `notes` tables (docs/schema.md).
 */
import { z } from 'zod';

/** What can carry an annotation. The case is the whole investigation: one note, no tags. */
export const AnnotationTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('event'), id: z.number().int() }),
  z.strictObject({ kind: z.literal('finding'), id: z.number().int() }),
  z.strictObject({ kind: z.literal('case') }),
]);
export const TaggableTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('event'), id: z.number().int() }),
  z.strictObject({ kind: z.literal('finding'), id: z.number().int() }),
]);

export const MAX_TAG_LENGTH = 64;
export const MAX_NOTE_LENGTH = 100_000;

/** A tag: free text on one line, trimmed, 1–64 characters. */
export const TagSchema = z.string().trim().min(1).max(MAX_TAG_LENGTH).regex(/^[^\p{Cc}]+$/u, 'a tag is one line of text without control characters');

export const AnnotationStateSchema = z.strictObject({
  target: AnnotationTargetSchema,
  /** Events only: bookmarked. */
  starred: z.boolean(),
  tags: z.array(z.string()),
  /** The Markdown note, or null. */
  note: z.string().nullable(),
});

/** What Undo would revert next, as a short sentence (`star on event 12`), or null. */
export const UndoLabelSchema = z.string().nullable();

export const AnnotationReplySchema = z.strictObject({ state: AnnotationStateSchema, undo: UndoLabelSchema });

export const ANNOTATION_METHODS = {
  'annotations.get': { req: z.strictObject({ target: AnnotationTargetSchema }), res: AnnotationReplySchema },
  'annotations.star': { req: z.strictObject({ eventId: z.number().int(), starred: z.boolean() }), res: AnnotationReplySchema },
  'annotations.tag': { req: z.strictObject({ target: TaggableTargetSchema, tag: TagSchema }), res: AnnotationReplySchema },
  'annotations.untag': { req: z.strictObject({ target: TaggableTargetSchema, tag: TagSchema }), res: AnnotationReplySchema },
  /** Sets the target's note; an empty or blank body removes it. */
  'annotations.note': { req: z.strictObject({ target: AnnotationTargetSchema, body: z.string().max(MAX_NOTE_LENGTH) }), res: AnnotationReplySchema },
  /** Tags in use, most used first, for autocomplete; `prefix` narrows them (case-insensitive). */
  'annotations.tags': {
    req: z.strictObject({ prefix: z.string().max(MAX_TAG_LENGTH).optional() }),
    res: z.strictObject({ tags: z.array(z.strictObject({ value: z.string(), count: z.number().int() })) }),
  },
  /** Reverts the last annotation change not yet undone; `state` is the target as it is now. */
  'annotations.undo': {
    req: z.strictObject({}),
    res: z.strictObject({ undone: z.string().nullable(), state: AnnotationStateSchema.nullable(), undo: UndoLabelSchema }),
  },
  'annotations.status': { req: z.strictObject({}), res: z.strictObject({ undo: UndoLabelSchema }) },
} as const;

/** Pushed after every change and every undo, so each open view shows the target as it is. */
export const AnnotationsChangedSchema = AnnotationReplySchema;

export type AnnotationTarget = z.infer<typeof AnnotationTargetSchema>;
export type TaggableTarget = z.infer<typeof TaggableTargetSchema>;
export type AnnotationState = z.infer<typeof AnnotationStateSchema>;
export type AnnotationReply = z.infer<typeof AnnotationReplySchema>;
