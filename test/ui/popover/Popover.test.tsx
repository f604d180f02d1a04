// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { Popover, portalTargetFor } from '../../../src/ui/popover';
import { applyPlacement, placePopover } from '../../../src/ui/popover/position';

afterEach(() => cleanup());

/** Gives an element a box (jsdom has no layout). */
function layOut(element: HTMLElement, box: { x: number; y: number; width: number; height: number }) {
  element.getBoundingClientRect = () => ({ ...box, top: box.y, left: box.x, right: box.x + box.width, bottom: box.y + box.height, toJSON: () => box });
  Object.defineProperty(element, 'offsetWidth', { configurable: true, value: box.width });
  Object.defineProperty(element, 'offsetHeight', { configurable: true, value: box.height });
  element.style.width = `${box.width}px`;
  element.style.height = `${box.height}px`;
}

/** A 1280 × 800 viewport. */
function viewport(width: number, height: number) {
  Object.defineProperty(document.documentElement, 'clientWidth', { configurable: true, value: width });
  Object.defineProperty(document.documentElement, 'clientHeight', { configurable: true, value: height });
}

describe('portalTargetFor', () => {
  it('is the nearest Confab root, else the anchor’s shadow root, else the body', () => {
    const root = document.body.appendChild(document.createElement('div'));
    root.className = 'confab-root';
    const inner = root.appendChild(document.createElement('div'));
    inner.className = 'confab-root confab-chat';
    const button = inner.appendChild(document.createElement('button'));
    expect(portalTargetFor(button)).toBe(inner);

    const host = document.body.appendChild(document.createElement('div'));
    const shadow = host.attachShadow({ mode: 'open' });
    const shadowButton = shadow.appendChild(document.createElement('button'));
    expect(portalTargetFor(shadowButton)).toBe(shadow);

    const loose = document.body.appendChild(document.createElement('button'));
    expect(portalTargetFor(loose)).toBe(document.body);
    for (const node of [root, host, loose]) node.remove();
  });
});

describe('placePopover', () => {
  beforeEach(() => viewport(1280, 800));

  it('puts it above the anchor, end-aligned, when there is room, and says how much', async () => {
    const anchor = document.body.appendChild(document.createElement('button'));
    const floating = document.body.appendChild(document.createElement('div'));
    floating.style.position = 'fixed';
    layOut(anchor, { x: 1100, y: 700, width: 32, height: 32 });
    layOut(floating, { x: 0, y: 0, width: 352, height: 435 });
    const placed = await placePopover(anchor, floating, 'top-end');
    expect(placed.placement).toBe('top-end');
    expect(placed.x).toBe(1100 + 32 - 352);
    expect(placed.y).toBe(700 - 8 - 435);
    expect(placed.availableHeight).toBe(700 - 8 - 8);
    applyPlacement(floating, placed);
    expect(floating.style.left).toBe(`${1100 + 32 - 352}px`);
    expect(floating.style.top).toBe(`${700 - 8 - 435}px`);
    expect(floating.dataset['placement']).toBe('top-end');
    expect(floating.style.getPropertyValue('--confab-popover-available-height')).toBe('684px');
    anchor.remove();
    floating.remove();
  });

  it('flips below an anchor near the top, and to its start where the end would leave the viewport', async () => {
    const anchor = document.body.appendChild(document.createElement('button'));
    const floating = document.body.appendChild(document.createElement('div'));
    floating.style.position = 'fixed';
    layOut(anchor, { x: 10, y: 60, width: 32, height: 32 });
    layOut(floating, { x: 0, y: 0, width: 352, height: 435 });
    const placed = await placePopover(anchor, floating, 'top-end');
    expect(placed.placement).toBe('bottom-start');
    expect(placed.y).toBe(60 + 32 + 8);
    expect(placed.x).toBe(10);
    expect(placed.availableHeight).toBe(800 - 8 - (60 + 32 + 8));
    anchor.remove();
    floating.remove();
  });

  it('shifts along the anchor to keep inside the viewport', async () => {
    viewport(390, 844);
    const anchor = document.body.appendChild(document.createElement('button'));
    const floating = document.body.appendChild(document.createElement('div'));
    floating.style.position = 'fixed';
    layOut(anchor, { x: 180, y: 700, width: 32, height: 32 });
    layOut(floating, { x: 0, y: 0, width: 352, height: 435 });
    const placed = await placePopover(anchor, floating, 'top-end');
    expect(placed.placement).toBe('top-end');
    // End-aligned it would start at 180 + 32 - 352 < 0, start-aligned end past 390: shifted to the margin.
    expect(placed.x).toBe(8);
    anchor.remove();
    floating.remove();
  });

  it('measures it at its own size each time: shrunk to the little room below by an earlier placement, it still flips above', async () => {
    viewport(390, 700);
    const anchor = document.body.appendChild(document.createElement('button'));
    const floating = document.body.appendChild(document.createElement('div'));
    floating.style.position = 'fixed';
    layOut(anchor, { x: 180, y: 540, width: 20, height: 20 });
    // As CSS does with `max-block-size: var(--confab-popover-available-height)`: 170 px tall, or less when told.
    const height = () => {
      const room = Number.parseFloat(floating.style.getPropertyValue('--confab-popover-available-height'));
      return Number.isNaN(room) ? 170 : Math.min(170, room);
    };
    floating.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, width: 280, height: height(), right: 280, bottom: height(), toJSON: () => ({}) });
    Object.defineProperty(floating, 'offsetWidth', { configurable: true, value: 280 });
    Object.defineProperty(floating, 'offsetHeight', { configurable: true, get: height });
    // An earlier placement (the card before its content came) left it the room below: 120 px.
    floating.style.setProperty('--confab-popover-available-height', '120px');
    const placed = await placePopover(anchor, floating, 'bottom-start');
    expect(placed.placement).toBe('top-start');
    expect(floating.style.getPropertyValue('--confab-popover-available-height')).toBe(`${540 - 8 - 8}px`);
    anchor.remove();
    floating.remove();
  });
});

describe('Popover', () => {
  function Harness({ open }: { open: boolean }) {
    const [anchor, setAnchor] = useState<HTMLButtonElement | null>(null);
    return (
      <div className="confab-root" data-testid="root">
        <div style={{ overflow: 'hidden' }} data-testid="clipping">
          <button ref={setAnchor} type="button">
            open
          </button>
          <Popover anchor={anchor} open={open} className="mine">
            <p>inside</p>
          </Popover>
        </div>
      </div>
    );
  }

  it('renders its content in the Confab root, outside the clipping container, only while open', async () => {
    const { rerender } = render(<Harness open={false} />);
    expect(screen.queryByText('inside')).toBeNull();
    rerender(<Harness open />);
    const content = screen.getByText('inside');
    const popover = content.parentElement as HTMLElement;
    expect(popover.className).toBe('confab-popover mine');
    expect(popover.dataset['state']).toBe('open');
    expect(popover.parentElement).toBe(screen.getByTestId('root'));
    expect(screen.getByTestId('clipping').contains(popover)).toBe(false);
    // Placed once Floating UI (imported on the first opening) has measured.
    await waitFor(() => expect(popover.hasAttribute('data-positioned')).toBe(true));
    rerender(<Harness open={false} />);
    expect(screen.queryByText('inside')).toBeNull();
  });
});
