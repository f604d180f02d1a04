import * as v from 'valibot';
import { AttachmentSchema, CustomDataSchema, IdSchema, MessageSchema, ModerationSettingsSchema, ReportActionSchema, ReportSchema, RoomSchema, UserSchema } from '../../protocol';
import { ExportRecordSchema, MAX_ANNOUNCEMENT_ROOMS } from '../../server';

// What the admin API reads and answers. Bodies are strict: an unknown field is refused rather than
// ignored, so a typo in an app's backend surfaces at once.

const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const Page = v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'limit must be a whole number'), v.transform(Number), v.number(), v.minValue(1), v.maxValue(1000));
const Sequence = v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be a whole number'), v.transform(Number));

/** `PUT /users/{id}`: create or update a person. */
export const UserInputSchema = v.strictObject({
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'name must not be empty'), v.maxLength(128)),
  avatarUrl: v.optional(v.pipe(v.string(), v.url('avatarUrl must be an absolute URL'), v.maxLength(2048))),
  customData: v.optional(CustomDataSchema),
  /** A program rather than a person: it may register slash commands (issue #14). */
  bot: v.optional(v.boolean()),
});

/** `POST /users/{id}/tokens`: a client token for a person. */
export const TokenInputSchema = v.strictObject({
  ttlSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(30 * 24 * 3600))),
});

export const TokenSchema = v.object({ token: v.string(), userId: IdSchema, expiresAt: v.number() });

/** `POST /rooms`: a public or private room, made by a person who becomes its admin. */
export const RoomInputSchema = v.strictObject({
  id: v.optional(IdSchema),
  name: Text(200),
  kind: v.picklist(['public', 'private']),
  createdBy: IdSchema,
  memberIds: v.optional(v.array(IdSchema)),
  customData: v.optional(CustomDataSchema),
});

/** `PATCH /rooms/{id}`. */
export const RoomPatchSchema = v.strictObject({ name: v.optional(Text(200)), customData: v.optional(CustomDataSchema) });

/** `POST /rooms/{id}/members`: at most the protocol's members per request. */
export const MembersInputSchema = v.strictObject({ userIds: v.pipe(v.array(IdSchema), v.minLength(1, 'userIds must name at least one person')) });

/** `PUT /rooms/{id}/members/{userId}`. */
export const RoleInputSchema = v.strictObject({ role: v.picklist(['admin', 'member']) });

/** `POST /rooms/{id}/messages`: a message from a person (who must be a member). */
export const MessageInputSchema = v.strictObject({
  userId: IdSchema,
  text: v.string(),
  clientId: v.optional(IdSchema),
  attachments: v.optional(v.array(AttachmentSchema)),
  mentions: v.optional(v.array(IdSchema)),
  parentId: v.optional(IdSchema),
  customData: v.optional(CustomDataSchema),
  /** Starts a streamed message (its text may be empty): append to it, then finish it. */
  streaming: v.optional(v.strictObject({ requestedBy: v.optional(IdSchema) })),
});

export const UserListQuerySchema = v.strictObject({ after: v.optional(IdSchema), limit: v.optional(Page) });
export const MessageListQuerySchema = v.strictObject({ before: v.optional(Sequence), after: v.optional(Sequence), limit: v.optional(Page) });

export const UserListSchema = v.object({ users: v.array(UserSchema), next: v.optional(IdSchema) });
export const MessagePageSchema = v.object({
  messages: v.array(MessageSchema),
  range: v.object({ from: v.number(), to: v.number() }),
  hasMore: v.boolean(),
});
export const DeletedRoomSchema = v.object({ roomId: IdSchema });
export const ErrorBodySchema = v.object({ error: v.object({ code: v.string(), message: v.string() }) });

/** `GET /export`: everything, or one room, or one person. */
export const ExportQuerySchema = v.pipe(
  v.strictObject({ roomId: v.optional(IdSchema), userId: v.optional(IdSchema) }),
  v.check((query) => query.roomId === undefined || query.userId === undefined, 'name a room or a person, not both'),
);

export const ImportSummarySchema = v.object({ users: v.number(), rooms: v.number(), messages: v.number(), blocks: v.number(), directPairs: v.number(), records: v.number() });
export const DeletedUserSchema = v.object({ userId: IdSchema, rooms: v.number(), messages: v.number(), files: v.number() });

/** `POST /announcements`: one system message to several rooms. */
export const AnnouncementInputSchema = v.strictObject({
  text: v.string(),
  roomIds: v.pipe(v.array(IdSchema), v.minLength(1, 'roomIds must name at least one room'), v.maxLength(MAX_ANNOUNCEMENT_ROOMS, `roomIds may name at most ${MAX_ANNOUNCEMENT_ROOMS} rooms`)),
  clientId: v.optional(IdSchema),
  customData: v.optional(CustomDataSchema),
});
export const AnnouncementSchema = v.object({ messages: v.array(MessageSchema) });

export { ExportRecordSchema, MessageSchema, RoomSchema, UserSchema };

// Webhooks and statistics.

/** `POST /webhooks`: an endpoint address. */
export const WebhookInputSchema = v.strictObject({ url: v.pipe(v.string(), v.url('url must be an absolute URL'), v.maxLength(2048)) });

export const WebhookEndpointSchema = v.object({
  id: v.string(),
  url: v.string(),
  createdAt: v.number(),
  source: v.picklist(['api', 'config']),
  /** The secret's first characters, to tell which one a receiver holds. */
  secretHint: v.string(),
});
/** The answer of `POST /webhooks`: the only time the signing secret is shown. */
export const WebhookCreatedSchema = v.object({ ...WebhookEndpointSchema.entries, secret: v.string() });
export const WebhookListSchema = v.object({ endpoints: v.array(WebhookEndpointSchema) });
export const DeletedWebhookSchema = v.object({ id: v.string() });

export const WebhookAttemptQuerySchema = v.strictObject({ endpointId: v.optional(v.pipe(v.string(), v.maxLength(64))), limit: v.optional(Page) });
export const WebhookAttemptListSchema = v.object({
  attempts: v.array(
    v.object({
      id: v.string(),
      deliveryId: v.string(),
      endpointId: v.string(),
      eventId: v.string(),
      eventType: v.string(),
      attempt: v.number(),
      at: v.number(),
      status: v.optional(v.number()),
      error: v.optional(v.string()),
      durationMs: v.number(),
      outcome: v.picklist(['delivered', 'retrying', 'failed']),
    }),
  ),
});

export const StatsQuerySchema = v.strictObject({
  days: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'days must be a whole number'), v.transform(Number), v.number(), v.minValue(1), v.maxValue(365))),
});
export const StatsSchema = v.object({
  days: v.array(v.object({ date: v.string(), messages: v.number(), activeUsers: v.number() })),
  users: v.number(),
  rooms: v.object({ total: v.number(), public: v.number(), private: v.number(), direct: v.number() }),
});

/** `PATCH /rooms/{id}/messages/{messageId}`: a moderator's correction of a message's text. */
export const MessageEditSchema = v.strictObject({ text: v.string(), mentions: v.optional(v.array(IdSchema)), customData: v.optional(CustomDataSchema) });

/** `POST /rooms/{id}/messages/{messageId}/append`: a piece of a streamed message, by its author. */
export const MessageAppendSchema = v.strictObject({ userId: IdSchema, offset: v.pipe(v.number(), v.integer(), v.minValue(0)), piece: v.pipe(v.string(), v.minLength(1)) });
/** What an append answers: the length of the text now, where the next piece goes. */
export const MessageAppendedSchema = v.object({ length: v.number() });
/** `POST /rooms/{id}/messages/{messageId}/finish`: the author ends a streamed message. */
export const MessageFinishSchema = v.strictObject({ userId: IdSchema });
// Moderation (issue #13).

/** `PUT /users/{id}/role`: a site-wide role. */
export const SiteRoleInputSchema = v.strictObject({ role: v.picklist(['moderator', 'user'], 'role must be moderator or user') });

/** `GET /reports`: open reports, of one room or of all. */
export const ReportQuerySchema = v.strictObject({ roomId: v.optional(IdSchema) });
export const ReportListSchema = v.object({ reports: v.array(ReportSchema) });

/** `POST /rooms/{id}/reports/{reportId}/resolve`: what to do about a report. */
export const ReportResolveInputSchema = v.strictObject({
  action: ReportActionSchema,
  durationMs: v.optional(v.number()),
  reason: v.optional(v.string()),
});

/** `PUT /settings/moderation`: the word filter's list and the flood limit; a field left out stays. */
export const ModerationSettingsInputSchema = v.strictObject({
  words: v.optional(ModerationSettingsSchema.entries.words),
  floodLimit: v.optional(ModerationSettingsSchema.entries.floodLimit),
});

export { ModerationSettingsSchema, ReportSchema };
