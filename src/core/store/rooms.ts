import { ChatError, codePointLength, type Limits, type Message, type Room } from '../../protocol';
import { EMPTY_RECORD, lookup, memoizeByIdentity, withEntry, withoutEntry, type IdRecord } from './records';

/**
 * The rooms the signed-in user is a member of.
 *
 * @example
 * const rooms = selectRoomsByActivity(client.store.getState());
 */
export interface RoomsSlice {
  rooms: IdRecord<Room>;
  /**
   * Each room's newest message as the session snapshot gave it, for previews of rooms whose
   * timeline the client has not loaded. A held timeline's own newest message takes precedence.
   */
  previews: IdRecord<Message>;
}

export const initialRooms: RoomsSlice = { rooms: EMPTY_RECORD, previews: EMPTY_RECORD };

/** Previews from a snapshot, keeping the identity of unchanged ones. */
export function previewsFromSnapshot(previous: IdRecord<Message>, messages: readonly Message[]): IdRecord<Message> {
  const next: Record<string, Message> = {};
  for (const message of messages) {
    const old = lookup(previous, message.roomId);
    next[message.roomId] = old && JSON.stringify(old) === JSON.stringify(message) ? old : message;
  }
  return next;
}

/** An edit or deletion of a previewed message updates its preview. */
export function withPreviewUpdate(previews: IdRecord<Message>, message: Message): IdRecord<Message> {
  const held = lookup(previews, message.roomId);
  return held && held.id === message.id ? withEntry(previews, message.roomId, message) : previews;
}

function sameRoom(a: Room | undefined, b: Room): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** Keeps the identity of rooms a snapshot did not change, so their subscribers do not re-render. */
export function roomsFromSnapshot(previous: IdRecord<Room>, rooms: readonly Room[]): IdRecord<Room> {
  const next: Record<string, Room> = {};
  for (const room of rooms) {
    const old = lookup(previous, room.id);
    next[room.id] = old && sameRoom(old, mergeActivity(room, old)) ? old : mergeActivity(room, old);
  }
  return next;
}

/** The server's copy of a room, never moving its activity backwards from what the client already saw. */
function mergeActivity(room: Room, known: Room | undefined): Room {
  if (!known || (known.lastSequence <= room.lastSequence && known.lastActivityAt <= room.lastActivityAt)) return room;
  return { ...room, lastSequence: Math.max(room.lastSequence, known.lastSequence), lastActivityAt: Math.max(room.lastActivityAt, known.lastActivityAt) };
}

export function withRoom(rooms: IdRecord<Room>, room: Room): IdRecord<Room> {
  const old = lookup(rooms, room.id);
  const merged = mergeActivity(room, old);
  return sameRoom(old, merged) ? rooms : withEntry(rooms, room.id, merged);
}

export function withoutRoom(rooms: IdRecord<Room>, roomId: string): IdRecord<Room> {
  return withoutEntry(rooms, roomId);
}

/** A new message moves its room's last sequence and activity forward (and only that room). */
export function withActivity(rooms: IdRecord<Room>, message: Pick<Message, 'roomId' | 'sequence' | 'createdAt'>): IdRecord<Room> {
  const room = lookup(rooms, message.roomId);
  if (!room || (room.lastSequence >= message.sequence && room.lastActivityAt >= message.createdAt)) return rooms;
  return withEntry(rooms, room.id, {
    ...room,
    lastSequence: Math.max(room.lastSequence, message.sequence),
    lastActivityAt: Math.max(room.lastActivityAt, message.createdAt),
  });
}

export const selectRooms = (state: RoomsSlice): IdRecord<Room> => state.rooms;
export const selectRoom = (state: RoomsSlice, roomId: string): Room | undefined => lookup(state.rooms, roomId);

const sortByActivity = memoizeByIdentity((rooms: IdRecord<Room>): readonly Room[] =>
  Object.values(rooms).sort((a, b) => b.lastActivityAt - a.lastActivityAt || a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
);

/** Rooms, most recently active first. The same array until a room changes. */
export const selectRoomsByActivity = (state: RoomsSlice): readonly Room[] => sortByActivity(state.rooms);

/**
 * Why a room name may not be used, or null when it may: trimmed, not empty, at most
 * `limits.maxRoomNameLength` characters (code points). The server checks the same.
 *
 * @example
 * checkRoomName('   ', DEFAULT_LIMITS)?.code; // 'invalid'
 */
export function checkRoomName(name: string, limits: Pick<Limits, 'maxRoomNameLength'>): ChatError | null {
  const { maxRoomNameLength } = limits;
  const length = codePointLength(name.trim());
  if (length === 0) return new ChatError('invalid', 'A room name must not be empty.');
  if (length > maxRoomNameLength) return new ChatError('too_large', `A room name is at most ${maxRoomNameLength} characters; this one has ${length}.`);
  return null;
}
