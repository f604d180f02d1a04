/**
 * Jumping to a message (a search result, a quote, a pin): where the row is among the list's
 * items (a pure function, tested in Node), and the hook that scrolls there, marks the row for a
 * moment and lets the store's focus request go.
 */
import { useEffect, useState, type RefObject } from 'react';
import type { IndexLocationWithAlign, VirtuosoHandle } from 'react-virtuoso';
import { useMessageFocus, type MessageFocus } from '../../react';
import type { RoomView } from '../roomView';
import type { MessageListItem } from './items';

/** How long a jumped-to message stays marked, in ms (its CSS animation lasts as long). */
export const HIGHLIGHT_MS = 2000;

/**
 * The index of the row showing the message with this sequence, or -1 when the list has no such
 * row (not loaded yet, or hidden from the reader).
 *
 * @example
 * focusIndex(items, 42); // 17
 */
export function focusIndex(items: readonly MessageListItem[], sequence: number): number {
  return items.findIndex((item) => item.kind === 'message' && item.sequence === sequence);
}

/**
 * Where the list opens when a jump is waiting for it: the message in the middle of the view, or
 * null to open as usual.
 *
 * @example
 * focusLocation(items, focus); // { index: 17, align: 'center' }
 */
export function focusLocation(items: readonly MessageListItem[], focus: MessageFocus | null): IndexLocationWithAlign | null {
  if (focus === null) return null;
  const index = focusIndex(items, focus.sequence);
  return index < 0 ? null : { index, align: 'center' };
}

/**
 * Answers the room's focus request once its row is in the list: scrolls it to the middle (unless
 * the list just opened there), opens its thread when the jump was to a reply, and returns the
 * sequence to mark for {@link HIGHLIGHT_MS} (null when none).
 *
 * @example
 * const highlighted = useJumpFocus({ roomId, items, shown, virtuoso, view });
 */
export function useJumpFocus(options: {
  roomId: string;
  items: readonly MessageListItem[];
  /** The list is drawn (Virtuoso is mounted). */
  shown: boolean;
  virtuoso: RefObject<VirtuosoHandle | null>;
  view: RoomView | null;
}): number | null {
  const { roomId, items, shown, virtuoso, view } = options;
  const { focus, done } = useMessageFocus(roomId);
  const [highlighted, setHighlighted] = useState<{ sequence: number; token: number } | null>(null);
  const index = focus === null ? -1 : focusIndex(items, focus.sequence);

  useEffect(() => {
    if (focus === null || !shown || index < 0) return;
    // After Virtuoso has taken in the rows just loaded (history arriving above keeps the reader's
    // place first, which would undo a scroll made in the same frame).
    const frame = requestAnimationFrame(() => {
      virtuoso.current?.scrollToIndex({ index, align: 'center', behavior: 'auto' });
      setHighlighted({ sequence: focus.sequence, token: focus.token });
      if (focus.replyId !== undefined) view?.openThread(focus.messageId);
      done(focus.token);
    });
    return () => cancelAnimationFrame(frame);
  }, [focus, shown, index, virtuoso, view, done]);

  useEffect(() => {
    if (highlighted === null) return;
    const timer = setTimeout(() => setHighlighted((current) => (current === highlighted ? null : current)), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlighted]);

  return highlighted?.sequence ?? null;
}
