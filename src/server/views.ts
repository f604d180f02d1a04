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
  // Muted members too (moderation): a muted person's client must see its own mute to say why it cannot write.
  return room.members.filter((member) => member.role === 'admin' || member.muted !== undefined).slice(0, crowdSize);
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
 * A fresh copy of a cursor.
 *
 * @example
 * const cursors = room.cursors.map(cursorView);
 */
export function cursorView(cursor: ReadCursor): ReadCursor {
  return { roomId: cursor.roomId, userId: cursor.userId, sequence: cursor.sequence, updatedAt: cursor.updatedAt };
}
