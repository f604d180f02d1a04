import { useEffect } from 'react';
import { useTotalUnread } from '../../react';

const COUNT_PREFIX = /^\(\d+\+?\) /;

/**
 * A page title with the unread count in front, "(3) Support", or without one when the count is 0;
 * a count already there is replaced, not stacked. Over 99 it says "99+".
 *
 * @example
 * titleWithUnread('Support', 3); // '(3) Support'
 * titleWithUnread('(3) Support', 0); // 'Support'
 */
export function titleWithUnread(title: string, count: number): string {
  const base = title.replace(COUNT_PREFIX, '');
  if (count <= 0) return base;
  return `(${count > 99 ? '99+' : count}) ${base}`;
}

/**
 * Keeps the unread count (muted rooms left out) in front of `document.title` while `enabled`, and
 * takes it off again when disabled or unmounted. The app may change its title meanwhile: only the
 * count in front is Confab's.
 *
 * @example
 * usePageTitleUnread(true);
 */
export function usePageTitleUnread(enabled: boolean): void {
  const total = useTotalUnread();
  useEffect(() => {
    if (!enabled || typeof document === 'undefined') return;
    document.title = titleWithUnread(document.title, total);
  }, [enabled, total]);
  useEffect(() => {
    if (!enabled || typeof document === 'undefined') return;
    return () => {
      document.title = titleWithUnread(document.title, 0);
    };
  }, [enabled]);
}
