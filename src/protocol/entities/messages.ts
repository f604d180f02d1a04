import * as v from 'valibot';
import { PollSchema } from '../polls';
import { CustomDataSchema, IdSchema, SequenceSchema, TimestampSchema } from './primitives';
import { LinkPreviewSchema } from './linkPreviews';

/**
 * A file attached to a message. `url` is where the transport serves it; clients render only
 * http(s) and blob URLs.
 *
 * @example
 * const photo: Attachment = { id: 'f1', name: 'cat.png', type: 'image/png', size: 20480, url: 'https://cdn.example/f1', width: 640, height: 480 };
 */
export type Attachment = v.InferOutput<typeof AttachmentSchema>;
export const AttachmentSchema = v.object({
  id: IdSchema,
  name: v.pipe(v.string(), v.maxLength(255)),
  type: v.pipe(v.string(), v.maxLength(255)),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  url: v.pipe(v.string(), v.maxLength(2048)),
  width: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  height: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

/**
 * Who reacted to a message with one emoji. An array, not a map keyed by emoji, so that no
 * user-chosen string ever becomes an object key.
 *
 * @example
 * const reaction: Reaction = { emoji: '👍', userIds: ['ana', 'bo'] };
 */
export type Reaction = v.InferOutput<typeof ReactionSchema>;
export const ReactionSchema = v.object({
  emoji: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  userIds: v.array(IdSchema),
});

/**
 * Where a streamed message stands: `generating` while its author appends pieces
 * (`message.append`), `complete` once the author finished it (`message.finish`), `stopped` when
 * the person who asked for it (`requestedBy`) or a room admin stopped it (`message.stop`). A
 * finished or stopped message is a normal message: it takes no more pieces and is not marked
 * edited.
 *
 * @example
 * const streaming: StreamingState = { state: 'generating', requestedBy: 'ana' };
 */
export type StreamingState = v.InferOutput<typeof StreamingStateSchema>;
export const StreamingStateSchema = v.object({
  state: v.picklist(['generating', 'complete', 'stopped']),
  /** The person whose question this answers: they may stop it. */
  requestedBy: v.optional(IdSchema),
});

/**
 * A message as the server accepted it. `sequence` orders it in its room. Thread replies carry
 * `parentId`; the parent counts them in `replyCount`. A deleted message keeps its place as a
 * tombstone: `deletedAt` is set and text, attachments and custom data are emptied.
 *
 * @example
 * const message: Message = {
 *   id: 'm1', clientId: 'c1', roomId: 'general', sequence: 1, authorId: 'ana', text: 'Hello',
 *   attachments: [], mentions: [], reactions: [], replyCount: 0, createdAt: 1767225600000,
 * };
 */
export type Message = v.InferOutput<typeof MessageSchema>;
export const MessageSchema = v.object({
  id: IdSchema,
  clientId: IdSchema,
  roomId: IdSchema,
  sequence: SequenceSchema,
  authorId: IdSchema,
  text: v.string(),
  attachments: v.array(AttachmentSchema),
  mentions: v.array(IdSchema),
  parentId: v.optional(IdSchema),
  quotedId: v.optional(IdSchema),
  reactions: v.array(ReactionSchema),
  replyCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  lastReplyAt: v.optional(TimestampSchema),
  customData: v.optional(CustomDataSchema),
  createdAt: TimestampSchema,
  editedAt: v.optional(TimestampSchema),
  deletedAt: v.optional(TimestampSchema),
  /**
   * Sent by the server itself (an announcement through the admin API), never by a person: its
   * `authorId` is {@link SYSTEM_USER_ID}. Clients show it as a notice, not as someone's message.
   */
  system: v.optional(v.literal(true)),
  /**
   * Set while a message is being written piece by piece (a bot's streamed answer), and kept
   * when it ends so clients know how it ended. See {@link StreamingState}.
   */
  streaming: v.optional(StreamingStateSchema),
  /** When a room admin pinned it (see `message.pin`); absent when it is not pinned. */
  pinnedAt: v.optional(TimestampSchema),
  /** Who pinned it. */
  pinnedBy: v.optional(IdSchema),
  /** Link previews: the preview of the text's first http(s) link, attached by the host after the message was stored. */
  preview: v.optional(LinkPreviewSchema),
  /** Link previews: the link whose preview its sender (or a room admin) removed; it is not previewed again. */
  previewRemovedUrl: v.optional(v.pipe(v.string(), v.maxLength(2048))),
  /** `action`: an emote written with `/me` ("* Ana waves"): the text is what the author does. */
  kind: v.optional(v.literal('action')),
  /** A poll: the message's text is its question, and votes are counted here by the server. */
  poll: v.optional(PollSchema),
});

/**
 * An inclusive range of sequences that a page or replay covers completely. Messages inside it that
 * are absent were hidden from this user (a blocked author) or belong to a thread; they are not a
 * gap. `from > to` means an empty range.
 *
 * @example
 * const range: SequenceRange = { from: 101, to: 200 };
 */
export type SequenceRange = v.InferOutput<typeof SequenceRangeSchema>;
export const SequenceRangeSchema = v.object({ from: SequenceSchema, to: SequenceSchema });
