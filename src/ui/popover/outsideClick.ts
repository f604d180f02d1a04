import { useEffect, useRef } from 'react';
import { eventWithin } from '../dom';

/**
 * Calls `onOutside` for a click anywhere outside `element` while it is mounted, seen through
 * shadow roots (the widget's, emoji-mart's) by the event's composed path.
 *
 * The listener is added one task after mounting. A popover often mounts while the click that
 * opened it is still travelling up to the document (React handles the click at its root, and
 * the popover's content may finish mounting in microtasks before the event reaches the
 * document); a listener added then would see that very click, take it for one outside, and
 * close the popover at once.
 *
 * @example
 * useOutsideClick(dialog, () => onClose('outside'));
 */
export function useOutsideClick(element: HTMLElement | null, onOutside: (event: MouseEvent) => void): void {
  const callback = useRef(onOutside);
  useEffect(() => {
    callback.current = onOutside;
  });
  useEffect(() => {
    if (!element) return;
    const document = element.ownerDocument;
    const onClick = (event: MouseEvent) => {
      if (!eventWithin(event, element)) callback.current(event);
    };
    // Bubbling, not capturing: the opener's own click handler runs first, so clicking it again
    // closes the popover (its toggle) rather than closing and reopening it.
    const timer = setTimeout(() => document.addEventListener('click', onClick));
    return () => {
      clearTimeout(timer);
      document.removeEventListener('click', onClick);
    };
  }, [element]);
}
