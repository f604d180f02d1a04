import * as v from 'valibot';
import { CustomDataSchema, IdSchema, TimestampSchema } from './primitives';

/**
 * Whether a person is connected, and when they were last seen if not.
 *
 * @example
 * const presence: Presence = { state: 'offline', lastSeenAt: 1767225600000 };
 */
export type Presence = v.InferOutput<typeof PresenceSchema>;
export const PresenceSchema = v.object({
  state: v.picklist(['online', 'offline']),
  lastSeenAt: v.optional(TimestampSchema),
});

/**
 * A person. Created by the host app (the reference server's `upsertUser`, or a backend); a client
 * may change only its own name, avatar and custom data.
 *
 * @example
 * const ana: User = { id: 'ana', name: 'Ana Lima', presence: { state: 'online' } };
 */
export type User = v.InferOutput<typeof UserSchema>;
export const UserSchema = v.object({
  id: IdSchema,
  name: v.string(),
  avatarUrl: v.optional(v.string()),
  customData: v.optional(CustomDataSchema),
  presence: PresenceSchema,
  /** `moderator`: a site-wide moderator (set through the admin API), who may mute, ban and delete in any room they see. */
  role: v.optional(v.literal('moderator')),
  /**
   * A program, not a person (set only by the host app's backend): a bot may register slash
   * commands (`command.register`) and receives their invocations.
   */
  bot: v.optional(v.literal(true)),
});

/**
 * The author of messages the server sends itself (announcements). No person may have this id.
 *
 * @example
 * if (message.authorId === SYSTEM_USER_ID) showNotice(message);
 */
export const SYSTEM_USER_ID = 'system';

/**
 * The author that messages of a deleted person keep: one placeholder for every deleted person, so
 * their old messages (tombstones) can never be taken for a new person who later gets their id.
 * Clients show it as "Deleted user". No person may have this id.
 *
 * @example
 * const name = message.authorId === DELETED_USER_ID ? 'Deleted user' : user.name;
 */
export const DELETED_USER_ID = 'deleted';

/** Ids the server keeps for itself: never a person's. */
export const RESERVED_USER_IDS: ReadonlySet<string> = new Set([SYSTEM_USER_ID, DELETED_USER_ID]);
