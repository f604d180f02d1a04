import * as v from "valibot";
import { IdSchema, MessageSchema, TimestampSchema } from "./entities";

/** The longest reason a moderator or a reporter may give, in characters. */
export const MAX_MODERATION_REASON_LENGTH = 500;

/** The longest mute or timed ban: a year, in milliseconds. Longer is "for good" (leave `durationMs` out). */
export const MAX_MODERATION_DURATION_MS = 365 * 24 * 60 * 60 * 1000;

/** The words a site's filter may list, at most. */
export const MAX_FILTER_WORDS = 1000;

/**
 * Why someone reports a message or a person.
 *
 * @example
 * const reason: ReportReason = 'spam';
 */
export type ReportReason = v.InferOutput<typeof ReportReasonSchema>;
export const ReportReasonSchema = v.picklist(
  ["spam", "harassment", "inappropriate", "other"],
  "A report reason is spam, harassment, inappropriate or other."
);

/** Every {@link ReportReason}, in the order a form lists them. */
export const REPORT_REASONS: readonly ReportReason[] = [
  "spam",
  "harassment",
  "inappropriate",
  "other",
];

const reason = v.optional(
  v.pipe(
    v.string("A reason must be a string."),
    v.trim(),
    v.maxLength(
      MAX_MODERATION_REASON_LENGTH,
      `A reason may be at most ${MAX_MODERATION_REASON_LENGTH} characters.`
    )
  )
);

/** How long a mute or ban lasts; left out, it lasts until lifted. */
const durationMs = v.optional(
  v.pipe(
    v.number("A duration must be a number of milliseconds."),
    v.integer("A duration must be a whole number of milliseconds."),
    v.minValue(1000, "A duration must be at least one second."),
    v.maxValue(
      MAX_MODERATION_DURATION_MS,
      "A duration may be at most a year; leave it out for good."
    )
  )
);

/**
 * A ban from one room: the person was removed and may not join or be added again until `until`
 * (absent: until lifted).
 *
 * @example
 * const ban: RoomBan = { roomId: 'general', userId: 'bo', by: 'ana', at: 1767225600000 };
 */
export type RoomBan = v.InferOutput<typeof RoomBanSchema>;
export const RoomBanSchema = v.object({
  roomId: IdSchema,
  userId: IdSchema,
  by: IdSchema,
  at: TimestampSchema,
  until: v.optional(TimestampSchema),
  reason: v.optional(v.string()),
});

/**
 * What a moderator did about a report.
 *
 * @example
 * const action: ReportAction = 'muteAuthor';
 */
export type ReportAction = v.InferOutput<typeof ReportActionSchema>;
export const ReportActionSchema = v.picklist(
  ["dismiss", "deleteMessage", "muteAuthor", "banAuthor"],
  "A report is resolved by dismiss, deleteMessage, muteAuthor or banAuthor."
);

/**
 * A report of a message or a person in a room, as moderators see it: the reported message (when
 * one was named) and a few messages around it, as they stand now.
 *
 * @example
 * const report: Report = {
 *   id: 'rep_1', roomId: 'general', reporterId: 'chen', userId: 'bo', messageId: 'm9', reason: 'spam',
 *   createdAt: 1767225600000, status: 'open', context: [],
 * };
 */
export type Report = v.InferOutput<typeof ReportSchema>;
export const ReportSchema = v.object({
  id: IdSchema,
  roomId: IdSchema,
  reporterId: IdSchema,
  /** The reported person (the message's author when a message was reported). */
  userId: IdSchema,
  messageId: v.optional(IdSchema),
  reason: ReportReasonSchema,
  note: v.optional(v.string()),
  createdAt: TimestampSchema,
  status: v.picklist(["open", "resolved"]),
  resolvedBy: v.optional(IdSchema),
  resolvedAt: v.optional(TimestampSchema),
  resolution: v.optional(ReportActionSchema),
  /** The reported message as it stands now (a tombstone once deleted). */
  message: v.optional(MessageSchema),
  /** Top-level messages around the reported one, in sequence order (empty for a report of a person). */
  context: v.array(MessageSchema),
});

/**
 * The site's moderation settings, changed through the admin API without a restart: the word
 * filter's list and the per-person flood limit on writes (`false`: off).
 *
 * @example
 * const settings: ModerationSettings = { words: ['darn'], floodLimit: { capacity: 20, refillPerSecond: 5 } };
 */
export type ModerationSettings = v.InferOutput<typeof ModerationSettingsSchema>;
export const ModerationSettingsSchema = v.object({
  words: v.pipe(
    v.array(
      v.pipe(
        v.string("A filtered word must be a string."),
        v.trim(),
        v.minLength(1, "A filtered word must not be empty."),
        v.maxLength(100, "A filtered word may be at most 100 characters.")
      )
    ),
    v.maxLength(
      MAX_FILTER_WORDS,
      `The word filter may list at most ${MAX_FILTER_WORDS} words.`
    )
  ),
  floodLimit: v.union([
    v.literal(false),
    v.object({
      capacity: v.pipe(
        v.number(),
        v.integer("The flood capacity must be a whole number."),
        v.minValue(1, "The flood capacity must be at least 1."),
        v.maxValue(10_000)
      ),
      refillPerSecond: v.pipe(
        v.number(),
        v.gtValue(0, "The flood refill rate must be above 0."),
        v.maxValue(10_000)
      ),
    }),
  ]),
});

/**
 * The moderation commands (issue #13), spread at the end of `CommandSchema`. Muting and banning
 * take a room admin or a site moderator; `user.setRole` and the settings are the host app's
 * backend's alone (the admin API).
 */
export const MODERATION_COMMANDS = [
  v.object({
    type: v.literal("member.mute"),
    roomId: IdSchema,
    userId: IdSchema,
    durationMs,
    reason,
  }),
  v.object({
    type: v.literal("member.unmute"),
    roomId: IdSchema,
    userId: IdSchema,
  }),
  v.object({
    type: v.literal("member.ban"),
    roomId: IdSchema,
    userId: IdSchema,
    durationMs,
    reason,
  }),
  v.object({
    type: v.literal("member.unban"),
    roomId: IdSchema,
    userId: IdSchema,
  }),
  v.object({ type: v.literal("room.listBans"), roomId: IdSchema }),
  v.object({
    type: v.literal("report.create"),
    roomId: IdSchema,
    /** The message reported; or leave it out and name `userId` to report a person. */
    messageId: v.optional(IdSchema),
    userId: v.optional(IdSchema),
    reason: ReportReasonSchema,
    note: reason,
  }),
  /** Open reports this person may act on: of one room, or (without `roomId`) of every room they moderate. */
  v.object({ type: v.literal("report.list"), roomId: v.optional(IdSchema) }),
  v.object({
    type: v.literal("report.resolve"),
    roomId: IdSchema,
    reportId: IdSchema,
    action: ReportActionSchema,
    durationMs,
    reason,
  }),
  v.object({
    type: v.literal("user.setRole"),
    userId: IdSchema,
    role: v.picklist(
      ["moderator", "user"],
      "A site role is moderator or user."
    ),
  }),
  v.object({ type: v.literal("moderation.getSettings") }),
  v.object({
    type: v.literal("moderation.setSettings"),
    words: v.optional(ModerationSettingsSchema.entries.words),
    floodLimit: v.optional(ModerationSettingsSchema.entries.floodLimit),
  }),
] as const;
