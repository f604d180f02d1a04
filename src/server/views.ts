import type { Message, ReadCursor, Room, RoomMember, User } from '../protocol';
import { cloneJson } from './clone';
import type { StoredRoom } from './storage';

/**
 * A fresh, unshared copy of a message as the protocol describes it.
 *
 * @example
 * return messageView(tx.getMessage(roomId, id)!);
 */
export function messageView(message: Message): Message {
  return cloneJson(message);
}

/**
 * A fresh, unshared copy of a user.
 *
 * @example
 * const me = userView(record.user);
 */
export function userView(user: User): User {
  return cloneJson(user);
}

/**
 * The protocol's view of a stored room, built fresh so that nobody outside can reach the record.
 *
 * @example
 * ctx.send('ana', { type: 'room.joined', room: roomView(room) });
 */
export function roomView(room: StoredRoom, crowdSize = Infinity): Room {
  const view: Room = {
    id: room.id,
    name: room.name,
    kind: room.kind,
    createdBy: room.createdBy,
    createdAt: room.createdAt,
    members: crowdMembers(room, crowdSize).map(memberView),
    memberCount: room.members.length,
    lastSequence: room.lastSequence,
    lastActivityAt: room.lastActivityAt,
  };
  if (room.customData !== undefined) view.customData = cloneJson(room.customData);
  if (room.invitedUserIds !== undefined && room.invitedUserIds.length > 0) view.invitedUserIds = [...room.invitedUserIds];
  if (room.pinnedMessageIds !== undefined && room.pinnedMessageIds.length > 0) view.pinnedMessageIds = [...room.pinnedMessageIds];
  if (room.topic) view.topic = room.topic;
  return view;
}

/**
 * Whether a room has more members than `crowdSize`: its views then carry only some of them (see
 * {@link crowdMembers}), its cursors and presence are not fanned out to everyone, and clients load
 * its members on demand (`room.members`).
 *
 * @example
 * if (isCrowd(room, 100)) sendTo([userId], event);
 */
export function isCrowd(room: StoredRoom, crowdSize: number): boolean {
  return room.members.length > crowdSize;
}

/**
 * The members a room's view carries: all of them, or in a crowd only its admins (at most
 * `crowdSize`, in join order): what every member needs to know who runs the room. The rest are
 * paged with `room.members`; a client reads `memberCount` for the size.
 *
 * @example
 * crowdMembers(room, 100).length; // room.members.length, or its admins in a crowd
 */
export function crowdMembers(room: StoredRoom, crowdSize: number): RoomMember[] {
  if (!isCrowd(room, crowdSize)) return room.members;
  return room.members.filter(shownInCrowd).slice(0, crowdSize);
}

/**
 * Whether a crowd's views name this member: its admins, and its muted members (moderation: a
 * muted person's client must see its own mute to say why it cannot write). Anyone else joining
 * or leaving a crowd changes only its `memberCount`.
 *
 * @example
 * shownInCrowd({ userId: 'ana', role: 'admin', joinedAt: 0 }); // true
 */
export function shownInCrowd(member: RoomMember): boolean {
  return member.role === 'admin' || member.muted !== undefined;
}

/**
 * A fresh copy of a member as the protocol describes it.
 *
 * @example
 * const members = room.members.map(memberView);
 */
export function memberView(member: RoomMember): RoomMember {
  const view: RoomMember = { userId: member.userId, role: member.role, joinedAt: member.joinedAt };
  if (member.muted !== undefined) view.muted = { ...member.muted };
  return view;
}

/**
 * A fresh copy of a cursor as `viewerId` sees it (null: anyone but its person), with what its person's membership adds: how far
 * messages reached their devices, and (for the person alone) that they marked the room unread.
 * Others see the person's read receipt where it stood before they marked unread (`readPeak`).
 *
 * @example
 * const view = cursorView(cursor, room.members.find((member) => member.userId === cursor.userId), 'bo');
 */
export function cursorView(cursor: ReadCursor, member: RoomMember | undefined, viewerId: string | null): ReadCursor {
  const own = viewerId === cursor.userId;
  const sequence = own ? cursor.sequence : Math.max(cursor.sequence, member?.readPeak ?? 0);
  const view: ReadCursor = { roomId: cursor.roomId, userId: cursor.userId, sequence, updatedAt: cursor.updatedAt };
  if (member?.deliveredSequence !== undefined && member.deliveredSequence > sequence) view.deliveredSequence = member.deliveredSequence;
  if (own && member?.markedUnread) view.markedUnread = true;
  return view;
}

/**
 * Every member's cursor in a room as `viewerId` sees it: those who read, and those to whom
 * messages were only delivered (read up to 0).
 *
 * @example
 * const cursors = roomCursorViews(room, 'ana');
 */
export function roomCursorViews(room: StoredRoom, viewerId: string): ReadCursor[] {
  const members = new Map(room.members.map((member) => [member.userId, member]));
  const views = room.cursors.map((cursor) => cursorView(cursor, members.get(cursor.userId), viewerId));
  for (const member of room.members) {
    if (member.deliveredSequence === undefined || room.cursors.some((cursor) => cursor.userId === member.userId)) continue;
    views.push(cursorView({ roomId: room.id, userId: member.userId, sequence: 0, updatedAt: member.joinedAt }, member, viewerId));
  }
  return views;
}

/**
 * One member's cursor as they see it themselves (read up to 0 when they have none yet).
 *
 * @example
 * return ownCursorView(room, actor.user.id, ctx.now());
 */
export function ownCursorView(room: StoredRoom, userId: string, now: number): ReadCursor {
  const cursor = room.cursors.find((item) => item.userId === userId) ?? { roomId: room.id, userId, sequence: 0, updatedAt: now };
  return cursorView(cursor, room.members.find((member) => member.userId === userId), userId);
}
