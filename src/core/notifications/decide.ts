import type { Message, NotificationLevel, Room, RoomSettings } from '../../protocol';
import { effectiveNotificationLevel } from '../store';

/**
 * What the person sees right now: whether the page is hidden (another tab, a minimized window)
 * and which room is open on screen.
 *
 * @example
 * const view: NotificationView = { hidden: document.hidden, openRoomId: 'general' };
 */
export interface NotificationView {
  hidden: boolean;
  openRoomId: string | null;
}

/**
 * Everything {@link notificationDecision} looks at: the new message, who the person is, the room
 * (undefined when the client does not know it), their settings of it, whom they block, and what
 * they see.
 *
 * @example
 * const input: NotificationInput = { message, me: 'ana', room, settings: undefined, blockedUserIds: [], view: { hidden: true, openRoomId: null } };
 */
export interface NotificationInput {
  message: Pick<Message, 'roomId' | 'authorId' | 'mentions'> & { deletedAt?: number | undefined };
  me: string | null;
  room: Pick<Room, 'kind'> | undefined;
  settings: Pick<RoomSettings, 'muted' | 'level'> | undefined;
  blockedUserIds: readonly string[];
  view: NotificationView;
}

/**
 * Whether a message notifies, and why (for tests, logs and a notification's wording): `mention`
 * (the person is mentioned), `direct` (a direct room's message), `all` (the room notifies of
 * everything); or why not: `own` (they wrote it), `unknown-room`, `deleted`, `blocked` (its author
 * is blocked), `muted`, `in-view` (the page shows that room right now), `level` (the room's level
 * asks for less).
 *
 * @example
 * const decision: NotificationDecision = { notify: true, reason: 'mention' };
 */
export type NotificationDecision =
  | { notify: true; reason: 'mention' | 'direct' | 'all' }
  | { notify: false; reason: 'own' | 'unknown-room' | 'deleted' | 'blocked' | 'muted' | 'in-view' | 'level' };

/** Which messages pass at each level: mentions pass `mentions` and `all`, the rest only `all`. */
function passes(level: NotificationLevel, mentioned: boolean): boolean {
  return level === 'all' || (level === 'mentions' && mentioned);
}

/**
 * Should this new message notify the person? Never their own, a deleted one, one by someone they
 * block, or one in a room they muted; not while the page shows that very room; otherwise as the
 * room's level says (unset: every message of a direct room, mentions in a group room).
 *
 * @example
 * notificationDecision({ message: { roomId: 'dm', authorId: 'bo', mentions: [] }, me: 'ana', room: { kind: 'direct' }, settings: undefined, blockedUserIds: [], view: { hidden: true, openRoomId: null } });
 * // { notify: true, reason: 'direct' }
 */
export function notificationDecision(input: NotificationInput): NotificationDecision {
  const { message, me, room, settings, view } = input;
  if (me === null || message.authorId === me) return { notify: false, reason: 'own' };
  if (!room) return { notify: false, reason: 'unknown-room' };
  if (message.deletedAt !== undefined) return { notify: false, reason: 'deleted' };
  if (input.blockedUserIds.includes(message.authorId)) return { notify: false, reason: 'blocked' };
  if (settings?.muted === true) return { notify: false, reason: 'muted' };
  if (!view.hidden && view.openRoomId === message.roomId) return { notify: false, reason: 'in-view' };
  const mentioned = message.mentions.includes(me);
  if (!passes(effectiveNotificationLevel(room.kind, settings), mentioned)) return { notify: false, reason: 'level' };
  if (mentioned) return { notify: true, reason: 'mention' };
  return { notify: true, reason: room.kind === 'direct' ? 'direct' : 'all' };
}

/**
 * {@link notificationDecision} as a yes or no.
 *
 * @example
 * if (shouldNotify(input)) notifier.notify(content);
 */
export function shouldNotify(input: NotificationInput): boolean {
  return notificationDecision(input).notify;
}
