/**
 * Following the bottom: the list follows new messages while the reader is at the bottom, and a
 * pill counts those that arrive while they are scrolled up. The decisions are pure functions of a
 * small state (tested without a DOM); {@link useFollowBottom} wires them to Virtuoso.
 */
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import type { Message as ChatMessage } from '../../react';

/** How long after a wheel, touch, key or scrollbar press a move away from the bottom counts as the reader's. */
export const READER_SCROLL_WINDOW_MS = 1000;

/**
 * Whether the reader wants to follow new messages. Set when they reach the bottom, cleared only
 * when they scroll up themselves: when messages come faster than the list can scroll, the bottom
 * runs ahead for a moment, and that must not count as the reader leaving it.
 *
 * @example
 * const state: FollowState = { sticky: true, userScrolledAt: -Infinity, sequenceAtBottom: 40 };
 */
export interface FollowState {
  sticky: boolean;
  /** When the reader last scrolled by hand (performance.now()). */
  userScrolledAt: number;
  /** The newest sequence when the list was last at the bottom. */
  sequenceAtBottom: number;
}

/** The state of a list that has not reached the bottom yet. */
export const INITIAL_FOLLOW: FollowState = Object.freeze({ sticky: false, userScrolledAt: -Infinity, sequenceAtBottom: 0 });

/**
 * Where the scroller stands: how far its bottom edge is above the end of the list, and how tall
 * it is. Null when there is no scroller to measure.
 *
 * @example
 * const place: ScrollPlace = { fromBottom: 120, viewport: 600 };
 */
export interface ScrollPlace {
  fromBottom: number;
  viewport: number;
}

/**
 * Whether the list is close enough to the bottom for "the bottom ran ahead of arriving messages"
 * to explain it: within one screen. Further away, the list was moved there (to the top, to the
 * unread line), whatever Virtuoso has reported so far. Unmeasured counts as near.
 *
 * @example
 * nearBottom({ fromBottom: 3000, viewport: 600 }); // false
 */
export function nearBottom(place: ScrollPlace | null): boolean {
  return place === null || place.fromBottom <= place.viewport;
}

/**
 * Virtuoso says the list reached or left the bottom: the new state, or null when the change is to
 * be ignored (the bottom ran ahead of a list still following it, the list is still near it, and
 * the reader did not scroll).
 *
 * @example
 * atBottomChange({ sticky: true, userScrolledAt: -Infinity, sequenceAtBottom: 40 }, false, 41, 5000); // null: keep following
 */
export function atBottomChange(state: FollowState, bottom: boolean, lastSequence: number, now: number, place: ScrollPlace | null = null): FollowState | null {
  const byReader = now - state.userScrolledAt < READER_SCROLL_WINDOW_MS;
  const grewSinceBottom = lastSequence > state.sequenceAtBottom;
  if (!bottom && state.sticky && grewSinceBottom && !byReader && nearBottom(place)) return null;
  return { ...state, sticky: bottom, sequenceAtBottom: bottom ? lastSequence : state.sequenceAtBottom };
}

/**
 * Whether rows added to the list scroll it down to them. Only while following and near the
 * bottom where it was last scrolled to: Virtuoso reports leaving the bottom 50 ms late, and older
 * history that loads within those 50 ms of a scroll to the top must not carry the reader back
 * down. (Where it was scrolled, not where it is now: a tall new row puts the bottom far away.)
 *
 * @example
 * followsOutput({ sticky: true, userScrolledAt: -Infinity, sequenceAtBottom: 40 }, { fromBottom: 3000, viewport: 600 }); // false
 */
export function followsOutput(state: FollowState, place: ScrollPlace | null): boolean {
  return state.sticky && nearBottom(place);
}

/**
 * Measures `element` as a {@link ScrollPlace}.
 *
 * @example
 * scrollPlace(scroller); // { fromBottom: 0, viewport: 640 } at the bottom
 */
export function scrollPlace(element: HTMLElement | null): ScrollPlace | null {
  if (!element) return null;
  return { fromBottom: element.scrollHeight - element.scrollTop - element.clientHeight, viewport: element.clientHeight };
}

/**
 * Messages by others that arrived after the reader left the bottom (at `leftBottomAt`), counted
 * from the end: O(new messages).
 *
 * @example
 * countUnseen(messages, 40, 'ana'); // 2 when bo wrote #41 and #42
 */
export function countUnseen(messages: readonly ChatMessage[], leftBottomAt: number | null, me: string | null): number {
  if (leftBottomAt === null) return 0;
  let unseen = 0;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index] as ChatMessage;
    if (message.sequence <= leftBottomAt) break;
    if (message.authorId !== me) unseen++;
  }
  return unseen;
}

/** Keys by which the reader scrolls up themselves. */
const READER_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);

/**
 * What {@link useFollowBottom} gives the list.
 *
 * @example
 * const follow = useFollowBottom(messages, me);
 * <Virtuoso atBottomStateChange={follow.onAtBottomChange} followOutput={follow.followOutput} />
 */
export interface FollowBottom {
  atBottom: boolean;
  /** Messages from others that arrived since the reader left the bottom. */
  unseen: number;
  onAtBottomChange(bottom: boolean): void;
  followOutput(): 'auto' | false;
  /** The reader scrolled by hand (wheel up, touch, scrollbar). */
  onReaderScroll(): void;
  onReaderKey(event: KeyboardEvent<HTMLElement>): void;
  /** Follow from now on (the reader asked to jump to the newest message). */
  follow(): void;
  /** Give it Virtuoso's scroller, to note where the list was scrolled. */
  scrollerRef(element: HTMLElement | Window | null): void;
}

/**
 * Following the bottom for a Virtuoso list of `messages` scrolled by `scroller`.
 *
 * @example
 * const follow = useFollowBottom(messages, me);
 * <Virtuoso scrollerRef={follow.scrollerRef} />
 */
export function useFollowBottom(messages: readonly ChatMessage[], me: string | null): FollowBottom {
  // Not at the bottom until Virtuoso says so: opening at the unread line must not mark all read.
  const [atBottom, setAtBottom] = useState(false);
  /** The newest sequence when the reader left the bottom: messages after it are "new". */
  const [leftBottomAt, setLeftBottomAt] = useState<number | null>(null);
  const state = useRef<FollowState>(INITIAL_FOLLOW);
  // Where the list was last scrolled to (by anyone), measured at each scroll.
  const scrolledTo = useRef<ScrollPlace | null>(null);
  const detach = useRef<(() => void) | null>(null);
  const scrollerRef = useCallback((element: HTMLElement | Window | null) => {
    detach.current?.();
    detach.current = null;
    if (!(element instanceof HTMLElement)) return;
    const measure = () => {
      scrolledTo.current = scrollPlace(element);
    };
    element.addEventListener('scroll', measure, { passive: true });
    detach.current = () => element.removeEventListener('scroll', measure);
  }, []);
  const lastSequence = messages[messages.length - 1]?.sequence ?? 0;

  const onReaderScroll = useCallback(() => {
    state.current = { ...state.current, userScrolledAt: performance.now() };
  }, []);
  const onReaderKey = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (READER_KEYS.has(event.key)) onReaderScroll();
    },
    [onReaderScroll],
  );
  const onAtBottomChange = useCallback(
    (bottom: boolean) => {
      const next = atBottomChange(state.current, bottom, lastSequence, performance.now(), scrolledTo.current);
      if (!next) return;
      state.current = next;
      setAtBottom(bottom);
      setLeftBottomAt(bottom ? null : lastSequence);
    },
    [lastSequence],
  );
  // By the list's own account, not Virtuoso's `bottom` argument: while it measures the rows it
  // opened at (the "New" line), Virtuoso can take the list for at the bottom, and following
  // then would carry the reader away from the line at the first message that arrives.
  const followOutput = useCallback((): 'auto' | false => (followsOutput(state.current, scrolledTo.current) ? 'auto' : false), []);
  const follow = useCallback(() => {
    state.current = { ...state.current, sticky: true, userScrolledAt: -Infinity };
  }, []);

  const unseen = atBottom ? 0 : countUnseen(messages, leftBottomAt, me);
  return { atBottom, unseen, onAtBottomChange, followOutput, onReaderScroll, onReaderKey, follow, scrollerRef };
}
