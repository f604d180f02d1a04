import * as v from 'valibot';
import { IdSchema, SequenceSchema, TimestampSchema } from './primitives';

/**
 * How far a person has read in a room, and how far messages have reached their devices. A cursor
 * moves backwards only when its person asks (`cursor.markUnread`): then `markedUnread` is set
 * until they read on, and clients apply the lower sequence instead of taking it for a stale one.
 * `deliveredSequence` is the newest sequence that reached at least one of their devices (reading
 * a message implies it reached them, so the effective delivery is the larger of the two).
 *
 * @example
 * const cursor: ReadCursor = { roomId: 'general', userId: 'bo', sequence: 42, updatedAt: 1767225600000, deliveredSequence: 45 };
 */
export type ReadCursor = v.InferOutput<typeof ReadCursorSchema>;
export const ReadCursorSchema = v.object({
  roomId: IdSchema,
  userId: IdSchema,
  sequence: SequenceSchema,
  updatedAt: TimestampSchema,
  deliveredSequence: v.optional(SequenceSchema),
  markedUnread: v.optional(v.literal(true)),
});
