import { ChatError, type Message } from '../protocol';
import type { Handlers, ServerContext } from './context';
import { messageView, roomView, type RoomRecord } from './state';

/** Index of the first element of an ascending array that is ≥ value. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pageSize(ctx: ServerContext, limit: number | undefined): number {
  // Too large a limit is clamped, not refused: asking for "as many as you can" is fair.
  return Math.min(limit ?? ctx.limits.maxHistoryPage, ctx.limits.maxHistoryPage);
}

/** The messages at these sequences that `readerId` may see, as fresh copies; blocked authors are left out. */
function visible(ctx: ServerContext, room: RoomRecord, sequences: Iterable<number>, readerId: string): Message[] {
  const reader = ctx.state.users.get(readerId);
  const out: Message[] = [];
  for (const sequence of sequences) {
    const message = room.messages[sequence - 1];
    if (message && !reader?.blocked.has(message.authorId)) out.push(messageView(message));
  }
  return out;
}

function* sequencesBetween(from: number, to: number): Generator<number> {
  for (let sequence = from; sequence <= to; sequence++) yield sequence;
}

/** Commands that read a room's timeline. */
export const readHandlers: Handlers<'message.history' | 'thread.history' | 'room.resume'> = {
  'message.history': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    if (command.before !== undefined && command.after !== undefined) {
      throw new ChatError('invalid', 'Ask for history before a sequence or after one, not both.');
    }
    const limit = pageSize(ctx, command.limit);
    const last = room.messages.length;
    const { topLevel } = room;

    if (command.after !== undefined) {
      const from = command.after + 1;
      const lo = lowerBound(topLevel, from);
      const hi = Math.min(topLevel.length, lo + limit);
      const next = topLevel[hi];
      // Everything up to the next top-level message is replies, so the page covers it too.
      const to = next === undefined ? last : next - 1;
      return { messages: visible(ctx, room, topLevel.slice(lo, hi), actor.user.id), range: { from, to }, hasMore: next !== undefined };
    }

    const end = Math.min(command.before ?? last + 1, last + 1);
    const hi = lowerBound(topLevel, end);
    const lo = Math.max(0, hi - limit);
    const previous = lo > 0 ? topLevel[lo - 1] : undefined;
    const range = { from: previous === undefined ? 1 : previous + 1, to: Math.max(0, end - 1) };
    return { messages: visible(ctx, room, topLevel.slice(lo, hi), actor.user.id), range, hasMore: previous !== undefined };
  },

  'thread.history': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const parent = room.byId.get(command.parentId);
    if (!parent) throw new ChatError('not_found', `There is no message with id "${command.parentId}" in this room.`);
    if (parent.parentId !== undefined) throw new ChatError('invalid', 'That message is a reply; ask for the thread of its parent.');
    const replies = room.replies.get(parent.id) ?? [];
    const hi = command.before === undefined ? replies.length : lowerBound(replies, command.before);
    const lo = Math.max(0, hi - pageSize(ctx, command.limit));
    return { messages: visible(ctx, room, replies.slice(lo, hi), actor.user.id), hasMore: lo > 0 };
  },

  'room.resume': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const last = room.messages.length;
    if (command.afterSequence > last) {
      throw new ChatError('conflict', `This room's newest sequence is ${last}, below ${command.afterSequence}; reload the room instead of resuming it.`);
    }
    const cut = last - command.afterSequence > ctx.limits.maxReplay;
    const from = cut ? last - ctx.limits.maxReplay + 1 : command.afterSequence + 1;
    return {
      messages: visible(ctx, room, sequencesBetween(from, last), actor.user.id),
      range: { from, to: last },
      cut,
      room: roomView(room),
    };
  },
};
