/**
 * Whether the page is visible and focused: reading (moving the read cursor) only happens then.
 */
import { useSyncExternalStore } from 'react';

function subscribeActive(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  window.addEventListener('focus', onChange);
  window.addEventListener('blur', onChange);
  document.addEventListener('focusin', onChange);
  return () => {
    document.removeEventListener('visibilitychange', onChange);
    window.removeEventListener('focus', onChange);
    window.removeEventListener('blur', onChange);
    document.removeEventListener('focusin', onChange);
  };
}
const isActive = () => document.visibilityState !== 'hidden' && document.hasFocus();
const isActiveOnServer = () => false;

/**
 * True while the page is visible and has focus.
 *
 * @example
 * const active = usePageActive();
 * useEffect(() => { if (active) markSeen(lastVisible); }, [active, lastVisible]);
 */
export function usePageActive(): boolean {
  return useSyncExternalStore(subscribeActive, isActive, isActiveOnServer);
}
