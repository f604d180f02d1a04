/**
 * Whether notifications may be shown: as the browser's `Notification.permission`, plus
 * `unsupported` where there is no notification API (a server render, an old browser, a test).
 *
 * @example
 * const permission: NotificationPermissionState = 'default'; // not asked yet
 */
export type NotificationPermissionState = 'default' | 'granted' | 'denied' | 'unsupported';

/**
 * One notification to show. Its texts are plain text (a notifier never renders HTML);
 * `tag` replaces an earlier notification with the same tag (one per room at a time).
 *
 * @example
 * const note: ChatNotification = { title: 'Bo', body: 'Lunch?', tag: 'confab:dm_ana_bo', roomId: 'dm_ana_bo', messageId: 'm1', onClick: () => open('dm_ana_bo') };
 */
export interface ChatNotification {
  title: string;
  body: string;
  tag: string;
  roomId: string;
  messageId: string;
  /** Called when the person clicks the notification. */
  onClick: () => void;
}

/**
 * Where notifications go: the browser's notifications by default, a no-op on a server render or in
 * tests, or anything else (a toast, a native bridge) behind the same three methods.
 *
 * @example
 * const toasts: Notifier = {
 *   permission: () => 'granted',
 *   requestPermission: async () => 'granted',
 *   notify: (note) => showToast(note.title, note.body, note.onClick),
 * };
 */
export interface Notifier {
  permission(): NotificationPermissionState;
  /** Asks the person; call it only from a user gesture (a click), never on load. */
  requestPermission(): Promise<NotificationPermissionState>;
  /** Shows one notification (only called when `permission()` is `granted`). */
  notify(notification: ChatNotification): void;
}

/**
 * A notifier that shows nothing and reports `unsupported`: the stand-in for server renders and tests.
 *
 * @example
 * const notifier = createNoopNotifier();
 * notifier.permission(); // 'unsupported'
 */
export function createNoopNotifier(): Notifier {
  return {
    permission: () => 'unsupported',
    requestPermission: async () => 'unsupported',
    notify: () => {},
  };
}
