import * as v from 'valibot';
import { CustomDataSchema, IdSchema, SequenceSchema, TimestampSchema } from './primitives';

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
