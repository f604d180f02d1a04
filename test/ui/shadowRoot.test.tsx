// @vitest-environment jsdom
import { fireEvent, render } from '@testing-library/react';
import type { TestChat } from '../../src/testing';
import { RoomList } from '../../src/ui';
import { connectAna, settle } from './shell-helpers';

// The script-tag widget renders inside a shadow root, where document.activeElement is the host and
// document.getElementById finds nothing: keyboard handling must look in the component's own root.
describe('inside a shadow root', () => {
  let chat: TestChat;
  let Wrapper: Awaited<ReturnType<typeof connectAna>>['Wrapper'];
  let host: HTMLElement;
  let mountPoint: HTMLElement;

  beforeEach(async () => {
    ({ chat, Wrapper } = await connectAna());
    host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    mountPoint = document.createElement('div');
    shadow.append(mountPoint);
  });
  afterEach(() => {
    host.remove();
    chat.close();
  });

  it('moves from the filter into the room list with ArrowDown', async () => {
    render(<RoomList />, { wrapper: Wrapper, container: mountPoint });
    await settle(chat);
    const shadow = host.shadowRoot as ShadowRoot;
    const filter = shadow.querySelector('input') as HTMLInputElement;
    filter.focus();
    fireEvent.keyDown(filter, { key: 'ArrowDown' });
    expect(shadow.activeElement?.getAttribute('role')).toBe('listbox');
  });

  it('keeps Tab inside the new-room dialog and gives focus back on Escape', async () => {
    render(<RoomList />, { wrapper: Wrapper, container: mountPoint });
    await settle(chat);
    const shadow = host.shadowRoot as ShadowRoot;
    const opener = [...shadow.querySelectorAll('button')].find((button) => button.textContent?.includes('New room')) as HTMLButtonElement;
    opener.focus();
    fireEvent.click(opener);
    const dialog = shadow.querySelector('[role="dialog"]') as HTMLElement;
    const focusable = [...dialog.querySelectorAll<HTMLElement>('input, button:not([disabled]), select, textarea')];
    const last = focusable[focusable.length - 1] as HTMLElement;
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(shadow.activeElement).toBe(focusable[0]);
    fireEvent.keyDown(shadow.activeElement as Element, { key: 'Escape' });
    expect(shadow.querySelector('[role="dialog"]')).toBeNull();
    expect(shadow.activeElement).toBe(opener);
  });
});
