import type { ServerContext } from './context';
import type { MaybePromise } from './maybe';
import { announceUpdate } from './rooms';

/** Stale crowds the sweep reads per transaction. */
const CROWD_SWEEP_PAGE = 200;

/**
 * Notes that a crowd's `memberCount` changed while only its admins were told (see
 * `announceMembership`): the next sweep tells every member, once for any number of joins and
 * leaves in between.
 */
export function markCrowdCountStale(ctx: ServerContext, roomId: string): void {
  ctx.tx.putRecord('crowdCount', 'site', roomId, { changedAt: ctx.now() });
}

/** Tells one stale crowd's members its view (its count), if it is still stale and still a room; answers whether it told them. */
function tellCrowdCount(ctx: ServerContext, roomId: string): boolean {
  // The room first: on PostgreSQL its row is locked, so two hosts sweeping tell the members once.
  const room = ctx.tx.getRoom(roomId);
  if (!ctx.tx.getRecord('crowdCount', 'site', roomId)) return false;
  ctx.tx.deleteRecord('crowdCount', 'site', roomId);
  if (!room) return false;
  announceUpdate(ctx, room);
  return true;
}

/**
 * The sweep of crowd counts (ReferenceServer.sweepCrowdCounts): the rooms whose count went stale
 * in read-only pages, then each told in a transaction of its own. Joins to a crowd of N cost one
 * frame to each of its admins, plus N frames per sweep however many joined, instead of N frames
 * per join.
 */
export async function sweepCrowdCounts(run: <T>(work: (ctx: ServerContext) => T, readOnly: boolean) => MaybePromise<T>): Promise<number> {
  let told = 0;
  for (let afterKey: string | undefined; ; ) {
    const page = await run((ctx) => ctx.tx.listRecords('crowdCount', 'site', { ...(afterKey !== undefined ? { afterKey } : {}), limit: CROWD_SWEEP_PAGE }).map((record) => record.key), true);
    for (const roomId of page) if (await run((ctx) => tellCrowdCount(ctx, roomId), false)) told++;
    if (page.length < CROWD_SWEEP_PAGE) return told;
    afterKey = page.at(-1);
  }
}
