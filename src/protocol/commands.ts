import * as v from 'valibot';
import {
  AttachmentSchema,
  CustomDataSchema,
  IdSchema,
  NotificationLevelSchema,
  LinkPreviewSchema,
  SequenceSchema,
  type Message,
  type ReadCursor,
  type Room,
  type RoomSettings,
  type RoomMember,
  type SequenceRange,
  type User,
} from './entities';
import { ChatError } from './errors';
import { describeIssues } from './issues';
import { SearchCursorSchema, SearchQuerySchema, type MessageSearchPage, type RoomSearchPage, type UserSearchPage } from './search';
import { MODERATION_COMMANDS, type ModerationSettings, type Report, type RoomBan } from './moderation';
import type { Poll } from './polls';
import { BotCommandInputSchema, CommandNameSchema, MAX_BOT_COMMANDS, MAX_COMMAND_ARGS_LENGTH, type BotCommand } from './slashCommands';

const text = v.string('Text must be a string.');
const userIds = v.pipe(v.array(IdSchema), v.minLength(1, 'Name at least one user.'));
const pageLimit = v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)));

/**
 * The schema of every command a client may send. The server parses every incoming command with it
 * before acting; unknown keys are dropped, so nothing extra reaches the server's state.
 */
export const CommandSchema = v.variant('type', [
  v.object({
    type: v.literal('user.update'),
    name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'A name must not be empty.'), v.maxLength(100))),
    avatarUrl: v.optional(v.pipe(v.string(), v.maxLength(2048))),
    customData: v.optional(CustomDataSchema),
  }),
  v.object({ type: v.literal('user.get'), userIds }),
  v.object({ type: v.literal('user.block'), userId: IdSchema }),
  v.object({ type: v.literal('user.unblock'), userId: IdSchema }),
  v.object({
    type: v.literal('room.create'),
    name: v.string('A room name must be a string.'),
    kind: v.picklist(['public', 'private'], 'A room is public or private; use direct.open for direct messages.'),
    memberIds: v.optional(v.array(IdSchema)),
    customData: v.optional(CustomDataSchema),
  }),
  v.object({
    type: v.literal('room.update'),
    roomId: IdSchema,
    name: v.optional(v.string()),
    customData: v.optional(CustomDataSchema),
    /** The room's topic; '' clears it. */
    topic: v.optional(v.string()),
  }),
  v.object({ type: v.literal('room.delete'), roomId: IdSchema }),
  v.object({ type: v.literal('room.join'), roomId: IdSchema }),
  v.object({ type: v.literal('room.leave'), roomId: IdSchema }),
  v.object({ type: v.literal('room.addMembers'), roomId: IdSchema, userIds }),
  v.object({ type: v.literal('room.removeMembers'), roomId: IdSchema, userIds }),
  v.object({ type: v.literal('room.setRole'), roomId: IdSchema, userId: IdSchema, role: v.picklist(['admin', 'member']) }),
  v.object({
    type: v.literal('room.listPublic'),
    /** The page after this room id (ids ascending); the first page without it. */
    afterId: v.optional(IdSchema),
    /** Rooms a page, at most 100. Default 100. */
    limit: pageLimit,
    /** Only rooms whose name contains this, ignoring case. */
    nameContains: v.optional(v.pipe(v.string(), v.maxLength(100))),
  }),
  v.object({ type: v.literal('direct.open'), userId: IdSchema }),
  v.object({
    type: v.literal('message.send'),
    roomId: IdSchema,
    clientId: IdSchema,
    text,
    attachments: v.optional(v.array(AttachmentSchema)),
    mentions: v.optional(v.array(IdSchema)),
    parentId: v.optional(IdSchema),
    quotedId: v.optional(IdSchema),
    customData: v.optional(CustomDataSchema),
    /** Starts a streamed message (streamed messages): its text may be empty and grows by `message.append`. */
    streaming: v.optional(v.object({ requestedBy: v.optional(IdSchema) })),
    /** `action` sends an emote (`/me waves`). */
    kind: v.optional(v.literal('action')),
  }),
  v.object({
    type: v.literal('message.edit'),
    roomId: IdSchema,
    messageId: IdSchema,
    text,
    mentions: v.optional(v.array(IdSchema)),
    customData: v.optional(CustomDataSchema),
  }),
  v.object({ type: v.literal('message.delete'), roomId: IdSchema, messageId: IdSchema }),
  v.object({
    type: v.literal('message.history'),
    roomId: IdSchema,
    /** Messages with a sequence below this one (the newest page when both are absent). */
    before: v.optional(SequenceSchema),
    /** Messages with a sequence above this one. */
    after: v.optional(SequenceSchema),
    limit: pageLimit,
  }),
  v.object({
    type: v.literal('thread.history'),
    roomId: IdSchema,
    parentId: IdSchema,
    before: v.optional(SequenceSchema),
    limit: pageLimit,
  }),
  v.object({ type: v.literal('room.resume'), roomId: IdSchema, afterSequence: SequenceSchema }),
  v.object({ type: v.literal('reaction.toggle'), roomId: IdSchema, messageId: IdSchema, emoji: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) }),
  v.object({ type: v.literal('cursor.set'), roomId: IdSchema, sequence: SequenceSchema }),
  v.object({ type: v.literal('cursor.list'), roomId: IdSchema }),
  v.object({ type: v.literal('typing.start'), roomId: IdSchema }),
  v.object({ type: v.literal('typing.stop'), roomId: IdSchema }),
  // Streamed messages (issue #14): a bot writes its answer piece by piece.
  v.object({
    type: v.literal('message.append'),
    roomId: IdSchema,
    messageId: IdSchema,
    /** Where the piece goes: the length of the text so far, in UTF-16 code units (JavaScript's string length). */
    offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
    piece: v.pipe(v.string('A piece must be a string.'), v.minLength(1, 'A piece must not be empty.')),
  }),
  v.object({ type: v.literal('message.finish'), roomId: IdSchema, messageId: IdSchema }),
  v.object({ type: v.literal('message.stop'), roomId: IdSchema, messageId: IdSchema }),
  // Rooms and people: invitations that wait for an answer (servers with `invitations: 'accept'`).
  v.object({ type: v.literal('invitation.accept'), roomId: IdSchema }),
  v.object({ type: v.literal('invitation.decline'), roomId: IdSchema }),
  /** The inviter or an admin of the room takes back a pending invitation. */
  v.object({ type: v.literal('invitation.withdraw'), roomId: IdSchema, userId: IdSchema }),
  // ---- reading state and pinned messages (issue #13) ----
  /** Moves one's own read cursor back to just before this message (it and everything after it become unread). */
  v.object({ type: v.literal('cursor.markUnread'), roomId: IdSchema, messageId: IdSchema }),
  /** Tells the room that messages up to this sequence reached one of one's devices. Cheap; clients throttle it. */
  v.object({ type: v.literal('cursor.delivered'), roomId: IdSchema, sequence: SequenceSchema }),
  v.object({ type: v.literal('message.pin'), roomId: IdSchema, messageId: IdSchema }),
  v.object({ type: v.literal('message.unpin'), roomId: IdSchema, messageId: IdSchema }),
  /** The room's pinned messages, newest pin first. */
  v.object({ type: v.literal('message.listPinned'), roomId: IdSchema }),
  // Notifications (issue #13): a person's own settings for one room; fields left out stay as they are.
  v.object({ type: v.literal('room.settings.set'), roomId: IdSchema, muted: v.optional(v.boolean('muted must be true or false.')), level: v.optional(NotificationLevelSchema) }),
  // Members on demand (a crowd's views name only its admins).
  v.object({
    type: v.literal('room.members'),
    roomId: IdSchema,
    /** Members who joined after this one (the first page when absent). */
    afterUserId: v.optional(IdSchema),
    limit: pageLimit,
  }),
  // Link previews (#14): the sender removes one; the host attaches one (system only).
  v.object({ type: v.literal('message.removePreview'), roomId: IdSchema, messageId: IdSchema }),
  v.object({ type: v.literal('message.setPreview'), roomId: IdSchema, messageId: IdSchema, preview: LinkPreviewSchema }),
  // Search (issue #13): one message by id (to jump to it), messages by their words, people, public rooms.
  v.object({ type: v.literal('message.get'), roomId: IdSchema, messageId: IdSchema }),
  v.object({
    type: v.literal('message.search'),
    query: SearchQuerySchema,
    /** Only this room (a member's); absent: every room of the person. */
    roomId: v.optional(IdSchema),
    /** The `next` of the page before. */
    before: v.optional(SearchCursorSchema),
    limit: pageLimit,
  }),
  v.object({ type: v.literal('user.search'), query: SearchQuerySchema, after: v.optional(IdSchema), limit: pageLimit }),
  v.object({ type: v.literal('room.searchPublic'), query: SearchQuerySchema, after: v.optional(IdSchema), limit: pageLimit }),
  // Moderation (issue #13): mutes, bans, reports, the site role and settings.
  ...MODERATION_COMMANDS,
  // ---- Slash commands and polls (issue #14) ----
  /** A bot registers its slash commands, replacing those it registered before. */
  v.object({
    type: v.literal('command.register'),
    commands: v.pipe(v.array(BotCommandInputSchema), v.maxLength(MAX_BOT_COMMANDS, `A bot may register at most ${MAX_BOT_COMMANDS} commands.`)),
  }),
  v.object({ type: v.literal('command.list') }),
  /** Runs a bot's command in a room: the bot receives `command.invoked`. */
  v.object({
    type: v.literal('command.invoke'),
    roomId: IdSchema,
    name: CommandNameSchema,
    args: v.pipe(v.string(), v.maxLength(MAX_COMMAND_ARGS_LENGTH, `A command's arguments may be at most ${MAX_COMMAND_ARGS_LENGTH} characters.`)),
  }),
  v.object({
    type: v.literal('poll.create'),
    roomId: IdSchema,
    clientId: IdSchema,
    question: v.string('A poll question must be a string.'),
    options: v.array(v.string('A poll option must be a string.')),
    multiple: v.optional(v.boolean()),
    anonymous: v.optional(v.boolean()),
  }),
  /** Sets one's vote: one option in a single-choice poll, any set in a multiple-choice one; [] takes it back. */
  v.object({ type: v.literal('poll.vote'), roomId: IdSchema, messageId: IdSchema, optionIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(16))), v.maxLength(10)) }),
  v.object({ type: v.literal('poll.close'), roomId: IdSchema, messageId: IdSchema }),
  /** One's own vote in a poll (the only way to see it again in an anonymous poll). */
  v.object({ type: v.literal('poll.ownVote'), roomId: IdSchema, messageId: IdSchema }),
]);

/**
 * A command from a client to the server, discriminated by `type`.
 *
 * @example
 * const send: Command = { type: 'message.send', roomId: 'general', clientId: 'c_1', text: 'Hi' };
 */
export type Command = v.InferOutput<typeof CommandSchema>;

/** The name of a command. */
export type CommandType = Command['type'];

/** The command whose `type` is T. */
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/**
 * A page of a room's main timeline (thread replies are not in it). `range` is every sequence the
 * page covers; `hasMore` says whether more lies beyond it in the direction asked.
 *
 * @example
 * const page: HistoryPage = await client.request({ type: 'message.history', roomId: 'general', before: 500 });
 */
export interface HistoryPage {
  messages: Message[];
  range: SequenceRange;
  hasMore: boolean;
}

/**
 * What `room.resume` answers: every message (thread replies included) after the given sequence, or,
 * when more than `maxReplay` were missed, only the newest `maxReplay` with `cut: true`: the client
 * then knows the sequences between are a gap to fill on demand.
 *
 * @example
 * const { cut, messages } = await transport.request({ type: 'room.resume', roomId: 'general', afterSequence: 41 });
 */
export interface ResumeResult {
  messages: Message[];
  range: SequenceRange;
  cut: boolean;
  room: Room;
}

/** What each command answers on success. */
export interface CommandResults {
  'user.update': User;
  'user.get': User[];
  'user.block': { blockedUserIds: string[] };
  'user.unblock': { blockedUserIds: string[] };
  'room.create': Room;
  'room.update': Room;
  'room.delete': { roomId: string };
  'room.join': Room;
  'room.leave': { roomId: string };
  'room.addMembers': Room;
  'room.removeMembers': Room;
  'room.setRole': Room;
  'room.listPublic': Room[];
  'direct.open': Room;
  'message.send': Message;
  'message.edit': Message;
  'message.delete': Message;
  'message.history': HistoryPage;
  'thread.history': { messages: Message[]; hasMore: boolean };
  'room.resume': ResumeResult;
  'reaction.toggle': Message;
  'cursor.set': ReadCursor;
  'cursor.list': ReadCursor[];
  'typing.start': { ttlMs: number };
  'typing.stop': Record<string, never>;
  // reading state and pinned messages (issue #13)
  'cursor.markUnread': ReadCursor;
  'cursor.delivered': ReadCursor;
  'message.pin': Message;
  'message.unpin': Message;
  'message.listPinned': Message[];
  // Notifications (issue #13)
  'room.settings.set': RoomSettings;
  'message.get': Message;
  'message.search': MessageSearchPage;
  'user.search': UserSearchPage;
  'room.searchPublic': RoomSearchPage;
  /** The length of the text now: where the next piece goes. */
  'message.append': { length: number };
  'message.finish': Message;
  'message.stop': Message;
  // Rooms and people
  'invitation.accept': Room;
  'invitation.decline': { roomId: string };
  'invitation.withdraw': Room;
  /** Link previews: the sender (or a room admin) takes the preview off a message; it stays off until the link changes. */
  'message.removePreview': Message;
  /** Link previews: the host attaches the preview of a message's first link. Only the system may. */
  'message.setPreview': Message;
  'room.members': MembersPage;
  // Moderation (issue #13).
  'member.mute': Room;
  'member.unmute': Room;
  'member.ban': RoomBan;
  'member.unban': { roomId: string; userId: string };
  'room.listBans': RoomBan[];
  'report.create': Report;
  'report.list': Report[];
  'report.resolve': Report;
  'user.setRole': User;
  'moderation.getSettings': ModerationSettings;
  'moderation.setSettings': ModerationSettings;
  // Slash commands and polls (issue #14)
  'command.register': { commands: BotCommand[] };
  'command.list': BotCommand[];
  'command.invoke': { invocationId: string };
  'poll.create': Message;
  'poll.vote': PollVoteResult;
  'poll.close': Message;
  'poll.ownVote': { optionIds: string[] };
}

/**
 * A page of a room's members in join order, with their profiles (presence included), and whether
 * more joined after the last one.
 *
 * @example
 * const page: MembersPage = await client.request({ type: 'room.members', roomId: 'town-hall', limit: 50 });
 */
export interface MembersPage {
  members: RoomMember[];
  users: User[];
  hasMore: boolean;
}

/**
 * What `poll.vote` answers: the poll's message with the new counts, and the voter's own choice.
 *
 * @example
 * const { message, optionIds } = await client.request({ type: 'poll.vote', roomId, messageId, optionIds: ['o1'] });
 */
export interface PollVoteResult {
  message: Message & { poll: Poll };
  optionIds: string[];
}

/** What command T answers on success. */
export type ResultOf<T extends CommandType> = CommandResults[T];

/**
 * A command's outcome without exceptions, as the server returns it.
 *
 * @example
 * const outcome = session.handle(command);
 * if (!outcome.ok) console.warn(outcome.error.message);
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ChatError };

/**
 * Parses untrusted input into a command, or explains in one sentence why it is not one.
 *
 * @example
 * const parsed = parseCommand(JSON.parse(frame));
 * if (!parsed.ok) reply(parsed.error);
 */
export function parseCommand(input: unknown): Outcome<Command> {
  const result = v.safeParse(CommandSchema, input);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, error: new ChatError('invalid', describeIssues(result.issues)) };
}

export { describeIssues } from './issues';
