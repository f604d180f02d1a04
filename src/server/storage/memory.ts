import { ChatError, searchableText, termsIn, type Message, type ReadCursor, type RoomMember, type User } from '../../protocol';
import { cloneJson } from '../clone';
import { randomEpoch } from './epoch';
import { WordIndex } from './wordIndex';
import { compareRecordAddresses, type RecordEntry, type RecordKind, type RecordTypes, type StoredRecord } from './records';
import type { Delivery, FoundMessage, RoomRow, StorageTx, StoredRoom, StoredUser, SyncStorage, TransactionOptions } from './types';

/**
 * A room in memory. `messages[sequence - 1]` is the message with that sequence, so paging is
 * O(page) and a send is an array push; `topLevel` and `replies` hold ascending sequences so a
 * history page skips thread replies without scanning them.
 */
interface MemoryRoom {
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

interface MemoryUser {
  user: User;
  blocked: string[];
  rooms: Set<string>;
}

/**
 * Options of {@link createMemoryStorage}.
 *
 * @example
 * const storage = createMemoryStorage({ epoch: 'test-epoch' });
 */
export interface MemoryStorageOptions {
  /** The name of this history. Default: random. */
  epoch?: string;
}

/** Index of the first element of an ascending array that is ≥ value. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/** Keys that sort like ids: plain code-unit order, the same as SQL's binary collation. */
function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The in-memory storage engine: everything in Maps, nothing kept past the page or process. The
 * browser's in-page server, the stories, the playground and most tests run on it. Transactions
 * keep an undo log, so a work that throws leaves nothing behind; deliveries go to subscribers
 * synchronously after the work returns.
 *
 * @example
 * const storage = createMemoryStorage();
 * const server = createReferenceServer({ storage });
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): SyncStorage {
  const users = new Map<string, MemoryUser>();
  const rooms = new Map<string, MemoryRoom>();
  const directRooms = new Map<string, string>();
  const sessions = new Map<string, number>();
  /** `${kind} ${scope}` → key → value (kinds and ids cannot contain spaces). */
  const records = new Map<string, Map<string, unknown>>();
  const listeners = new Set<(deliveries: readonly Delivery[]) => void>();
  /** Messages stored so far, every room together: the next message's search position. */
  let stored = 0;
  /** Where each search position's message is: its room and sequence (stale after a rollback or a room's deletion; checked on use). */
  const placeOf = new Map<number, { roomId: string; sequence: number }>();
  const words = new WordIndex();
  let undo: Array<() => void> | null = null;
  let pending: Delivery[] = [];
  let closed = false;

  function remember(step: () => void): void {
    undo?.push(step);
  }

  function roomOf(roomId: string): MemoryRoom {
    const room = rooms.get(roomId);
    if (!room) throw new ChatError('not_found', `There is no room with id "${roomId}".`);
    return room;
  }

  function storedRoom(room: MemoryRoom): StoredRoom {
    return {
      ...cloneJson(room.row),
      members: [...room.members.values()].map((member) => ({ ...member })),
      cursors: [...room.cursors.values()].map((cursor) => ({ ...cursor })),
    };
  }

  function at(room: MemoryRoom, sequences: Iterable<number>): Message[] {
    const out: Message[] = [];
    for (const sequence of sequences) {
      const message = room.messages[sequence - 1];
      if (message) out.push(cloneJson(message));
    }
    return out;
  }

  function setUserRoom(userId: string, roomId: string, member: boolean): void {
    const record = users.get(userId);
    if (!record) return;
    const had = record.rooms.has(roomId);
    if (had === member) return;
    if (member) record.rooms.add(roomId);
    else record.rooms.delete(roomId);
    remember(() => (member ? record.rooms.delete(roomId) : record.rooms.add(roomId)));
  }

  const tx: StorageTx = {
    getUser(userId) {
      const record = users.get(userId);
      return record ? ({ user: cloneJson(record.user), blocked: [...record.blocked] } satisfies StoredUser) : undefined;
    },
    getUsers(userIds) {
      const out: User[] = [];
      for (const userId of userIds) {
        const record = users.get(userId);
        if (record) out.push(cloneJson(record.user));
      }
      return out;
    },
    blockersOf(userId) {
      const out: string[] = [];
      for (const record of users.values()) if (record.blocked.includes(userId)) out.push(record.user.id);
      return out;
    },
    listUsers({ afterId, limit }) {
      return [...users.values()]
        .map((record) => record.user)
        .filter((user) => afterId === undefined || user.id > afterId)
        .sort(byId)
        .slice(0, limit)
        .map((user) => cloneJson(user));
    },
    roomIdsOf(userId) {
      return [...(users.get(userId)?.rooms ?? [])];
    },
    audienceOf(userId, options) {
      const audience = new Set<string>([userId]);
      const maxRoomSize = options?.maxRoomSize ?? Infinity;
      for (const roomId of users.get(userId)?.rooms ?? []) {
        const members = rooms.get(roomId)?.members;
        if (!members || members.size > maxRoomSize) continue;
        for (const memberId of members.keys()) audience.add(memberId);
      }
      return [...audience];
    },
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
    directRoomId(userId, otherUserId) {
      return directRooms.get(pairKey(userId, otherUserId));
    },
    getMessage(roomId, messageId) {
      const room = rooms.get(roomId);
      const sequence = room?.byId.get(messageId);
      return room && sequence !== undefined ? at(room, [sequence])[0] : undefined;
    },
    getMessageByClientId(roomId, authorId, clientId) {
      const room = rooms.get(roomId);
      const sequence = room?.byClientKey.get(`${authorId} ${clientId}`);
      return room && sequence !== undefined ? at(room, [sequence])[0] : undefined;
    },
    messagesBetween(roomId, from, to) {
      const room = rooms.get(roomId);
      if (!room) return [];
      const out: Message[] = [];
      for (let sequence = Math.max(1, from); sequence <= Math.min(to, room.messages.length); sequence++) {
        const message = room.messages[sequence - 1];
        if (message) out.push(cloneJson(message));
      }
      return out;
    },
    topLevelBefore(roomId, before, limit) {
      const room = rooms.get(roomId);
      if (!room || limit <= 0) return [];
      const hi = lowerBound(room.topLevel, before);
      return at(room, room.topLevel.slice(Math.max(0, hi - limit), hi));
    },
    topLevelAfter(roomId, after, limit) {
      const room = rooms.get(roomId);
      if (!room || limit <= 0) return [];
      const lo = lowerBound(room.topLevel, after + 1);
      return at(room, room.topLevel.slice(lo, lo + limit));
    },
    repliesBefore(roomId, parentId, before, limit) {
      const room = rooms.get(roomId);
      const replies = room?.replies.get(parentId);
      if (!room || !replies || limit <= 0) return [];
      const hi = lowerBound(replies, before);
      return at(room, replies.slice(Math.max(0, hi - limit), hi));
    },
    searchMessages({ roomIds, terms, excludeAuthorIds, before, limit }) {
      const excluded = new Set(excludeAuthorIds);
      const wanted = new Set(roomIds);
      const found: FoundMessage[] = [];
      /** The message at a position if it is one to answer: in a room asked for, holding every term, neither deleted nor excluded. */
      const check = (room: MemoryRoom, index: number, position: number): boolean => {
        if (room.positions[index] !== position || !termsIn(room.searchable[index] as string, terms)) return false;
        const message = room.messages[index] as Message;
        if (message.deletedAt !== undefined || excluded.has(message.authorId)) return false;
        found.push({ message: cloneJson(message), position });
        return true;
      };
      // A rare term: the word index lists the few messages that may hold it, newest first.
      const candidates = words.candidates(terms);
      if (candidates !== null) {
        for (const position of candidates) {
          if (found.length === limit) break;
          if (before !== undefined && position >= before) continue;
          const place = placeOf.get(position);
          const room = place && wanted.has(place.roomId) ? rooms.get(place.roomId) : undefined;
          if (room && place) check(room, place.sequence - 1, position);
        }
        return found;
      }
      // Common terms: each room newest first, a page of them soon found.
      for (const roomId of wanted) {
        const room = rooms.get(roomId);
        if (!room) continue;
        const start = found.length;
        for (let index = room.messages.length - 1; index >= 0 && found.length - start < limit; index--) {
          const position = room.positions[index] as number;
          if (before === undefined || position < before) check(room, index, position);
        }
      }
      return found.sort((a, b) => b.position - a.position).slice(0, limit);
    },
    listRooms({ afterId, limit }) {
      return [...rooms.values()]
        .filter((room) => afterId === undefined || room.row.id > afterId)
        .sort((a, b) => byId(a.row, b.row))
        .slice(0, limit)
        .map(storedRoom);
    },
    listDirectPairs({ afterRoomId, limit }) {
      return [...directRooms]
        .filter(([, roomId]) => afterRoomId === undefined || roomId > afterRoomId)
        .map(([key, roomId]) => ({ roomId, userIds: key.split(' ') as [string, string] }))
        .sort((a, b) => byId({ id: a.roomId }, { id: b.roomId }))
        .slice(0, limit);
    },
    messagesByAuthor(authorId, { after, limit }) {
      // A scan of every message: the memory engine serves tests and pages, not large histories.
      const out: Message[] = [];
      const ordered = [...rooms.values()].filter((room) => after === undefined || room.row.id >= after.roomId).sort((a, b) => byId(a.row, b.row));
      for (const room of ordered) {
        const from = after !== undefined && room.row.id === after.roomId ? after.sequence : 0;
        for (const message of room.messages.slice(from)) {
          if (message.authorId !== authorId) continue;
          out.push(cloneJson(message));
          if (out.length >= limit) return out;
        }
      }
      return out;
    },

    putUser(user) {
      const existing = users.get(user.id);
      if (existing) {
        const previous = existing.user;
        existing.user = cloneJson(user);
        remember(() => (existing.user = previous));
      } else {
        users.set(user.id, { user: cloneJson(user), blocked: [], rooms: new Set() });
        remember(() => users.delete(user.id));
      }
    },
    setBlocked(userId, blocked) {
      const record = users.get(userId);
      if (!record) throw new ChatError('not_found', `There is no user with id "${userId}".`);
      const previous = record.blocked;
      record.blocked = [...blocked];
      remember(() => (record.blocked = previous));
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
      for (const userId of memberIds) setUserRoom(userId, roomId, false);
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
      setUserRoom(member.userId, roomId, true);
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
      setUserRoom(userId, roomId, false);
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
    deleteUser(userId) {
      const record = users.get(userId);
      if (record) {
        users.delete(userId);
        remember(() => users.set(userId, record));
      }
      for (const other of users.values()) {
        if (!other.blocked.includes(userId)) continue;
        const previous = other.blocked;
        other.blocked = previous.filter((id) => id !== userId);
        remember(() => (other.blocked = previous));
      }
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
    insertMessage(message) {
      const room = roomOf(message.roomId);
      if (message.sequence !== room.messages.length + 1) {
        throw new ChatError('internal', `Message sequence ${message.sequence} does not follow ${room.messages.length} in room "${message.roomId}".`);
      }
      if (room.byId.has(message.id)) throw new ChatError('conflict', `A message with id "${message.id}" already exists in this room.`);
      const clientKey = `${message.authorId} ${message.clientId}`;
      room.messages.push(cloneJson(message));
      room.byId.set(message.id, message.sequence);
      room.byClientKey.set(clientKey, message.sequence);
      const position = ++stored;
      const searchable = message.deletedAt === undefined ? searchableText(message.text) : '';
      room.positions.push(position);
      room.searchable.push(searchable);
      placeOf.set(position, { roomId: message.roomId, sequence: message.sequence });
      words.add(position, searchable);
      const index = message.parentId === undefined ? room.topLevel : (room.replies.get(message.parentId) ?? []);
      index.push(message.sequence);
      if (message.parentId !== undefined) room.replies.set(message.parentId, index);
      remember(() => {
        room.messages.pop();
        room.positions.pop();
        room.searchable.pop();
        room.byId.delete(message.id);
        room.byClientKey.delete(clientKey);
        index.pop();
      });
    },
    updateMessage(message) {
      const room = roomOf(message.roomId);
      const sequence = room.byId.get(message.id);
      if (sequence === undefined) throw new ChatError('not_found', `There is no message with id "${message.id}" in this room.`);
      const previous = room.messages[sequence - 1] as Message;
      room.messages[sequence - 1] = cloneJson({ ...message, sequence });
      const previousSearchable = room.searchable[sequence - 1] as string;
      const searchable = message.deletedAt === undefined ? searchableText(message.text) : '';
      room.searchable[sequence - 1] = searchable;
      if (searchable !== previousSearchable) words.add(room.positions[sequence - 1] as number, searchable);
      // A deleted person's tombstones change author and client id: the idempotency key moves with them.
      const previousKey = `${previous.authorId} ${previous.clientId}`;
      const key = `${message.authorId} ${message.clientId}`;
      if (key !== previousKey) {
        room.byClientKey.delete(previousKey);
        room.byClientKey.set(key, sequence);
      }
      remember(() => {
        room.messages[sequence - 1] = previous;
        room.searchable[sequence - 1] = previousSearchable;
        if (key !== previousKey) {
          room.byClientKey.delete(key);
          room.byClientKey.set(previousKey, sequence);
        }
      });
    },
    getRecord<K extends RecordKind>(kind: K, scope: string, key: string) {
      const value = records.get(`${kind} ${scope}`)?.get(key);
      return value === undefined ? undefined : (cloneJson(value) as RecordTypes[K]);
    },
    listRecords<K extends RecordKind>(kind: K, scope: string, { afterKey, limit }: { afterKey?: string; limit: number }) {
      const scoped = records.get(`${kind} ${scope}`);
      if (!scoped) return [];
      return [...scoped.keys()]
        .filter((key) => afterKey === undefined || key > afterKey)
        .sort()
        .slice(0, limit)
        .map((key) => ({ key, value: cloneJson(scoped.get(key)) as RecordTypes[K] }) satisfies StoredRecord<K>);
    },
    putRecord(kind, scope, key, value) {
      const scopeKey = `${kind} ${scope}`;
      let scoped = records.get(scopeKey);
      if (!scoped) records.set(scopeKey, (scoped = new Map()));
      const target = scoped;
      const had = target.has(key);
      const previous = target.get(key);
      target.set(key, cloneJson(value));
      remember(() => (had ? target.set(key, previous) : target.delete(key)));
    },
    deleteRecord(kind, scope, key) {
      const scoped = records.get(`${kind} ${scope}`);
      if (!scoped?.has(key)) return;
      const previous = scoped.get(key);
      scoped.delete(key);
      remember(() => scoped.set(key, previous));
    },
    deleteRecords(kind, scope) {
      const scopeKey = `${kind} ${scope}`;
      const scoped = records.get(scopeKey);
      if (!scoped) return;
      records.delete(scopeKey);
      remember(() => records.set(scopeKey, scoped));
    },
    listAllRecords({ after, limit }) {
      // A scan of every record: the memory engine serves tests and pages, not large stores.
      const out: RecordEntry[] = [];
      for (const [scopeKey, scoped] of records) {
        const [kind, scope] = scopeKey.split(' ') as [string, string];
        for (const [key, value] of scoped) {
          const entry = { kind, scope, key, value };
          if (after === undefined || compareRecordAddresses(entry, after) > 0) out.push(entry);
        }
      }
      return out
        .sort(compareRecordAddresses)
        .slice(0, limit)
        .map((entry) => ({ ...entry, value: cloneJson(entry.value) }));
    },
    openSession(userId) {
      const count = (sessions.get(userId) ?? 0) + 1;
      sessions.set(userId, count);
      remember(() => sessions.set(userId, count - 1));
      return count;
    },
    countSessions(userId) {
      return sessions.get(userId) ?? 0;
    },
    listOnlineUsers({ afterId, limit }) {
      return [...users.values()]
        .filter((record) => record.user.presence.state === 'online' && (afterId === undefined || record.user.id > afterId))
        .map((record) => record.user.id)
        .sort()
        .slice(0, limit);
    },
    closeSession(userId) {
      const count = Math.max(0, (sessions.get(userId) ?? 0) - 1);
      const previous = sessions.get(userId) ?? 0;
      sessions.set(userId, count);
      remember(() => sessions.set(userId, previous));
      return count;
    },
    publish(deliveries) {
      for (const delivery of deliveries) pending.push(delivery);
    },
  };

  return {
    mode: 'sync',
    epoch: options.epoch ?? randomEpoch(),
    transaction<T>(work: (tx: StorageTx) => T, _options?: TransactionOptions): T {
      if (closed) throw new ChatError('unavailable', 'This storage is closed.');
      if (undo) throw new ChatError('internal', 'A storage transaction cannot start inside another.');
      undo = [];
      pending = [];
      let result: T;
      try {
        result = work(tx);
      } catch (error) {
        for (let index = undo.length - 1; index >= 0; index--) undo[index]?.();
        undo = null;
        pending = [];
        throw error;
      }
      undo = null;
      const deliveries = pending;
      pending = [];
      if (deliveries.length > 0) for (const listener of [...listeners]) listener(deliveries);
      return result;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
    },
  };
}
