import { ChatError, type MemberMute, type RoomMember } from '../../protocol';
import type { Handlers, ServerContext } from '../context';
import { announceUpdate } from '../rooms';
import type { StoredRoom, StoredUser } from '../storage';
import { assertMayActOn, requireModeratedRoom } from './access';
import { optionalReason, postNotice, untilText } from './notices';

/** Whether a mute counts at `now` (a mute whose time passed is as good as none). */
export function isMutedAt(member: Pick<RoomMember, 'muted'> | undefined, now: number): boolean {
  const muted = member?.muted;
  return muted !== undefined && (muted.until === undefined || muted.until > now);
}

/**
 * Refuses a muted member's send, reaction or typing with a sentence saying until when.
 *
 * @example
 * assertNotMuted(ctx, room, actor.user.id); // in message.send, reaction.toggle, typing.start
 */
export function assertNotMuted(ctx: ServerContext, room: StoredRoom, userId: string): void {
  const member = room.members.find((item) => item.userId === userId);
  if (!member || !isMutedAt(member, ctx.now())) return;
  throw new ChatError('forbidden', `You are muted in this room ${untilText(member.muted?.until)}; you cannot send, react or type here.`);
}

/**
 * Mutes a member of a room: they keep reading, but cannot send, react or type there until the
 * mute ends or is lifted. Everyone in the room hears `room.updated` and a notice.
 *
 * @example
 * muteMember(ctx, room, actor, 'bo', 600_000, 'spam');
 */
export function muteMember(ctx: ServerContext, room: StoredRoom, actor: StoredUser, userId: string, durationMs: number | undefined, reason: string | undefined): void {
  assertMayActOn(ctx, room, actor, userId, 'mute');
  const member = room.members.find((item) => item.userId === userId);
  if (!member) throw new ChatError('not_found', `"${userId}" is not a member of this room.`);
  const at = ctx.now();
  const muted: MemberMute = {
    by: actor.user.id,
    at,
    ...(durationMs !== undefined ? { until: at + durationMs } : {}),
    ...optionalReason(reason),
  };
  member.muted = muted;
  ctx.tx.putMember(room.id, member);
  ctx.stopTyping(room, userId);
  postNotice(ctx, room, {
    action: 'muted',
    userId,
    actorId: actor.user.id,
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...optionalReason(reason),
  });
  announceUpdate(ctx, room);
}

/** Muting and unmuting a room's members; the mute lives on the member (`RoomMember.muted`). */
export const muteHandlers: Handlers<'member.mute' | 'member.unmute'> = {
  'member.mute': (ctx, actor, command) => {
    const room = requireModeratedRoom(ctx, command.roomId, actor, 'mute people');
    muteMember(ctx, room, actor, command.userId, command.durationMs, command.reason);
    return ctx.roomView(room);
  },

  'member.unmute': (ctx, actor, command) => {
    const room = requireModeratedRoom(ctx, command.roomId, actor, 'unmute people');
    const member = room.members.find((item) => item.userId === command.userId);
    if (!member) throw new ChatError('not_found', `"${command.userId}" is not a member of this room.`);
    if (member.muted === undefined) return ctx.roomView(room);
    delete member.muted;
    ctx.tx.putMember(room.id, member);
    postNotice(ctx, room, {
      action: 'unmuted',
      userId: command.userId,
      actorId: actor.user.id,
    });
    announceUpdate(ctx, room);
    return ctx.roomView(room);
  },
};
