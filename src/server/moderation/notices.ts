import { SYSTEM_USER_ID } from '../../protocol';
import { insertSystemMessage } from '../announce';
import type { ServerContext } from '../context';
import type { StoredRoom } from '../storage';

/**
 * "until 2026-12-03 14:05 UTC", or "until it is lifted": the server speaks English and UTC; clients say it in the reader's words.
 *
 * @example
 * throw new ChatError('forbidden', `You are muted in this room ${untilText(until)}.`);
 */
export function untilText(until: number | undefined): string {
  if (until === undefined) return 'until a moderator lifts it';
  return `until ${new Date(until).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function nameOf(ctx: ServerContext, userId: string): string {
  if (userId === SYSTEM_USER_ID) return 'a moderator';
  return ctx.tx.getUser(userId)?.user.name ?? userId;
}

/** "10 minutes", "1 hour", "2 days": the English of a notice (clients show their own language). */
function durationText(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size && ms % size === 0) {
      const count = ms / size;
      return `${count} ${unit}${count === 1 ? '' : 's'}`;
    }
  }
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * What a moderation notice carries in its custom data, so each client can say it in its reader's
 * language (the text is the English fallback).
 *
 * @example
 * const notice: ModerationNotice = { action: 'muted', userId: 'bo', actorId: 'ana', durationMs: 600000 };
 */
export interface ModerationNotice {
  action: 'muted' | 'unmuted' | 'banned' | 'unbanned';
  userId: string;
  actorId: string;
  durationMs?: number;
  reason?: string;
}

/**
 * Posts the room's notice of a moderation action, with its English text and its data for clients.
 *
 * @example
 * postNotice(ctx, room, { action: 'unmuted', userId: 'bo', actorId: 'ana' });
 */
export function postNotice(ctx: ServerContext, room: StoredRoom, notice: ModerationNotice): void {
  const target = nameOf(ctx, notice.userId);
  const actor = nameOf(ctx, notice.actorId);
  const span = notice.durationMs === undefined ? '' : ` for ${durationText(notice.durationMs)}`;
  const forGood = notice.durationMs === undefined && (notice.action === 'muted' || notice.action === 'banned') ? ' until further notice' : '';
  const reason = notice.reason ? ` Reason: ${notice.reason}` : '';
  const text = `${target} was ${notice.action} by ${actor}${span}${forGood}.${reason}`;
  insertSystemMessage(ctx, room, text, {
    customData: { moderation: { ...notice } },
  });
}

/**
 * The reason as an optional field: an empty one is none, so neither the record nor the notice carries `reason: ''`.
 *
 * @example
 * const muted = { by: 'ana', at, ...optionalReason(command.reason) };
 */
export function optionalReason(reason: string | undefined): { reason?: string } {
  return reason === undefined || reason === '' ? {} : { reason };
}
