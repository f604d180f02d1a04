import type { Message, ReadCursor, Room, User } from '../protocol';
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
export function roomView(room: StoredRoom): Room {
  const view: Room = {
    id: room.id,
    name: room.name,
    kind: room.kind,
    createdBy: room.createdBy,
    createdAt: room.createdAt,
    members: room.members.map((member) => ({ userId: member.userId, role: member.role, joinedAt: member.joinedAt })),
    lastSequence: room.lastSequence,
    lastActivityAt: room.lastActivityAt,
  };
  if (room.customData !== undefined) view.customData = cloneJson(room.customData);
  if (room.topic) view.topic = room.topic;
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
