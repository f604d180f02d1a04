export { Popover, type PopoverProps } from './Popover';
export { applyPlacement, placePopover, POPOVER_GAP, VIEWPORT_MARGIN, type PopoverPlacement } from './position';
export { portalTargetFor } from './portal';
export { useOutsideClick } from './outsideClick';
