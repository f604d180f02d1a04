import { ChatError, STREAM_PIECE_MAX_BYTES, utf8ByteLength, type CommandOf, type Message, type StreamingState } from '../protocol';
import { isMember, type Handlers, type ServerContext } from './context';
import type { StoredRoom } from './storage';
import { messageView } from './views';

/**
 * The streaming state a new message starts with, from `message.send`'s `streaming` option: the
 * person it answers must be in the room (they alone, with the room's admins, may stop it).
 *
 * @example
 * const streaming = initialStreaming(room, command.streaming); // { state: 'generating', requestedBy: 'ana' }
 */
export function initialStreaming(room: StoredRoom, option: CommandOf<'message.send'>['streaming']): StreamingState | undefined {
  if (option === undefined) return undefined;
  const { requestedBy } = option;
  if (requestedBy === undefined) return { state: 'generating' };
  if (!isMember(room, requestedBy)) throw new ChatError('invalid', `"${requestedBy}" asked for this answer but is not a member of this room.`);
  return { state: 'generating', requestedBy };
}

function requireStreamed(ctx: ServerContext, room: StoredRoom, messageId: string): Message & { streaming: StreamingState } {
  const message = ctx.tx.getMessage(room.id, messageId);
  if (!message) throw new ChatError('not_found', `There is no message with id "${messageId}" in this room.`);
  if (!message.streaming) throw new ChatError('invalid', 'This message was not sent as a streamed message; edit it instead.');
  return message as Message & { streaming: StreamingState };
}

function requireAuthor(message: Message, userId: string, action: string): void {
  if (message.authorId !== userId) throw new ChatError('forbidden', `Only the author of a streamed message may ${action} it.`);
}

/** Who may stop a streamed message: the person it answers, its author, and the room's admins. */
function mayStop(ctx: ServerContext, room: StoredRoom, message: Message & { streaming: StreamingState }, userId: string): boolean {
  return message.streaming.requestedBy === userId || message.authorId === userId || ctx.isAdmin(room, userId);
}

/**
 * Where a piece lands in the text so far, for an append that may be a resend after a reconnect:
 * the part already held is skipped (null when all of it is), and a piece beyond the end means one
 * before it was lost, which the author must resend from the text's length.
 *
 * @example
 * freshPart('Hello', 3, 'lo wor'); // ' wor'
 * freshPart('Hello', 0, 'Hel'); // null
 */
export function freshPart(text: string, offset: number, piece: string): string | null {
  if (offset > text.length) {
    throw new ChatError('conflict', `This piece goes at ${offset} but the text so far is ${text.length} long; send again from ${text.length}.`);
  }
  const held = text.length - offset;
  return held >= piece.length ? null : piece.slice(held);
}

/** Ends a streamed message (finished or stopped) and tells every member with the whole message. */
function endStream(ctx: ServerContext, room: StoredRoom, message: Message & { streaming: StreamingState }, state: 'complete' | 'stopped'): Message {
  message.streaming = { ...message.streaming, state };
  ctx.tx.updateMessage(message);
  ctx.sendMessage(room, message, 'message.updated');
  return messageView(message);
}

/** Commands that write a message piece by piece: append, finish, stop. */
export const streamingHandlers: Handlers<'message.append' | 'message.finish' | 'message.stop'> = {
  'message.append': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const message = requireStreamed(ctx, room, command.messageId);
    requireAuthor(message, actor.user.id, 'append to');
    if (message.deletedAt !== undefined) throw new ChatError('conflict', 'This message was deleted; stop writing it.');
    if (message.streaming.state !== 'generating') {
      throw new ChatError('conflict', `This message is ${message.streaming.state === 'stopped' ? 'stopped' : 'finished'}; it takes no more pieces.`);
    }
    const pieceBytes = utf8ByteLength(command.piece);
    if (pieceBytes > STREAM_PIECE_MAX_BYTES) {
      throw new ChatError('too_large', `A piece may be at most ${STREAM_PIECE_MAX_BYTES} bytes of UTF-8; this one is ${pieceBytes}. Send it in smaller pieces.`);
    }
    const offset = message.text.length;
    const fresh = freshPart(message.text, command.offset, command.piece);
    if (fresh === null) return { length: offset };
    // The word filter sees each piece as it arrives, so that nobody ever sees a blocked word grow.
    const piece = ctx.filterText(fresh, 'message text');
    const text = message.text + piece;
    const bytes = utf8ByteLength(text);
    if (bytes > ctx.limits.maxTextBytes) {
      throw new ChatError('too_large', `With this piece the message would be ${bytes} bytes; the limit is ${ctx.limits.maxTextBytes}. Finish it and go on in a new message.`);
    }
    message.text = text;
    ctx.tx.updateMessage(message);
    const blockers = ctx.blockersOf(message.authorId);
    const readers = room.members.map((member) => member.userId).filter((userId) => !blockers.has(userId));
    ctx.sendTo(readers, {
      type: 'message.appended',
      roomId: room.id,
      messageId: message.id,
      sequence: message.sequence,
      ...(message.parentId !== undefined ? { parentId: message.parentId } : {}),
      offset,
      piece,
    });
    return { length: text.length };
  },

  'message.finish': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const message = requireStreamed(ctx, room, command.messageId);
    requireAuthor(message, actor.user.id, 'finish');
    // Finishing twice, or after someone stopped it, changes nothing: the first end stands.
    if (message.streaming.state !== 'generating' || message.deletedAt !== undefined) return messageView(message);
    return endStream(ctx, room, message, 'complete');
  },

  'message.stop': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const message = requireStreamed(ctx, room, command.messageId);
    if (!mayStop(ctx, room, message, actor.user.id)) {
      throw new ChatError('forbidden', 'Only the person who asked for this answer, or an admin of this room, may stop it.');
    }
    if (message.streaming.state !== 'generating' || message.deletedAt !== undefined) return messageView(message);
    return endStream(ctx, room, message, 'stopped');
  },
};
