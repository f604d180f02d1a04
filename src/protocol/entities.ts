import * as v from 'valibot';
import { PollSchema } from './polls';
import { BotCommandSchema } from './slashCommands';

/** Keys that would reach an object's prototype if copied with assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_JSON_DEPTH = 16;

function isSafeJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth >= MAX_JSON_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item) => isSafeJson(item, depth + 1));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return false;
      if (!isSafeJson((value as Record<string, unknown>)[key], depth + 1)) return false;
    }
    // JSON.parse makes "__proto__" an own key; Object.keys lists it, but be explicit.
    return !Object.prototype.hasOwnProperty.call(value, '__proto__');
  }
  return false;
}

/**
 * Free-form JSON an app attaches to users, rooms and messages. Plain JSON only, at most 16 levels
 * deep, and no `__proto__`, `constructor` or `prototype` keys at any depth, so it can never pollute
 * a prototype however a consumer copies it. Its byte size is limited by the server.
 *
 * @example
 * const data: CustomData = { ticketId: 'T-42', priority: 2 };
 */
export type CustomData = { [key: string]: unknown };

export const CustomDataSchema = v.pipe(
  v.custom<CustomData>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && isSafeJson(value, 0),
    'Custom data must be a plain JSON object without __proto__, constructor or prototype keys, at most 16 levels deep.',
  ),
);

/**
 * Identifiers are opaque strings chosen by the server (rooms, messages) or the host app (users).
 *
 * @example
 * const id: Id = 'room_general';
 */
export type Id = string;
export const IdSchema = v.pipe(
  v.string('An id must be a string.'),
  v.minLength(1, 'An id must not be empty.'),
  v.maxLength(128, 'An id must be at most 128 characters.'),
  v.regex(/^[A-Za-z0-9_.:@~-]+$/, 'An id may contain only letters, digits and _ . : @ ~ -'),
  // Ids become keys of plain records in clients; these would reach Object.prototype.
  v.check((id) => !FORBIDDEN_KEYS.has(id) && !(id in Object.prototype), 'This id is reserved.'),
);

/** A sequence number: per room, rising by one with each accepted message, starting at 1. */
export const SequenceSchema = v.pipe(v.number(), v.integer(), v.minValue(0));

/** Milliseconds since the epoch, as given by the server's clock. */
export const TimestampSchema = v.pipe(v.number(), v.integer(), v.minValue(0));

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

/** `admin` may rename, delete, manage members and delete any message; `member` may talk. */
export type Role = 'admin' | 'member';
export const RoleSchema = v.picklist(['admin', 'member']);

/** `public` rooms anyone may join; `private` rooms need an admin to add you; `direct` is two people. */
export type RoomKind = 'public' | 'private' | 'direct';
export const RoomKindSchema = v.picklist(['public', 'private', 'direct']);

/**
 * A member's mute in one room: until when (absent: until lifted), by whom, and why. A muted member
 * cannot send, react or type there. Carried on the member (`RoomMember.muted`), so every member's
 * room shows it; a mute whose `until` has passed no longer counts.
 *
 * @example
 * const mute: MemberMute = { by: 'ana', at: 1767225600000, until: 1767226200000, reason: 'Cool down' };
 */
export type MemberMute = v.InferOutput<typeof MemberMuteSchema>;
export const MemberMuteSchema = v.object({
  by: IdSchema,
  at: TimestampSchema,
  until: v.optional(TimestampSchema),
  reason: v.optional(v.string()),
});

/**
 * A member of a room and their role.
 *
 * @example
 * const member: RoomMember = { userId: 'ana', role: 'admin', joinedAt: 1767225600000 };
 */
export type RoomMember = v.InferOutput<typeof RoomMemberSchema>;
export const RoomMemberSchema = v.object({
  userId: IdSchema,
  role: RoleSchema,
  joinedAt: TimestampSchema,
  /** Set while a room admin or a site moderator has muted this member (see {@link MemberMute}). */
  muted: v.optional(MemberMuteSchema),
  // Reading state (issue #13): kept by the server beside the membership, shown to clients through cursors.
  /** The highest sequence that reached at least one of this person's devices (see `cursor.delivered`). */
  deliveredSequence: v.optional(SequenceSchema),
  /** The person moved their read cursor back themselves (`cursor.markUnread`) and has not read on since. */
  markedUnread: v.optional(v.literal(true)),
  /**
   * How far the person had read before marking unread: the others keep seeing their receipt there
   * (marking unread is a note to oneself, it does not take back a "read"). Cleared once they read past it.
   */
  readPeak: v.optional(SequenceSchema),
});

/**
 * A room. `lastSequence` is the sequence of its newest message (0 when empty).
 *
 * @example
 * const room: Room = {
 *   id: 'general', name: 'general', kind: 'public', createdBy: 'ana', createdAt: 0,
 *   members: [{ userId: 'ana', role: 'admin', joinedAt: 0 }], lastSequence: 0, lastActivityAt: 0,
 * };
 */
export type Room = v.InferOutput<typeof RoomSchema>;
export const RoomSchema = v.object({
  id: IdSchema,
  name: v.string(),
  kind: RoomKindSchema,
  createdBy: IdSchema,
  createdAt: TimestampSchema,
  /**
   * Its members, in join order; in a crowd (more members than the server's `crowdSize`) only its
   * admins: `memberCount` then exceeds the list, and `room.members` pages the rest.
   */
  members: v.array(RoomMemberSchema),
  /** How many members the room has. Optional: a backend that always sends every member may leave it out. */
  memberCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  customData: v.optional(CustomDataSchema),
  lastSequence: SequenceSchema,
  lastActivityAt: TimestampSchema,
  /**
   * People invited to the room who have not accepted yet (servers that make invitations wait for
   * an answer: `invitations: 'accept'`). Absent when there are none.
   */
  invitedUserIds: v.optional(v.array(IdSchema)),
  /**
   * The room's pinned messages, in the order they were pinned (oldest pin first), at most
   * {@link MAX_PINNED_MESSAGES}. Absent when nothing is pinned.
   */
  pinnedMessageIds: v.optional(v.array(IdSchema)),
  /** What the room is about now, shown in its header (set with `room.update` or `/topic`). */
  topic: v.optional(v.string()),
});

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

/** Longest title a link preview keeps, in characters (longer ones are cut with an ellipsis). */
export const PREVIEW_TITLE_MAX = 200;
/** Longest description a link preview keeps, in characters. */
export const PREVIEW_DESCRIPTION_MAX = 500;
/** Longest site name a link preview keeps, in characters. */
export const PREVIEW_SITE_NAME_MAX = 100;

/**
 * The picture of a link preview, served by the chat host itself (`/previews/image/…`, signed), so
 * readers' browsers never contact the linked site.
 *
 * @example
 * const image: LinkPreviewImage = { url: '/previews/image/Xy…?u=…', width: 1200, height: 630 };
 */
export type LinkPreviewImage = v.InferOutput<typeof LinkPreviewImageSchema>;
export const LinkPreviewImageSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(4096)),
  width: v.pipe(v.number(), v.integer(), v.minValue(1)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

/**
 * What the host found at the first http(s) link of a message (Open Graph, Twitter card, or the
 * page's title and description). Every field is plain text, to be rendered as text; `url` is the
 * link as it appears in the message.
 *
 * @example
 * const preview: LinkPreview = { url: 'https://example.com/', title: 'Example Domain', description: '', siteName: 'example.com' };
 */
export type LinkPreview = v.InferOutput<typeof LinkPreviewSchema>;
export const LinkPreviewSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(2048)),
  title: v.pipe(v.string(), v.maxLength(PREVIEW_TITLE_MAX)),
  description: v.pipe(v.string(), v.maxLength(PREVIEW_DESCRIPTION_MAX)),
  siteName: v.pipe(v.string(), v.maxLength(PREVIEW_SITE_NAME_MAX)),
  image: v.optional(LinkPreviewImageSchema),
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

// Notifications and per-person room settings (issue #13).

/**
 * Which new messages of a room notify a person: `all`, only `mentions` of them (and direct
 * messages), or `none`. Unset, a direct room notifies `all` and a group room `mentions`.
 *
 * @example
 * const level: NotificationLevel = 'mentions';
 */
export type NotificationLevel = v.InferOutput<typeof NotificationLevelSchema>;
export const NotificationLevelSchema = v.picklist(['all', 'mentions', 'none'], 'A notification level is all, mentions or none.');

/**
 * One person's own settings for one room, seen only by them: `muted` (no unread badge, no
 * notification, a quiet look in the room list) and the notification `level` (absent: the room
 * kind's default, see {@link NotificationLevel}).
 *
 * @example
 * const settings: RoomSettings = { roomId: 'general', muted: true, updatedAt: 1767225600000 };
 */
export type RoomSettings = v.InferOutput<typeof RoomSettingsSchema>;
export const RoomSettingsSchema = v.object({
  roomId: IdSchema,
  muted: v.boolean(),
  level: v.optional(NotificationLevelSchema),
  updatedAt: TimestampSchema,
});

/**
 * The level a room notifies at when its settings name none: every message of a direct room (it
 * is a conversation with one person), only mentions in a group room.
 *
 * @example
 * defaultNotificationLevel('direct'); // 'all'
 * defaultNotificationLevel('public'); // 'mentions'
 */
export function defaultNotificationLevel(kind: RoomKind): NotificationLevel {
  return kind === 'direct' ? 'all' : 'mentions';
}

/**
 * The level a room notifies at: its settings' own, else the room kind's default.
 *
 * @example
 * effectiveNotificationLevel('public', { roomId: 'general', muted: false, level: 'all', updatedAt: 0 }); // 'all'
 */
export function effectiveNotificationLevel(kind: RoomKind, settings: Pick<RoomSettings, 'level'> | undefined): NotificationLevel {
  return settings?.level ?? defaultNotificationLevel(kind);
}

/**
 * An invitation to a room that waits for its invitee's answer (`invitation.accept` or
 * `invitation.decline`), as the invitee sees it: the room's name and kind (the invitee is not a
 * member yet, so they cannot read the room itself), who invited them and when.
 *
 * @example
 * const invitation: Invitation = { roomId: 'plans', roomName: 'plans', roomKind: 'private', invitedBy: 'ana', invitedByName: 'Ana', invitedAt: 1767225600000 };
 */
export type Invitation = v.InferOutput<typeof InvitationSchema>;
export const InvitationSchema = v.object({
  roomId: IdSchema,
  roomName: v.string(),
  roomKind: v.picklist(['public', 'private']),
  invitedBy: IdSchema,
  /** The inviter's name when invited (the invitee may not know them yet). */
  invitedByName: v.string(),
  invitedAt: TimestampSchema,
});

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
