import type { CompiledQuery, Selectable } from 'kysely';
import type { User } from '../../../protocol';
import type { Delivery, StorageTx, StoredRoom } from '../../../server';
import {
  cursorToRow,
  directPairOf,
  memberToRow,
  messageFromRow,
  messageToRow,
  roomFromRows,
  recordToRow,
  roomExtraAfter,
  roomPatchToRow,
  roomToRow,
  userFromRow,
  userToRow,
  toNumber,
} from './rows';
import type { RoomsTable } from './schema';
import { MAX_IDS_PER_QUERY, type SqlStatements } from './statements';

/**
 * Runs compiled queries synchronously inside an open transaction: what the SQLite engine has, and
 * what any engine with the rows at hand can offer.
 *
 * @example
 * const executor: SyncSqlExecutor = {
 *   all: (query) => database.prepare(query.sql).all(...query.parameters),
 *   run: (query) => void database.prepare(query.sql).run(...query.parameters),
 * };
 */
export interface SyncSqlExecutor {
  all<Row>(query: CompiledQuery<Row>): Row[];
  run(query: CompiledQuery): void;
}

/**
 * What a transaction keeps besides the database: session counts and deliveries, both applied by
 * the engine only when the transaction commits.
 *
 * @example
 * const effects: TxEffects = { openSession: (id) => counts.open(id), closeSession: (id) => counts.close(id), publish: (d) => pending.push(...d) };
 */
export interface TxEffects {
  openSession(userId: string): number;
  closeSession(userId: string): number;
  countSessions(userId: string): number;
  publish(deliveries: readonly Delivery[]): void;
}

/**
 * A `StorageTx` over SQL: each method runs the compiled statements of `statements` through
 * `executor` and maps rows with `rows.ts`. The caller owns BEGIN/COMMIT.
 *
 * @example
 * const tx = createSqlTx(createSqlStatements('sqlite'), executor, effects);
 * const room = tx.getRoom('general');
 */
export function createSqlTx(statements: SqlStatements, executor: SyncSqlExecutor, effects: TxEffects): StorageTx {
  const first = <Row>(query: CompiledQuery<Row>): Row | undefined => executor.all(query)[0];
  const runAll = (queries: readonly CompiledQuery[]) => {
    for (const query of queries) executor.run(query);
  };
  const roomsWithMembers = (rows: readonly Selectable<RoomsTable>[]): StoredRoom[] => {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const members = chunks(ids).flatMap((chunk) => executor.all(statements.membersOf(chunk)));
    const cursors = chunks(ids).flatMap((chunk) => executor.all(statements.cursorsOf(chunk)));
    return rows.map((row) =>
      roomFromRows(
        row,
        members.filter((member) => member.room_id === row.id),
        cursors.filter((cursor) => cursor.room_id === row.id),
      ),
    );
  };

  return {
    getUser(userId) {
      const row = first(statements.getUser(userId));
      if (row === undefined) return undefined;
      return { user: userFromRow(row), blocked: executor.all(statements.blockedBy(userId)).map((block) => block.blocked_id) };
    },
    getUsers(userIds) {
      const found = new Map<string, User>();
      for (const chunk of chunks([...new Set(userIds)])) {
        for (const row of executor.all(statements.getUsers(chunk))) found.set(row.id, userFromRow(row));
      }
      // In the order asked; an id asked twice gets a copy of its own.
      const given = new Set<string>();
      return userIds.flatMap((userId) => {
        const user = found.get(userId);
        if (user === undefined) return [];
        if (given.has(userId)) return [structuredClone(user)];
        given.add(userId);
        return [user];
      });
    },
    blockersOf: (userId) => executor.all(statements.blockersOf(userId)).map((row) => row.user_id),
    listUsers: ({ afterId, limit }) => executor.all(statements.listUsers(afterId, limit)).map(userFromRow),
    roomIdsOf: (userId) => executor.all(statements.roomIdsOf(userId)).map((row) => row.room_id),
    audienceOf(userId, options) {
      const ids = executor.all(statements.audienceOf(userId, options)).map((row) => row.user_id);
      return ids.includes(userId) ? ids : [userId, ...ids];
    },

    getRoom(roomId) {
      const row = first(statements.getRoom(roomId));
      return row === undefined ? undefined : roomsWithMembers([row])[0];
    },
    listPublicRooms: ({ afterId, limit }) => roomsWithMembers(executor.all(statements.listPublicRooms(afterId, limit))),
    directRoomId(userId, otherUserId) {
      const [low, high] = directPairOf(userId, otherUserId);
      return first(statements.directRoomId(low, high))?.room_id;
    },

    getMessage(roomId, messageId) {
      const row = first(statements.getMessage(roomId, messageId));
      return row === undefined ? undefined : messageFromRow(row);
    },
    getMessageByClientId(roomId, authorId, clientId) {
      const row = first(statements.getMessageByClientId(roomId, authorId, clientId));
      return row === undefined ? undefined : messageFromRow(row);
    },
    messagesBetween: (roomId, from, to) => (from > to ? [] : executor.all(statements.messagesBetween(roomId, from, to)).map(messageFromRow)),
    topLevelBefore: (roomId, before, limit) => (limit <= 0 ? [] : executor.all(statements.topLevelBefore(roomId, before, limit)).reverse().map(messageFromRow)),
    topLevelAfter: (roomId, after, limit) => (limit <= 0 ? [] : executor.all(statements.topLevelAfter(roomId, after, limit)).map(messageFromRow)),
    repliesBefore: (roomId, parentId, before, limit) =>
      limit <= 0 ? [] : executor.all(statements.repliesBefore(roomId, parentId, before, limit)).reverse().map(messageFromRow),

    listRooms: ({ afterId, limit }) => roomsWithMembers(executor.all(statements.listRooms(afterId, limit))),
    listDirectPairs: ({ afterRoomId, limit }) =>
      executor.all(statements.listDirectPairs(afterRoomId, limit)).map((row) => ({ roomId: row.room_id, userIds: [row.user_low, row.user_high] as [string, string] })),
    searchMessages(search) {
      if (search.roomIds.length === 0 || search.terms.length === 0 || search.limit <= 0) return [];
      // Rooms in chunks (a person in thousands of rooms), each newest first; the pages merge.
      const found = chunks([...new Set(search.roomIds)]).flatMap((roomIds) => executor.all(statements.searchMessages({ ...search, roomIds })));
      if (found.length > search.limit) found.sort((a, b) => toNumber(b.position) - toNumber(a.position));
      return found.slice(0, search.limit).map((row) => ({ message: messageFromRow(row), position: toNumber(row.position) }));
    },
    messagesByAuthor: (authorId, { after, limit }) => executor.all(statements.messagesByAuthor(authorId, after, limit)).map(messageFromRow),

    putUser: (user) => executor.run(statements.putUser(userToRow(user))),
    deleteUser: (userId) => runAll(statements.deleteUser(userId)),
    deleteDirectPair(userId, otherUserId) {
      const [low, high] = directPairOf(userId, otherUserId);
      executor.run(statements.deleteDirectPair(low, high));
    },
    setBlocked: (userId, blocked) => runAll(statements.setBlocked(userId, blocked)),
    insertRoom: (room) => executor.run(statements.insertRoom(roomToRow(room))),
    updateRoom(roomId, patch) {
      const row = roomPatchToRow(patch);
      const extra = roomExtraAfter(first(statements.getRoom(roomId))?.extra ?? null, patch);
      if (extra !== undefined) row.extra = extra;
      runAll(statements.updateRoom(roomId, row));
    },
    deleteRoom: (roomId) => runAll(statements.deleteRoom(roomId)),
    putMember: (roomId, member) => executor.run(statements.putMember(memberToRow(roomId, member))),
    deleteMember: (roomId, userId) => runAll(statements.deleteMember(roomId, userId)),
    putCursor: (cursor) => executor.run(statements.putCursor(cursorToRow(cursor))),
    setDirectRoom(userId, otherUserId, roomId) {
      const [low, high] = directPairOf(userId, otherUserId);
      executor.run(statements.setDirectRoom({ user_low: low, user_high: high, room_id: roomId }));
    },
    insertMessage: (message) => executor.run(statements.insertMessage(messageToRow(message))),
    updateMessage: (message) => executor.run(statements.updateMessage(messageToRow(message))),

    getRecord(kind, scope, key) {
      const row = first(statements.getRecord(kind, scope, key));
      return row === undefined ? undefined : JSON.parse(row.value);
    },
    listRecords: (kind, scope, { afterKey, limit }) =>
      limit <= 0 ? [] : executor.all(statements.listRecords(kind, scope, afterKey, limit)).map((row) => ({ key: row.key, value: JSON.parse(row.value) })),
    putRecord: (kind, scope, key, value) => executor.run(statements.putRecord(recordToRow(kind, scope, key, value))),
    deleteRecord: (kind, scope, key) => executor.run(statements.deleteRecord(kind, scope, key)),
    deleteRecords: (kind, scope) => executor.run(statements.deleteRecords(kind, scope)),
    listAllRecords: ({ after, limit }) =>
      limit <= 0 ? [] : executor.all(statements.allRecords(after, limit)).map((row) => ({ kind: row.kind, scope: row.scope, key: row.key, value: JSON.parse(row.value) as unknown })),

    openSession: (userId) => effects.openSession(userId),
    closeSession: (userId) => effects.closeSession(userId),
    countSessions: (userId) => effects.countSessions(userId),
    listOnlineUsers: ({ afterId, limit }) => (limit <= 0 ? [] : executor.all(statements.onlineUsers(afterId, limit)).map((row) => row.id)),
    publish: (deliveries) => effects.publish(deliveries),
  };
}

/** Ids in lists of at most MAX_IDS_PER_QUERY, for `in (…)` queries. */
function chunks(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let start = 0; start < ids.length; start += MAX_IDS_PER_QUERY) out.push(ids.slice(start, start + MAX_IDS_PER_QUERY));
  return out;
}
