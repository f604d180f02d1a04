import { ChatError, type Message, type ReadCursor, type RoomMember, type User } from '../../../protocol';
import type { RoomRow } from '../types';
import { WordIndex } from '../wordIndex';

/**
 * A room in memory. `messages[sequence - 1]` is the message with that sequence, so paging is
 * O(page) and a send is an array push; `topLevel` and `replies` hold ascending sequences so a
 * history page skips thread replies without scanning them.
 */
export interface MemoryRoom {
  row: RoomRow;
  members: Map<string, RoomMember>;
  cursors: Map<string, ReadCursor>;
  messages: Message[];
  topLevel: number[];
  replies: Map<string, number[]>;
  byId: Map<string, number>;
  /** `${authorId} ${clientId}` → sequence (ids cannot contain spaces). */
  byClientKey: Map<string, number>;
  /** `positions[sequence - 1]`: where the message stands in the order messages were stored (search pages by it). */
  positions: number[];
  /** `searchable[sequence - 1]`: the message's words as search compares them (empty when deleted). */
  searchable: string[];
}

export interface MemoryUser {
  user: User;
  blocked: string[];
  rooms: Set<string>;
}

/**
 * Everything one memory storage holds, shared by the parts of its StorageTx (people, rooms,
 * messages, search, records, sessions), with the open transaction's undo log.
 *
 * @example
 * const state = createMemoryState();
 * state.remember(() => state.users.delete('ana'));
 */
export interface MemoryState {
  users: Map<string, MemoryUser>;
  rooms: Map<string, MemoryRoom>;
  /** Direct rooms by their two people's ids, in order and space-separated. */
  directRooms: Map<string, string>;
  sessions: Map<string, number>;
  /** `${kind} ${scope}` → key → value (kinds and ids cannot contain spaces). */
  records: Map<string, Map<string, unknown>>;
  /** Messages stored so far, every room together: the next message's search position. */
  stored: number;
  /** Where each search position's message is: its room and sequence (stale after a rollback or a room's deletion; checked on use). */
  placeOf: Map<number, { roomId: string; sequence: number }>;
  words: WordIndex;
  /** The open transaction's undo steps, in the order taken; null outside a transaction. */
  undo: Array<() => void> | null;
  /** Keeps the step that undoes a change, for a rollback of the open transaction. */
  remember(step: () => void): void;
  /** The room, or ChatError `not_found`. */
  roomOf(roomId: string): MemoryRoom;
}

/**
 * An empty memory storage's state.
 *
 * @example
 * const state = createMemoryState();
 */
export function createMemoryState(): MemoryState {
  const state: MemoryState = {
    users: new Map(),
    rooms: new Map(),
    directRooms: new Map(),
    sessions: new Map(),
    records: new Map(),
    stored: 0,
    placeOf: new Map(),
    words: new WordIndex(),
    undo: null,
    remember(step) {
      state.undo?.push(step);
    },
    roomOf(roomId) {
      const room = state.rooms.get(roomId);
      if (!room) throw new ChatError('not_found', `There is no room with id "${roomId}".`);
      return room;
    },
  };
  return state;
}

/** Keys that sort like ids: plain code-unit order, the same as SQL's binary collation. */
export function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
