// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { VirtuosoMockContext } from 'react-virtuoso';
import { ChatProvider, type ChatClient } from '../../../src/react';
import { createTestChat, type TestChat } from '../../../src/testing';
import { Chat } from '../../../src/ui/Chat';
import { MessageList } from '../../../src/ui/MessageList';
import { focusIndex, focusLocation, HIGHLIGHT_MS } from '../../../src/ui/messageList/jumpFocus';
import type { MessageListItem } from '../../../src/ui/messageList/items';
import { renderChat, settle, stubScrolling } from '../messageHelpers';

stubScrolling();

let chat: TestChat;
let ana: ChatClient;
afterEach(() => {
  cleanup();
  chat?.close();
  vi.useRealTimers();
});

const items: MessageListItem[] = [
  { kind: 'date', key: 'd', timestamp: 0 },
  { kind: 'message', key: 'm1', sequence: 7, grouped: false },
  { kind: 'gap', key: 'g', gap: { from: 8, to: 20 } },
  { kind: 'message', key: 'm2', sequence: 21, grouped: false },
];

describe('focusIndex and focusLocation', () => {
  it('find the row of a sequence, and open the list in its middle', () => {
    expect(focusIndex(items, 21)).toBe(3);
    expect(focusIndex(items, 9)).toBe(-1);
    expect(focusLocation(items, { roomId: 'general', messageId: 'm', sequence: 7, token: 1 })).toEqual({ index: 1, align: 'center' });
    expect(focusLocation(items, { roomId: 'general', messageId: 'm', sequence: 9, token: 1 })).toBeNull();
    expect(focusLocation(items, null)).toBeNull();
  });
});

const row = (container: HTMLElement, sequence: number) => container.querySelector<HTMLElement>(`.confab-message[data-sequence="${sequence}"]`);

describe('jumping in the message list', () => {
  it('marks the message jumped to for a moment, and lets the request go', async () => {
    chat = createTestChat({ messages: { general: 600 } });
    ana = await chat.connect('ana');
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    expect(row(container, 595)).not.toBeNull();
    const id = ana.store.getState().timelines['general']!.messages.get(595)!.id;
    await settle(chat, () => ana.jumpToMessage('general', id, 595));
    await waitFor(() => expect(row(container, 595)?.closest('[data-highlighted]')).not.toBeNull());
    expect(container.querySelectorAll('[data-highlighted]')).toHaveLength(1);
    expect(ana.store.getState().focus).toBeNull();
    await act(() => new Promise((resolve) => setTimeout(resolve, HIGHLIGHT_MS + 50)));
    expect(container.querySelectorAll('[data-highlighted]')).toHaveLength(0);
  });

  it('answers a jump far above the loaded history once its page is in (scrolling itself is a browser test)', async () => {
    chat = createTestChat({ messages: { general: 600 } });
    ana = await chat.connect('ana');
    renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const target = chat.server.actAs('ana', { type: 'message.history', roomId: 'general', before: 101, limit: 1 });
    if (!target.ok) throw target.error;
    await settle(chat, () => ana.jumpToMessage('general', target.value.messages[0]!.id, 100));
    expect(ana.store.getState().timelines['general']?.messages.get(100)).toBeDefined();
    await waitFor(() => expect(ana.store.getState().focus).toBeNull());
  });

  it('jumps to a quoted message that is not loaded when the quote is pressed', async () => {
    chat = createTestChat({ messages: { general: 300 } });
    ana = await chat.connect('ana');
    const old = chat.server.actAs('ana', { type: 'message.history', roomId: 'general', before: 6, limit: 1 });
    if (!old.ok) throw old.error;
    const quoted = old.value.messages[0]!;
    chat.server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: 'q1', text: 'As I said', quotedId: quoted.id });
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const quote = container.querySelector<HTMLButtonElement>('.confab-quoted-message-jump');
    expect(quote?.textContent).toContain('Original message not loaded');
    await settle(chat, () => fireEvent.click(quote!));
    await waitFor(() => expect(row(container, 5)?.closest('[data-highlighted]')).not.toBeNull());
  });
});

describe('jumping from <Chat>', () => {
  it('opens the room of a message in another room, then scrolls to it', async () => {
    chat = createTestChat({ messages: { general: 5, random: 200 } });
    ana = await chat.connect('ana');
    const page = chat.server.actAs('ana', { type: 'message.history', roomId: 'random', before: 21, limit: 1 });
    if (!page.ok) throw page.error;
    const onRoomChange = vi.fn();
    const { container } = render(
      <VirtuosoMockContext.Provider value={{ viewportHeight: 600, itemHeight: 40 }}>
        <ChatProvider client={ana}>
          <Chat defaultRoomId="general" onRoomChange={onRoomChange} />
        </ChatProvider>
      </VirtuosoMockContext.Provider>,
    );
    await settle(chat);
    await settle(chat, () => ana.jumpToMessage('random', page.value.messages[0]!.id, 20));
    expect(onRoomChange).toHaveBeenCalledWith('random');
    await waitFor(() => expect(row(container, 20)?.closest('[data-highlighted]')).not.toBeNull());
  });
});
