import * as v from 'valibot';
import { IdSchema, InvitationSchema, MessageSchema, PresenceSchema, ReadCursorSchema, RoomSchema, RoomSettingsSchema, SequenceSchema, UserSchema } from './entities';
import { describeIssues, type Outcome } from './commands';
import { ChatError } from './errors';
import { ReportSchema } from './moderation';
import { BotCommandSchema, CommandNameSchema } from './slashCommands';

/** The schema of every event a server may push. Clients that receive frames from a network parse with it. */
export const ServerEventSchema = v.variant('type', [
  /**
   * A new message in a room you are in (thread replies too). It also means that its author stopped
   * typing there and has read up to its sequence: no separate typing.stopped or cursor.updated
   * follows a send.
   */
  v.object({ type: v.literal('message.created'), message: MessageSchema }),
  /** An edit, a deletion (tombstone), a reaction or a reply-count change. */
  v.object({ type: v.literal('message.updated'), message: MessageSchema }),
  /** A message you may not see (its author is blocked by you) took this sequence: it is not a gap. */
  v.object({ type: v.literal('message.hidden'), roomId: IdSchema, sequence: SequenceSchema }),
  /** You became a member of this room (created, joined, added, or a direct room opened to you). */
  v.object({ type: v.literal('room.joined'), room: RoomSchema }),
  /** A room you are in changed: name, custom data, members, roles. */
  v.object({ type: v.literal('room.updated'), room: RoomSchema }),
  /** You are no longer in this room. */
  v.object({ type: v.literal('room.left'), roomId: IdSchema, reason: v.picklist(['left', 'removed', 'deleted']) }),
  v.object({ type: v.literal('cursor.updated'), cursor: ReadCursorSchema }),
  /** Someone is typing; forget it after `ttlMs` unless renewed. */
  v.object({ type: v.literal('typing.started'), roomId: IdSchema, userId: IdSchema, ttlMs: v.number() }),
  v.object({ type: v.literal('typing.stopped'), roomId: IdSchema, userId: IdSchema }),
  v.object({ type: v.literal('presence.changed'), userId: IdSchema, presence: PresenceSchema }),
  v.object({ type: v.literal('user.updated'), user: UserSchema }),
  v.object({ type: v.literal('blocks.updated'), blockedUserIds: v.array(IdSchema) }),
  // Streamed messages (issue #14).
  /**
   * A streamed message grew: `piece` goes at `offset` of its text. A client whose copy is not
   * `offset` long missed a piece and asks for the message again. `sequence` and `parentId` find
   * the message without a scan. When it ends, a `message.updated` carries the whole message.
   */
  v.object({
    type: v.literal('message.appended'),
    roomId: IdSchema,
    messageId: IdSchema,
    sequence: SequenceSchema,
    parentId: v.optional(IdSchema),
    offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
    piece: v.string(),
  }),
  // Moderation (issue #13): to the room's admins and the site's moderators.
  /** A new report they may act on. */
  v.object({ type: v.literal('report.created'), report: ReportSchema }),
  /** A report was resolved (by them or another moderator): it leaves the queue. */
  v.object({ type: v.literal('report.resolved'), report: ReportSchema }),
  // Rooms and people
  /** Someone invited you to a room; accept or decline it. */
  v.object({ type: v.literal('invitation.added'), invitation: InvitationSchema }),
  /** An invitation of yours is gone: you answered it, it was withdrawn, or its room was deleted. */
  v.object({ type: v.literal('invitation.removed'), roomId: IdSchema, reason: v.picklist(['accepted', 'declined', 'withdrawn', 'deleted']) }),
  // Notifications (issue #13)
  /** Your own settings for a room changed (on this device or another): follow them at once. */
  v.object({ type: v.literal('room.settings.updated'), settings: RoomSettingsSchema }),
  // ---- Slash commands and polls (issue #14) ----
  /** The slash commands bots registered changed: the whole list, as the snapshot gives it. */
  v.object({ type: v.literal('commands.updated'), commands: v.array(BotCommandSchema) }),
  /** To a bot: someone ran one of its commands in a room (the bot is a member of it). */
  v.object({
    type: v.literal('command.invoked'),
    roomId: IdSchema,
    userId: IdSchema,
    name: CommandNameSchema,
    args: v.string(),
    invocationId: IdSchema,
  }),
  /** To the voter's own sessions: their vote in a poll is now these options ([] when taken back). */
  v.object({ type: v.literal('poll.voted'), roomId: IdSchema, messageId: IdSchema, optionIds: v.array(v.string()) }),
]);

/**
 * An event the server pushes to a session, discriminated by `type`.
 *
 * @example
 * transport.open({ onEvent: (event) => { if (event.type === 'message.created') console.log(event.message.text); }, ... });
 */
export type ServerEvent = v.InferOutput<typeof ServerEventSchema>;

/** The name of an event. */
export type ServerEventType = ServerEvent['type'];

/** The event whose `type` is T. */
export type ServerEventOf<T extends ServerEventType> = Extract<ServerEvent, { type: T }>;

/**
 * Parses untrusted input (a frame from a network) into a server event.
 *
 * @example
 * const parsed = parseServerEvent(data);
 * if (parsed.ok) store.apply(parsed.value);
 */
export function parseServerEvent(input: unknown): Outcome<ServerEvent> {
  const result = v.safeParse(ServerEventSchema, input);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, error: new ChatError('invalid', `Malformed server event: ${describeIssues(result.issues, 'event')}`) };
}
