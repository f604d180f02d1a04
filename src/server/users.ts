import { ChatError, type User } from '../protocol';
import type { Handlers, ServerContext } from './context';
import type { StoredUser } from './storage';
import { dropPersonInvitations } from './invitations';
import { checkAvatarUrl, storableCustomData } from './validate';
import { userView } from './views';

/**
 * Tells everyone who can see this person (and their own sessions) about their new profile.
 *
 * @example
 * announceUser(ctx, user);
 */
export function announceUser(ctx: ServerContext, user: User): void {
  ctx.sendTo(ctx.audienceOf(user.id), { type: 'user.updated', user: userView(user) });
}

function blockList(ctx: ServerContext, record: StoredUser): { blockedUserIds: string[] } {
  ctx.tx.setBlocked(record.user.id, record.blocked);
  const blockedUserIds = [...record.blocked];
  ctx.send(record.user.id, { type: 'blocks.updated', blockedUserIds: [...blockedUserIds] });
  return { blockedUserIds };
}

/** Commands about people: profiles and blocking. */
export const userHandlers: Handlers<'user.update' | 'user.get' | 'user.block' | 'user.unblock'> = {
  'user.update': (ctx, actor, command) => {
    const customData = command.customData === undefined ? undefined : storableCustomData(ctx, command.customData, 'user');
    const avatarUrl = command.avatarUrl === undefined ? undefined : checkAvatarUrl(command.avatarUrl, ctx.allowHttpUrls);
    const user: User = actor.user;
    if (command.name !== undefined) user.name = command.name;
    if (avatarUrl !== undefined) user.avatarUrl = avatarUrl;
    if (customData !== undefined) user.customData = customData;
    ctx.tx.putUser(user);
    announceUser(ctx, user);
    return userView(user);
  },

  // Anyone may look anyone up by id: that is how a person finds someone to message.
  'user.get': (ctx, _actor, command) => {
    const found = new Map(ctx.tx.getUsers(command.userIds).map((user) => [user.id, user]));
    return command.userIds.map((userId) => {
      const user = found.get(userId);
      if (!user) throw new ChatError('not_found', `There is no user with id "${userId}".`);
      return userView(user);
    });
  },

  'user.block': (ctx, actor, command) => {
    if (command.userId === actor.user.id) throw new ChatError('invalid', 'You cannot block yourself.');
    ctx.requireUser(command.userId);
    if (!actor.blocked.includes(command.userId)) actor.blocked.push(command.userId);
    // Blocking someone also turns down their pending invitations.
    dropPersonInvitations(ctx, actor.user.id, (by) => by === command.userId);
    return blockList(ctx, actor);
  },

  'user.unblock': (ctx, actor, command) => {
    ctx.requireUser(command.userId);
    actor.blocked = actor.blocked.filter((userId) => userId !== command.userId);
    return blockList(ctx, actor);
  },
};
