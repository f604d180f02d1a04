import type { Message } from '../../../../protocol';
import type { DirectPair, FoundMessage, MessageSearch, StoredRoom } from '../../../../server';
import { directPairOf, messageFromRow } from '../../sql';
import { copy } from './attempt';
import { keyOf, messageKey } from './loaded';
import type { FoundRow, MessageRow } from './misses';
import { PeopleReads } from './peopleReads';

/**
 * Reads across rooms: a room, room lists and direct pairs, and the lists that span rooms (a
 * person's messages, search), with this attempt's changes applied.
 */
export abstract class RoomReads extends PeopleReads {
  getRoom(roomId: string): StoredRoom | undefined {
    const room = this.currentRoom(roomId);
    return room && copy(room);
  }

  listPublicRooms(page: { afterId?: string; limit: number }): StoredRoom[] {
    // Rooms this attempt deleted or made leave the stored page: load as many more as it changed.
    const stored = this.query<StoredRoom[]>({ kind: 'listPublicRooms', afterId: page.afterId, limit: page.limit + this.rooms.size });
    const byId = new Map<string, StoredRoom>();
    for (const room of stored) {
      if (this.rooms.has(room.id)) continue;
      byId.set(room.id, this.loaded.rooms.get(room.id) ?? room);
    }
    for (const [id, room] of this.rooms) {
      if (room && room.kind === 'public' && (page.afterId === undefined || id > page.afterId)) byId.set(id, room);
    }
    return [...byId.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, page.limit)
      .map(copy);
  }

  directRoomId(userId: string, otherUserId: string): string | undefined {
    const [low, high] = directPairOf(userId, otherUserId);
    const written = this.directs.get(keyOf(low, high));
    if (written !== undefined) return written === '' || this.roomDeleted(written) ? undefined : written;
    const stored = this.query<string | null>({ kind: 'directRoomId', low, high });
    return stored === null || this.roomDeleted(stored) ? undefined : stored;
  }

  listRooms(page: { afterId?: string; limit: number }): StoredRoom[] {
    // As listPublicRooms, without the kind: rooms this attempt changed replace their stored copy.
    const stored = this.query<StoredRoom[]>({ kind: 'listRooms', afterId: page.afterId, limit: page.limit + this.rooms.size });
    const byId = new Map<string, StoredRoom>();
    for (const room of stored) {
      if (this.rooms.has(room.id)) continue;
      byId.set(room.id, this.loaded.rooms.get(room.id) ?? room);
    }
    for (const [id, room] of this.rooms) if (room && (page.afterId === undefined || id > page.afterId)) byId.set(id, room);
    return [...byId.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, page.limit)
      .map(copy);
  }

  listDirectPairs(page: { afterRoomId?: string; limit: number }): DirectPair[] {
    const stored = this.query<DirectPair[]>({ kind: 'listDirectPairs', afterRoomId: page.afterRoomId, limit: page.limit + this.directs.size });
    const byRoom = new Map<string, DirectPair>();
    const written = new Map([...this.directs].map(([key, roomId]) => [key, roomId]));
    for (const pair of stored) {
      const key = keyOf(pair.userIds[0], pair.userIds[1]);
      if (this.roomDeleted(pair.roomId) || (written.has(key) && written.get(key) !== pair.roomId)) continue;
      byRoom.set(pair.roomId, pair);
    }
    for (const [key, roomId] of written) {
      if (roomId === '' || this.roomDeleted(roomId) || (page.afterRoomId !== undefined && roomId <= page.afterRoomId)) continue;
      const [low, high] = key.split('\u0000') as [string, string];
      byRoom.set(roomId, { roomId, userIds: [low, high] });
    }
    return [...byRoom.values()]
      .sort((a, b) => (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0))
      .slice(0, page.limit)
      .map(copy);
  }

  messagesByAuthor(authorId: string, page: { after?: { roomId: string; sequence: number }; limit: number }): Message[] {
    const stored = this.query<MessageRow[]>({
      kind: 'messagesByAuthor',
      authorId,
      afterRoomId: page.after?.roomId,
      afterSequence: page.after?.sequence,
      limit: page.limit,
    });
    const after = (message: Message) =>
      page.after === undefined || message.roomId > page.after.roomId || (message.roomId === page.after.roomId && message.sequence > page.after.sequence);
    const byKey = new Map<string, Message>();
    for (const row of stored) {
      if (this.roomDeleted(row.room_id)) continue;
      const written = this.messages.get(row.room_id)?.get(row.id);
      byKey.set(messageKey(row.room_id, row.id), written ? copy(written) : messageFromRow(row));
    }
    for (const [roomId, messages] of this.messages) {
      for (const message of messages.values()) if (message.authorId === authorId && after(message)) byKey.set(messageKey(roomId, message.id), copy(message));
    }
    return [...byKey.values()]
      .filter((message) => message.authorId === authorId)
      .sort((a, b) => (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : a.sequence - b.sequence))
      .slice(0, page.limit);
  }

  /** Search is a read-only command's: the stored answer as loaded (rooms this attempt deleted left out). */
  searchMessages(search: MessageSearch): FoundMessage[] {
    if (search.roomIds.length === 0 || search.terms.length === 0 || search.limit <= 0) return [];
    const found = this.query<FoundRow[]>({
      kind: 'searchMessages',
      roomIds: [...search.roomIds],
      terms: [...search.terms],
      excludeAuthorIds: [...search.excludeAuthorIds],
      before: search.before,
      limit: search.limit,
    });
    return found.filter(({ row }) => !this.roomDeleted(row.room_id)).map(({ row, position }) => ({ message: messageFromRow(row), position }));
  }
}
