import { sql, type CompiledQuery, type Selectable } from 'kysely';
import type { User } from '../../../protocol';
import type { StoredRoom, StoredUser } from '../../../server';
import { createSqlStatements, MAX_IDS_PER_QUERY, roomFromRows, toNumber, userFromRow } from '../sql';
import type { CursorsTable, MembersTable, MessagesTable, RoomsTable, UsersTable } from '../sql/schema';
import { clientIdKey, messageKey, recordKey, type FoundRow, type LoadedState, type MessageRow, type Miss, type Query } from './overlay';
import { postgresQueries, type PostgresConnection } from './connection';
import { decodeMessageRow, decodeRoomRow, decodeUserRow } from './text';

/**
 * How a transaction loads: `lock` takes each room row it loads FOR UPDATE (a transaction that
 * may write), so one room's sequence is decided by one transaction at a time on every host.
 * `liveWithinMs`: a host whose heartbeat is older than this counts no sessions.
 *
 * @example
 * const options: LoadOptions = { lock: true, liveWithinMs: 5000, hostId: 'host-a' };
 */
export interface LoadOptions {
  lock: boolean;
  liveWithinMs: number;
  /** This host: its own sessions always count. */
  hostId: string;
}

type Db = PostgresConnection;

/** The shared SQL of every StorageTx read, compiled for PostgreSQL once. */
const statements = createSqlStatements('postgres');

const all = <Row>(db: Db, query: CompiledQuery<Row>): Promise<Row[]> => db.all(query);

/**
 * Loads what a miss names into the transaction's LoadedState, inside the open transaction `db`.
 *
 * @example
 * await loadMiss(connection, { kind: 'room', roomId: 'general' }, loaded, { lock: true, liveWithinMs: 5000, hostId: 'host-a' });
 */
export async function loadMiss(db: Db, miss: Miss, loaded: LoadedState, options: LoadOptions): Promise<void> {
  switch (miss.kind) {
    case 'user':
      loaded.users.set(miss.userId, (await loadUser(db, miss.userId)) ?? null);
      return;
    case 'users':
      for (const [userId, user] of await loadUsers(db, miss.userIds)) loaded.users.set(userId, user);
      return;
    case 'room':
      if (options.lock) {
        loaded.rooms.set(miss.roomId, (await loadRoom(db, miss.roomId, true)) ?? null);
      } else {
        for (const [roomId, room] of await loadRooms(db, roomsToLoadWith(miss.roomId, loaded))) loaded.rooms.set(roomId, room);
      }
      return;
    case 'message': {
      const [row] = await all(db, statements.getMessage(miss.roomId, miss.messageId));
      loaded.messages.set(messageKey(miss.roomId, miss.messageId), row ? decodeMessageRow(row) : null);
      return;
    }
    case 'clientId': {
      const [row] = await all(db, statements.getMessageByClientId(miss.roomId, miss.authorId, miss.clientId));
      loaded.byClientId.set(clientIdKey(miss.roomId, miss.authorId, miss.clientId), row ? decodeMessageRow(row) : null);
      return;
    }
    case 'sessions':
      loaded.sessions.set(miss.userId, await loadSessions(db, miss.userId, options));
      return;
    case 'record': {
      const [row] = await all(db, statements.getRecord(miss.recordKind, miss.scope, miss.key));
      loaded.records.set(recordKey(miss.recordKind, miss.scope, miss.key), row ? (JSON.parse(row.value) as unknown) : null);
      return;
    }
    case 'query':
      loaded.queries.set(miss.key, await runQuery(db, miss.query, loaded, options));
      return;
  }
}

async function loadUser(db: Db, userId: string): Promise<StoredUser | undefined> {
  const [users, blocks] = (await db.batch([statements.getUser(userId), statements.blockedBy(userId)])) as [Selectable<UsersTable>[], { blocked_id: string }[]];
  const row = users[0];
  if (!row) return undefined;
  return { user: userFromRow(decodeUserRow(row)), blocked: blocks.map((block) => block.blocked_id) };
}

/** Several people at once (with whom they block); null for those never stored. */
async function loadUsers(db: Db, userIds: readonly string[]): Promise<Map<string, StoredUser | null>> {
  const found = new Map<string, StoredUser | null>(userIds.map((userId) => [userId, null]));
  const [rows, blocks] = (await db.batch([
    postgresQueries.selectFrom('users').selectAll().where('id', 'in', [...userIds]).compile(),
    postgresQueries.selectFrom('blocks').select(['user_id', 'blocked_id']).where('user_id', 'in', [...userIds]).orderBy('position').compile(),
  ])) as [Selectable<UsersTable>[], { user_id: string; blocked_id: string }[]];
  for (const row of rows) found.set(row.id, { user: userFromRow(decodeUserRow(row)), blocked: [] });
  for (const block of blocks) (found.get(block.user_id) as StoredUser | null)?.blocked.push(block.blocked_id);
  return found;
}

/**
 * A room with its members and cursors, in one round trip of three statements. When locking, the
 * room row is locked by the first and members and cursors are read by the next ones: at READ
 * COMMITTED each statement sees what was committed when it began, so they see everything the
 * previous holder of the lock wrote.
 */
async function loadRoom(db: Db, roomId: string, lock: boolean): Promise<StoredRoom | undefined> {
  const query = statements.getRoom(roomId);
  const [rows, members, cursors] = (await db.batch([lock ? forUpdate(query) : query, statements.membersOf([roomId]), statements.cursorsOf([roomId])])) as RoomRows;
  const row = rows[0];
  return row && roomFromRows(decodeRoomRow(row), members, cursors);
}

type RoomRows = [Selectable<RoomsTable>[], Selectable<MembersTable>[], Selectable<CursorsTable>[]];

/**
 * A read (a snapshot, say) that asks for one room of a list it loaded (a person's rooms) will most
 * likely ask for the others next: without locks, load them all at once (three statements instead
 * of three for every room). A transaction that locks loads only what it asks for.
 */
function roomsToLoadWith(roomId: string, loaded: LoadedState): string[] {
  const list = loaded.roomLists.find((roomIds) => roomIds.includes(roomId)) ?? [];
  return [roomId, ...list.filter((other) => other !== roomId && !loaded.rooms.has(other))].slice(0, MAX_ROOMS_PER_LOAD);
}

/** Rooms loaded by one statement at most (a person in thousands of rooms loads in steps). */
const MAX_ROOMS_PER_LOAD = 500;

/** Several rooms without locks; null for those not there. */
async function loadRooms(db: Db, roomIds: readonly string[]): Promise<Map<string, StoredRoom | null>> {
  const found = new Map<string, StoredRoom | null>(roomIds.map((roomId) => [roomId, null]));
  const [rows, members, cursors] = (await db.batch([
    postgresQueries.selectFrom('rooms').selectAll().where('id', 'in', [...roomIds]).compile(),
    statements.membersOf(roomIds),
    statements.cursorsOf(roomIds),
  ])) as RoomRows;
  for (const room of assembleRooms(rows, members, cursors)) found.set(room.id, room);
  return found;
}

/** The shared `getRoom` statement with `FOR UPDATE`: it selects one row by key, so the clause goes last. */
function forUpdate<Row>(query: CompiledQuery<Row>): CompiledQuery<Row> {
  return { ...query, sql: `${query.sql} for update` };
}

async function withMembersAndCursors(db: Db, rows: Selectable<RoomsTable>[]): Promise<StoredRoom[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [members, cursors] = (await db.batch([statements.membersOf(ids), statements.cursorsOf(ids)])) as [RoomRows[1], RoomRows[2]];
  return assembleRooms(rows, members, cursors);
}

function assembleRooms(rows: RoomRows[0], members: RoomRows[1], cursors: RoomRows[2]): StoredRoom[] {
  return rows.map((row) =>
    roomFromRows(
      decodeRoomRow(row),
      members.filter((member) => member.room_id === row.id),
      cursors.filter((cursor) => cursor.room_id === row.id),
    ),
  );
}

/**
 * Open sessions of a person on every live host. A transaction that may write holds an advisory
 * lock on the person until it ends, so two hosts opening or closing their sessions at once count
 * one after the other (and the last close on any host answers 0).
 */
async function loadSessions(db: Db, userId: string, options: LoadOptions): Promise<number> {
  const count = postgresQueries
    .selectFrom('confab_host_sessions as s')
    .innerJoin('confab_hosts as h', 'h.host_id', 's.host_id')
    .select(sql<string>`coalesce(sum(s.sessions), 0)`.as('total'))
    .where('s.user_id', '=', userId)
    // This host counts its own sessions whatever its heartbeat says: it is alive, if slow.
    .where((eb) => eb.or([eb('h.heartbeat_at', '>', sql<Date>`clock_timestamp() - make_interval(secs => ${options.liveWithinMs / 1000})`), eb('s.host_id', '=', options.hostId)]))
    .compile();
  const lock = sql`SELECT pg_advisory_xact_lock(hashtext(${`confab_sessions:${userId}`}))`.compile(postgresQueries);
  const results = await db.batch(options.lock ? [lock, count] : [count]);
  const [row] = results[results.length - 1] as { total: string }[];
  return Number(row?.total ?? 0);
}

/** Open sessions of several people on every live host, without locks (a read). */
async function countSessionsOf(db: Db, userIds: readonly string[], options: LoadOptions): Promise<Map<string, number>> {
  const counts = new Map<string, number>(userIds.map((userId) => [userId, 0]));
  const rows = await all(
    db,
    postgresQueries
      .selectFrom('confab_host_sessions as s')
      .innerJoin('confab_hosts as h', 'h.host_id', 's.host_id')
      .select(['s.user_id', sql<string>`sum(s.sessions)`.as('total')])
      .where('s.user_id', 'in', [...userIds])
      .where((eb) => eb.or([eb('h.heartbeat_at', '>', sql<Date>`clock_timestamp() - make_interval(secs => ${options.liveWithinMs / 1000})`), eb('s.host_id', '=', options.hostId)]))
      .groupBy('s.user_id')
      .compile(),
  );
  for (const row of rows) counts.set(row.user_id, Number(row.total));
  return counts;
}

const messages = async (db: Db, query: CompiledQuery<Selectable<MessagesTable>>): Promise<MessageRow[]> => (await all(db, query)).map(decodeMessageRow);

async function runQuery(db: Db, query: Query, loaded: LoadedState, options: LoadOptions): Promise<unknown> {
  switch (query.kind) {
    case 'listUsers':
      return (await all(db, statements.listUsers(query.afterId, query.limit))).map((row) => userFromRow(decodeUserRow(row))) satisfies User[];
    case 'blockersOf': {
      const rows = await all(db, postgresQueries.selectFrom('blocks').select('user_id').where('blocked_id', '=', query.userId).orderBy('user_id').compile());
      return rows.map((row) => row.user_id);
    }
    case 'roomIdsOf': {
      const roomIds = (await all(db, statements.roomIdsOf(query.userId))).map((row) => row.room_id);
      loaded.roomLists.push(roomIds);
      return roomIds;
    }
    case 'audienceOf': {
      // The rooms this transaction changed are left out: the overlay adds their members as it left them.
      const options = { exceptRoomIds: query.exceptRoomIds, ...(query.maxRoomSize !== undefined ? { maxRoomSize: query.maxRoomSize } : {}) };
      return (await all(db, statements.audienceOf(query.userId, options))).map((row) => row.user_id);
    }
    case 'listPublicRooms':
      return withMembersAndCursors(db, await all(db, statements.listPublicRooms(query.afterId, query.limit)));
    case 'directRoomId': {
      const [row] = await all(db, statements.directRoomId(query.low, query.high));
      return row?.room_id ?? null;
    }
    case 'messagesBetween':
      return query.from > query.to ? [] : messages(db, statements.messagesBetween(query.roomId, query.from, query.to));
    case 'topLevelBefore':
      return (await messages(db, statements.topLevelBefore(query.roomId, query.before, query.limit))).reverse();
    case 'topLevelAfter':
      return messages(db, statements.topLevelAfter(query.roomId, query.after, query.limit));
    case 'repliesBefore':
      return (await messages(db, statements.repliesBefore(query.roomId, query.parentId, query.before, query.limit))).reverse();
    case 'listRooms':
      return withMembersAndCursors(db, await all(db, statements.listRooms(query.afterId, query.limit)));
    case 'listDirectPairs':
      return (await all(db, statements.listDirectPairs(query.afterRoomId, query.limit))).map((row) => ({ roomId: row.room_id, userIds: [row.user_low, row.user_high] }));
    case 'listRecords':
      return (await all(db, statements.listRecords(query.recordKind, query.scope, query.afterKey, query.limit))).map((row) => ({ key: row.key, value: JSON.parse(row.value) as unknown }));
    case 'searchMessages': {
      // Rooms in chunks (a person in thousands of rooms), each newest first; the pages merge.
      const found: FoundRow[] = [];
      for (let start = 0; start < query.roomIds.length; start += MAX_IDS_PER_QUERY) {
        const rows = await all(db, statements.searchMessages({ ...query, roomIds: query.roomIds.slice(start, start + MAX_IDS_PER_QUERY) }));
        for (const row of rows) found.push({ row: decodeMessageRow(row), position: toNumber(row.position) });
      }
      return found.sort((a, b) => b.position - a.position).slice(0, query.limit);
    }
    case 'listOnlineUsers': {
      const ids = (await all(db, statements.onlineUsers(query.afterId, query.limit))).map((row) => row.id);
      // The presence sweep asks each one's sessions next: count them all in one statement.
      if (ids.length > 0) for (const [userId, count] of await countSessionsOf(db, ids, options)) if (!loaded.sessions.has(userId)) loaded.sessions.set(userId, count);
      return ids;
    }
    case 'listAllRecords': {
      const after = query.afterKind !== undefined ? { kind: query.afterKind, scope: query.afterScope ?? '', key: query.afterKey ?? '' } : undefined;
      return (await all(db, statements.allRecords(after, query.limit))).map((row) => ({ kind: row.kind, scope: row.scope, key: row.key, value: JSON.parse(row.value) as unknown }));
    }
    case 'messagesByAuthor': {
      const after = query.afterRoomId !== undefined && query.afterSequence !== undefined ? { roomId: query.afterRoomId, sequence: query.afterSequence } : undefined;
      return messages(db, statements.messagesByAuthor(query.authorId, after, query.limit));
    }
  }
}
