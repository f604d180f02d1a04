// @vitest-environment jsdom
import { act, cleanup, fireEvent } from '@testing-library/react';
import { selectUnreadCount } from '../../../src/core';
import type { ChatClient } from '../../../src/react';
import { createTestChat, type TestChat } from '../../../src/testing';
import { MessageList } from '../../../src/ui/MessageList';
import { renderChat, settle, stubScrolling } from '../messageHelpers';

stubScrolling();

let chat: TestChat;
let ana: ChatClient;

afterEach(() => {
  cleanup();
  chat?.close();
});

const cursorOf = (client: ChatClient) => client.store.getState().cursors['general']?.['ana'];
/** The sequence of the first message under the "New" line, or null when there is no line. */
const lineBefore = (container: HTMLElement) => {
  const separator = container.querySelector('.confab-unread-separator');
  if (!separator) return null;
  return Number((separator.parentElement?.nextElementSibling as HTMLElement | null)?.querySelector('.confab-message')?.getAttribute('data-sequence'));
};

/** Ten messages by Bo and Chen that Ana has read, her list open, focused and at the bottom. */
async function readRoom() {
  chat = createTestChat();
  const said = chat.seedMessages('general', 10, { authorIds: ['bo', 'chen'] });
  ana = await chat.connect('ana');
  await act(() => ana.markRead('general'));
  const rendered = renderChat(ana, <MessageList roomId="general" />);
  await settle(chat);
  const scroller = () => rendered.container.querySelector('.confab-message-list-scroller') as HTMLElement;
  scroller().focus();
  await settle(chat);
  return { ...rendered, said, scroller };
}

describe('mark unread in the message list', () => {
  it('moves the New line to the message and keeps it unread while it stays on screen, until the reader interacts', async () => {
    const { container, said, scroller } = await readRoom();
    expect(lineBefore(container)).toBeNull();
    expect(cursorOf(ana)?.sequence).toBe(10);

    await settle(chat, () => ana.markUnread('general', said[5]!.id));
    expect(lineBefore(container)).toBe(6);
    // Everything is on screen and the page is active, yet the mark holds.
    await settle(chat);
    expect(cursorOf(ana)).toMatchObject({ sequence: 5, markedUnread: true });
    expect(selectUnreadCount(ana.store.getState(), 'general')).toBe(5);

    // The reader scrolls: what is in view is read as usual; the line stays for this visit.
    await settle(chat, () => fireEvent.wheel(scroller(), { deltaY: 40 }));
    await settle(chat);
    expect(cursorOf(ana)?.sequence).toBe(10);
    expect(cursorOf(ana)?.markedUnread).toBeUndefined();
    expect(lineBefore(container)).toBe(6);
  });

  it('stays unread after switching rooms and coming back, and after a reload, until the reader interacts', async () => {
    const { said, unmount } = await readRoom();
    await settle(chat, () => ana.markUnread('general', said[7]!.id));
    unmount();
    // Back in the room: it opens at the line and does not read on by itself.
    const back = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    (back.container.querySelector('.confab-message-list-scroller') as HTMLElement).focus();
    await settle(chat);
    expect(lineBefore(back.container)).toBe(8);
    expect(cursorOf(ana)?.sequence).toBe(7);
    back.unmount();

    // A reload: a new client, a new session; the server kept the mark.
    const reloaded = await chat.connect('ana');
    expect(cursorOf(reloaded)).toMatchObject({ sequence: 7, markedUnread: true });
    const after = renderChat(reloaded, <MessageList roomId="general" />);
    await settle(chat);
    const scroller = after.container.querySelector('.confab-message-list-scroller') as HTMLElement;
    scroller.focus();
    await settle(chat);
    expect(lineBefore(after.container)).toBe(8);
    expect(cursorOf(reloaded)?.sequence).toBe(7);
    await settle(chat, () => fireEvent.keyDown(scroller, { key: 'End' }));
    await settle(chat);
    expect(cursorOf(reloaded)?.sequence).toBe(10);
  });

  it('another device with the room open follows the mark and does not undo it', async () => {
    const { said } = await readRoom();
    const laptop = await chat.connect('ana');
    const other = renderChat(laptop, <MessageList roomId="general" />);
    await settle(chat);
    expect(cursorOf(laptop)?.sequence).toBe(10);
    await settle(chat, () => ana.markUnread('general', said[3]!.id));
    await settle(chat);
    expect(cursorOf(laptop)).toMatchObject({ sequence: 3, markedUnread: true });
    expect(lineBefore(other.container)).toBe(4);
    expect(selectUnreadCount(laptop.store.getState(), 'general')).toBe(7);
  });
});
