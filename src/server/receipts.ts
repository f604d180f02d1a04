import { ChatError, TYPING_TTL_MS } from '../protocol';
import type { Handlers, ServerContext } from './context';
import { assertNotMuted } from './moderation';
import { cursorView } from './views';

/** Read cursors and typing notices: cheap, frequent, and never flood-limited. */
export const receiptHandlers: Handlers<'cursor.set' | 'cursor.list' | 'typing.start' | 'typing.stop'> = {
  'cursor.set': (ctx, actor, command) => {
    const userId = actor.user.id;
    const room = ctx.requireMember(command.roomId, userId);
    const last = room.lastSequence;
    if (command.sequence > last) {
      throw new ChatError('invalid', `Cannot mark sequence ${command.sequence} as read: the newest message of this room is ${last}.`);
    }
    // Lower or equal is answered with the cursor as it stands: reads from several tabs arrive out of order.
    ctx.advanceCursor(room, userId, command.sequence);
    const cursor = room.cursors.find((item) => item.userId === userId);
    return cursorView(cursor ?? { roomId: room.id, userId, sequence: 0, updatedAt: ctx.now() });
  },

  'cursor.list': (ctx, actor, command) => ctx.requireMember(command.roomId, actor.user.id).cursors.map(cursorView),

  'typing.start': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    assertNotMuted(ctx, room, actor.user.id);
    ctx.startTyping(room, actor.user.id);
    return { ttlMs: TYPING_TTL_MS };
  },

  'typing.stop': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    ctx.stopTyping(room, actor.user.id);
    return {};
  },
};

/**
 * Ends every typing notice whose time has passed on the injected clock, telling each room.
 *
 * @example
 * storage.transaction((tx) => expireTyping(new ServerContext(tx, rules), expired));
 */
export function expireTyping(ctx: ServerContext, expired: ReadonlyArray<{ roomId: string; userId: string }>): void {
  for (const { roomId, userId } of expired) {
    const room = ctx.tx.getRoom(roomId);
    if (room) ctx.stopTyping(room, userId);
  }
}
