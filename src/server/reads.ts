import { ChatError, type Message } from '../protocol';
import type { Handlers, ServerContext } from './context';
import { messageView } from './views';

function pageSize(ctx: ServerContext, limit: number | undefined): number {
  // Too large a limit is clamped, not refused: asking for "as many as you can" is fair.
  return Math.min(limit ?? ctx.limits.maxHistoryPage, ctx.limits.maxHistoryPage);
}

/** The messages `readerId` may see, as fresh copies; blocked authors are left out. */
function visible(ctx: ServerContext, messages: readonly Message[], readerId: string): Message[] {
  const blocked = new Set(ctx.tx.getUser(readerId)?.blocked ?? []);
  const out: Message[] = [];
  for (const message of messages) if (!blocked.has(message.authorId)) out.push(messageView(message));
  return out;
}

/** Commands that read a room's timeline. */
export const readHandlers: Handlers<'message.history' | 'thread.history' | 'room.resume'> = {
  'message.history': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    if (command.before !== undefined && command.after !== undefined) {
      throw new ChatError('invalid', 'Ask for history before a sequence or after one, not both.');
    }
    const limit = pageSize(ctx, command.limit);
    const last = room.lastSequence;

    if (command.after !== undefined) {
      const from = command.after + 1;
      // One more than the page tells whether more follow: everything up to it is replies, so the page covers them too.
      const found = limit === 0 ? [] : ctx.tx.topLevelAfter(room.id, command.after, limit + 1);
      const page = found.slice(0, limit);
      const next = found.length > limit ? found[limit] : limit === 0 ? ctx.tx.topLevelAfter(room.id, command.after, 1)[0] : undefined;
      const to = next === undefined ? last : next.sequence - 1;
      return { messages: visible(ctx, page, actor.user.id), range: { from, to }, hasMore: next !== undefined };
    }

    const end = Math.min(command.before ?? last + 1, last + 1);
    const found = ctx.tx.topLevelBefore(room.id, end, limit + 1);
    const page = found.length > limit ? found.slice(found.length - limit) : found;
    const previous = found.length > limit ? found[0] : undefined;
    const range = { from: previous === undefined ? 1 : previous.sequence + 1, to: Math.max(0, end - 1) };
    return { messages: visible(ctx, page, actor.user.id), range, hasMore: previous !== undefined };
  },

  'thread.history': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const parent = ctx.tx.getMessage(room.id, command.parentId);
    if (!parent) throw new ChatError('not_found', `There is no message with id "${command.parentId}" in this room.`);
    if (parent.parentId !== undefined) throw new ChatError('invalid', 'That message is a reply; ask for the thread of its parent.');
    const limit = pageSize(ctx, command.limit);
    const found = ctx.tx.repliesBefore(room.id, parent.id, command.before ?? Number.MAX_SAFE_INTEGER, limit + 1);
    const page = found.length > limit ? found.slice(found.length - limit) : found;
    return { messages: visible(ctx, page, actor.user.id), hasMore: found.length > limit };
  },

  'room.resume': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const last = room.lastSequence;
    if (command.afterSequence > last) {
      throw new ChatError('conflict', `This room's newest sequence is ${last}, below ${command.afterSequence}; reload the room instead of resuming it.`);
    }
    const cut = last - command.afterSequence > ctx.limits.maxReplay;
    const from = cut ? last - ctx.limits.maxReplay + 1 : command.afterSequence + 1;
    return {
      messages: visible(ctx, ctx.tx.messagesBetween(room.id, from, last), actor.user.id),
      range: { from, to: last },
      cut,
      room: ctx.roomView(room),
    };
  },
};
