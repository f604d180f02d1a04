import type { CustomData, Message, ReadCursor, Room, RoomKind, RoomMember, ServerEvent, User } from '../protocol';
import { cloneJson } from './clone';

/**
 * One open connection. Internal to the server.
 *
 * @example
 * const record: SessionRecord = { userId: 'ana', open: true, listener: console.log };
 */
export interface SessionRecord {
  readonly userId: string;
  open: boolean;
  readonly listener: (event: ServerEvent) => void;
}

/**
 * A person and everything the server keeps about them. Internal to the server.
 *
 * @example
 * const record: UserRecord = { user, sessions: new Set(), blocked: new Set(), rooms: new Set() };
 */
export interface UserRecord {
  /** The server's own copy; only ever handed out cloned. */
  user: User;
  sessions: Set<SessionRecord>;
  /** Whom this person blocks, in the order they were blocked. */
  blocked: Set<string>;
  /** Ids of the rooms this person is a member of: snapshots and presence fan-out read it. */
  rooms: Set<string>;
}

/**
 * A room with its timeline and indexes. Internal to the server.
 *
 * `messages[sequence - 1]` is the message with that sequence, so paging is O(page) and sends
 * are an array push. `topLevel` and `replies` hold sequences (ascending) so that history pages
 * skip thread replies without scanning them.
 *
 * @example
 * const lastSequence = record.messages.length;
 */
export interface RoomRecord {
  readonly id: string;
  name: string;
  readonly kind: RoomKind;
  readonly createdBy: string;
  readonly createdAt: number;
  customData?: CustomData;
  lastActivityAt: number;
  /** In the order people joined. */
  members: Map<string, RoomMember>;
  messages: Message[];
  topLevel: number[];
  /** Parent message id → sequences of its replies. */
  replies: Map<string, number[]>;
  byId: Map<string, Message>;
  /** `${authorId} ${clientId}` → message: the idempotency index (ids cannot contain spaces). */
  byClientKey: Map<string, Message>;
  cursors: Map<string, ReadCursor>;
  /** userId → when their typing notice expires, on the injected clock. */
  typing: Map<string, number>;
}

/**
 * Everything the server knows. Keyed state lives in Maps so that no user-chosen string ever
 * becomes a property name.
 *
 * @example
 * const state = createState();
 */
export interface ServerState {
  users: Map<string, UserRecord>;
  rooms: Map<string, RoomRecord>;
  /** Pair key of two user ids → id of their direct room. */
  directRooms: Map<string, string>;
  /** Rooms where someone may be typing, so `tick` need not visit every room. */
  typingRooms: Set<RoomRecord>;
}

/**
 * Makes an empty state.
 *
 * @example
 * const state = createState();
 */
export function createState(): ServerState {
  return { users: new Map(), rooms: new Map(), directRooms: new Map(), typingRooms: new Set() };
}

/**
 * The same key whoever of the two opens the direct room.
 *
 * @example
 * directPairKey('bo', 'ana') === directPairKey('ana', 'bo'); // true
 */
export function directPairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/**
 * A fresh, unshared copy of a message as the protocol describes it.
 *
 * @example
 * return messageView(room.byId.get(id)!);
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
 * The protocol's view of a room, built fresh so that nobody outside can reach the record.
 *
 * @example
 * ctx.send('ana', { type: 'room.joined', room: roomView(room) });
 */
export function roomView(room: RoomRecord): Room {
  const view: Room = {
    id: room.id,
    name: room.name,
    kind: room.kind,
    createdBy: room.createdBy,
    createdAt: room.createdAt,
    members: [...room.members.values()].map((member) => ({ userId: member.userId, role: member.role, joinedAt: member.joinedAt })),
    lastSequence: room.messages.length,
    lastActivityAt: room.lastActivityAt,
  };
  if (room.customData !== undefined) view.customData = cloneJson(room.customData);
  return view;
}

/**
 * A fresh copy of a cursor.
 *
 * @example
 * const cursors = [...room.cursors.values()].map(cursorView);
 */
export function cursorView(cursor: ReadCursor): ReadCursor {
  return { roomId: cursor.roomId, userId: cursor.userId, sequence: cursor.sequence, updatedAt: cursor.updatedAt };
}
