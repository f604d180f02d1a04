import type { ServerContext } from '../context';
import { openReportsOf } from './reports';
import { SITE } from './site';

/**
 * Removes what hangs on a room's moderation when the room is deleted: its bans, reports and their
 * index entries.
 *
 * @example
 * forgetRoomModeration(ctx, room.id);
 */
export function forgetRoomModeration(ctx: ServerContext, roomId: string): void {
  let afterKey: string | undefined;
  for (;;) {
    const bans = ctx.tx.listRecords('roomBan', roomId, {
      ...(afterKey !== undefined ? { afterKey } : {}),
      limit: 500,
    });
    for (const { key } of bans) ctx.tx.deleteRecord('userBan', key, roomId);
    if (bans.length < 500) break;
    afterKey = bans[bans.length - 1]?.key;
  }
  for (const record of openReportsOf(ctx, roomId, Number.MAX_SAFE_INTEGER)) ctx.tx.deleteRecord('openReport', SITE, record.id);
  ctx.tx.deleteRecords('roomBan', roomId);
  // A reporter's reportOf* entries naming this room's reports are left: they point at nothing now, and count as no report.
  ctx.tx.deleteRecords('report', roomId);
}

/**
 * Removes a deleted person's bans and site role, so a new person who later gets their id starts clean.
 *
 * @example
 * forgetPersonModeration(ctx, 'bo');
 */
export function forgetPersonModeration(ctx: ServerContext, userId: string): void {
  for (;;) {
    const bans = ctx.tx.listRecords('userBan', userId, { limit: 500 });
    for (const { key } of bans) ctx.tx.deleteRecord('roomBan', key, userId);
    ctx.tx.deleteRecords('userBan', userId);
    if (bans.length < 500) break;
  }
  ctx.tx.deleteRecord('siteModerator', SITE, userId);
  ctx.tx.deleteRecords('reportOfMessage', userId);
  ctx.tx.deleteRecords('reportOfPerson', userId);
}
