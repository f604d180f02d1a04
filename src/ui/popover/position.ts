import { computePosition, flip, offset, shift, size, type Placement } from '@floating-ui/dom';

// Imported on demand, when the first popover opens (see `loadPositioning`): neither this geometry
// nor Floating UI is shipped before someone opens a picker.
export { autoUpdate } from '@floating-ui/dom';

/**
 * Where a popover sits beside its anchor, in viewport coordinates (the popover is
 * `position: fixed`), and the room it has on the side it was placed.
 *
 * @example
 * const placed: PopoverPlacement = { x: 904, y: 262, placement: 'top-end', availableWidth: 1264, availableHeight: 682 };
 */
export interface PopoverPlacement {
  x: number;
  y: number;
  /** The side it ended on: `top-end` flips to `bottom-end` when there is no room above. */
  placement: Placement;
  /** Room on that side, inside the viewport's margin: the popover may shrink to it. */
  availableWidth: number;
  availableHeight: number;
}

/** Gap between the anchor and the popover, in CSS pixels. */
export const POPOVER_GAP = 8;
/** A popover keeps this far from the viewport's edges. */
export const VIEWPORT_MARGIN = 8;

/**
 * Places `floating` beside `anchor` inside the viewport: on the preferred side, flipped to the
 * other when that has no room, told the room it has there through
 * `--confab-popover-available-height` (so its content can shrink to fit), and shifted along the
 * anchor (and across it, as a last resort) to stay in.
 * Floating UI does the geometry, through shadow roots and scrolled containers alike.
 *
 * @example
 * const placed = await placePopover(button, popover, 'top-end');
 * applyPlacement(popover, placed);
 */
export async function placePopover(anchor: Element, floating: HTMLElement, placement: Placement): Promise<PopoverPlacement> {
  let availableWidth = Number.POSITIVE_INFINITY;
  let availableHeight = Number.POSITIVE_INFINITY;
  // Measured at its own size: shrunk to the room it had last time (a card opened near the bottom
  // before its content came), it would go on "fitting" there and never flip to the side with room.
  floating.style.removeProperty('--confab-popover-available-height');
  floating.style.removeProperty('--confab-popover-available-width');
  const result = await computePosition(anchor, floating, {
    strategy: 'fixed',
    placement,
    middleware: [
      offset(POPOVER_GAP),
      flip({ padding: VIEWPORT_MARGIN }),
      // Before shift: the room on the chosen side, so it shrinks rather than covers its anchor.
      size({
        padding: VIEWPORT_MARGIN,
        apply(state) {
          availableWidth = state.availableWidth;
          availableHeight = state.availableHeight;
          // Set during the lifecycle: Floating UI measures again when the size changed.
          state.elements.floating.style.setProperty('--confab-popover-available-height', `${Math.max(0, Math.floor(state.availableHeight))}px`);
          state.elements.floating.style.setProperty('--confab-popover-available-width', `${Math.max(0, Math.floor(state.availableWidth))}px`);
        },
      }),
      // Along the anchor to stay in; across it only as a last resort, when even shrunk it would not fit.
      shift({ padding: VIEWPORT_MARGIN, crossAxis: true }),
    ],
  });
  return { x: result.x, y: result.y, placement: result.placement, availableWidth, availableHeight };
}

/** Moves the popover where {@link placePopover} put it, and names the side in `data-placement`. */
export function applyPlacement(floating: HTMLElement, placed: PopoverPlacement): void {
  floating.style.left = `${Math.round(placed.x)}px`;
  floating.style.top = `${Math.round(placed.y)}px`;
  floating.dataset['placement'] = placed.placement;
  floating.dataset['positioned'] = '';
}
