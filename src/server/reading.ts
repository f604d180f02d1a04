import { ChatError } from '../protocol';
import type { Handlers } from './context';
import { requireMessage } from './messages';
import { cursorView, ownCursorView } from './views';

/**
 * Reading state beyond the forward-only read cursor (issue #13): marking a room unread from a
 * message, and hearing which messages reached a person's devices. Never flood-limited: both are
 * cheap, and clients throttle delivery reports.
 */
export const readingHandlers: Handlers<'cursor.markUnread' | 'cursor.delivered'> = {
  'cursor.markUnread': (ctx, actor, command) => {
    const userId = actor.user.id;
    const room = ctx.requireMember(command.roomId, userId);
    const message = requireMessage(ctx, room, command.messageId);
    const current = room.cursors.find((cursor) => cursor.userId === userId)?.sequence ?? 0;
    const target = message.sequence - 1;
    // Already unread from before this message: nothing moves (marking unread never reads on).
    if (target > current) return ownCursorView(room, userId, ctx.now());
    ctx.placeCursor(room, userId, target, { silent: false, markUnread: true });
    return ownCursorView(room, userId, ctx.now());
  },

  'cursor.delivered': (ctx, actor, command) => {
    const userId = actor.user.id;
    const room = ctx.requireMember(command.roomId, userId);
    if (command.sequence > room.lastSequence) {
      throw new ChatError('invalid', `Cannot report sequence ${command.sequence} as delivered: the newest message of this room is ${room.lastSequence}.`);
    }
    const member = room.members.find((item) => item.userId === userId);
    const cursor = room.cursors.find((item) => item.userId === userId);
    // Reading implies delivery; an older report (another device, out of order) changes nothing.
    const reached = Math.max(member?.deliveredSequence ?? 0, cursor?.sequence ?? 0, member?.readPeak ?? 0);
    if (!member || command.sequence <= reached) return ownCursorView(room, userId, ctx.now());
    member.deliveredSequence = command.sequence;
    ctx.tx.putMember(room.id, member);
    // Only the others care (their messages' ticks); the reporter's devices know what they received.
    // A crowd's delivery is stored but not fanned out (its cursors are not either): cursor.list has it.
    if (ctx.isCrowd(room)) return ownCursorView(room, userId, ctx.now());
    const view = cursorView(cursor ?? { roomId: room.id, userId, sequence: 0, updatedAt: member.joinedAt }, member, null);
    ctx.sendTo(
      room.members.map((item) => item.userId).filter((id) => id !== userId),
      { type: 'cursor.updated', cursor: view },
    );
    return ownCursorView(room, userId, ctx.now());
  },
};
