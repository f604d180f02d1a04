import { useEffect, useMemo, useRef } from 'react';
import { notificationDecision, useChatClient, type NotificationPermissionState, type Notifier } from '../../react';
import { useStrings } from '../config';
import { directPartnerId } from '../roomName';
import { createBrowserNotifier } from './browserNotifier';
import { notificationContent } from './content';
import { usePageTitleUnread } from './pageTitle';
import { useNotificationPermission } from './permission';
import { createChimeSound, type NotificationSound } from './sound';

/**
 * Options of {@link useChatNotifications} (and of `<Chat notifications>`). Everything is opt-in
 * but the notifications themselves once the hook is used.
 *
 * @example
 * useChatNotifications({ openRoomId: roomId, onOpenRoom: setRoomId, title: true, sound: true });
 */
export interface ChatNotificationsOptions {
  /** Show notifications (once the person allowed them). Default true. */
  notify?: boolean;
  /** Where notifications go. Default: the browser's (`createBrowserNotifier()`). */
  notifier?: Notifier;
  /** The room on screen: its messages do not notify while the page is visible. */
  openRoomId?: string | null;
  /** Called when the person clicks a notification (after the window took focus): open the room there (at the message, with its sequence). */
  onOpenRoom?: (roomId: string, messageId: string, sequence: number) => void;
  /** Put the unread count (muted rooms left out) in front of the page title: "(3) Support". Default false. */
  title?: boolean;
  /** Play a short chime with each notification (a muted room never chimes). `true`: the built-in WebAudio chime. Default false. */
  sound?: boolean | NotificationSound;
  /** Whether the page is hidden now. Default: `document.visibilityState === 'hidden'`. */
  isPageHidden?: () => boolean;
}

/**
 * What {@link useChatNotifications} answers: the permission, and the request to call from a click.
 *
 * @example
 * const { permission, requestPermission } = useChatNotifications();
 */
export interface ChatNotificationsView {
  permission: NotificationPermissionState;
  requestPermission: () => Promise<NotificationPermissionState>;
}

function documentHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}

/**
 * Notifies the person of new messages that call for it (see `notificationDecision`: direct
 * messages and mentions by default, never their own, a muted room's or a blocked author's, nor the
 * room on screen while the page is visible), with an optional chime and unread count in the page
 * title. It asks for no permission itself: offer `requestPermission` behind a button.
 *
 * A notification changes no state: nothing re-renders when one is shown.
 *
 * @example
 * function Notifications({ roomId, open }: { roomId: string | null; open: (id: string) => void }) {
 *   const { permission, requestPermission } = useChatNotifications({ openRoomId: roomId, onOpenRoom: open, title: true });
 *   return permission === 'default' ? <button onClick={requestPermission}>Turn on notifications</button> : null;
 * }
 */
export function useChatNotifications(options: ChatNotificationsOptions = {}): ChatNotificationsView {
  const client = useChatClient();
  const strings = useStrings();
  const latest = useRef({ options, strings });
  useEffect(() => {
    latest.current = { options, strings };
  });
  const notifier = useMemo(() => options.notifier ?? createBrowserNotifier(), [options.notifier]);
  const sound = useMemo(() => (options.sound === true ? createChimeSound() : options.sound || null), [options.sound]);
  const { permission, request } = useNotificationPermission(notifier);
  usePageTitleUnread(options.title === true);

  useEffect(
    () =>
      client.subscribeEvents((event) => {
        if (event.type !== 'message.created') return;
        const { options: current, strings: texts } = latest.current;
        const notify = current.notify !== false && notifier.permission() === 'granted';
        if (!notify && !sound) return;
        const { message } = event;
        const state = client.store.getState();
        const room = Object.hasOwn(state.rooms, message.roomId) ? state.rooms[message.roomId] : undefined;
        const decision = notificationDecision({
          message,
          me: state.me,
          room,
          settings: Object.hasOwn(state.roomSettings, message.roomId) ? state.roomSettings[message.roomId] : undefined,
          blockedUserIds: state.blockedUserIds,
          view: { hidden: (current.isPageHidden ?? documentHidden)(), openRoomId: current.openRoomId ?? null },
        });
        if (!decision.notify || !room) return;
        sound?.play();
        if (!notify) return;
        const nameOf = (userId: string) => (Object.hasOwn(state.users, userId) ? state.users[userId]?.name : undefined) || texts.someone;
        const isDirect = directPartnerId(room, state.me) !== null;
        const content = notificationContent({ message, authorName: nameOf(message.authorId), roomName: room.name, isDirect, strings: texts });
        notifier.notify({ ...content, tag: `confab:${message.roomId}`, roomId: message.roomId, messageId: message.id, onClick: () => latest.current.options.onOpenRoom?.(message.roomId, message.id, message.sequence) });
      }),
    [client, notifier, sound],
  );

  return { permission, requestPermission: request };
}
