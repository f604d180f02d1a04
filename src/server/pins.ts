import { ChatError, MAX_PINNED_MESSAGES, type Message } from '../protocol';
import type { Handlers, ServerContext } from './context';
import { requireMessage } from './messages';
import type { StoredRoom, StoredUser } from './storage';
import { messageView } from './views';

/**
 * Pinned messages (issue #13). A pin is two extension fields of the message (`pinnedAt`,
 * `pinnedBy`: every row can show its pin) and the room's `pinnedMessageIds` in pin order (the
 * header's count and list travel with the room in every snapshot and `room.updated`, with no
 * extra query). A record list would need a read per room on every snapshot for the count.
 */

/** A site moderator: a person whose profile says `role: 'moderator'` (set by the host app). */
function isModerator(user: StoredUser['user']): boolean {
  return (user as { role?: unknown }).role === 'moderator';
}

/**
 * Who may pin and unpin in a room: its admins, site moderators, the host app's backend, and
 * either person of a direct conversation (which has no admin).
 */
function requirePinner(ctx: ServerContext, room: StoredRoom, actor: StoredUser): void {
  if (room.kind === 'direct' || ctx.isAdmin(room, actor.user.id) || isModerator(actor.user)) return;
  throw new ChatError('forbidden', 'Only an admin of this room may pin or unpin messages.');
}

/** Tells every member that the room's pins changed: the message (its pin marker) and the room (the list). */
function announce(ctx: ServerContext, room: StoredRoom, message: Message): void {
  ctx.sendMessage(room, message, 'message.updated');
  // A pin is rare (an admin's act), so even a crowd hears of it, as of a rename.
  const view = ctx.roomView(room);
  ctx.sendToMembers(room, () => ({ type: 'room.updated', room: view }));
}

/**
 * Takes a message off the room's pins when it is deleted (or otherwise stops being pinnable);
 * does nothing when it was not pinned. Changes `message` in place; the caller stores it.
 *
 * @example
 * unpinGone(ctx, room, message); // in message.delete, before updateMessage
 */
export function unpinGone(ctx: ServerContext, room: StoredRoom, message: Message): void {
  if (message.pinnedAt === undefined && !room.pinnedMessageIds?.includes(message.id)) return;
  delete message.pinnedAt;
  delete message.pinnedBy;
  room.pinnedMessageIds = (room.pinnedMessageIds ?? []).filter((id) => id !== message.id);
  ctx.tx.updateRoom(room.id, { pinnedMessageIds: room.pinnedMessageIds });
  const view = ctx.roomView(room);
  ctx.sendToMembers(room, () => ({ type: 'room.updated', room: view }));
}

/** Pin, unpin and the list of pins. */
export const pinHandlers: Handlers<'message.pin' | 'message.unpin' | 'message.listPinned'> = {
  'message.pin': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    requirePinner(ctx, room, actor);
    const message = requireMessage(ctx, room, command.messageId);
    if (message.deletedAt !== undefined) throw new ChatError('conflict', 'A deleted message cannot be pinned.');
    if (message.parentId !== undefined) throw new ChatError('invalid', 'Thread replies cannot be pinned; pin the first message of the thread.');
    const pinned = room.pinnedMessageIds ?? [];
    if (message.pinnedAt !== undefined && pinned.includes(message.id)) return messageView(message);
    if (pinned.length >= MAX_PINNED_MESSAGES) {
      throw new ChatError('too_large', `A room may have at most ${MAX_PINNED_MESSAGES} pinned messages; unpin one first.`);
    }
    message.pinnedAt = ctx.now();
    message.pinnedBy = actor.user.id;
    ctx.tx.updateMessage(message);
    room.pinnedMessageIds = [...pinned.filter((id) => id !== message.id), message.id];
    ctx.tx.updateRoom(room.id, { pinnedMessageIds: room.pinnedMessageIds });
    announce(ctx, room, message);
    return messageView(message);
  },

  'message.unpin': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    requirePinner(ctx, room, actor);
    const message = requireMessage(ctx, room, command.messageId);
    if (message.pinnedAt === undefined && !room.pinnedMessageIds?.includes(message.id)) return messageView(message);
    delete message.pinnedAt;
    delete message.pinnedBy;
    ctx.tx.updateMessage(message);
    room.pinnedMessageIds = (room.pinnedMessageIds ?? []).filter((id) => id !== message.id);
    ctx.tx.updateRoom(room.id, { pinnedMessageIds: room.pinnedMessageIds });
    announce(ctx, room, message);
    return messageView(message);
  },

  'message.listPinned': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const messages: Message[] = [];
    // Newest pin first; a pinned message of someone the reader blocks stays out of their list.
    for (const id of [...(room.pinnedMessageIds ?? [])].reverse()) {
      const message = ctx.tx.getMessage(room.id, id);
      if (message && message.deletedAt === undefined && !ctx.blocks(actor.user.id, message.authorId)) messages.push(messageView(message));
    }
    return messages;
  },
};
