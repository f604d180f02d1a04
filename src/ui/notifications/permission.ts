import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { NotificationPermissionState, Notifier } from '../../react';

/** Who to tell when a notifier's permission may have changed (after a request), per notifier. */
const watchers = new WeakMap<Notifier, Set<() => void>>();

function subscribeTo(notifier: Notifier | null, onChange: () => void): () => void {
  if (!notifier) return () => {};
  let set = watchers.get(notifier);
  if (!set) watchers.set(notifier, (set = new Set()));
  set.add(onChange);
  // The person may change it in the browser's settings and come back to the page.
  globalThis.addEventListener?.('focus', onChange);
  return () => {
    set.delete(onChange);
    globalThis.removeEventListener?.('focus', onChange);
  };
}

/**
 * The notifier that `<Chat notifications>` (or the widget) uses, for the parts that offer to turn
 * notifications on; null when notifications are off.
 *
 * @example
 * <NotifierContext.Provider value={notifier}>…</NotifierContext.Provider>
 */
export const NotifierContext = createContext<Notifier | null>(null);

/** The notifier of the nearest `<Chat notifications>`, or null. */
export function useNotifier(): Notifier | null {
  return useContext(NotifierContext);
}

/**
 * A notifier's permission, followed, and the request that changes it (call it from a click: a
 * browser ignores or penalizes a request made without a user gesture).
 *
 * @example
 * const { permission, request } = useNotificationPermission(notifier);
 * if (permission === 'default') return <button onClick={request}>Turn on notifications</button>;
 */
export function useNotificationPermission(notifier: Notifier | null): { permission: NotificationPermissionState; request: () => Promise<NotificationPermissionState> } {
  const permission = useSyncExternalStore(
    useCallback((onChange: () => void) => subscribeTo(notifier, onChange), [notifier]),
    () => notifier?.permission() ?? 'unsupported',
    () => 'unsupported' as const,
  );
  const request = useCallback(async () => {
    if (!notifier) return 'unsupported' as const;
    const answer = await notifier.requestPermission();
    for (const onChange of watchers.get(notifier) ?? []) onChange();
    return answer;
  }, [notifier]);
  return { permission, request };
}
