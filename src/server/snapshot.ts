import { ChatError, type Message, type SessionSnapshot } from '../protocol';
import type { ServerContext, ServerRules } from './context';
import { pendingInvitations } from './invitations';
import { roomSettingsOf } from './roomSettings';
import { listBotCommands } from './slashCommands';
import type { StoredRoom } from './storage';
import { messageView, roomCursorViews, userView } from './views';

/** How far back a preview looks past messages from people the reader blocks. */
const PREVIEW_LOOKBACK = 50;

function lastVisibleTopLevel(ctx: ServerContext, room: StoredRoom, blocked: ReadonlySet<string>): Message | undefined {
  // Most rooms' newest message is visible: ask for one first, and look further back only when it is not.
  const newest = ctx.tx.topLevelBefore(room.id, room.lastSequence + 1, 1);
  const candidates = newest.length === 1 && blocked.has((newest[0] as Message).authorId) ? ctx.tx.topLevelBefore(room.id, room.lastSequence + 1, PREVIEW_LOOKBACK) : newest;
  for (let index = candidates.length - 1; index >= 0; index--) {
    const message = candidates[index] as Message;
    if (!blocked.has(message.authorId)) return message;
  }
  return undefined;
}

/**
 * Everything a newly connected session starts from: the person, their rooms with previews, the
 * people those show, cursors, typing, limits and pending invitations. Internal to the server.
 *
 * @example
 * const snapshot = run((ctx) => snapshotFor(ctx, 'ana', rules.typing, epoch), true);
 */
export function snapshotFor(ctx: ServerContext, userId: string, typing: ServerRules['typing'], epoch: string): SessionSnapshot {
  const record = ctx.tx.getUser(userId);
  if (!record) throw new ChatError('unauthorized', `There is no user with id "${userId}".`);
  const at = ctx.now();
  const blocked = new Set(record.blocked);
  const rooms: StoredRoom[] = [];
  for (const roomId of ctx.tx.roomIdsOf(userId)) {
    const room = ctx.tx.getRoom(roomId);
    if (room) rooms.push(room);
  }
  const typingNow: SessionSnapshot['typing'] = [];
  for (const room of rooms) {
    for (const { userId: typistId, expiresAt } of typing.active(room.id, at)) {
      if (typistId !== userId && !blocked.has(typistId)) typingNow.push({ roomId: room.id, userId: typistId, ttlMs: expiresAt - at });
    }
  }
  const lastMessages: Message[] = [];
  for (const room of rooms) {
    const last = lastVisibleTopLevel(ctx, room, blocked);
    if (last) lastMessages.push(messageView(last));
  }
  const views = rooms.map((room) => ctx.roomView(room));
  // The people the client shows: everyone of its rooms that are not crowds, and of the crowds only
  // those their views name, the authors of their previews and who is typing in them.
  const shown = new Set(ctx.audienceOf(userId));
  for (const view of views) for (const member of view.members) shown.add(member.userId);
  for (const message of lastMessages) shown.add(message.authorId);
  for (const notice of typingNow) shown.add(notice.userId);
  return {
    me: userView(record.user),
    users: ctx.tx.getUsers([...shown].sort()).map(userView),
    lastMessages,
    commands: listBotCommands(ctx),
    rooms: views,
    // A crowd's read cursors are the reader's own: everyone else's are asked for (cursor.list).
    cursors: rooms.flatMap((room) => roomCursorViews(room, userId).filter((cursor) => !ctx.isCrowd(room) || cursor.userId === userId)),
    blockedUserIds: [...record.blocked],
    typing: typingNow,
    limits: { ...ctx.limits },
    serverTime: at,
    epoch,
    invitations: pendingInvitations(ctx, userId),
    roomSettings: roomSettingsOf(ctx, userId, new Set(rooms.map((room) => room.id))),
  };
}
