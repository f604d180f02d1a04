import { ChatError, type Message } from '../protocol';
import { isMember, type Handlers, type ServerContext } from './context';
import { forgetPoll } from './polls';
import type { StoredRoom } from './storage';
import { initialStreaming, touchStream } from './streaming';
import { assertNotMuted, isSiteModerator } from './moderation';
import { unpinGone } from './pins';
import { checkMessageText, storableCustomData } from './validate';
import { messageView } from './views';
import { previewFits } from './previews';

/** Mentions are refused, not dropped, when they name a non-member: silently changing a message is worse than saying no. */
function checkMentions(ctx: ServerContext, room: StoredRoom, mentions: readonly string[]): string[] {
  const unique = [...new Set(mentions)];
  if (unique.length > ctx.limits.maxMentions) {
    throw new ChatError('too_large', `A message may mention at most ${ctx.limits.maxMentions} people; this one mentions ${unique.length}.`);
  }
  for (const userId of unique) {
    if (!isMember(room, userId)) throw new ChatError('invalid', `"${userId}" is mentioned but is not a member of this room.`);
  }
  return unique;
}

/** The message with this id in the room, or `not_found`. */
export function requireMessage(ctx: ServerContext, room: StoredRoom, messageId: string): Message {
  const message = ctx.tx.getMessage(room.id, messageId);
  if (!message) throw new ChatError('not_found', `There is no message with id "${messageId}" in this room.`);
  return message;
}

/** The other person of a direct room refuses messages from people they block. */
function assertNotBlockedInDirect(ctx: ServerContext, room: StoredRoom, authorId: string): void {
  if (room.kind !== 'direct') return;
  for (const { userId } of room.members) {
    if (userId !== authorId && ctx.blocks(userId, authorId)) throw new ChatError('forbidden', 'This person does not accept direct messages from you.');
  }
}

/**
 * Stores a new message at the room's next sequence and tells the room: the one way a message
 * joins a timeline (sends, polls).
 *
 * @example
 * appendMessage(ctx, room, { ...message, sequence: room.lastSequence + 1 });
 */
export function appendMessage(ctx: ServerContext, room: StoredRoom, message: Message): void {
  ctx.tx.insertMessage(message);
  room.lastSequence = message.sequence;
  room.lastActivityAt = message.createdAt;
  ctx.tx.updateRoom(room.id, { lastSequence: message.sequence, lastActivityAt: message.createdAt });
  // No room.updated per message: clients derive lastSequence and lastActivityAt from message.created.
  ctx.sendMessage(room, message, 'message.created');
  // message.created also means "the author stopped typing and has read up to here" (see the
  // protocol), so one frame per recipient carries all three: half the traffic of a busy room.
  ctx.stopTyping(room, message.authorId, { silent: true });
  ctx.advanceCursor(room, message.authorId, message.sequence, { silent: true });
}

/** Commands that write messages and reactions. */
export const messageHandlers: Handlers<'message.send' | 'message.edit' | 'message.delete' | 'reaction.toggle'> = {
  'message.send': (ctx, actor, command) => {
    const authorId = actor.user.id;
    const room = ctx.requireMember(command.roomId, authorId);
    const earlier = ctx.tx.getMessageByClientId(room.id, authorId, command.clientId);
    // A retry of a send that already happened: same message, nothing new to tell anyone.
    if (earlier) return messageView(earlier);
    assertNotMuted(ctx, room, authorId);
    assertNotBlockedInDirect(ctx, room, authorId);

    const attachments = command.attachments ?? [];
    if (attachments.length > ctx.limits.maxAttachments) {
      throw new ChatError('too_large', `A message may carry at most ${ctx.limits.maxAttachments} attachments; this one has ${attachments.length}.`);
    }
    // A streamed message may start empty: its text comes piece by piece (streaming.ts).
    const streaming = initialStreaming(room, command.streaming);
    const text = checkMessageText(ctx, command.text, attachments.length > 0 || streaming !== undefined);
    const mentions = checkMentions(ctx, room, command.mentions ?? []);
    const customData = command.customData === undefined ? undefined : storableCustomData(ctx, command.customData, 'message');
    const parent = command.parentId === undefined ? undefined : requireMessage(ctx, room, command.parentId);
    if (parent?.parentId !== undefined) throw new ChatError('invalid', 'A reply cannot have replies; reply to the first message of the thread.');
    if (command.quotedId !== undefined) requireMessage(ctx, room, command.quotedId);

    const now = ctx.now();
    const message: Message = {
      id: ctx.newMessageId(room),
      clientId: command.clientId,
      roomId: room.id,
      sequence: room.lastSequence + 1,
      authorId,
      text,
      attachments: attachments.map((attachment) => ({ ...attachment })),
      mentions,
      reactions: [],
      replyCount: 0,
      createdAt: now,
    };
    if (parent) message.parentId = parent.id;
    if (command.quotedId !== undefined) message.quotedId = command.quotedId;
    if (customData !== undefined) message.customData = customData;
    if (streaming !== undefined) message.streaming = streaming;

    if (command.kind !== undefined) message.kind = command.kind;

    appendMessage(ctx, room, message);
    if (streaming?.state === 'generating') touchStream(ctx, message);
    if (parent) {
      parent.replyCount += 1;
      parent.lastReplyAt = now;
      ctx.tx.updateMessage(parent);
      ctx.sendMessage(room, parent, 'message.updated');
    }
    return messageView(message);
  },

  'message.edit': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const message = requireMessage(ctx, room, command.messageId);
    // The host app's backend may correct any message as a moderator (the admin API); people only their own.
    if (message.authorId !== actor.user.id && !ctx.trusted) throw new ChatError('forbidden', 'You can edit only your own messages.');
    if (message.deletedAt !== undefined) throw new ChatError('conflict', 'A deleted message cannot be edited.');
    if (message.streaming?.state === 'generating') throw new ChatError('conflict', 'This message is still being written; edit it once it ends.');
    if (message.poll !== undefined) throw new ChatError('conflict', 'A poll cannot be edited; close it, or delete it and ask again.');
    const text = checkMessageText(ctx, command.text, message.attachments.length > 0);
    const mentions = command.mentions === undefined ? undefined : checkMentions(ctx, room, command.mentions);
    const customData = command.customData === undefined ? undefined : storableCustomData(ctx, command.customData, 'message');

    message.text = text;
    if (mentions !== undefined) message.mentions = mentions;
    if (customData !== undefined) message.customData = customData;
    message.editedAt = ctx.now();
    // An edit that changes the first link takes the old link's preview with it (the host previews the new one).
    if (message.preview !== undefined && !previewFits(message, message.preview.url)) delete message.preview;
    ctx.tx.updateMessage(message);
    ctx.sendMessage(room, message, 'message.updated');
    return messageView(message);
  },

  'message.delete': (ctx, actor, command) => {
    // A site moderator deletes in any public room, member or not.
    const siteModerator = isSiteModerator(actor);
    const publicRoom = siteModerator ? ctx.tx.getRoom(command.roomId) : undefined;
    const room = publicRoom?.kind === 'public' ? publicRoom : ctx.requireMember(command.roomId, actor.user.id);
    const message = requireMessage(ctx, room, command.messageId);
    if (message.authorId !== actor.user.id && !ctx.isAdmin(room, actor.user.id) && !siteModerator) {
      throw new ChatError('forbidden', 'You can delete only your own messages unless you are an admin of this room.');
    }
    return deleteMessageContent(ctx, room, message);
  },

  'reaction.toggle': (ctx, actor, command) => {
    const userId = actor.user.id;
    const room = ctx.requireMember(command.roomId, userId);
    assertNotMuted(ctx, room, userId);
    const message = requireMessage(ctx, room, command.messageId);
    if (message.deletedAt !== undefined) throw new ChatError('conflict', 'A deleted message cannot take reactions.');
    const index = message.reactions.findIndex((reaction) => reaction.emoji === command.emoji);
    const reaction = message.reactions[index];
    if (!reaction) {
      message.reactions.push({ emoji: command.emoji, userIds: [userId] });
    } else if (reaction.userIds.includes(userId)) {
      reaction.userIds = reaction.userIds.filter((id) => id !== userId);
      if (reaction.userIds.length === 0) message.reactions.splice(index, 1);
    } else {
      reaction.userIds.push(userId);
    }
    ctx.tx.updateMessage(message);
    ctx.sendMessage(room, message, 'message.updated');
    return messageView(message);
  },
};

/**
 * Makes a message a tombstone and tells the room: it keeps its place (id, sequence, author, time,
 * thread links) and loses its content. Deleting a tombstone answers it with no event. Shared by
 * `message.delete` and a moderator's resolution of a report.
 *
 * @example
 * deleteMessageContent(ctx, room, message);
 */
export function deleteMessageContent(ctx: ServerContext, room: StoredRoom, message: Message): Message {
  if (message.deletedAt !== undefined) return messageView(message);
  message.deletedAt = ctx.now();
  message.text = '';
  message.attachments = [];
  message.mentions = [];
  message.reactions = [];
  delete message.customData;
  delete message.preview;
  unpinGone(ctx, room, message);
  if (message.poll !== undefined) forgetPoll(ctx, room, message);
  ctx.tx.updateMessage(message);
  ctx.sendMessage(room, message, 'message.updated');
  return messageView(message);
}
