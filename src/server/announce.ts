import { ChatError, SYSTEM_USER_ID, type CustomData, type Message } from '../protocol';
import type { ServerContext } from './context';
import type { StoredRoom } from './storage';
import { checkMessageText, storableCustomData } from './validate';
import { messageView } from './views';

/** The most rooms one announcement reaches. */
export const MAX_ANNOUNCEMENT_ROOMS = 100;

/**
 * An announcement: one text the server sends itself to several rooms.
 *
 * @example
 * const input: Announcement = { text: 'Maintenance at 22:00 UTC', roomIds: ['general', 'support'] };
 */
export interface Announcement {
  text: string;
  roomIds: string[];
  /** Makes a retry safe: a room that already has the system's message with this client id answers it again. */
  clientId?: string;
  customData?: CustomData;
}

/**
 * Sends one system message to each room, in one transaction: every room gets it, or (an unknown
 * room, a text over the limit) none does. The message is the system's (`authorId` "system",
 * `system: true`), a notice rather than anyone's words; members see it as `message.created`.
 *
 * @example
 * const sent = announce(ctx, { text: 'Welcome!', roomIds: ['general'] });
 */
export function announce(ctx: ServerContext, input: Announcement): Message[] {
  const roomIds = [...new Set(input.roomIds)];
  if (roomIds.length === 0) throw new ChatError('invalid', 'An announcement needs at least one room.');
  if (roomIds.length > MAX_ANNOUNCEMENT_ROOMS) throw new ChatError('too_large', `An announcement reaches at most ${MAX_ANNOUNCEMENT_ROOMS} rooms; this one names ${roomIds.length}.`);
  const text = checkMessageText(ctx, input.text, false);
  const customData = input.customData === undefined ? undefined : storableCustomData(ctx, input.customData, 'message');
  const sent: Message[] = [];
  for (const roomId of roomIds) {
    const room = ctx.requireRoom(roomId);
    const earlier = input.clientId === undefined ? undefined : ctx.tx.getMessageByClientId(room.id, SYSTEM_USER_ID, input.clientId);
    if (earlier) {
      sent.push(messageView(earlier));
      continue;
    }
    const message = insertSystemMessage(ctx, room, text, { ...(input.clientId !== undefined ? { clientId: input.clientId } : {}), ...(customData !== undefined ? { customData } : {}) });
    sent.push(messageView(message));
  }
  return sent;
}

/**
 * Stores one system message (`authorId` "system", `system: true`) as the room's next and tells the
 * members: an announcement, or a notice such as a moderator's mute. The text is trusted (the
 * caller checked or made it).
 *
 * @example
 * insertSystemMessage(ctx, room, 'Bo was muted by Ana for 10 minutes.', { customData: { moderation } });
 */
export function insertSystemMessage(ctx: ServerContext, room: StoredRoom, text: string, options: { clientId?: string; customData?: CustomData } = {}): Message {
  const now = ctx.now();
  const id = ctx.newMessageId(room);
  const message: Message = {
    id,
    clientId: options.clientId ?? id,
    roomId: room.id,
    sequence: room.lastSequence + 1,
    authorId: SYSTEM_USER_ID,
    text,
    attachments: [],
    mentions: [],
    reactions: [],
    replyCount: 0,
    createdAt: now,
    system: true,
  };
  if (options.customData !== undefined) message.customData = options.customData;
  ctx.tx.insertMessage(message);
  room.lastSequence = message.sequence;
  room.lastActivityAt = now;
  ctx.tx.updateRoom(room.id, { lastSequence: message.sequence, lastActivityAt: now });
  ctx.sendMessage(room, message, 'message.created');
  return message;
}
