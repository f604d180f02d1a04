import { ChatError } from '../../protocol';
import { isMember, roleOf, type ServerContext } from '../context';
import type { StoredRoom, StoredUser } from '../storage';
import { isSiteModerator } from './site';

/**
 * The room, if this person may moderate it: its admins, site moderators in any room they can see
 * (public rooms, and those they are in), and the host app's backend. Direct rooms have no moderators.
 *
 * @example
 * const room = requireModeratedRoom(ctx, command.roomId, actor, 'mute people');
 */
export function requireModeratedRoom(ctx: ServerContext, roomId: string, actor: StoredUser, action: string): StoredRoom {
  const room = ctx.requireRoom(roomId);
  if (ctx.trusted) return room;
  const siteModerator = isSiteModerator(actor);
  if (!isMember(room, actor.user.id) && !(siteModerator && room.kind === 'public')) ctx.requireMember(roomId, actor.user.id);
  if (room.kind === 'direct') throw new ChatError('forbidden', `You cannot ${action} in a direct conversation.`);
  if (!siteModerator && roleOf(room, actor.user.id) !== 'admin')
    throw new ChatError('forbidden', `Only an admin of this room or a site moderator may ${action}.`);
  return room;
}

/**
 * Who a target is to the actor: nobody acts on themselves, a room admin only on non-admins, nobody but the backend on a site moderator.
 *
 * @example
 * assertMayActOn(ctx, room, actor, 'bo', 'mute');
 */
export function assertMayActOn(ctx: ServerContext, room: StoredRoom, actor: StoredUser, targetId: string, action: string): StoredUser {
  if (targetId === actor.user.id) throw new ChatError('invalid', `You cannot ${action} yourself.`);
  const target = ctx.requireUser(targetId);
  if (ctx.trusted) return target;
  if (isSiteModerator(target)) throw new ChatError('forbidden', `"${targetId}" is a site moderator; only the host app's backend may ${action} them.`);
  if (!isSiteModerator(actor) && roleOf(room, targetId) === 'admin') {
    throw new ChatError('forbidden', `"${targetId}" is an admin of this room; make them a member first, or ask a site moderator.`);
  }
  return target;
}
