// The geometry (./position, with Floating UI) is imported on demand by Popover: never re-export it here.
export { loadPositioning, Popover, type PopoverProps } from './Popover';
export { portalTargetFor } from './portal';
export { useOutsideClick } from './outsideClick';
export type { PopoverPlacement } from './position';
