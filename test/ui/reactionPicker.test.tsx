// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { ChatClient } from '../../src/react';
import { createTestChat, type TestChat } from '../../src/testing';
import { MessageList } from '../../src/ui/MessageList';
import { renderChat, settle, stubScrolling } from './messageHelpers';

stubScrolling();

let chat: TestChat;
let ana: ChatClient;
afterEach(() => {
  cleanup();
  chat?.close();
});

// The "Add reaction" picker floats in the chat's root, outside the message row: pointing at it
// leaves the row. React treats a portal as inside for mouseleave, Preact (the widget) does not, so
// the row keeps its toolbar, and the picker, by state while the picker is open.
describe('the reaction picker', () => {
  it('keeps the toolbar while open, though the pointer leaves the row for it, and lets it go once closed', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    chat = createTestChat({ messages: { general: 2 } });
    ana = await chat.connect('ana');
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const row = container.querySelector('[data-sequence="1"]') as HTMLElement;
    fireEvent.mouseEnter(row);
    fireEvent.click(within(row).getByRole('button', { name: 'Add reaction' }));
    const picker = screen.getByRole('dialog', { name: 'Add reaction' });
    expect(row.contains(picker)).toBe(false);

    fireEvent.mouseLeave(row);
    expect(within(row).getByRole('toolbar', { name: 'Message actions' })).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Add reaction' })).toBe(picker);

    fireEvent.keyDown(picker, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    // Escape gave focus back to "Add reaction"; once focus leaves too, the toolbar goes.
    act(() => (document.activeElement as HTMLElement).blur());
    expect(within(row).queryByRole('toolbar')).toBeNull();
  });
});
