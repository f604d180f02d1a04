import { useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { Placement } from '@floating-ui/dom';
import { cx } from '../config';
import { useIsomorphicLayoutEffect } from '../useIsomorphicLayoutEffect';
import { portalTargetFor } from './portal';
import type * as Positioning from './position';

let loading: Promise<typeof Positioning> | null = null;

/**
 * Imports the popovers' geometry (Floating UI and {@link placePopover}), once, when the first
 * popover opens: the pickers in them load lazily too. A failed import may be retried.
 *
 * @example
 * const { placePopover, applyPlacement } = await loadPositioning();
 */
export function loadPositioning(): Promise<typeof Positioning> {
  loading ??= import('./position').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/**
 * Props of {@link Popover}.
 *
 * @example
 * <Popover anchor={button} open={open} placement="top-end"><EmojiPicker … /></Popover>
 */
export interface PopoverProps {
  /** The element it points at (the button that opened it). Nothing renders without one. */
  anchor: HTMLElement | null;
  /** Default true: render it only while open, or pass `open`. */
  open?: boolean;
  /** The preferred side and alignment; it flips and shifts from there to stay in the viewport. Default `top-end`. */
  placement?: Placement;
  className?: string;
  children?: ReactNode;
}

/**
 * Floating content beside an anchor, kept fully inside the viewport: one `position: fixed`
 * element portalled into the nearest Confab root (see {@link portalTargetFor}), so no scrolling
 * list or pane clips it, placed by Floating UI (imported on the first opening) and followed while
 * the anchor scrolls, the window resizes or the content changes size. `data-placement` names the
 * side it ended on; `data-positioned` is set once it is placed (until then it is transparent).
 *
 * It only places; its content handles Escape and clicks outside (as {@link EmojiPicker} does).
 * React events still bubble from it to the component that rendered it.
 *
 * @example
 * const [button, setButton] = useState<HTMLButtonElement | null>(null);
 * <button ref={setButton} onClick={() => setOpen(!open)}>☺</button>
 * <Popover anchor={button} open={open}>
 *   <EmojiPicker onSelect={insert} onClose={() => setOpen(false)} />
 * </Popover>
 */
export function Popover({ anchor, open = true, placement = 'top-end', className, children }: PopoverProps): ReactNode {
  const [floating, setFloating] = useState<HTMLDivElement | null>(null);

  useIsomorphicLayoutEffect(() => {
    if (!open || !anchor || !floating) return;
    let current = true;
    let stop: (() => void) | undefined;
    loadPositioning().then(
      ({ autoUpdate, placePopover, applyPlacement }) => {
        if (!current) return;
        stop = autoUpdate(anchor, floating, () => {
          void placePopover(anchor, floating, placement).then((placed) => {
            if (current) applyPlacement(floating, placed);
          });
        });
      },
      () => {
        // Without its geometry it still shows (at the corner) rather than not at all.
        if (current) floating.dataset['positioned'] = '';
      },
    );
    return () => {
      current = false;
      stop?.();
    };
  }, [open, anchor, floating, placement]);

  if (!open || !anchor) return null;
  return createPortal(
    <div ref={setFloating} className={cx('confab-popover', className)} data-state="open">
      {children}
    </div>,
    portalTargetFor(anchor),
  );
}
