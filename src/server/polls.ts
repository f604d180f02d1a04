import { ChatError, checkPollInput, type Message, type Poll, type PollCount } from '../protocol';
import type { Handlers, ServerContext } from './context';
import { appendMessage } from './messages';
import type { StoredRoom } from './storage';
import { checkMessageText } from './validate';
import { messageView } from './views';

/** Votes read per page when a poll's votes are deleted. */
const VOTE_PAGE = 500;

/**
 * Where a poll's votes are kept: one record per voter under this scope. Message ids are unique
 * within a room only, so the scope names both (`/` never occurs in an id).
 *
 * @example
 * pollScope('general', 'm_1'); // 'general/m_1'
 */
export function pollScope(roomId: string, messageId: string): string {
  return `${roomId}/${messageId}`;
}

/** A message that carries a poll. */
type PollMessage = Message & { poll: Poll };

function requirePoll(ctx: ServerContext, room: StoredRoom, messageId: string): PollMessage {
  const message = ctx.tx.getMessage(room.id, messageId);
  if (!message) throw new ChatError('not_found', `There is no message with id "${messageId}" in this room.`);
  if (message.deletedAt !== undefined) throw new ChatError('conflict', 'This poll was deleted.');
  if (message.poll === undefined) throw new ChatError('invalid', 'This message is not a poll.');
  return message as PollMessage;
}

/**
 * The options a vote names, checked against the poll: each known and named once, and at most one
 * unless the poll allows several. An empty list takes a vote back.
 *
 * @example
 * checkVote(poll, ['o1']); // ['o1']
 */
export function checkVote(poll: Poll, optionIds: readonly string[]): string[] {
  const known = new Set(poll.options.map((option) => option.id));
  const unique = [...new Set(optionIds)];
  const unknown = unique.find((id) => !known.has(id));
  if (unknown !== undefined) throw new ChatError('invalid', `This poll has no option "${unknown}".`);
  if (!poll.multiple && unique.length > 1) throw new ChatError('invalid', 'This poll takes one choice; pick a single option.');
  // In the poll's order, so the stored vote does not depend on the order of clicks.
  return poll.options.map((option) => option.id).filter((id) => unique.includes(id));
}

/**
 * The poll's counts after one person's vote changed from `before` to `after`: each option gains or
 * loses that voter (named only when the poll is not anonymous), and `voterCount` follows.
 *
 * @example
 * recount(poll, 'ana', [], ['o1']).counts[0].votes; // one more than before
 */
export function recount(poll: Poll, voterId: string, before: readonly string[], after: readonly string[]): Poll {
  const counts: PollCount[] = poll.counts.map((count) => {
    const had = before.includes(count.optionId);
    const has = after.includes(count.optionId);
    const votes = count.votes + (has ? 1 : 0) - (had ? 1 : 0);
    const next: PollCount = { optionId: count.optionId, votes };
    if (!poll.anonymous) {
      const others = (count.voterIds ?? []).filter((id) => id !== voterId);
      next.voterIds = has ? [...others, voterId] : others;
    }
    return next;
  });
  const voterCount = poll.voterCount + (after.length > 0 ? 1 : 0) - (before.length > 0 ? 1 : 0);
  return { ...poll, counts, voterCount };
}

/**
 * Deletes a poll's votes and its room's note of it, and takes the poll off its message (which is
 * about to become a tombstone). The caller stores the message.
 *
 * @example
 * forgetPoll(ctx, room, message); // in message.delete
 */
export function forgetPoll(ctx: ServerContext, room: StoredRoom, message: Message): void {
  ctx.tx.deleteRecords('pollVote', pollScope(room.id, message.id));
  ctx.tx.deleteRecord('roomPoll', room.id, message.id);
  delete message.poll;
}

/**
 * Deletes the votes of every poll of a room, for the rule that deletes the room.
 *
 * @example
 * forgetRoomPolls(ctx, room.id); // in room.delete
 */
export function forgetRoomPolls(ctx: ServerContext, roomId: string): void {
  for (;;) {
    const page = ctx.tx.listRecords('roomPoll', roomId, { limit: VOTE_PAGE });
    for (const { key } of page) ctx.tx.deleteRecords('pollVote', pollScope(roomId, key));
    ctx.tx.deleteRecords('roomPoll', roomId);
    if (page.length < VOTE_PAGE) return;
  }
}

/** Commands of polls: create, vote, close, and one's own vote. */
export const pollHandlers: Handlers<'poll.create' | 'poll.vote' | 'poll.close' | 'poll.ownVote'> = {
  'poll.create': (ctx, actor, command) => {
    const authorId = actor.user.id;
    const room = ctx.requireMember(command.roomId, authorId);
    const earlier = ctx.tx.getMessageByClientId(room.id, authorId, command.clientId);
    // A retry of a creation that already happened: the same poll.
    if (earlier) return messageView(earlier);
    const problem = checkPollInput(command);
    if (problem) throw problem;
    const question = checkMessageText(ctx, command.question.trim(), false);
    const options = command.options.map((text, index) => ({ id: `o${index + 1}`, text: ctx.filterText(text.trim(), 'poll option') }));
    const anonymous = command.anonymous === true;
    const poll: Poll = {
      question,
      options,
      multiple: command.multiple === true,
      anonymous,
      counts: options.map((option) => (anonymous ? { optionId: option.id, votes: 0 } : { optionId: option.id, votes: 0, voterIds: [] })),
      voterCount: 0,
    };
    const now = ctx.now();
    const message: Message = {
      id: ctx.newMessageId(room),
      clientId: command.clientId,
      roomId: room.id,
      sequence: room.lastSequence + 1,
      authorId,
      // The question as text: previews, notifications and search read it like any message.
      text: question,
      attachments: [],
      mentions: [],
      reactions: [],
      replyCount: 0,
      createdAt: now,
      poll,
    };
    appendMessage(ctx, room, message);
    ctx.tx.putRecord('roomPoll', room.id, message.id, { at: now });
    return messageView(message);
  },

  'poll.vote': (ctx, actor, command) => {
    const voterId = actor.user.id;
    // The room first: on PostgreSQL its row lock serialises votes, since records are not locked.
    const room = ctx.requireMember(command.roomId, voterId);
    const message = requirePoll(ctx, room, command.messageId);
    if (message.poll.closedAt !== undefined) throw new ChatError('conflict', 'This poll is closed; it takes no more votes.');
    const after = checkVote(message.poll, command.optionIds);
    const scope = pollScope(room.id, message.id);
    const before = ctx.tx.getRecord('pollVote', scope, voterId)?.optionIds ?? [];
    const same = before.length === after.length && before.every((id) => after.includes(id));
    if (!same) {
      message.poll = recount(message.poll, voterId, before, after);
      if (after.length > 0) ctx.tx.putRecord('pollVote', scope, voterId, { optionIds: after, at: ctx.now() });
      else ctx.tx.deleteRecord('pollVote', scope, voterId);
      ctx.tx.updateMessage(message);
      ctx.sendMessage(room, message, 'message.updated');
    }
    // The voter's other sessions learn their own choice, which an anonymous poll's counts never say.
    ctx.send(voterId, { type: 'poll.voted', roomId: room.id, messageId: message.id, optionIds: [...after] });
    return { message: messageView(message) as PollMessage, optionIds: [...after] };
  },

  'poll.close': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const message = requirePoll(ctx, room, command.messageId);
    if (message.authorId !== actor.user.id && !ctx.isAdmin(room, actor.user.id)) {
      throw new ChatError('forbidden', 'Only the author of a poll or an admin of the room may close it.');
    }
    if (message.poll.closedAt !== undefined) return messageView(message);
    message.poll = { ...message.poll, closedAt: ctx.now() };
    ctx.tx.updateMessage(message);
    ctx.sendMessage(room, message, 'message.updated');
    return messageView(message);
  },

  'poll.ownVote': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const message = requirePoll(ctx, room, command.messageId);
    return { optionIds: [...(ctx.tx.getRecord('pollVote', pollScope(room.id, message.id), actor.user.id)?.optionIds ?? [])] };
  },
};
