import { ChatError } from '../../protocol';
import type { Handlers, ServerContext } from '../context';
import type { StoredUser } from '../storage';
import { announceUser } from '../users';
import { userView } from '../views';

/** The scope of site-wide records (moderators, settings, the open-report index). */
export const SITE = 'site';

/** True for a site-wide moderator (set through the admin API). */
export function isSiteModerator(user: StoredUser): boolean {
  return user.user.role === 'moderator';
}

/**
 * Refuses anyone but the host app's backend (the admin API): site roles and settings are the
 * site owner's, never a person's.
 *
 * @example
 * requireBackend(ctx, 'set site roles');
 */
export function requireBackend(ctx: ServerContext, action: string): void {
  if (!ctx.trusted) throw new ChatError('forbidden', `Only the host app's backend (the admin API) may ${action}.`);
}

/** Site roles: the backend makes a person a site moderator (or not), kept as a record too so reports can find them all. */
export const siteRoleHandlers: Handlers<'user.setRole'> = {
  'user.setRole': (ctx, _actor, command) => {
    requireBackend(ctx, 'set site roles');
    const record = ctx.requireUser(command.userId);
    const user = record.user;
    if (command.role === 'moderator') {
      if (user.role === 'moderator') return userView(user);
      user.role = 'moderator';
      ctx.tx.putRecord('siteModerator', SITE, user.id, { since: ctx.now() });
    } else {
      if (user.role === undefined) return userView(user);
      delete user.role;
      ctx.tx.deleteRecord('siteModerator', SITE, user.id);
    }
    ctx.tx.putUser(user);
    announceUser(ctx, user);
    return userView(user);
  },
};
