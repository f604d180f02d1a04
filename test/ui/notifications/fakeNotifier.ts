import type { ChatNotification, NotificationPermissionState, Notifier } from '../../../src/react';

/** A notifier that records what it would show, with a permission the test controls. */
export function fakeNotifier(initial: NotificationPermissionState = 'granted') {
  const shown: ChatNotification[] = [];
  let permission = initial;
  const requests = { count: 0 };
  const notifier: Notifier = {
    permission: () => permission,
    requestPermission: async () => {
      requests.count++;
      permission = 'granted';
      return permission;
    },
    notify: (note) => shown.push(note),
  };
  return { notifier, shown, requests, setPermission: (next: NotificationPermissionState) => (permission = next) };
}

/** Makes the page look hidden (another tab) or visible, as `document.visibilityState` says. */
export function setPageHidden(hidden: boolean): void {
  Object.defineProperty(document, 'visibilityState', { value: hidden ? 'hidden' : 'visible', configurable: true });
  Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
}
