import * as v from 'valibot';
import { BotCommandSchema } from '../slashCommands';
import { ReadCursorSchema } from './cursors';
import { MessageSchema } from './messages';
import { IdSchema, TimestampSchema } from './primitives';
import { InvitationSchema, RoomSchema } from './rooms';
import { RoomSettingsSchema } from './roomSettings';
import { UserSchema } from './users';

/**
 * What a client receives when its session opens: who it is, its rooms, everyone it can see,
 * cursors of its rooms, whom it blocks, who is typing, and the server's limits.
 *
 * @example
 * const snapshot: SessionSnapshot = await transport.connect();
 * console.log(snapshot.me.name, snapshot.rooms.length);
 */
export type SessionSnapshot = v.InferOutput<typeof SessionSnapshotSchema>;
export const SessionSnapshotSchema = v.object({
  me: UserSchema,
  users: v.array(UserSchema),
  rooms: v.array(RoomSchema),
  cursors: v.array(ReadCursorSchema),
  blockedUserIds: v.array(IdSchema),
  typing: v.array(v.object({ roomId: IdSchema, userId: IdSchema, ttlMs: v.number() })),
  /**
   * The newest top-level message of each room that the person may see, for room-list previews
   * before a room is opened. Optional: a backend may leave it out.
   */
  lastMessages: v.optional(v.array(MessageSchema)),
  /** The slash commands bots registered (see `command.register`). Optional: a backend may have none. */
  commands: v.optional(v.array(BotCommandSchema)),
  limits: v.object({
    maxMembersPerRoom: v.number(),
    maxTextBytes: v.number(),
    maxCustomDataBytes: v.number(),
    maxReplay: v.number(),
    maxMembersPerRequest: v.number(),
    maxRoomNameLength: v.number(),
    maxHistoryPage: v.number(),
    maxAttachments: v.number(),
    maxMentions: v.number(),
  }),
  serverTime: TimestampSchema,
  /**
   * Names the server's history: the same value for as long as its stored messages and sequences
   * stand, a new one when they were replaced (a wiped or restored database, a fresh in-memory
   * server). A client holding history from another epoch drops its copy of every room and loads
   * it again (its outbox stays and is resent by client id). Optional: a backend that never loses
   * history may leave it out.
   */
  epoch: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(128))),
  /** Invitations waiting for this person's answer, oldest first. Optional: absent means none. */
  invitations: v.optional(v.array(InvitationSchema)),
  /** The person's own settings of their rooms that differ from the defaults (issue #13). Optional: a backend may leave it out. */
  roomSettings: v.optional(v.array(RoomSettingsSchema)),
});
