/**
 * Unread landing and reading: where the list opens (at the "New" line, else at the bottom), which
 * message the reader has seen, and moving the read cursor to it as they read down. The choices
 * are pure functions; {@link useReadAsSeen} measures and marks.
 */
import { useEffect, type RefObject } from 'react';
import type { IndexLocationWithAlign, ListRange } from 'react-virtuoso';
import { useMarkSeen } from '../../react';
import type { MessageListItem } from './items';

/** How much of the message above the "New" line shows when the list opens at it, in px. */
const CONTEXT_ABOVE_UNREAD_PX = 48;

/**
 * Where the list opens: the "New" line near the top with a little of the last read message above
 * it, or the newest row at the bottom when there is no line.
 *
 * @example
 * openingLocation(items); // { index: 12, align: 'start', offset: -48 }
 */
export function openingLocation(items: readonly MessageListItem[]): IndexLocationWithAlign {
  const unreadIndex = items.findIndex((item) => item.kind === 'unread');
  if (unreadIndex > 0) return { index: unreadIndex, align: 'start', offset: -CONTEXT_ABOVE_UNREAD_PX };
  if (unreadIndex === 0) return { index: 0, align: 'start' };
  return { index: Math.max(0, items.length - 1), align: 'end' };
}

/**
 * The newest message the reader has read through, or 0: the last message among the rows Virtuoso
 * rendered (`range`, in its indices; to the end when `atBottom`), provided no unread message
 * (after `cursor`) lies above them. So the cursor follows the reader down and never passes a
 * message that was not on screen (after a jump, the reader goes back to the "New" line first).
 *
 * @example
 * readThrough(items, { startIndex: 1000, endIndex: 1014 }, 1000, 50, false); // e.g. 62
 */
export function readThrough(items: readonly MessageListItem[], range: ListRange | null, firstItemIndex: number, cursor: number, atBottom: boolean): number {
  if (!range) return 0;
  const start = Math.max(0, range.startIndex - firstItemIndex);
  const end = atBottom ? items.length - 1 : Math.min(range.endIndex - firstItemIndex, items.length - 1);
  // Sequences rise with the index: the message just above the view tells if one above is unread.
  for (let index = start - 1; index >= 0; index--) {
    const item = items[index];
    if (item?.kind !== 'message') continue;
    if (item.sequence > cursor) return 0;
    break;
  }
  for (let index = end; index >= start; index--) {
    const item = items[index];
    if (item?.kind === 'message') return item.sequence > cursor ? item.sequence : 0;
  }
  return 0;
}

/**
 * Whether a row counts as read: at least half of it, or half of the viewport, is in view.
 *
 * @example
 * rowIsSeen({ top: 560, bottom: 620 }, { top: 0, bottom: 600 }); // true: 40 of its 60 px show
 */
export function rowIsSeen(row: { top: number; bottom: number }, view: { top: number; bottom: number }): boolean {
  const shown = Math.min(row.bottom, view.bottom) - Math.max(row.top, view.top);
  const height = row.bottom - row.top;
  return shown >= Math.min(height, view.bottom - view.top) / 2;
}

/**
 * The newest message the reader can see in the scroller (measured), or `fallback` when there is
 * no scroller. Rows are few (a screenful), so this is cheap.
 */
function lastSeenInScroller(scroller: HTMLElement | null, fallback: number): number {
  if (!scroller) return fallback;
  const box = scroller.getBoundingClientRect();
  let seen = 0;
  for (const row of scroller.querySelectorAll<HTMLElement>('.confab-message[data-sequence]')) {
    if (!rowIsSeen(row.getBoundingClientRect(), box)) continue;
    seen = Math.max(seen, Number(row.dataset['sequence']));
  }
  return Math.min(seen, fallback);
}

/**
 * Moves the read cursor to the newest message the reader has seen, while the page is active: the
 * bottom when the list is there, else the last message half in view, when they have read
 * through to it ({@link readThrough}). The cursor only follows the reader through held messages
 * (see `useMarkSeen`), so a gap or an unloaded page is never marked read. `tick` changes when
 * scrolling settles, to measure again.
 *
 * @example
 * useReadAsSeen({ roomId, cursor, active, atBottom, items, range, firstItemIndex, scroller, tick });
 */
export function useReadAsSeen(options: {
  roomId: string;
  /** The reader's read cursor now. */
  cursor: number;
  /** The list has opened (landed) and the page is visible and focused. */
  active: boolean;
  atBottom: boolean;
  items: readonly MessageListItem[];
  range: ListRange | null;
  firstItemIndex: number;
  scroller: RefObject<HTMLElement | null>;
  tick: number;
}): void {
  const { roomId, cursor, active, atBottom, items, range, firstItemIndex, scroller, tick } = options;
  const markSeen = useMarkSeen(roomId);
  const reached = readThrough(items, range, firstItemIndex, cursor, atBottom);
  useEffect(() => {
    if (!active || reached === 0) return;
    markSeen(atBottom ? reached : lastSeenInScroller(scroller.current, reached));
  }, [active, atBottom, reached, scroller, markSeen, tick]);
}

