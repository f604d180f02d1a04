/**
 * Keeping the reader's place when older history comes in. Virtuoso keeps the first row in place
 * when `firstItemIndex` drops by the number of rows added above it ({@link nextAnchor}, pure);
 * its estimate of the new rows' heights can be off by a few rows' difference, so the list also
 * notes where the first visible message was when it asked for the page and, once the page is in,
 * puts it back for a few frames ({@link keepPlace}).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isMessageItem, type MessageListItem } from './items';

/** Where Virtuoso's indices start: far from zero, so that history can be prepended by lowering it. */
export const FIRST_INDEX = 1_000_000_000;

/**
 * The first message row's key and index, and the `firstItemIndex` that placed it.
 *
 * @example
 * const anchor: PrependAnchor = { key: 'm:bo:c1', index: 0, firstItemIndex: FIRST_INDEX };
 */
export interface PrependAnchor {
  key: string | undefined;
  index: number;
  firstItemIndex: number;
}

/**
 * The anchor for new rows: when the message that was first now stands lower (rows came in above
 * it), `firstItemIndex` drops by as much, so Virtuoso keeps it where it was. Returns `anchor`
 * itself when nothing moved.
 *
 * @example
 * nextAnchor({ key: 'm:bo:c51', index: 0, firstItemIndex: 1000 }, itemsWith50Above).firstItemIndex; // 950
 */
export function nextAnchor(anchor: PrependAnchor, items: readonly MessageListItem[]): PrependAnchor {
  const index = items.findIndex(isMessageItem);
  const key = items[index]?.key;
  if (anchor.key === key && anchor.index === index) return anchor;
  const moved = anchor.key === undefined ? -1 : items.findIndex((item) => item.key === anchor.key);
  const firstItemIndex = moved >= 0 ? Math.max(0, anchor.firstItemIndex - (moved - anchor.index)) : anchor.firstItemIndex;
  return { key, index, firstItemIndex };
}

/**
 * Virtuoso's `firstItemIndex` for `items`, lowered as history is prepended.
 *
 * @example
 * const firstItemIndex = useFirstItemIndex(items);
 */
export function useFirstItemIndex(items: readonly MessageListItem[]): number {
  const [anchor, setAnchor] = useState<PrependAnchor>(() => nextAnchor({ key: undefined, index: -1, firstItemIndex: FIRST_INDEX }, items));
  const next = nextAnchor(anchor, items);
  if (next !== anchor) setAnchor(next);
  return next.firstItemIndex;
}

/** A message's place on screen: its sequence and how far below the top of the scroller it starts. */
export interface RowPlace {
  sequence: string;
  top: number;
}

/**
 * The first message row in view, and how far below the top of the scroller it starts.
 *
 * @example
 * const place = firstVisibleRow(scroller);
 */
export function firstVisibleRow(element: HTMLElement | null): RowPlace | null {
  if (!element) return null;
  const top = element.getBoundingClientRect().top;
  for (const row of element.querySelectorAll<HTMLElement>('.confab-message[data-sequence]')) {
    const box = row.getBoundingClientRect();
    if (box.height > 0 && box.bottom > top + 1) return { sequence: row.dataset['sequence'] as string, top: box.top - top };
  }
  return null;
}

/** Frames during which the list puts the noted message back where it was. */
const SETTLE_FRAMES = 8;

/**
 * Scrolls so that the message noted in `place` is again `place.top` below the top of the
 * scroller, once a frame for a few frames (Virtuoso measures the new rows over the first ones),
 * and stops at once if the reader scrolls by hand. Returns a function that cancels it.
 *
 * @example
 * const cancel = keepPlace(scroller, { sequence: '51', top: 12 });
 */
export function keepPlace(element: HTMLElement, place: RowPlace): () => void {
  let frames = 0;
  let request = 0;
  const stop = () => {
    cancelAnimationFrame(request);
    element.removeEventListener('wheel', stop);
    element.removeEventListener('touchstart', stop);
    element.removeEventListener('keydown', stop);
  };
  element.addEventListener('wheel', stop, { passive: true });
  element.addEventListener('touchstart', stop, { passive: true });
  element.addEventListener('keydown', stop);
  const step = () => {
    const row = element.querySelector<HTMLElement>(`.confab-message[data-sequence="${place.sequence}"]`);
    if (row) {
      const moved = row.getBoundingClientRect().top - element.getBoundingClientRect().top - place.top;
      if (Math.abs(moved) >= 0.5) element.scrollTop += moved;
    }
    if (++frames < SETTLE_FRAMES) request = requestAnimationFrame(step);
    else stop();
  };
  request = requestAnimationFrame(step);
  return stop;
}

/**
 * Notes the reader's place before a page of older history is asked for (and while it loads), and
 * restores it once the page is in (`firstItemIndex` changed).
 *
 * @example
 * const place = useKeepPlaceOnPrepend(loading === 'older', firstItemIndex);
 * <Virtuoso scrollerRef={place.scrollerRef} startReached={() => { place.note(); void loadOlder(); }} />
 */
export function useKeepPlaceOnPrepend(loadingOlder: boolean, firstItemIndex: number): { note(): void; scrollerRef(element: HTMLElement | Window | null): void; scroller: { readonly current: HTMLElement | null } } {
  const scroller = useRef<HTMLElement | null>(null);
  const placeBeforePrepend = useRef<RowPlace | null>(null);
  const note = useCallback(() => {
    placeBeforePrepend.current = firstVisibleRow(scroller.current);
  }, []);
  const scrollerRef = useCallback((element: HTMLElement | Window | null) => {
    scroller.current = element instanceof HTMLElement ? element : null;
  }, []);
  useEffect(() => {
    const element = scroller.current;
    if (!loadingOlder || !element) return;
    // The reader may still scroll while the page loads: the place is where they are when it lands.
    element.addEventListener('scroll', note, { passive: true });
    return () => element.removeEventListener('scroll', note);
  }, [loadingOlder, note]);
  useEffect(() => {
    const element = scroller.current;
    const place = placeBeforePrepend.current;
    if (!element || !place) return;
    placeBeforePrepend.current = null;
    return keepPlace(element, place);
  }, [firstItemIndex]);
  return { note, scrollerRef, scroller };
}
