import type { CustomData, Message, ReadCursor, RoomKind, RoomMember, ModerationSettings, ServerEvent, User } from '../../protocol';
import type { RecordAddress, RecordEntry, RecordKind, RecordTypes, StoredRecord } from './records';

/**
 * A room as storage keeps it: its row, its members in the order they joined, and their read
 * cursors. `lastSequence` is the sequence of its newest message (0 when empty).
 *
 * @example
 * const room: StoredRoom = { id: 'general', name: 'general', kind: 'public', createdBy: 'ana', createdAt: 0,
 *   lastActivityAt: 0, lastSequence: 0, members: [{ userId: 'ana', role: 'admin', joinedAt: 0 }], cursors: [] };
 */
export interface StoredRoom {
  id: string;
  name: string;
  kind: RoomKind;
  createdBy: string;
  createdAt: number;
  customData?: CustomData;
  lastActivityAt: number;
  lastSequence: number;
  /** People invited who have not answered yet (see Room.invitedUserIds). */
  invitedUserIds?: string[];
  /** Pinned messages in pin order (an extension field, see `Room.pinnedMessageIds`). */
  pinnedMessageIds?: string[];
  /** The room's topic (issue #14); absent or '' when it has none. */
  topic?: string;
  members: RoomMember[];
  cursors: ReadCursor[];
}

/**
 * A room's own fields, without members and cursors: what `insertRoom` takes and `updateRoom` patches.
 *
 * @example
 * tx.insertRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', createdAt: now, lastActivityAt: now, lastSequence: 0 });
 */
export type RoomRow = Omit<StoredRoom, 'members' | 'cursors'>;

/**
 * What `updateRoom` may change: every field of the row but its identity and origin.
 *
 * @example
 * tx.updateRoom('general', { lastSequence: 8, lastActivityAt: now });
 */
export type RoomPatch = Partial<Omit<RoomRow, 'id' | 'kind' | 'createdBy' | 'createdAt'>>;

/**
 * A person as storage keeps them: the profile (presence included) and whom they block, in the
 * order they blocked them.
 *
 * @example
 * const ana: StoredUser = { user: { id: 'ana', name: 'Ana', presence: { state: 'offline' } }, blocked: [] };
 */
export interface StoredUser {
  user: User;
  blocked: string[];
}

/**
 * The direct room of two people, as `listDirectPairs` pages them.
 *
 * @example
 * const pair: DirectPair = { roomId: 'dm_1', userIds: ['ana', 'bo'] };
 */
export interface DirectPair {
  roomId: string;
  userIds: [string, string];
}

/**
 * An event from one host's server to every host's server of a shared storage, delivered to no
 * session (`userIds` is empty): the site's moderation settings changed (the admin API), so that
 * every host applies the new word list and flood limit at once.
 *
 * @example
 * const event: HostEvent = { type: 'moderation.settings.updated', settings: { words: ['darn'], floodLimit: false } };
 */
export interface HostEvent {
  type: 'moderation.settings.updated';
  settings: ModerationSettings;
}

/**
 * One event for some people: each open session of each of them gets a copy. Storage carries
 * deliveries from the transaction that caused them to every host's sessions, in commit order.
 *
 * @example
 * tx.publish([{ userIds: ['ana', 'bo'], event: { type: 'room.updated', room } }]);
 */
export interface Delivery {
  userIds: readonly string[];
  event: ServerEvent | HostEvent;
  /**
   * What caused it: the command's type (or the trusted call's name, such as `user.upsert`) and who
   * ran it (`system` for the host app's backend). Absent for ephemeral events of no command
   * (typing expiry). Webhooks read it to tell an edit from a reaction in a `message.updated`.
   */
  cause?: DeliveryCause;
}

/**
 * The command behind a {@link Delivery}.
 *
 * @example
 * const cause: DeliveryCause = { command: 'reaction.toggle', actorId: 'ana' };
 */
export interface DeliveryCause {
  command: string;
  actorId: string;
}

/**
 * What `searchMessages` looks for: `terms` as `searchTerms` makes them (folded words of letters
 * and digits, at least one).
 *
 * @example
 * tx.searchMessages({ roomIds: ['general'], terms: ['lunch'], excludeAuthorIds: [], limit: 21 });
 */
export interface MessageSearch {
  roomIds: readonly string[];
  terms: readonly string[];
  excludeAuthorIds: readonly string[];
  /** Only messages stored before this position (the last `position` of the page before). */
  before?: number;
  limit: number;
}

/**
 * A message `searchMessages` found, and its place in the order messages were stored (an
 * engine's own counter: rising, never reused; only compared within one storage).
 *
 * @example
 * const found: FoundMessage = { message, position: 1042 };
 */
export interface FoundMessage {
  message: Message;
  position: number;
}

/**
 * Options of one transaction.
 *
 * @example
 * storage.transaction((tx) => tx.getRoom('general'), { readOnly: true });
 */
export interface TransactionOptions {
  /**
   * The work only reads (history, snapshots, lookups) and publishes at most ephemeral events
   * (typing). Engines may then skip locks. Default false: the work may write, and an engine that
   * serves several hosts locks each room row it reads, so one room's sequence is decided by one
   * transaction at a time.
   */
  readOnly?: boolean;
}

/**
 * What the server's rules read and write inside one transaction. Every method is synchronous:
 * the rules are one implementation for every engine. An engine whose database is asynchronous
 * (PostgreSQL) answers from what it has loaded so far and, on a miss, throws its own signal,
 * loads what was missing and runs the work again from the start; so the work must touch nothing
 * outside the transaction but through `tx` (the server collects events and ids per attempt).
 *
 * Values read are fresh copies: changing one changes nothing stored until it is written back.
 * Values written are copied by the engine. Lists are in the order the method names.
 *
 * @example
 * const sent = storage.transaction((tx) => {
 *   const room = tx.getRoom('general');
 *   if (!room) throw new ChatError('not_found', 'There is no room "general".');
 *   tx.insertMessage({ ...message, sequence: room.lastSequence + 1 });
 *   tx.updateRoom('general', { lastSequence: room.lastSequence + 1, lastActivityAt: now });
 *   tx.publish([{ userIds: room.members.map((m) => m.userId), event: { type: 'message.created', message } }]);
 * });
 */
export interface StorageTx {
  // Reads: people
  getUser(userId: string): StoredUser | undefined;
  /** The profiles of those of these people who exist, in the order asked (one read for many). */
  getUsers(userIds: readonly string[]): User[];
  /** Everyone who blocks this person (the rules hide the person's messages and typing from them). */
  blockersOf(userId: string): string[];
  /** People by id ascending, after `afterId` (exclusive) when given. */
  listUsers(page: { afterId?: string; limit: number }): User[];
  /** Ids of the rooms the person is a member of, in the order they joined them. */
  roomIdsOf(userId: string): string[];
  /**
   * Everyone who shares a room with the person, and the person themselves (once each). With
   * `maxRoomSize`, only rooms of at most that many members count (crowds are left out).
   */
  audienceOf(userId: string, options?: { maxRoomSize?: number }): string[];

  // Reads: rooms
  getRoom(roomId: string): StoredRoom | undefined;
  /** Public rooms by id ascending, after `afterId` (exclusive) when given. */
  listPublicRooms(page: { afterId?: string; limit: number }): StoredRoom[];
  /** The direct room of two people, whichever order they are named in. */
  directRoomId(userId: string, otherUserId: string): string | undefined;

  // Reads: messages
  getMessage(roomId: string, messageId: string): Message | undefined;
  /** The message a person sent with this client id in this room: the idempotency lookup. */
  getMessageByClientId(roomId: string, authorId: string, clientId: string): Message | undefined;
  /** Every message with `from ≤ sequence ≤ to`, ascending (replies included). */
  messagesBetween(roomId: string, from: number, to: number): Message[];
  /** The newest `limit` top-level messages (no parentId) with sequence < `before`, ascending. */
  topLevelBefore(roomId: string, before: number, limit: number): Message[];
  /** The oldest `limit` top-level messages with sequence > `after`, ascending. */
  topLevelAfter(roomId: string, after: number, limit: number): Message[];
  /** The newest `limit` replies to `parentId` with sequence < `before`, ascending. */
  repliesBefore(roomId: string, parentId: string, before: number, limit: number): Message[];

  // Paged reads for export and for deleting a person (see the admin API): each page starts after
  // the last key of the one before, so a caller walks everything holding one page at a time.
  /** Every room (public, private and direct) by id ascending, after `afterId` (exclusive) when given. */
  listRooms(page: { afterId?: string; limit: number }): StoredRoom[];
  /** Direct pairs by room id ascending, after `afterRoomId` (exclusive); `userIds` in byte order. */
  listDirectPairs(page: { afterRoomId?: string; limit: number }): DirectPair[];
  /** A person's messages by (room id, sequence) ascending, after `after` (exclusive) when given. */
  messagesByAuthor(authorId: string, page: { after?: { roomId: string; sequence: number }; limit: number }): Message[];

  // Search (see src/protocol/search.ts)
  /**
   * Messages of these rooms (replies included) whose text holds every term at the start of one of
   * its words, compared folded (`matchesTerms`); never deleted ones, nor those of
   * `excludeAuthorIds`. Newest stored first, each with its `position` in that order; with
   * `before`, only those stored before that position.
   */
  searchMessages(search: MessageSearch): FoundMessage[];

  // Writes
  /** Creates or replaces a profile (presence included). */
  putUser(user: User): void;
  setBlocked(userId: string, blocked: readonly string[]): void;
  insertRoom(room: RoomRow): void;
  /** Changes a room's own fields; keys left out (or undefined) stay as stored. */
  updateRoom(roomId: string, patch: RoomPatch): void;
  /** Deletes the room with its members, cursors, messages and direct-pair entry. */
  deleteRoom(roomId: string): void;
  /** Adds a member or changes their role; a new member goes after the others in join order. */
  putMember(roomId: string, member: RoomMember): void;
  /** Removes a member and their cursor. */
  deleteMember(roomId: string, userId: string): void;
  putCursor(cursor: ReadCursor): void;
  /**
   * Deletes a profile, whom the person blocks, and the person from everyone's block list. Rooms,
   * memberships, messages and direct pairs are the caller's to change first.
   */
  deleteUser(userId: string): void;
  /** Deletes the direct-pair entry of two people (their room stays). */
  deleteDirectPair(userId: string, otherUserId: string): void;
  setDirectRoom(userId: string, otherUserId: string, roomId: string): void;
  /** Stores a new message. Its sequence is the room's lastSequence + 1 (the caller updates the room). */
  insertMessage(message: Message): void;
  /** Replaces a stored message (same room and id). */
  updateMessage(message: Message): void;

  // Records (see records.ts): a feature's values kept by (kind, scope, key)
  getRecord<K extends RecordKind>(kind: K, scope: string, key: string): RecordTypes[K] | undefined;
  /** A scope's records of one kind by key ascending, after `afterKey` (exclusive) when given. */
  listRecords<K extends RecordKind>(kind: K, scope: string, page: { afterKey?: string; limit: number }): StoredRecord<K>[];
  /** Creates or replaces a record. */
  putRecord<K extends RecordKind>(kind: K, scope: string, key: string, value: RecordTypes[K]): void;
  deleteRecord(kind: RecordKind, scope: string, key: string): void;
  /** Deletes every record of this kind in the scope (a room's bans when the room goes). */
  deleteRecords(kind: RecordKind, scope: string): void;
  /** Every record of every kind by (kind, scope, key) ascending, after `after` (exclusive): for export. */
  listAllRecords(page: { after?: RecordAddress; limit: number }): RecordEntry[];

  // Sessions (ephemeral, but counted across every host of the storage)
  /** Counts one more open session of the person; answers how many are open now, on every host. */
  openSession(userId: string): number;
  /** Counts one session fewer; answers how many are still open, on every host. */
  closeSession(userId: string): number;
  /** How many sessions of the person are open on every live host, without changing the count. */
  countSessions(userId: string): number;
  /**
   * People whose stored presence is online, by id ascending, after `afterId` (exclusive): the
   * presence sweep finds those whose sessions were on a host that died.
   */
  listOnlineUsers(page: { afterId?: string; limit: number }): string[];

  /** Events to deliver once the transaction has committed; dropped if it fails. */
  publish(deliveries: readonly Delivery[]): void;
}

/**
 * Where the server keeps what it knows. A synchronous engine (memory, SQLite) runs a
 * transaction to its end before returning; an asynchronous one (PostgreSQL) resolves when the
 * transaction has committed. Either way nothing is acknowledged before it is stored, and a work
 * that throws leaves nothing behind.
 *
 * Every host subscribed to one storage receives every committed transaction's deliveries, in
 * commit order, each host once; a transaction resolves after its own deliveries have reached this
 * host's subscribers, so a command's events are delivered before its answer.
 *
 * @example
 * const storage = createMemoryStorage();
 * const unsubscribe = storage.subscribe((deliveries) => deliver(deliveries));
 * const room = storage.transaction((tx) => tx.getRoom('general'), { readOnly: true });
 */
export interface StorageEngine<Result extends 'sync' | 'async' = 'sync' | 'async'> {
  /** 'sync' engines return transaction results directly; 'async' ones return promises. */
  readonly mode: Result;
  /** Names this storage's history (see SessionSnapshot.epoch): kept as long as the data is. */
  readonly epoch: string;
  transaction<T>(work: (tx: StorageTx) => T, options?: TransactionOptions): Result extends 'sync' ? T : Promise<T>;
  /** Receives every committed transaction's deliveries, in commit order. */
  subscribe(listener: (deliveries: readonly Delivery[]) => void): () => void;
  /** Releases the database; later calls fail with ChatError `unavailable`. */
  close(): Result extends 'sync' ? void : Promise<void>;
}

/**
 * A storage engine that runs transactions synchronously (memory, SQLite).
 *
 * @example
 * const storage: SyncStorage = createMemoryStorage();
 */
export type SyncStorage = StorageEngine<'sync'>;

/**
 * A storage engine that runs transactions asynchronously (PostgreSQL).
 *
 * @example
 * const storage: AsyncStorage = await createPostgresStorage({ url });
 */
export type AsyncStorage = StorageEngine<'async'>;
