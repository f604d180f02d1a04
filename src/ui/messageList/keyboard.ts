/**
 * Keyboard navigation: the list is one tab stop; Up and Down move between messages (skipping
 * separators), Escape goes to the composer. Where to go is pure ({@link stepToMessage},
 * {@link keyboardStart}); {@link useListKeyboard} scrolls there and moves focus.
 */
import { useCallback, type KeyboardEvent, type RefObject } from 'react';
import type { ListRange, VirtuosoHandle } from 'react-virtuoso';
import type { RoomView } from '../roomView';
import { isMessageItem, type MessageListItem } from './items';

/**
 * The next message row from `from` in the direction of `step` (-1 up, 1 down), or -1 when there
 * is none.
 *
 * @example
 * stepToMessage(items, 4, -1); // the message above row 4, separators skipped
 */
export function stepToMessage(items: readonly MessageListItem[], from: number, step: 1 | -1): number {
  let to = from + step;
  while (to >= 0 && to < items.length && !isMessageItem(items[to])) to += step;
  return to >= 0 && to < items.length ? to : -1;
}

/**
 * Where Up or Down starts from when the list itself has focus: next to the last row in view, so
 * that either key focuses the last message in view first.
 *
 * @example
 * stepToMessage(items, keyboardStart(items, lastInViewIndex, -1), -1);
 */
export function keyboardStart(items: readonly MessageListItem[], lastInView: number | null, step: 1 | -1): number {
  const last = lastInView ?? items.length - 1;
  return step === -1 ? Math.min(items.length, last + 1) : Math.max(-1, Math.min(items.length, last) - 1);
}

/** Whether a rendered message row shows this item. */
export function rowShows(item: MessageListItem, row: HTMLElement): boolean {
  if (item.kind === 'message') return row.dataset['sequence'] === String(item.sequence);
  if (item.kind === 'pending') return row.dataset['clientId'] === item.pending.clientId;
  return false;
}

function findRow(root: HTMLElement | null, item: MessageListItem): HTMLElement | null {
  if (!root) return null;
  for (const row of root.querySelectorAll<HTMLElement>('.confab-message')) if (rowShows(item, row)) return row;
  return null;
}

/**
 * The list's key handler.
 *
 * @example
 * const onKeyDown = useListKeyboard({ items, range, firstItemIndex, virtuoso, wrapper, view });
 */
export function useListKeyboard(options: {
  items: readonly MessageListItem[];
  range: ListRange | null;
  firstItemIndex: number;
  virtuoso: RefObject<VirtuosoHandle | null>;
  wrapper: RefObject<HTMLElement | null>;
  view: RoomView | null;
}): (event: KeyboardEvent<HTMLElement>) => void {
  const { items, range, firstItemIndex, virtuoso, wrapper, view } = options;
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const target = event.target as HTMLElement;
      if (event.defaultPrevented || !wrapper.current?.contains(target)) return;
      if (target.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      if (event.key === 'Escape') {
        if (view) {
          event.preventDefault();
          view.focusComposer();
        }
        return;
      }
      if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
      const step = event.key === 'ArrowUp' ? -1 : 1;
      const row = target.closest<HTMLElement>('.confab-message');
      let from: number;
      if (row) {
        from = items.findIndex((item) => rowShows(item, row));
        if (from < 0) return;
      } else if (target.classList.contains('confab-message-list-scroller')) {
        from = keyboardStart(items, range ? range.endIndex - firstItemIndex : null, step);
      } else return;
      event.preventDefault();
      const to = stepToMessage(items, from, step);
      if (to < 0) return;
      const targetItem = items[to] as MessageListItem;
      virtuoso.current?.scrollIntoView({
        index: to,
        behavior: 'auto',
        done: () => requestAnimationFrame(() => findRow(wrapper.current, targetItem)?.focus()),
      });
      // Already rendered: focus at once (done also runs, harmlessly).
      findRow(wrapper.current, targetItem)?.focus();
    },
    [items, range, firstItemIndex, virtuoso, wrapper, view],
  );
}
