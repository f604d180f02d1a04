import { sql, type Kysely } from 'kysely';
import { cursorToRow, messageToRow, roomPatchToRow, roomToRow, userToRow } from '../sql/rows';
import type { Write } from './overlay';
import type { PostgresDatabase } from './tables';

/**
 * Writes what the work recorded, in the order it recorded it, inside the open transaction.
 * A second insert of one (room, author, client id) or one (room, sequence) fails on its unique
 * index; the engine then runs the whole transaction again, and the work finds the stored message.
 *
 * @example
 * await flushWrites(trx, overlay.writes, 'host-a');
 */
export async function flushWrites(db: Kysely<PostgresDatabase>, writes: readonly Write[], hostId: string): Promise<void> {
  for (const write of writes) await flushWrite(db, write, hostId);
}

async function flushWrite(db: Kysely<PostgresDatabase>, write: Write, hostId: string): Promise<void> {
  switch (write.kind) {
    case 'putUser': {
      const row = userToRow(write.user);
      await db
        .insertInto('users')
        .values(row)
        .onConflict((conflict) => conflict.column('id').doUpdateSet({ ...row, id: undefined }))
        .execute();
      return;
    }
    case 'setBlocked':
      await db.deleteFrom('blocks').where('user_id', '=', write.userId).execute();
      if (write.blocked.length > 0) {
        await db
          .insertInto('blocks')
          .values(write.blocked.map((blockedId, position) => ({ user_id: write.userId, blocked_id: blockedId, position })))
          .execute();
      }
      return;
    case 'insertRoom':
      await db.insertInto('rooms').values(roomToRow(write.room)).execute();
      return;
    case 'updateRoom': {
      const patch = roomPatchToRow(write.patch);
      if (Object.keys(patch).length > 0) await db.updateTable('rooms').set(patch).where('id', '=', write.roomId).execute();
      return;
    }
    case 'deleteRoom':
      // Members, cursors, messages and the direct pair go with the room (ON DELETE CASCADE).
      await db.deleteFrom('rooms').where('id', '=', write.roomId).execute();
      return;
    case 'putMember':
      await db
        .insertInto('members')
        .values({
          room_id: write.roomId,
          user_id: write.member.userId,
          role: write.member.role,
          joined_at: write.member.joinedAt,
          // Join order rises across the database; a role change keeps the member's place.
          join_order: sql<string>`(SELECT coalesce(max(join_order), 0) + 1 FROM members)`,
        })
        .onConflict((conflict) => conflict.columns(['room_id', 'user_id']).doUpdateSet({ role: write.member.role }))
        .execute();
      return;
    case 'deleteMember':
      await db.deleteFrom('members').where('room_id', '=', write.roomId).where('user_id', '=', write.userId).execute();
      await db.deleteFrom('cursors').where('room_id', '=', write.roomId).where('user_id', '=', write.userId).execute();
      return;
    case 'putCursor': {
      const row = cursorToRow(write.cursor);
      await db
        .insertInto('cursors')
        .values(row)
        .onConflict((conflict) => conflict.columns(['room_id', 'user_id']).doUpdateSet({ sequence: row.sequence, updated_at: row.updated_at }))
        .execute();
      return;
    }
    case 'setDirectRoom':
      await db
        .insertInto('direct_pairs')
        .values({ user_low: write.low, user_high: write.high, room_id: write.roomId })
        .onConflict((conflict) => conflict.columns(['user_low', 'user_high']).doUpdateSet({ room_id: write.roomId }))
        .execute();
      return;
    case 'insertMessage':
      await db.insertInto('messages').values(messageToRow(write.message)).execute();
      return;
    case 'updateMessage': {
      const { room_id: roomId, id, ...row } = messageToRow(write.message);
      await db.updateTable('messages').set(row).where('room_id', '=', roomId).where('id', '=', id).execute();
      return;
    }
    case 'sessions':
      await db
        .insertInto('confab_host_sessions')
        .values({ host_id: hostId, user_id: write.userId, sessions: Math.max(0, write.change) })
        .onConflict((conflict) =>
          conflict.columns(['user_id', 'host_id']).doUpdateSet({ sessions: sql<number>`greatest(0, confab_host_sessions.sessions + ${write.change})` }),
        )
        .execute();
      return;
  }
}
