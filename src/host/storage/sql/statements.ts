import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type Insertable,
  type Selectable,
} from 'kysely';
import type { MessageSearch } from '../../../server';
import { searchMessagesQuery, type SearchRow } from './search';
import type { CursorsTable, DirectPairsTable, MembersTable, MessagesTable, RecordsTable, RoomsTable, SqlDatabase, SqlDialectName, UsersTable } from './schema';

/**
 * The most ids one `in (…)` list carries: callers with more split them (SQLite allows 32,766
 * parameters a statement, PostgreSQL 65,535; a few hundred keep statements small and cacheable).
 */
export const MAX_IDS_PER_QUERY = 500;

/**
 * A Kysely that only builds and compiles queries for one dialect (Kysely's "cold" use with a
 * DummyDriver): each engine runs the compiled SQL its own way, synchronously or not.
 *
 * @example
 * const { sql, parameters } = coldKysely('postgres').selectFrom('rooms').selectAll().compile();
 */
export function coldKysely(dialect: SqlDialectName): Kysely<SqlDatabase> {
  return new Kysely<SqlDatabase>({
    dialect:
      dialect === 'postgres'
        ? {
            createAdapter: () => new PostgresAdapter(),
            createDriver: () => new DummyDriver(),
            createIntrospector: (db) => new PostgresIntrospector(db),
            createQueryCompiler: () => new PostgresQueryCompiler(),
          }
        : {
            createAdapter: () => new SqliteAdapter(),
            createDriver: () => new DummyDriver(),
            createIntrospector: (db) => new SqliteIntrospector(db),
            createQueryCompiler: () => new SqliteQueryCompiler(),
          },
  });
}

/**
 * Every query behind `StorageTx`, written once with Kysely's builder and compiled for one
 * dialect. Reads answer rows (map them with `rows.ts`); writes answer nothing. A method that needs
 * several statements returns them in the order to run.
 *
 * @example
 * const statements = createSqlStatements('sqlite');
 * const rows = database.prepare(statements.getRoom('general').sql).all(...statements.getRoom('general').parameters);
 */
export interface SqlStatements {
  readonly dialect: SqlDialectName;
  getMeta(key: string): CompiledQuery<{ value: string }>;
  putMeta(key: string, value: string): CompiledQuery;

  getUser(userId: string): CompiledQuery<Selectable<UsersTable>>;
  blockedBy(userId: string): CompiledQuery<{ blocked_id: string }>;
  /** Profiles of these people (at most {@link MAX_IDS_PER_QUERY} ids), in no particular order. */
  getUsers(userIds: readonly string[]): CompiledQuery<Selectable<UsersTable>>;
  /** Everyone who blocks this person, by id. */
  blockersOf(userId: string): CompiledQuery<{ user_id: string }>;
  listUsers(afterId: string | undefined, limit: number): CompiledQuery<Selectable<UsersTable>>;
  /** Ids of people stored as online, by id. */
  onlineUsers(afterId: string | undefined, limit: number): CompiledQuery<{ id: string }>;
  roomIdsOf(userId: string): CompiledQuery<{ room_id: string }>;
  /** Everyone sharing a room with the person (the person included when they are in any room). */
  audienceOf(userId: string, options?: { maxRoomSize?: number; exceptRoomIds?: readonly string[] }): CompiledQuery<{ user_id: string }>;

  getRoom(roomId: string): CompiledQuery<Selectable<RoomsTable>>;
  /** Members of these rooms, each room's in join order. */
  membersOf(roomIds: readonly string[]): CompiledQuery<Selectable<MembersTable>>;
  /** Cursors of these rooms, each room's in the order they were first set. */
  cursorsOf(roomIds: readonly string[]): CompiledQuery<Selectable<CursorsTable>>;
  listPublicRooms(afterId: string | undefined, limit: number): CompiledQuery<Selectable<RoomsTable>>;
  directRoomId(userLow: string, userHigh: string): CompiledQuery<{ room_id: string }>;

  getMessage(roomId: string, messageId: string): CompiledQuery<Selectable<MessagesTable>>;
  getMessageByClientId(roomId: string, authorId: string, clientId: string): CompiledQuery<Selectable<MessagesTable>>;
  messagesBetween(roomId: string, from: number, to: number): CompiledQuery<Selectable<MessagesTable>>;
  /** Newest first: reverse the rows for ascending order. */
  topLevelBefore(roomId: string, before: number, limit: number): CompiledQuery<Selectable<MessagesTable>>;
  topLevelAfter(roomId: string, after: number, limit: number): CompiledQuery<Selectable<MessagesTable>>;
  /** Newest first: reverse the rows for ascending order. */
  repliesBefore(roomId: string, parentId: string, before: number, limit: number): CompiledQuery<Selectable<MessagesTable>>;

  /** Every room by id (any kind). */
  listRooms(afterId: string | undefined, limit: number): CompiledQuery<Selectable<RoomsTable>>;
  listDirectPairs(afterRoomId: string | undefined, limit: number): CompiledQuery<Selectable<DirectPairsTable>>;
  /** A person's messages by (room id, sequence), after a key when given. */
  messagesByAuthor(authorId: string, after: { roomId: string; sequence: number } | undefined, limit: number): CompiledQuery<Selectable<MessagesTable>>;

  putUser(row: Insertable<UsersTable>): CompiledQuery;
  deleteUser(userId: string): CompiledQuery[];
  deleteDirectPair(userLow: string, userHigh: string): CompiledQuery;
  setBlocked(userId: string, blocked: readonly string[]): CompiledQuery[];
  insertRoom(row: Insertable<RoomsTable>): CompiledQuery;
  /** Nothing to run when the patch changes no column. */
  updateRoom(roomId: string, patch: Partial<Insertable<RoomsTable>>): CompiledQuery[];
  deleteRoom(roomId: string): CompiledQuery[];
  /** Inserts a member at the end of the join order, or changes the role of one already there. */
  putMember(row: Omit<Insertable<MembersTable>, 'join_order'>): CompiledQuery;
  deleteMember(roomId: string, userId: string): CompiledQuery[];
  /** Inserts a cursor after the room's others, or moves one already there. */
  putCursor(row: Omit<Insertable<CursorsTable>, 'set_order'>): CompiledQuery;
  setDirectRoom(row: Insertable<DirectPairsTable>): CompiledQuery;
  insertMessage(row: Insertable<MessagesTable>): CompiledQuery;
  updateMessage(row: Insertable<MessagesTable>): CompiledQuery;

  getRecord(kind: string, scope: string, key: string): CompiledQuery<{ value: string }>;
  /** A scope's records of one kind by key ascending, after `afterKey` when given. */
  listRecords(kind: string, scope: string, afterKey: string | undefined, limit: number): CompiledQuery<Selectable<RecordsTable>>;
  putRecord(row: Insertable<RecordsTable>): CompiledQuery;
  deleteRecord(kind: string, scope: string, key: string): CompiledQuery;
  deleteRecords(kind: string, scope: string): CompiledQuery;
  /** Every record of every kind, by (kind, scope, key), after a key when given: for export. */
  allRecords(after: { kind: string; scope: string; key: string } | undefined, limit: number): CompiledQuery<Selectable<RecordsTable>>;

  /** Messages found by their words, newest stored first (see search.ts); `roomIds` must not be empty. */
  searchMessages(search: MessageSearch): CompiledQuery<SearchRow>;
}

/**
 * Compiles the storage queries for one dialect.
 *
 * @example
 * const statements = createSqlStatements('postgres');
 * await client.query(statements.getUser('ana').sql, [...statements.getUser('ana').parameters]);
 */
export function createSqlStatements(dialect: SqlDialectName): SqlStatements {
  const db = coldKysely(dialect);
  const messages = () => db.selectFrom('messages').selectAll();
  return {
    dialect,
    getMeta: (key) => db.selectFrom('meta').select('value').where('key', '=', key).compile(),
    putMeta: (key, value) =>
      db
        .insertInto('meta')
        .values({ key, value })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
        .compile(),

    getUser: (userId) => db.selectFrom('users').selectAll().where('id', '=', userId).compile(),
    blockedBy: (userId) => db.selectFrom('blocks').select('blocked_id').where('user_id', '=', userId).orderBy('position').compile(),
    getUsers: (userIds) => db.selectFrom('users').selectAll().where('id', 'in', [...userIds]).compile(),
    blockersOf: (userId) => db.selectFrom('blocks').select('user_id').where('blocked_id', '=', userId).orderBy('user_id').compile(),
    listUsers: (afterId, limit) =>
      db
        .selectFrom('users')
        .selectAll()
        .$if(afterId !== undefined, (query) => query.where('id', '>', afterId!))
        .orderBy('id')
        .limit(limit)
        .compile(),
    onlineUsers: (afterId, limit) => {
      let query = db.selectFrom('users').select('id').where('presence_state', '=', 'online');
      if (afterId !== undefined) query = query.where('id', '>', afterId);
      return query.orderBy('id').limit(limit).compile();
    },
    roomIdsOf: (userId) => db.selectFrom('members').select('room_id').where('user_id', '=', userId).orderBy('join_order').orderBy('room_id').compile(),
    audienceOf: (userId, options = {}) => {
      let query = db
        .selectFrom('members as mine')
        .innerJoin('members as other', 'other.room_id', 'mine.room_id')
        .select('other.user_id')
        .distinct()
        .where('mine.user_id', '=', userId);
      if (options.exceptRoomIds !== undefined && options.exceptRoomIds.length > 0) query = query.where('mine.room_id', 'not in', [...options.exceptRoomIds]);
      const { maxRoomSize } = options;
      if (maxRoomSize !== undefined && Number.isFinite(maxRoomSize)) {
        // Crowds are left out: a room counts only while it has at most maxRoomSize members.
        query = query.where((eb) =>
          eb(
            eb
              .selectFrom('members as size')
              .select((inner) => inner.fn.countAll<number>().as('n'))
              .whereRef('size.room_id', '=', 'mine.room_id'),
            '<=',
            maxRoomSize,
          ),
        );
      }
      return query.orderBy('other.user_id').compile();
    },

    getRoom: (roomId) => db.selectFrom('rooms').selectAll().where('id', '=', roomId).compile(),
    membersOf: (roomIds) =>
      db
        .selectFrom('members')
        .selectAll()
        .where('room_id', roomIds.length === 1 ? '=' : 'in', roomIds.length === 1 ? roomIds[0]! : [...roomIds])
        .orderBy('join_order')
        .orderBy('user_id')
        .compile(),
    cursorsOf: (roomIds) =>
      db
        .selectFrom('cursors')
        .selectAll()
        .where('room_id', roomIds.length === 1 ? '=' : 'in', roomIds.length === 1 ? roomIds[0]! : [...roomIds])
        .orderBy('set_order')
        .orderBy('user_id')
        .compile(),
    listPublicRooms: (afterId, limit) =>
      db
        .selectFrom('rooms')
        .selectAll()
        .where('kind', '=', 'public')
        .$if(afterId !== undefined, (query) => query.where('id', '>', afterId!))
        .orderBy('id')
        .limit(limit)
        .compile(),
    directRoomId: (userLow, userHigh) =>
      db.selectFrom('direct_pairs').select('room_id').where('user_low', '=', userLow).where('user_high', '=', userHigh).compile(),

    getMessage: (roomId, messageId) => messages().where('room_id', '=', roomId).where('id', '=', messageId).compile(),
    getMessageByClientId: (roomId, authorId, clientId) =>
      messages().where('room_id', '=', roomId).where('author_id', '=', authorId).where('client_id', '=', clientId).compile(),
    messagesBetween: (roomId, from, to) =>
      messages().where('room_id', '=', roomId).where('sequence', '>=', from).where('sequence', '<=', to).orderBy('sequence').compile(),
    // `parent_id is null` is an equality on the second column of messages_parent_sequence: one range of it.
    topLevelBefore: (roomId, before, limit) =>
      messages().where('room_id', '=', roomId).where('parent_id', 'is', null).where('sequence', '<', before).orderBy('sequence', 'desc').limit(limit).compile(),
    topLevelAfter: (roomId, after, limit) =>
      messages().where('room_id', '=', roomId).where('parent_id', 'is', null).where('sequence', '>', after).orderBy('sequence').limit(limit).compile(),
    repliesBefore: (roomId, parentId, before, limit) =>
      messages()
        .where('room_id', '=', roomId)
        .where('parent_id', '=', parentId)
        .where('sequence', '<', before)
        .orderBy('sequence', 'desc')
        .limit(limit)
        .compile(),

    listRooms: (afterId, limit) =>
      db
        .selectFrom('rooms')
        .selectAll()
        .$if(afterId !== undefined, (query) => query.where('id', '>', afterId!))
        .orderBy('id')
        .limit(limit)
        .compile(),
    listDirectPairs: (afterRoomId, limit) =>
      db
        .selectFrom('direct_pairs')
        .selectAll()
        .$if(afterRoomId !== undefined, (query) => query.where('room_id', '>', afterRoomId!))
        .orderBy('room_id')
        .limit(limit)
        .compile(),
    // Served by messages_author (0003): one range of (author_id, room_id, sequence).
    searchMessages: (search) => searchMessagesQuery(db, dialect, search),
    messagesByAuthor: (authorId, after, limit) =>
      messages()
        .where('author_id', '=', authorId)
        .$if(after !== undefined, (query) =>
          query.where((eb) => eb.or([eb('room_id', '>', after!.roomId), eb.and([eb('room_id', '=', after!.roomId), eb('sequence', '>', after!.sequence)])])),
        )
        .orderBy('room_id')
        .orderBy('sequence')
        .limit(limit)
        .compile(),

    deleteUser: (userId) => [
      db.deleteFrom('blocks').where((eb) => eb.or([eb('user_id', '=', userId), eb('blocked_id', '=', userId)])).compile(),
      db.deleteFrom('users').where('id', '=', userId).compile(),
    ],
    deleteDirectPair: (userLow, userHigh) => db.deleteFrom('direct_pairs').where('user_low', '=', userLow).where('user_high', '=', userHigh).compile(),
    putUser: (row) =>
      db
        .insertInto('users')
        .values(row)
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            avatar_url: eb.ref('excluded.avatar_url'),
            custom_data: eb.ref('excluded.custom_data'),
            extra: eb.ref('excluded.extra'),
            presence_state: eb.ref('excluded.presence_state'),
            presence_last_seen_at: eb.ref('excluded.presence_last_seen_at'),
          })),
        )
        .compile(),
    setBlocked: (userId, blocked) => {
      const clear = db.deleteFrom('blocks').where('user_id', '=', userId).compile();
      if (blocked.length === 0) return [clear];
      const rows = [...new Set(blocked)].map((blockedId, position) => ({ user_id: userId, blocked_id: blockedId, position }));
      return [clear, db.insertInto('blocks').values(rows).compile()];
    },
    insertRoom: (row) => db.insertInto('rooms').values(row).compile(),
    updateRoom: (roomId, patch) => (Object.keys(patch).length === 0 ? [] : [db.updateTable('rooms').set(patch).where('id', '=', roomId).compile()]),
    deleteRoom: (roomId) => [
      db.deleteFrom('messages').where('room_id', '=', roomId).compile(),
      db.deleteFrom('cursors').where('room_id', '=', roomId).compile(),
      db.deleteFrom('members').where('room_id', '=', roomId).compile(),
      db.deleteFrom('direct_pairs').where('room_id', '=', roomId).compile(),
      db.deleteFrom('rooms').where('id', '=', roomId).compile(),
    ],
    putMember: (row) =>
      db
        .insertInto('members')
        .values({ ...row, join_order: sql<number>`(select coalesce(max(join_order), 0) + 1 from members)` })
        .onConflict((conflict) =>
          conflict
            .columns(['room_id', 'user_id'])
            .doUpdateSet((eb) => ({ role: eb.ref('excluded.role'), joined_at: eb.ref('excluded.joined_at'), extra: eb.ref('excluded.extra') })),
        )
        .compile(),
    deleteMember: (roomId, userId) => [
      db.deleteFrom('cursors').where('room_id', '=', roomId).where('user_id', '=', userId).compile(),
      db.deleteFrom('members').where('room_id', '=', roomId).where('user_id', '=', userId).compile(),
    ],
    putCursor: (row) =>
      db
        .insertInto('cursors')
        .values({ ...row, set_order: sql<number>`(select coalesce(max(set_order), 0) + 1 from cursors)` })
        .onConflict((conflict) =>
          conflict.columns(['room_id', 'user_id']).doUpdateSet((eb) => ({ sequence: eb.ref('excluded.sequence'), updated_at: eb.ref('excluded.updated_at') })),
        )
        .compile(),
    setDirectRoom: (row) =>
      db
        .insertInto('direct_pairs')
        .values(row)
        .onConflict((conflict) => conflict.columns(['user_low', 'user_high']).doUpdateSet((eb) => ({ room_id: eb.ref('excluded.room_id') })))
        .compile(),
    insertMessage: (row) => db.insertInto('messages').values(row).compile(),
    updateMessage: (row) => {
      const { room_id: roomId, id, ...rest } = row;
      return db.updateTable('messages').set(rest).where('room_id', '=', roomId).where('id', '=', id).compile();
    },

    getRecord: (kind, scope, key) => db.selectFrom('records').select('value').where('kind', '=', kind).where('scope', '=', scope).where('key', '=', key).compile(),
    listRecords: (kind, scope, afterKey, limit) => {
      let query = db.selectFrom('records').selectAll().where('kind', '=', kind).where('scope', '=', scope);
      if (afterKey !== undefined) query = query.where('key', '>', afterKey);
      return query.orderBy('key').limit(limit).compile();
    },
    putRecord: (row) =>
      db
        .insertInto('records')
        .values(row)
        .onConflict((conflict) => conflict.columns(['kind', 'scope', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
        .compile(),
    deleteRecord: (kind, scope, key) => db.deleteFrom('records').where('kind', '=', kind).where('scope', '=', scope).where('key', '=', key).compile(),
    deleteRecords: (kind, scope) => db.deleteFrom('records').where('kind', '=', kind).where('scope', '=', scope).compile(),
    allRecords: (after, limit) => {
      let query = db.selectFrom('records').selectAll();
      if (after !== undefined) {
        query = query.where((eb) =>
          eb.or([
            eb('kind', '>', after.kind),
            eb.and([eb('kind', '=', after.kind), eb('scope', '>', after.scope)]),
            eb.and([eb('kind', '=', after.kind), eb('scope', '=', after.scope), eb('key', '>', after.key)]),
          ]),
        );
      }
      return query.orderBy('kind').orderBy('scope').orderBy('key').limit(limit).compile();
    },
  };
}
