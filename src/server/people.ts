import { ChatError, DELETED_USER_ID, RESERVED_USER_IDS, type Message } from '../protocol';
import type { ServerContext } from './context';
import { forgetPersonModeration } from './moderation';
import { dropPersonInvitations } from './invitations';
import { announceUpdate } from './rooms';
import { forgetBotCommands } from './slashCommands';

/** How many of a deleted person's messages one transaction turns into tombstones. */
export const TOMBSTONES_PER_TRANSACTION = 200;

/**
 * What deleting a person did.
 *
 * @example
 * const { rooms, messages } = await server.deleteUser('ana');
 */
export interface DeletedUser {
  userId: string;
  /** Rooms they were taken out of. */
  rooms: number;
  /** Their messages, now "deleted user" tombstones. */
  messages: number;
}

/** Refuses the ids the server keeps for itself. */
export function assertPersonId(userId: string): void {
  if (RESERVED_USER_IDS.has(userId)) throw new ChatError('invalid', `The id "${userId}" is reserved for the server; choose another.`);
}

/**
 * Turns up to one page of a person's messages into tombstones of the deleted-user placeholder:
 * text, attachments, mentions, reactions and custom data go; id, sequence, time and thread links
 * stay, so the rooms' histories keep their shape. The client id becomes the message id, unique in
 * its room, so tombstones of different people never meet on the idempotency key. Answers how many
 * it changed: a page that was changed no longer matches the person, so the caller asks again until 0.
 *
 * @example
 * while (tombstonePage(ctx, 'ana') > 0);
 */
export function tombstonePage(ctx: ServerContext, userId: string): number {
  const page = ctx.tx.messagesByAuthor(userId, { limit: TOMBSTONES_PER_TRANSACTION });
  for (const message of page) {
    const tombstone: Message = { ...message, authorId: DELETED_USER_ID, clientId: message.id, text: '', attachments: [], mentions: [], reactions: [] };
    tombstone.deletedAt ??= ctx.now();
    delete tombstone.customData;
    ctx.tx.updateMessage(tombstone);
    const room = ctx.tx.getRoom(message.roomId);
    if (room) ctx.sendMessage(room, tombstone, 'message.updated');
  }
  return page.length;
}

/**
 * The last step of deleting a person (after their messages are tombstones): they leave every room
 * (an admin's role passes to the longest-standing member, as when anyone leaves; a direct room stays
 * with the other person, without the pair entry, so a new person with the same id never inherits it),
 * then their profile, blocks (theirs and others' of them) go. Answers how many rooms they left.
 *
 * @example
 * const rooms = removePerson(ctx, 'ana');
 */
export function removePerson(ctx: ServerContext, userId: string): number {
  ctx.requireUser(userId);
  // While they still share rooms: those people are the ones told that the commands went.
  forgetBotCommands(ctx, userId);
  const roomIds = ctx.tx.roomIdsOf(userId);
  for (const roomId of roomIds) {
    const room = ctx.tx.getRoom(roomId);
    if (!room) continue;
    if (room.kind === 'direct') {
      const other = room.members.find((member) => member.userId !== userId);
      if (other) ctx.tx.deleteDirectPair(userId, other.userId);
    }
    ctx.removeMember(room, userId);
    ctx.send(userId, { type: 'room.left', roomId: room.id, reason: 'removed' });
    announceUpdate(ctx, room);
  }
  dropPersonInvitations(ctx, userId);
  const blockers = ctx.tx.blockersOf(userId);
  forgetPersonModeration(ctx, userId);
  ctx.tx.deleteUser(userId);
  for (const blockerId of blockers) {
    const blocker = ctx.tx.getUser(blockerId);
    if (blocker) ctx.send(blockerId, { type: 'blocks.updated', blockedUserIds: blocker.blocked });
  }
  return roomIds.length;
}
