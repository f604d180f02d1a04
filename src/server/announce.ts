import { ChatError, SYSTEM_USER_ID, type CustomData, type Message } from '../protocol';
import type { ServerContext } from './context';
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
    const now = ctx.now();
    const id = ctx.newMessageId(room);
    const message: Message = {
      id,
      clientId: input.clientId ?? id,
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
    if (customData !== undefined) message.customData = customData;
    ctx.tx.insertMessage(message);
    ctx.tx.updateRoom(room.id, { lastSequence: message.sequence, lastActivityAt: now });
    ctx.sendMessage(room, message, 'message.created');
    sent.push(messageView(message));
  }
  return sent;
}
