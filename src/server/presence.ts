import type { User } from '../protocol';
import type { ServerContext } from './context';
import type { RunInTransaction } from './transactions';

/** People the presence sweep reads per transaction. */
const PRESENCE_SWEEP_PAGE = 500;

/**
 * Tells everyone who sees `user` (people sharing a room, their own other sessions) their presence.
 * Internal to the server.
 *
 * @example
 * stored.user.presence = { state: 'online' };
 * ctx.tx.putUser(stored.user);
 * announcePresence(ctx, stored.user);
 */
export function announcePresence(ctx: ServerContext, user: User): void {
  ctx.sendTo(ctx.audienceOf(user.id), { type: 'presence.changed', userId: user.id, presence: { ...user.presence } });
}

/**
 * Marks offline everyone stored as online with no open session anywhere (their host died), telling
 * their audience; answers how many changed. Internal to the server (ReferenceServer.sweepPresence).
 *
 * @example
 * const swept = await sweepPresence(run);
 */
export async function sweepPresence(run: RunInTransaction): Promise<number> {
  // Candidates in read-only pages (cheap: nobody is usually left online), then each one checked
  // again and changed in a transaction of its own, which counts sessions under the person's lock.
  let swept = 0;
  for (let afterId: string | undefined; ; ) {
    const page = await run((ctx) => {
      const ids = ctx.tx.listOnlineUsers({ ...(afterId !== undefined ? { afterId } : {}), limit: PRESENCE_SWEEP_PAGE });
      return { ids, orphans: ids.filter((userId) => ctx.tx.countSessions(userId) === 0) };
    }, true);
    for (const userId of page.orphans) {
      const changed = await run((ctx) => {
        const stored = ctx.tx.getUser(userId);
        if (!stored || stored.user.presence.state !== 'online' || ctx.tx.countSessions(userId) > 0) return false;
        stored.user.presence = { state: 'offline', lastSeenAt: ctx.now() };
        ctx.tx.putUser(stored.user);
        announcePresence(ctx, stored.user);
        return true;
      });
      if (changed) swept++;
    }
    if (page.ids.length < PRESENCE_SWEEP_PAGE) return swept;
    afterId = page.ids.at(-1);
  }
}
