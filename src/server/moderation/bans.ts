import { ChatError, type RoomBan } from '../../protocol';
import { isMember, type Handlers, type ServerContext } from '../context';
import { announceUpdate } from '../rooms';
import type { StoredRoom, StoredUser } from '../storage';
import type { BanRecord } from '../storage/moderationRecords';
import { assertMayActOn, requireModeratedRoom } from './access';
import { optionalReason, postNotice, untilText } from './notices';

/** Whether a ban counts at `now`. */
function isActiveBan(ban: BanRecord | undefined, now: number): ban is BanRecord {
  return ban !== undefined && (ban.until === undefined || ban.until > now);
}

/**
 * Refuses joining or being added to a room one is banned from (an expired ban is forgotten here).
 *
 * @example
 * assertNotBanned(ctx, room, actor.user.id, true); // "You are banned…"; false names the person
 */
export function assertNotBanned(ctx: ServerContext, room: StoredRoom, userId: string, self: boolean): void {
  const ban = ctx.tx.getRecord('roomBan', room.id, userId);
  if (ban === undefined) return;
  if (!isActiveBan(ban, ctx.now())) {
    ctx.tx.deleteRecord('roomBan', room.id, userId);
    ctx.tx.deleteRecord('userBan', userId, room.id);
    return;
  }
  const who = self ? 'You are' : `"${userId}" is`;
  throw new ChatError('forbidden', `${who} banned from this room ${untilText(ban.until)}.`);
}

/**
 * Bans a person from a room for a time or for good: they leave it (hearing `room.left`), and may
 * not join a public room nor be added again until the ban ends or is lifted.
 *
 * @example
 * const ban = banMember(ctx, room, actor, 'bo', undefined, 'spam');
 */
export function banMember(
  ctx: ServerContext,
  room: StoredRoom,
  actor: StoredUser,
  userId: string,
  durationMs: number | undefined,
  reason: string | undefined
): RoomBan {
  assertMayActOn(ctx, room, actor, userId, 'ban');
  const at = ctx.now();
  const ban: BanRecord = {
    by: actor.user.id,
    at,
    ...(durationMs !== undefined ? { until: at + durationMs } : {}),
    ...optionalReason(reason),
  };
  ctx.tx.putRecord('roomBan', room.id, userId, ban);
  ctx.tx.putRecord('userBan', userId, room.id, { at });
  if (isMember(room, userId)) {
    ctx.removeMember(room, userId);
    ctx.send(userId, { type: 'room.left', roomId: room.id, reason: 'removed' });
  }
  postNotice(ctx, room, {
    action: 'banned',
    userId,
    actorId: actor.user.id,
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...optionalReason(reason),
  });
  announceUpdate(ctx, room);
  return banView(room.id, userId, ban);
}

function banView(roomId: string, userId: string, ban: BanRecord): RoomBan {
  return { roomId, userId, ...ban };
}

/** Banning, lifting and listing bans; a ban is a `roomBan` record, mirrored as `userBan` so a deleted person's bans can be found. */
export const banHandlers: Handlers<'member.ban' | 'member.unban' | 'room.listBans'> = {
  'member.ban': (ctx, actor, command) => {
    const room = requireModeratedRoom(ctx, command.roomId, actor, 'ban people');
    return banMember(ctx, room, actor, command.userId, command.durationMs, command.reason);
  },

  'member.unban': (ctx, actor, command) => {
    const room = requireModeratedRoom(ctx, command.roomId, actor, 'lift bans');
    ctx.requireUser(command.userId);
    const ban = ctx.tx.getRecord('roomBan', room.id, command.userId);
    if (!isActiveBan(ban, ctx.now())) throw new ChatError('not_found', `"${command.userId}" is not banned from this room.`);
    ctx.tx.deleteRecord('roomBan', room.id, command.userId);
    ctx.tx.deleteRecord('userBan', command.userId, room.id);
    postNotice(ctx, room, {
      action: 'unbanned',
      userId: command.userId,
      actorId: actor.user.id,
    });
    return { roomId: room.id, userId: command.userId };
  },

  'room.listBans': (ctx, actor, command) => {
    const room = requireModeratedRoom(ctx, command.roomId, actor, 'see bans');
    const now = ctx.now();
    return ctx.tx
      .listRecords('roomBan', room.id, { limit: 1000 })
      .filter(({ value }) => isActiveBan(value, now))
      .map(({ key, value }) => banView(room.id, key, value));
  },
};
