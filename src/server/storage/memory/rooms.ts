import { ChatError } from '../../../protocol';
import { cloneJson } from '../../clone';
import type { StorageTx, StoredRoom } from '../types';
import { byId, type MemoryRoom, type MemoryState } from './state';

/** A direct pair's key: both ids in order, space-separated (ids cannot contain spaces). */
function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/** The room as StorageTx answers it: a copy, members and cursors as lists. */
function storedRoom(room: MemoryRoom): StoredRoom {
  return {
    ...cloneJson(room.row),
    members: [...room.members.values()].map((member) => ({ ...member })),
    cursors: [...room.cursors.values()].map((cursor) => ({ ...cursor })),
  };
}

/** Keeps a person's set of rooms in step with a membership (undone with the transaction). */
function setUserRoom(state: MemoryState, userId: string, roomId: string, member: boolean): void {
  const record = state.users.get(userId);
  if (!record) return;
  const had = record.rooms.has(roomId);
  if (had === member) return;
  if (member) record.rooms.add(roomId);
  else record.rooms.delete(roomId);
  state.remember(() => (member ? record.rooms.delete(roomId) : record.rooms.add(roomId)));
}

/**
 * Rooms: rows, members, read cursors and direct pairs; a person's rooms follow their memberships.
 *
 * @example
 * const tx = { ...memoryRooms(createMemoryState()) };
 */
export function memoryRooms(state: MemoryState): Pick<StorageTx, 'getRoom' | 'listPublicRooms' | 'listRooms' | 'directRoomId' | 'listDirectPairs' | 'insertRoom' | 'updateRoom' | 'deleteRoom' | 'putMember' | 'deleteMember' | 'putCursor' | 'deleteDirectPair' | 'setDirectRoom'> {
  const { rooms, directRooms, remember, roomOf } = state;
  return {
    getRoom(roomId) {
      const room = rooms.get(roomId);
      return room ? storedRoom(room) : undefined;
    },
    listPublicRooms({ afterId, limit }) {
      return [...rooms.values()]
        .filter((room) => room.row.kind === 'public' && (afterId === undefined || room.row.id > afterId))
        .sort((a, b) => byId(a.row, b.row))
        .slice(0, limit)
        .map(storedRoom);
    },
    listRooms({ afterId, limit }) {
      return [...rooms.values()]
        .filter((room) => afterId === undefined || room.row.id > afterId)
        .sort((a, b) => byId(a.row, b.row))
        .slice(0, limit)
        .map(storedRoom);
    },
    directRoomId(userId, otherUserId) {
      return directRooms.get(pairKey(userId, otherUserId));
    },
    listDirectPairs({ afterRoomId, limit }) {
      return [...directRooms]
        .filter(([, roomId]) => afterRoomId === undefined || roomId > afterRoomId)
        .map(([key, roomId]) => ({ roomId, userIds: key.split(' ') as [string, string] }))
        .sort((a, b) => byId({ id: a.roomId }, { id: b.roomId }))
        .slice(0, limit);
    },
    insertRoom(row) {
      if (rooms.has(row.id)) throw new ChatError('conflict', `A room with id "${row.id}" already exists.`);
      rooms.set(row.id, {
        row: cloneJson(row),
        members: new Map(),
        cursors: new Map(),
        messages: [],
        topLevel: [],
        replies: new Map(),
        byId: new Map(),
        byClientKey: new Map(),
        positions: [],
        searchable: [],
      });
      remember(() => rooms.delete(row.id));
    },
    updateRoom(roomId, patch) {
      const room = roomOf(roomId);
      const previous = room.row;
      room.row = { ...previous, ...cloneJson(patch) };
      remember(() => (room.row = previous));
    },
    deleteRoom(roomId) {
      const room = roomOf(roomId);
      rooms.delete(roomId);
      const memberIds = [...room.members.keys()];
      for (const userId of memberIds) setUserRoom(state, userId, roomId, false);
      const pairs = [...directRooms].filter(([, id]) => id === roomId);
      for (const [key] of pairs) directRooms.delete(key);
      remember(() => {
        rooms.set(roomId, room);
        for (const [key, id] of pairs) directRooms.set(key, id);
      });
    },
    putMember(roomId, member) {
      const room = roomOf(roomId);
      const previous = room.members.get(member.userId);
      room.members.set(member.userId, { ...member });
      setUserRoom(state, member.userId, roomId, true);
      remember(() => (previous ? room.members.set(member.userId, previous) : room.members.delete(member.userId)));
    },
    deleteMember(roomId, userId) {
      const room = roomOf(roomId);
      const previous = room.members.get(userId);
      if (!previous) return;
      // Map order is join order: putting a member back must restore their place, so keep the whole map.
      const members = new Map(room.members);
      const cursor = room.cursors.get(userId);
      room.members.delete(userId);
      room.cursors.delete(userId);
      setUserRoom(state, userId, roomId, false);
      remember(() => {
        room.members = members;
        if (cursor) room.cursors.set(userId, cursor);
      });
    },
    putCursor(cursor) {
      const room = roomOf(cursor.roomId);
      const previous = room.cursors.get(cursor.userId);
      room.cursors.set(cursor.userId, { ...cursor });
      remember(() => (previous ? room.cursors.set(cursor.userId, previous) : room.cursors.delete(cursor.userId)));
    },
    deleteDirectPair(userId, otherUserId) {
      const key = pairKey(userId, otherUserId);
      const previous = directRooms.get(key);
      if (previous === undefined) return;
      directRooms.delete(key);
      remember(() => directRooms.set(key, previous));
    },
    setDirectRoom(userId, otherUserId, roomId) {
      const key = pairKey(userId, otherUserId);
      const previous = directRooms.get(key);
      directRooms.set(key, roomId);
      remember(() => (previous === undefined ? directRooms.delete(key) : directRooms.set(key, previous)));
    },
  };
}
