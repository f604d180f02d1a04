import { sql, type CompiledQuery } from 'kysely';
import { createSqlStatements, cursorToRow, memberToRow, messageToRow, recordToRow, roomPatchToRow, roomToRow, userToRow } from '../sql';
import type { Write } from './overlay';
import { encodeMessageRow, encodeRoomRow, encodeUserRow } from './text';
import { postgresQueries } from './connection';

/** The shared SQL of every StorageTx write, compiled for PostgreSQL once. */
const statements = createSqlStatements('postgres');

/** The statements that make one recorded write (sessions aside: they are PostgreSQL's own). */
function statementsOf(write: Exclude<Write, { kind: 'sessions' }>): CompiledQuery[] {
  switch (write.kind) {
    case 'putUser':
      return [statements.putUser(encodeUserRow(userToRow(write.user)))];
    case 'setBlocked':
      return statements.setBlocked(write.userId, write.blocked);
    case 'insertRoom':
      return [statements.insertRoom(encodeRoomRow(roomToRow(write.room)))];
    case 'updateRoom': {
      const row = roomPatchToRow(write.patch);
      if (write.extra !== undefined) row.extra = write.extra;
      return statements.updateRoom(write.roomId, encodeRoomRow(row));
    }
    case 'deleteRoom':
      return statements.deleteRoom(write.roomId);
    case 'putMember':
      return [statements.putMember(memberToRow(write.roomId, write.member))];
    case 'deleteMember':
      return statements.deleteMember(write.roomId, write.userId);
    case 'putCursor':
      return [statements.putCursor(cursorToRow(write.cursor))];
    case 'setDirectRoom':
      return [statements.setDirectRoom({ user_low: write.low, user_high: write.high, room_id: write.roomId })];
    case 'insertMessage':
      return [statements.insertMessage(encodeMessageRow(messageToRow(write.message)))];
    case 'updateMessage':
      return [statements.updateMessage(encodeMessageRow(messageToRow(write.message)))];
    case 'deleteUser':
      return statements.deleteUser(write.userId);
    case 'deleteDirectPair':
      return [statements.deleteDirectPair(write.low, write.high)];
    case 'putRecord':
      return [statements.putRecord(recordToRow(write.recordKind, write.scope, write.key, write.value))];
    case 'deleteRecord':
      return [statements.deleteRecord(write.recordKind, write.scope, write.key)];
    case 'deleteRecords':
      return [statements.deleteRecords(write.recordKind, write.scope)];
  }
}

/**
 * The statements that write what the work recorded, in the order it recorded it; the engine sends
 * them with its notification and COMMIT in one round trip. A second insert of one (room, author,
 * client id) or one (room, sequence) fails on its unique index; the engine then runs the whole
 * transaction again, and the work finds the stored message.
 *
 * @example
 * await connection.batch(writeStatements(overlay.writes, 'host-a'), ['COMMIT']);
 */
export function writeStatements(writes: readonly Write[], hostId: string): CompiledQuery[] {
  return writes.flatMap((write) => (write.kind === 'sessions' ? [changeSessions(hostId, write.userId, write.change)] : statementsOf(write)));
}

/** This host's count of a person's open sessions, changed by one; never below zero. */
function changeSessions(hostId: string, userId: string, change: number): CompiledQuery {
  return postgresQueries
    .insertInto('confab_host_sessions')
    .values({ host_id: hostId, user_id: userId, sessions: Math.max(0, change) })
    .onConflict((conflict) => conflict.columns(['user_id', 'host_id']).doUpdateSet({ sessions: sql<number>`greatest(0, confab_host_sessions.sessions + ${change})` }))
    .compile();
}
