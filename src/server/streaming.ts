import { ChatError, STREAM_PIECE_MAX_BYTES, utf8ByteLength, type CommandOf, type Message, type StreamingState } from '../protocol';
import { isMember, type Handlers, type ServerContext } from './context';
import type { MaybePromise } from './maybe';
import type { RecordTypes, StoredRoom } from './storage';
import { messageView } from './views';

/** How long a stream may go silent while its author has no session before the sweep ends it: a bot that reconnects within it carries on. */
export const AUTHOR_RECONNECT_GRACE_MS = 10_000;

/** Default of ReferenceServerOptions.streamIdleMs. */
export const DEFAULT_STREAM_IDLE_MS = 60_000;

/** Active streams the sweep reads per transaction. */
const STREAM_SWEEP_PAGE = 200;

/** What the sweep knows of a stream still generating: where it is, who writes it, when its last piece came. */
export type ActiveStream = RecordTypes['activeStream'];

function streamKey(roomId: string, messageId: string): string {
  return `${roomId}/${messageId}`;
}

/** Notes that a streamed message is alive (sent, or a piece came), for the sweep of abandoned ones. */
export function touchStream(ctx: ServerContext, message: Message): void {
  // Written over a socket, a stream depends on its author's sessions; through the admin API (a webhook bot) it never had one.
  const bySession = ctx.tx.countSessions(message.authorId) > 0;
  const stream: ActiveStream = { roomId: message.roomId, messageId: message.id, authorId: message.authorId, touchedAt: ctx.now(), bySession };
  ctx.tx.putRecord('activeStream', 'site', streamKey(message.roomId, message.id), stream);
}

/**
 * Whether a stream still generating was abandoned: silent for `idleMs`, or, when it was written
 * over a session, silent for the reconnect grace (never more than `idleMs`) while its author has
 * no session anywhere.
 *
 * @example
 * isAbandoned({ touchedAt: 0, bySession: true }, 60_000, 60_000, true); // true
 * isAbandoned({ touchedAt: 0, bySession: true }, 10_000, 60_000, false); // true: the author left
 */
export function isAbandoned(stream: Pick<ActiveStream, 'touchedAt' | 'bySession'>, now: number, idleMs: number, authorConnected: boolean): boolean {
  const silentFor = now - stream.touchedAt;
  const authorLeft = stream.bySession && !authorConnected;
  return silentFor >= idleMs || (authorLeft && silentFor >= Math.min(idleMs, AUTHOR_RECONNECT_GRACE_MS));
}

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
  ctx.tx.deleteRecord('activeStream', 'site', streamKey(room.id, message.id));
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
    touchStream(ctx, message);
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

/**
 * Ends one stream the sweep found abandoned, if it still is (checked again in this transaction,
 * under the room's lock): stopped, as `message.stop` would, the text so far kept. A stream whose
 * message or room is gone, or that already ended, only loses its record. Answers whether it ended it.
 */
function endIfAbandoned(ctx: ServerContext, stream: ActiveStream): boolean {
  const room = ctx.tx.getRoom(stream.roomId);
  const current = ctx.tx.getRecord('activeStream', 'site', streamKey(stream.roomId, stream.messageId));
  if (!current) return false;
  const message = room ? ctx.tx.getMessage(room.id, stream.messageId) : undefined;
  if (!room || message?.streaming?.state !== 'generating' || message.deletedAt !== undefined) {
    ctx.tx.deleteRecord('activeStream', 'site', streamKey(stream.roomId, stream.messageId));
    return false;
  }
  if (!isAbandoned(current, ctx.now(), ctx.streamIdleMs, ctx.tx.countSessions(current.authorId) > 0)) return false;
  endStream(ctx, room, message as Message & { streaming: StreamingState }, 'stopped');
  return true;
}

/**
 * The sweep of abandoned streams (ReferenceServer.sweepStreams): candidates in read-only pages
 * (few: streams are short-lived), then each one checked again and ended in a transaction of its own.
 */
export async function sweepStreams(run: <T>(work: (ctx: ServerContext) => T, readOnly: boolean) => MaybePromise<T>): Promise<number> {
  let ended = 0;
  for (let afterKey: string | undefined; ; ) {
    const page = await run((ctx) => {
      const records = ctx.tx.listRecords('activeStream', 'site', { ...(afterKey !== undefined ? { afterKey } : {}), limit: STREAM_SWEEP_PAGE });
      const candidates = records
        .map((record) => record.value)
        .filter((stream) => isAbandoned(stream, ctx.now(), ctx.streamIdleMs, ctx.tx.countSessions(stream.authorId) > 0));
      return { lastKey: records.at(-1)?.key, count: records.length, candidates };
    }, true);
    for (const stream of page.candidates) if (await run((ctx) => endIfAbandoned(ctx, stream), false)) ended++;
    if (page.count < STREAM_SWEEP_PAGE) return ended;
    afterKey = page.lastKey;
  }
}
