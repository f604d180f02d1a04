import type { NotificationPermissionState, Notifier } from '../../react';

/** The browser's Notification constructor, where there is one (not on a server, nor in some webviews). */
function notificationApi(): typeof Notification | undefined {
  return typeof globalThis.Notification === 'function' ? globalThis.Notification : undefined;
}

/**
 * The default {@link Notifier}: the browser's `Notification`. Its texts are given as text (the
 * browser never renders them as HTML); a click focuses the window, closes the notification and
 * calls the notification's `onClick`. Where there is no notification API it reports `unsupported`
 * and shows nothing; a browser that refuses to construct one outside a service worker (Chrome on
 * Android) shows nothing either.
 *
 * @example
 * const notifier = createBrowserNotifier();
 * button.onclick = () => notifier.requestPermission();
 */
export function createBrowserNotifier(): Notifier {
  return {
    permission(): NotificationPermissionState {
      return notificationApi()?.permission ?? 'unsupported';
    },
    async requestPermission(): Promise<NotificationPermissionState> {
      const api = notificationApi();
      if (!api) return 'unsupported';
      return api.requestPermission();
    },
    notify(note) {
      const api = notificationApi();
      if (!api || api.permission !== 'granted') return;
      let shown: Notification;
      try {
        shown = new api(note.title, { body: note.body, tag: note.tag, data: { roomId: note.roomId, messageId: note.messageId } });
      } catch {
        return;
      }
      shown.onclick = () => {
        globalThis.focus?.();
        shown.close();
        note.onClick();
      };
    },
  };
}
