import { ChatError, type User } from '../protocol';
import type { Handlers, ServerContext } from './context';
import { userView, type UserRecord } from './state';
import { storableCustomData } from './validate';

/**
 * Tells everyone who can see this person (and their own sessions) about their new profile.
 *
 * @example
 * announceUser(ctx, record);
 */
export function announceUser(ctx: ServerContext, record: UserRecord): void {
  const view = userView(record.user);
  for (const userId of ctx.audienceOf(record.user.id)) ctx.send(userId, { type: 'user.updated', user: view });
}

function blockList(ctx: ServerContext, record: UserRecord): { blockedUserIds: string[] } {
  const blockedUserIds = [...record.blocked];
  ctx.send(record.user.id, { type: 'blocks.updated', blockedUserIds: [...blockedUserIds] });
  return { blockedUserIds };
}

/** Commands about people: profiles and blocking. */
export const userHandlers: Handlers<'user.update' | 'user.get' | 'user.block' | 'user.unblock'> = {
  'user.update': (ctx, actor, command) => {
    const customData = command.customData === undefined ? undefined : storableCustomData(ctx, command.customData, 'user');
    const user: User = actor.user;
    if (command.name !== undefined) user.name = command.name;
    if (command.avatarUrl !== undefined) user.avatarUrl = command.avatarUrl;
    if (customData !== undefined) user.customData = customData;
    announceUser(ctx, actor);
    return userView(user);
  },

  // Anyone may look anyone up by id: that is how a person finds someone to message.
  'user.get': (ctx, _actor, command) => command.userIds.map((userId) => userView(ctx.requireUser(userId).user)),

  'user.block': (ctx, actor, command) => {
    if (command.userId === actor.user.id) throw new ChatError('invalid', 'You cannot block yourself.');
    ctx.requireUser(command.userId);
    actor.blocked.add(command.userId);
    return blockList(ctx, actor);
  },

  'user.unblock': (ctx, actor, command) => {
    ctx.requireUser(command.userId);
    actor.blocked.delete(command.userId);
    return blockList(ctx, actor);
  },
};
