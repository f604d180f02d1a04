import { sql, type Kysely } from 'kysely';
import type { Message, User } from '../../../protocol';
import type { StoredRoom, StoredUser } from '../../../server';
import { messageFromRow, roomFromRows, userFromRow } from '../sql/rows';
import type { LoadedState, Miss, Query } from './overlay';
import type { PostgresDatabase } from './tables';

/**
 * How a transaction loads: `lock` takes each room row it loads FOR UPDATE (a transaction that
 * may write), so one room's sequence is decided by one transaction at a time on every host.
 * `liveWithinMs`: a host whose heartbeat is older than this counts no sessions.
 *
 * @example
 * const options: LoadOptions = { lock: true, liveWithinMs: 5000 };
 */
export interface LoadOptions {
  lock: boolean;
  liveWithinMs: number;
}

type Db = Kysely<PostgresDatabase>;

/**
 * Loads what a miss names into the transaction's LoadedState, inside the open transaction `db`.
 *
 * @example
 * await loadMiss(trx, { kind: 'room', roomId: 'general' }, loaded, { lock: true, liveWithinMs: 5000 });
 */
export async function loadMiss(db: Db, miss: Miss, loaded: LoadedState, options: LoadOptions): Promise<void> {
  switch (miss.kind) {
    case 'user':
      loaded.users.set(miss.userId, (await loadUser(db, miss.userId)) ?? null);
      return;
    case 'room':
      loaded.rooms.set(miss.roomId, (await loadRoom(db, miss.roomId, options.lock)) ?? null);
      return;
    case 'message': {
      const row = await db.selectFrom('messages').selectAll().where('room_id', '=', miss.roomId).where('id', '=', miss.messageId).executeTakeFirst();
      loaded.messages.set(`${miss.roomId}\u0000${miss.messageId}`, row ? messageFromRow(row) : null);
      return;
    }
    case 'clientId': {
      const row = await db
        .selectFrom('messages')
        .selectAll()
        .where('room_id', '=', miss.roomId)
        .where('author_id', '=', miss.authorId)
        .where('client_id', '=', miss.clientId)
        .executeTakeFirst();
      loaded.byClientId.set(`${miss.roomId}\u0000${miss.authorId}\u0000${miss.clientId}`, row ? messageFromRow(row) : null);
      return;
    }
    case 'sessions':
      loaded.sessions.set(miss.userId, await loadSessions(db, miss.userId, options));
      return;
    case 'query':
      loaded.queries.set(miss.key, await runQuery(db, miss.query));
      return;
  }
}

async function loadUser(db: Db, userId: string): Promise<StoredUser | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) return undefined;
  const blocks = await db.selectFrom('blocks').select('blocked_id').where('user_id', '=', userId).orderBy('position').execute();
  return { user: userFromRow(row), blocked: blocks.map((block) => block.blocked_id) };
}

/**
 * A room with its members and cursors. When locking, the room row is locked by a statement of its
 * own and members and cursors are read by later ones: at READ COMMITTED each statement sees what
 * was committed when it began, so they see everything the previous holder of the lock wrote.
 */
async function loadRoom(db: Db, roomId: string, lock: boolean): Promise<StoredRoom | undefined> {
  let query = db.selectFrom('rooms').selectAll().where('id', '=', roomId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const [room] = await withMembersAndCursors(db, [row]);
  return room;
}

async function withMembersAndCursors(db: Db, rows: Parameters<typeof roomFromRows>[0][]): Promise<StoredRoom[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [members, cursors] = await Promise.all([
    db.selectFrom('members').selectAll().where('room_id', 'in', ids).orderBy('join_order').execute(),
    db.selectFrom('cursors').selectAll().where('room_id', 'in', ids).orderBy('room_id').orderBy('user_id').execute(),
  ]);
  return rows.map((row) =>
    roomFromRows(
      row,
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
  if (options.lock) await sql`SELECT pg_advisory_xact_lock(hashtext(${`confab_sessions:${userId}`}))`.execute(db);
  const row = await db
    .selectFrom('confab_host_sessions as s')
    .innerJoin('confab_hosts as h', 'h.host_id', 's.host_id')
    .select(sql<string>`coalesce(sum(s.sessions), 0)`.as('total'))
    .where('s.user_id', '=', userId)
    .where('h.heartbeat_at', '>', sql<Date>`clock_timestamp() - make_interval(secs => ${options.liveWithinMs / 1000})`)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

async function runQuery(db: Db, query: Query): Promise<unknown> {
  switch (query.kind) {
    case 'listUsers': {
      let select = db.selectFrom('users').selectAll().orderBy('id').limit(query.limit);
      if (query.afterId !== undefined) select = select.where('id', '>', query.afterId);
      return (await select.execute()).map(userFromRow) satisfies User[];
    }
    case 'roomIdsOf': {
      const rows = await db.selectFrom('members').select('room_id').where('user_id', '=', query.userId).orderBy('join_order').execute();
      return rows.map((row) => row.room_id);
    }
    case 'audienceOf': {
      let select = db
        .selectFrom('members as mine')
        .innerJoin('members as theirs', 'theirs.room_id', 'mine.room_id')
        .select('theirs.user_id')
        .distinct()
        .where('mine.user_id', '=', query.userId);
      if (query.exceptRoomIds.length > 0) select = select.where('mine.room_id', 'not in', query.exceptRoomIds);
      return (await select.execute()).map((row) => row.user_id);
    }
    case 'listPublicRooms': {
      let select = db.selectFrom('rooms').selectAll().where('kind', '=', 'public').orderBy('id').limit(query.limit);
      if (query.afterId !== undefined) select = select.where('id', '>', query.afterId);
      return withMembersAndCursors(db, await select.execute());
    }
    case 'directRoomId': {
      const row = await db
        .selectFrom('direct_pairs')
        .select('room_id')
        .where('user_low', '=', query.low)
        .where('user_high', '=', query.high)
        .executeTakeFirst();
      return row?.room_id ?? null;
    }
    case 'messagesBetween':
      return messages(
        db
          .selectFrom('messages')
          .selectAll()
          .where('room_id', '=', query.roomId)
          .where('sequence', '>=', query.from)
          .where('sequence', '<=', query.to)
          .orderBy('sequence'),
      );
    case 'topLevelBefore': {
      const newestFirst = await messages(
        db
          .selectFrom('messages')
          .selectAll()
          .where('room_id', '=', query.roomId)
          .where('parent_id', 'is', null)
          .where('sequence', '<', query.before)
          .orderBy('sequence', 'desc')
          .limit(query.limit),
      );
      return newestFirst.reverse();
    }
    case 'topLevelAfter':
      return messages(
        db
          .selectFrom('messages')
          .selectAll()
          .where('room_id', '=', query.roomId)
          .where('parent_id', 'is', null)
          .where('sequence', '>', query.after)
          .orderBy('sequence')
          .limit(query.limit),
      );
    case 'repliesBefore': {
      const newestFirst = await messages(
        db
          .selectFrom('messages')
          .selectAll()
          .where('room_id', '=', query.roomId)
          .where('parent_id', '=', query.parentId)
          .where('sequence', '<', query.before)
          .orderBy('sequence', 'desc')
          .limit(query.limit),
      );
      return newestFirst.reverse();
    }
  }
}

async function messages(select: { execute(): Promise<Parameters<typeof messageFromRow>[0][]> }): Promise<Message[]> {
  return (await select.execute()).map(messageFromRow);
}
