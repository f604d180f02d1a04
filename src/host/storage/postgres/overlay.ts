import type { Message, ReadCursor, RoomMember, User } from '../../../protocol';
import { compareRecordAddresses, type RecordAddress, type RecordEntry } from '../../../server';
import type { Delivery, DirectPair, FoundMessage, MessageSearch, RecordKind, RecordTypes, RoomPatch, RoomRow, StorageTx, StoredRecord, StoredRoom, StoredUser } from '../../../server';
import { directPairOf, messageFromRow, roomExtraAfter, roomExtraText } from '../sql';
import type { MessagesTable } from '../sql/schema';
import type { Selectable } from 'kysely';

/**
 * A message as loaded: its row (immutable strings and numbers). Every read makes a fresh Message
 * from it, cheaper than copying a loaded Message (a history page is a hundred of them).
 */
export type MessageRow = Selectable<MessagesTable>;

/**
 * What the synchronous work asked for that the transaction has not loaded yet. The engine loads
 * it (asynchronously, in the open transaction) and runs the work again from the start.
 *
 * Query results are keyed by everything that shapes them, so a rerun that asks the same
 * question finds the answer, and one that asks another (because this attempt's writes differ)
 * loads that one.
 *
 * @example
 * const miss: Miss = { kind: 'room', roomId: 'general' };
 */
export type Miss =
  | { kind: 'user'; userId: string }
  | { kind: 'users'; userIds: string[] }
  | { kind: 'room'; roomId: string }
  | { kind: 'message'; roomId: string; messageId: string }
  | { kind: 'clientId'; roomId: string; authorId: string; clientId: string }
  | { kind: 'sessions'; userId: string }
  | { kind: 'record'; recordKind: string; scope: string; key: string }
  | { kind: 'query'; key: string; query: Query };

/**
 * A read whose answer is a list, loaded as it is stored (this transaction's writes are applied
 * to it afterwards, in the overlay).
 *
 * @example
 * const query: Query = { kind: 'topLevelBefore', roomId: 'general', before: 101, limit: 50 };
 */
export type Query =
  | { kind: 'listUsers'; afterId: string | undefined; limit: number }
  | { kind: 'blockersOf'; userId: string }
  | { kind: 'roomIdsOf'; userId: string }
  | { kind: 'audienceOf'; userId: string; exceptRoomIds: string[]; maxRoomSize: number | undefined }
  | { kind: 'listPublicRooms'; afterId: string | undefined; limit: number }
  | { kind: 'directRoomId'; low: string; high: string }
  | { kind: 'messagesBetween'; roomId: string; from: number; to: number }
  | { kind: 'topLevelBefore'; roomId: string; before: number; limit: number }
  | { kind: 'topLevelAfter'; roomId: string; after: number; limit: number }
  | { kind: 'repliesBefore'; roomId: string; parentId: string; before: number; limit: number }
  | { kind: 'listRooms'; afterId: string | undefined; limit: number }
  | { kind: 'listDirectPairs'; afterRoomId: string | undefined; limit: number }
  | { kind: 'messagesByAuthor'; authorId: string; afterRoomId: string | undefined; afterSequence: number | undefined; limit: number }
  | { kind: 'listRecords'; recordKind: string; scope: string; afterKey: string | undefined; limit: number }
  | { kind: 'listOnlineUsers'; afterId: string | undefined; limit: number }
  | { kind: 'listAllRecords'; afterKind: string | undefined; afterScope: string | undefined; afterKey: string | undefined; limit: number }
  | { kind: 'searchMessages'; roomIds: string[]; terms: string[]; excludeAuthorIds: string[]; before: number | undefined; limit: number };

/**
 * A message search hit as loaded: its row and search position.
 *
 * @example
 * const found: FoundRow = { row, position: 1042 };
 */
export interface FoundRow {
  row: MessageRow;
  position: number;
}

/**
 * The signal the overlay throws on a miss; private to the engine (the rules never see it). Not an
 * Error: it is thrown and caught on every load, and needs no stack.
 */
export class MissSignal {
  constructor(readonly miss: Miss) {}
}

/**
 * What one transaction has read from the database so far. It outlives the attempts of the work
 * (each rerun finds what the ones before it loaded) and is dropped when the transaction ends.
 * `null` records "looked, not there".
 *
 * @example
 * const loaded = new LoadedState();
 * loaded.rooms.set('general', room);
 */
export class LoadedState {
  readonly users = new Map<string, StoredUser | null>();
  readonly rooms = new Map<string, StoredRoom | null>();
  readonly messages = new Map<string, MessageRow | null>();
  readonly byClientId = new Map<string, MessageRow | null>();
  /** Open sessions of a person on every live host, as stored (this transaction's changes apart). */
  readonly sessions = new Map<string, number>();
  /** Records by {@link recordKey}; null: looked, not there. */
  readonly records = new Map<string, unknown>();
  readonly queries = new Map<string, unknown>();
  /** Lists of room ids loaded so far (a person's rooms): what a read will likely ask for next. */
  readonly roomLists: string[][] = [];
}

/**
 * One change to write when the work has finished, in the order the work made them.
 *
 * @example
 * const write: Write = { kind: 'insertMessage', message };
 */
export type Write =
  | { kind: 'putUser'; user: User }
  | { kind: 'setBlocked'; userId: string; blocked: string[] }
  | { kind: 'insertRoom'; room: RoomRow }
  /** `extra`: the room's extension fields after the patch, when it changed any (the room is loaded and locked). */
  | { kind: 'updateRoom'; roomId: string; patch: RoomPatch; extra?: string | null }
  | { kind: 'deleteRoom'; roomId: string }
  | { kind: 'putMember'; roomId: string; member: RoomMember }
  | { kind: 'deleteMember'; roomId: string; userId: string }
  | { kind: 'putCursor'; cursor: ReadCursor }
  | { kind: 'setDirectRoom'; low: string; high: string; roomId: string }
  | { kind: 'insertMessage'; message: Message }
  | { kind: 'updateMessage'; message: Message }
  | { kind: 'sessions'; userId: string; change: number }
  | { kind: 'deleteUser'; userId: string }
  | { kind: 'deleteDirectPair'; low: string; high: string }
  | { kind: 'putRecord'; recordKind: string; scope: string; key: string; value: unknown }
  | { kind: 'deleteRecord'; recordKind: string; scope: string; key: string }
  | { kind: 'deleteRecords'; recordKind: string; scope: string };

/** Key parts joined by a character ids cannot contain. */
function keyOf(...parts: readonly (string | number | undefined)[]): string {
  return parts.map((part) => (part === undefined ? '' : String(part))).join('\u0000');
}

/** Where LoadedState keeps a message by id. */
export const messageKey = (roomId: string, messageId: string): string => keyOf(roomId, messageId);

/** Where LoadedState keeps a record. */
export const recordKey = (kind: string, scope: string, key: string): string => keyOf(kind, scope, key);

/** Where LoadedState keeps the answer of an idempotency lookup. */
export const clientIdKey = (roomId: string, authorId: string, clientId: string): string => keyOf(roomId, authorId, clientId);

/** The query's cache key: its kind and every parameter. */
export function queryKey(query: Query): string {
  return keyOf(...Object.values(query).map((value) => (Array.isArray(value) ? value.join(',') : (value as string | number | undefined))));
}

const copy: <T>(value: T) => T = (value) => structuredClone(value);

/**
 * StorageTx over what one transaction has loaded, with this attempt's writes recorded and applied
 * to its own reads. A read of anything not loaded throws a MissSignal (remembered in `missed`, in
 * case the work catches it); writes to a room or a person load them first, so every write lands
 * on a whole, current value (rooms are loaded with their row locked unless the transaction only
 * reads).
 *
 * @example
 * const overlay = new TransactionOverlay(loaded);
 * try { work(overlay); } catch (error) { if (overlay.missed) await load(overlay.missed); }
 * await flush(overlay.writes);
 */
export class TransactionOverlay implements StorageTx {
  readonly writes: Write[] = [];
  readonly deliveries: Delivery[] = [];
  missed: Miss | undefined;
  private readonly users = new Map<string, StoredUser>();
  /** People this attempt deleted (the loaded state outlives the attempt, so it is not changed). */
  private readonly deletedUsers = new Set<string>();
  /** Rooms this attempt changed (null: deleted), in the order it first changed them. */
  private readonly rooms = new Map<string, StoredRoom | null>();
  /** Messages this attempt inserted or replaced, by room then id. */
  private readonly messages = new Map<string, Map<string, Message>>();
  private readonly directs = new Map<string, string>();
  private readonly sessionChanges = new Map<string, number>();
  /** Records this attempt wrote, by kind and scope then key (undefined: deleted). */
  private readonly records = new Map<string, Map<string, unknown>>();
  /** Kinds and scopes whose records this attempt deleted all at once (before any written since). */
  private readonly clearedScopes = new Set<string>();

  constructor(private readonly loaded: LoadedState) {}

  private miss(miss: Miss): never {
    this.missed ??= miss;
    throw new MissSignal(miss);
  }

  private query<T>(query: Query): T {
    const key = queryKey(query);
    if (!this.loaded.queries.has(key)) this.miss({ kind: 'query', key, query });
    return this.loaded.queries.get(key) as T;
  }

  // Current values: this attempt's writes over what is loaded. Not copies.

  private currentUser(userId: string): StoredUser | undefined {
    const written = this.users.get(userId);
    if (written) return written;
    if (this.deletedUsers.has(userId)) return undefined;
    if (!this.loaded.users.has(userId)) this.miss({ kind: 'user', userId });
    const stored = this.loaded.users.get(userId) ?? undefined;
    // People this attempt deleted are gone from every block list (deleteUser's statements do the same).
    if (stored && this.deletedUsers.size > 0 && stored.blocked.some((id) => this.deletedUsers.has(id))) {
      return { user: stored.user, blocked: stored.blocked.filter((id) => !this.deletedUsers.has(id)) };
    }
    return stored;
  }

  private currentRoom(roomId: string): StoredRoom | undefined {
    if (this.rooms.has(roomId)) return this.rooms.get(roomId) ?? undefined;
    if (!this.loaded.rooms.has(roomId)) this.miss({ kind: 'room', roomId });
    return this.loaded.rooms.get(roomId) ?? undefined;
  }

  /** The room as this attempt will leave it, to change: copied once into the attempt's rooms. */
  private changeRoom(roomId: string): StoredRoom | undefined {
    const room = this.currentRoom(roomId);
    if (!room) return undefined;
    if (this.rooms.get(roomId) !== room) this.rooms.set(roomId, copy(room));
    return this.rooms.get(roomId) ?? undefined;
  }

  private roomDeleted(roomId: string): boolean {
    return this.rooms.has(roomId) && this.rooms.get(roomId) === null;
  }

  private writtenMessages(roomId: string): Message[] {
    return [...(this.messages.get(roomId)?.values() ?? [])];
  }

  /**
   * Stored messages (fresh from their rows) with this attempt's versions (copies) in place and its
   * new ones added, by sequence: every message answered is the caller's own.
   */
  private mergeMessages(roomId: string, stored: readonly MessageRow[], belongs: (message: Message) => boolean): Message[] {
    const written = this.messages.get(roomId);
    if (!written) return stored.map(messageFromRow);
    const byId = new Map<string, Message>();
    for (const row of stored) byId.set(row.id, written.has(row.id) ? copy(written.get(row.id)!) : messageFromRow(row));
    for (const message of written.values()) if (belongs(message)) byId.set(message.id, copy(message));
    return [...byId.values()].filter(belongs).sort((a, b) => a.sequence - b.sequence);
  }

  // Reads: people

  getUser(userId: string): StoredUser | undefined {
    const user = this.currentUser(userId);
    return user && copy(user);
  }

  getUsers(userIds: readonly string[]): User[] {
    const missing = [...new Set(userIds)].filter((userId) => !this.users.has(userId) && !this.deletedUsers.has(userId) && !this.loaded.users.has(userId));
    if (missing.length > 0) this.miss({ kind: 'users', userIds: missing });
    return userIds.flatMap((userId) => {
      const user = this.currentUser(userId);
      return user ? [copy(user.user)] : [];
    });
  }

  blockersOf(userId: string): string[] {
    if (this.deletedUsers.has(userId)) return [];
    const blockers = new Set(this.query<string[]>({ kind: 'blockersOf', userId }).filter((id) => !this.deletedUsers.has(id)));
    for (const [id, written] of this.users) {
      if (written.blocked.includes(userId)) blockers.add(id);
      else blockers.delete(id);
    }
    return [...blockers].sort();
  }

  listUsers(page: { afterId?: string; limit: number }): User[] {
    const stored = this.query<User[]>({ kind: 'listUsers', afterId: page.afterId, limit: page.limit });
    const byId = new Map(stored.filter((user) => !this.deletedUsers.has(user.id)).map((user) => [user.id, this.users.get(user.id)?.user ?? user]));
    for (const [id, written] of this.users) if (page.afterId === undefined || id > page.afterId) byId.set(id, written.user);
    return [...byId.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, page.limit)
      .map(copy);
  }

  roomIdsOf(userId: string): string[] {
    const stored = this.query<string[]>({ kind: 'roomIdsOf', userId });
    const isMember = (roomId: string) => this.rooms.get(roomId)?.members.some((member) => member.userId === userId) ?? false;
    const kept = stored.filter((roomId) => !this.rooms.has(roomId) || isMember(roomId));
    const joined = [...this.rooms.keys()].filter((roomId) => !stored.includes(roomId) && isMember(roomId));
    return [...kept, ...joined];
  }

  audienceOf(userId: string, options?: { maxRoomSize?: number }): string[] {
    const changed = [...this.rooms.keys()].sort();
    const maxRoomSize = options?.maxRoomSize !== undefined && Number.isFinite(options.maxRoomSize) ? options.maxRoomSize : undefined;
    const stored = this.query<string[]>({ kind: 'audienceOf', userId, exceptRoomIds: changed, maxRoomSize });
    const audience = new Set([userId, ...stored]);
    for (const room of this.rooms.values()) {
      if (!room || (maxRoomSize !== undefined && room.members.length > maxRoomSize)) continue;
      if (room.members.some((member) => member.userId === userId)) for (const member of room.members) audience.add(member.userId);
    }
    return [...audience].sort();
  }

  // Reads: rooms

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

  // Reads: messages

  getMessage(roomId: string, messageId: string): Message | undefined {
    if (this.roomDeleted(roomId)) return undefined;
    const written = this.messages.get(roomId)?.get(messageId);
    if (written) return copy(written);
    const key = messageKey(roomId, messageId);
    if (!this.loaded.messages.has(key)) this.miss({ kind: 'message', roomId, messageId });
    const stored = this.loaded.messages.get(key);
    return stored ? messageFromRow(stored) : undefined;
  }

  getMessageByClientId(roomId: string, authorId: string, clientId: string): Message | undefined {
    if (this.roomDeleted(roomId)) return undefined;
    const written = this.writtenMessages(roomId).find((message) => message.authorId === authorId && message.clientId === clientId);
    if (written) return copy(written);
    const key = clientIdKey(roomId, authorId, clientId);
    if (!this.loaded.byClientId.has(key)) this.miss({ kind: 'clientId', roomId, authorId, clientId });
    const stored = this.loaded.byClientId.get(key);
    if (!stored) return undefined;
    const rewritten = this.messages.get(roomId)?.get(stored.id);
    return rewritten ? copy(rewritten) : messageFromRow(stored);
  }

  messagesBetween(roomId: string, from: number, to: number): Message[] {
    if (this.roomDeleted(roomId)) return [];
    const stored = this.query<MessageRow[]>({ kind: 'messagesBetween', roomId, from, to });
    return this.mergeMessages(roomId, stored, (message) => message.sequence >= from && message.sequence <= to);
  }

  topLevelBefore(roomId: string, before: number, limit: number): Message[] {
    if (this.roomDeleted(roomId) || limit <= 0) return [];
    const stored = this.query<MessageRow[]>({ kind: 'topLevelBefore', roomId, before, limit });
    const merged = this.mergeMessages(roomId, stored, (message) => message.parentId === undefined && message.sequence < before);
    return merged.slice(Math.max(0, merged.length - limit));
  }

  topLevelAfter(roomId: string, after: number, limit: number): Message[] {
    if (this.roomDeleted(roomId) || limit <= 0) return [];
    const stored = this.query<MessageRow[]>({ kind: 'topLevelAfter', roomId, after, limit });
    return this.mergeMessages(roomId, stored, (message) => message.parentId === undefined && message.sequence > after).slice(0, limit);
  }

  repliesBefore(roomId: string, parentId: string, before: number, limit: number): Message[] {
    if (this.roomDeleted(roomId) || limit <= 0) return [];
    const stored = this.query<MessageRow[]>({ kind: 'repliesBefore', roomId, parentId, before, limit });
    const merged = this.mergeMessages(roomId, stored, (message) => message.parentId === parentId && message.sequence < before);
    return merged.slice(Math.max(0, merged.length - limit));
  }

  // Writes

  putUser(user: User): void {
    const current = this.currentUser(user.id);
    this.deletedUsers.delete(user.id);
    this.users.set(user.id, { user: copy(user), blocked: current ? [...current.blocked] : [] });
    this.writes.push({ kind: 'putUser', user: copy(user) });
  }

  setBlocked(userId: string, blocked: readonly string[]): void {
    const current = this.currentUser(userId);
    if (!current) throw new Error(`setBlocked: there is no person "${userId}" to block for.`);
    this.users.set(userId, { user: copy(current.user), blocked: [...blocked] });
    this.writes.push({ kind: 'setBlocked', userId, blocked: [...blocked] });
  }

  insertRoom(room: RoomRow): void {
    this.rooms.set(room.id, { ...copy(room), members: [], cursors: [] });
    this.writes.push({ kind: 'insertRoom', room: copy(room) });
  }

  updateRoom(roomId: string, patch: RoomPatch): void {
    const room = this.changeRoom(roomId);
    if (!room) throw new Error(`updateRoom: there is no room "${roomId}".`);
    const before = roomExtraText(room);
    for (const [field, value] of Object.entries(patch)) if (value !== undefined) Object.assign(room, { [field]: copy(value) });
    const extra = roomExtraAfter(before, patch);
    this.writes.push(extra === undefined ? { kind: 'updateRoom', roomId, patch: copy(patch) } : { kind: 'updateRoom', roomId, patch: copy(patch), extra });
  }

  deleteRoom(roomId: string): void {
    this.rooms.set(roomId, null);
    this.messages.delete(roomId);
    for (const [pair, directRoomId] of this.directs) if (directRoomId === roomId) this.directs.delete(pair);
    this.writes.push({ kind: 'deleteRoom', roomId });
  }

  putMember(roomId: string, member: RoomMember): void {
    const room = this.changeRoom(roomId);
    if (!room) throw new Error(`putMember: there is no room "${roomId}".`);
    const index = room.members.findIndex((existing) => existing.userId === member.userId);
    if (index >= 0) room.members[index] = copy(member);
    else room.members.push(copy(member));
    this.writes.push({ kind: 'putMember', roomId, member: copy(member) });
  }

  deleteMember(roomId: string, userId: string): void {
    const room = this.changeRoom(roomId);
    if (!room) return;
    room.members = room.members.filter((member) => member.userId !== userId);
    room.cursors = room.cursors.filter((cursor) => cursor.userId !== userId);
    this.writes.push({ kind: 'deleteMember', roomId, userId });
  }

  putCursor(cursor: ReadCursor): void {
    const room = this.changeRoom(cursor.roomId);
    if (!room) throw new Error(`putCursor: there is no room "${cursor.roomId}".`);
    const index = room.cursors.findIndex((existing) => existing.userId === cursor.userId);
    if (index >= 0) room.cursors[index] = copy(cursor);
    else room.cursors.push(copy(cursor));
    this.writes.push({ kind: 'putCursor', cursor: copy(cursor) });
  }

  deleteUser(userId: string): void {
    // The profile and every block naming the person go; rooms and messages were changed before.
    this.users.delete(userId);
    this.deletedUsers.add(userId);
    for (const written of this.users.values()) written.blocked = written.blocked.filter((id) => id !== userId);
    this.writes.push({ kind: 'deleteUser', userId });
  }

  deleteDirectPair(userId: string, otherUserId: string): void {
    const [low, high] = directPairOf(userId, otherUserId);
    // An empty room id records "no pair" for this attempt's reads (directRoomId answers undefined).
    this.directs.set(keyOf(low, high), '');
    this.writes.push({ kind: 'deleteDirectPair', low, high });
  }

  setDirectRoom(userId: string, otherUserId: string, roomId: string): void {
    const [low, high] = directPairOf(userId, otherUserId);
    this.directs.set(keyOf(low, high), roomId);
    this.writes.push({ kind: 'setDirectRoom', low, high, roomId });
  }

  insertMessage(message: Message): void {
    this.writeMessage(message);
    this.writes.push({ kind: 'insertMessage', message: copy(message) });
  }

  updateMessage(message: Message): void {
    this.writeMessage(message);
    this.writes.push({ kind: 'updateMessage', message: copy(message) });
  }

  private writeMessage(message: Message): void {
    let room = this.messages.get(message.roomId);
    if (!room) this.messages.set(message.roomId, (room = new Map()));
    room.set(message.id, copy(message));
  }

  // Records

  getRecord<K extends RecordKind>(kind: K, scope: string, key: string): RecordTypes[K] | undefined {
    const scopeKey = keyOf(kind, scope);
    const written = this.records.get(scopeKey);
    if (written?.has(key)) return copy(written.get(key)) as RecordTypes[K] | undefined;
    if (this.clearedScopes.has(scopeKey)) return undefined;
    const loadedKey = recordKey(kind, scope, key);
    if (!this.loaded.records.has(loadedKey)) this.miss({ kind: 'record', recordKind: kind, scope, key });
    const stored = this.loaded.records.get(loadedKey);
    return stored === null || stored === undefined ? undefined : (copy(stored) as RecordTypes[K]);
  }

  listRecords<K extends RecordKind>(kind: K, scope: string, page: { afterKey?: string; limit: number }): StoredRecord<K>[] {
    if (page.limit <= 0) return [];
    const scopeKey = keyOf(kind, scope);
    const written = this.records.get(scopeKey) ?? new Map<string, unknown>();
    const byKey = new Map<string, unknown>();
    if (!this.clearedScopes.has(scopeKey)) {
      // Records this attempt deleted leave the stored page: load as many more as it wrote.
      const stored = this.query<{ key: string; value: unknown }[]>({ kind: 'listRecords', recordKind: kind, scope, afterKey: page.afterKey, limit: page.limit + written.size });
      for (const record of stored) byKey.set(record.key, record.value);
    }
    for (const [key, value] of written) {
      if (page.afterKey !== undefined && key <= page.afterKey) continue;
      if (value === undefined) byKey.delete(key);
      else byKey.set(key, value);
    }
    return [...byKey.keys()]
      .sort()
      .slice(0, page.limit)
      .map((key) => ({ key, value: copy(byKey.get(key)) as RecordTypes[K] }));
  }

  putRecord<K extends RecordKind>(kind: K, scope: string, key: string, value: RecordTypes[K]): void {
    this.writtenRecords(kind, scope).set(key, copy(value));
    this.writes.push({ kind: 'putRecord', recordKind: kind, scope, key, value: copy(value) });
  }

  deleteRecord(kind: RecordKind, scope: string, key: string): void {
    this.writtenRecords(kind, scope).set(key, undefined);
    this.writes.push({ kind: 'deleteRecord', recordKind: kind, scope, key });
  }

  deleteRecords(kind: RecordKind, scope: string): void {
    const scopeKey = keyOf(kind, scope);
    this.records.delete(scopeKey);
    this.clearedScopes.add(scopeKey);
    this.writes.push({ kind: 'deleteRecords', recordKind: kind, scope });
  }

  listAllRecords(page: { after?: RecordAddress; limit: number }): RecordEntry[] {
    if (page.limit <= 0) return [];
    // Only export reads this, in a transaction of its own: this attempt's writes need not be merged.
    if (this.records.size > 0 || this.clearedScopes.size > 0) throw new Error('listAllRecords: not supported after writing records in the same transaction.');
    const stored = this.query<RecordEntry[]>({ kind: 'listAllRecords', afterKind: page.after?.kind, afterScope: page.after?.scope, afterKey: page.after?.key, limit: page.limit });
    return stored.filter((entry) => page.after === undefined || compareRecordAddresses(entry, page.after) > 0).map(copy);
  }

  private writtenRecords(kind: string, scope: string): Map<string, unknown> {
    const scopeKey = keyOf(kind, scope);
    let written = this.records.get(scopeKey);
    if (!written) this.records.set(scopeKey, (written = new Map()));
    return written;
  }

  // Sessions

  openSession(userId: string): number {
    return this.changeSessions(userId, 1);
  }

  closeSession(userId: string): number {
    return this.changeSessions(userId, -1);
  }

  countSessions(userId: string): number {
    if (!this.loaded.sessions.has(userId)) this.miss({ kind: 'sessions', userId });
    return Math.max(0, (this.loaded.sessions.get(userId) ?? 0) + (this.sessionChanges.get(userId) ?? 0));
  }

  listOnlineUsers(page: { afterId?: string; limit: number }): string[] {
    // People this attempt changed answer as it left them.
    const stored = this.query<string[]>({ kind: 'listOnlineUsers', afterId: page.afterId, limit: page.limit + this.users.size });
    const online = new Set(stored.filter((id) => !this.deletedUsers.has(id) && !this.users.has(id)));
    for (const [id, written] of this.users) if (written.user.presence.state === 'online' && (page.afterId === undefined || id > page.afterId)) online.add(id);
    return [...online].sort().slice(0, page.limit);
  }

  private changeSessions(userId: string, change: number): number {
    if (!this.loaded.sessions.has(userId)) this.miss({ kind: 'sessions', userId });
    const total = (this.sessionChanges.get(userId) ?? 0) + change;
    this.sessionChanges.set(userId, total);
    this.writes.push({ kind: 'sessions', userId, change });
    return Math.max(0, (this.loaded.sessions.get(userId) ?? 0) + total);
  }

  publish(deliveries: readonly Delivery[]): void {
    this.deliveries.push(...copy(deliveries));
  }
}
