// @vitest-environment jsdom
import { act, cleanup, fireEvent, waitFor, within } from '@testing-library/react';
import type { ChatClient, Message } from '../../../src/react';
import { createTestChat, type TestChat } from '../../../src/testing';
import { MessageActions } from '../../../src/ui/MessageActions';
import { excerpt } from '../../../src/ui/pins/excerpt';
import { PinnedMessages } from '../../../src/ui/pins/PinnedMessages';
import { RoomHeader } from '../../../src/ui/RoomHeader';
import { renderChat, settle, stubScrolling } from '../messageHelpers';

stubScrolling();

let chat: TestChat;
let ana: ChatClient;
let bo: ChatClient;
let said: Message[];

afterEach(() => {
  cleanup();
  chat?.close();
});

/** Ana is the admin of general; Bo is a member. Three messages, the second pinned. */
async function setup(): Promise<void> {
  chat = createTestChat();
  [ana, bo] = await Promise.all([chat.connect('ana'), chat.connect('bo')]);
  said = [chat.say('bo', 'general', 'Lunch at noon?'), chat.say('chen', 'general', 'Deploy freeze starts\nFriday at 18:00 <b>sharp</b>'), chat.say('bo', 'general', 'ok')];
  await ana.pinMessage('general', said[1]!.id);
}

const button = (container: HTMLElement) => container.querySelector<HTMLButtonElement>('.confab-pinned-button');
const panel = () => document.querySelector<HTMLElement>('.confab-pinned-panel');

describe('PinnedMessages', () => {
  it('shows the count in the header and lists each pin with author, time and text, as text', async () => {
    await setup();
    const { container } = renderChat(bo, <RoomHeader roomId="general" />);
    await settle(chat);
    expect(button(container)?.textContent).toBe('1 pinned message');
    expect(button(container)?.getAttribute('data-count')).toBe('1');
    await settle(chat, () => fireEvent.click(button(container)!));
    expect(button(container)?.getAttribute('aria-expanded')).toBe('true');
    const list = panel()!;
    expect(list.getAttribute('role')).toBe('dialog');
    await waitFor(() => expect(list.querySelectorAll('.confab-pinned-item')).toHaveLength(1));
    expect(list.querySelector('.confab-pinned-author')?.textContent).toBe('Chen Wei');
    expect(list.querySelector('.confab-pinned-text')?.textContent).toBe('Deploy freeze starts Friday at 18:00 <b>sharp</b>');
    expect(list.querySelector('b')).toBeNull();
    expect(list.querySelector('.confab-pinned-by')?.textContent).toBe('Pinned by Ana Lima');
    expect(list.querySelector('time')?.getAttribute('dateTime')).toBe(new Date(said[1]!.createdAt).toISOString());
    // Bo is not an admin: no Unpin.
    expect(list.querySelector('.confab-pinned-unpin')).toBeNull();
  });

  it('renders nothing when nothing is pinned, and appears for every member when an admin pins', async () => {
    chat = createTestChat();
    [ana, bo] = await Promise.all([chat.connect('ana'), chat.connect('bo')]);
    const message = chat.say('bo', 'general', 'pin me');
    const { container } = renderChat(bo, <RoomHeader roomId="general" />);
    await settle(chat);
    expect(button(container)).toBeNull();
    await settle(chat, () => ana.pinMessage('general', message.id));
    expect(button(container)?.textContent).toBe('1 pinned message');
  });

  it('choosing a pin closes the list and jumps to it', async () => {
    await setup();
    const jumps: string[] = [];
    const { container } = renderChat(bo, <PinnedMessages roomId="general" onJump={(message) => jumps.push(message.id)} />);
    await settle(chat, () => fireEvent.click(button(container)!));
    await waitFor(() => expect(panel()?.querySelector('.confab-pinned-jump')).not.toBeNull());
    await settle(chat, () => fireEvent.click(panel()!.querySelector('.confab-pinned-jump')!));
    expect(jumps).toEqual([said[1]!.id]);
    expect(panel()).toBeNull();
  });

  it('in the room header, choosing a pin asks the room’s list to jump to it (a focus request in the store)', async () => {
    await setup();
    const { container } = renderChat(bo, <RoomHeader roomId="general" />);
    await settle(chat, () => fireEvent.click(button(container)!));
    await waitFor(() => expect(panel()?.querySelector('.confab-pinned-jump')).not.toBeNull());
    await settle(chat, () => fireEvent.click(panel()!.querySelector('.confab-pinned-jump')!));
    await waitFor(() => expect(bo.store.getState().focus).toMatchObject({ roomId: 'general', messageId: said[1]!.id, sequence: said[1]!.sequence }));
    expect(panel()).toBeNull();
  });

  it('Escape closes it and gives focus back to the button', async () => {
    await setup();
    const { container } = renderChat(bo, <PinnedMessages roomId="general" onJump={() => {}} />);
    await settle(chat, () => fireEvent.click(button(container)!));
    await settle(chat, () => fireEvent.keyDown(panel()!, { key: 'Escape' }));
    expect(panel()).toBeNull();
    expect(document.activeElement).toBe(button(container));
  });

  it('an admin unpins from the list; deleting the pinned message takes it off the list and the count', async () => {
    await setup();
    await ana.pinMessage('general', said[0]!.id);
    const { container } = renderChat(ana, <RoomHeader roomId="general" />);
    await settle(chat);
    expect(button(container)?.textContent).toBe('2 pinned messages');
    await settle(chat, () => fireEvent.click(button(container)!));
    await waitFor(() => expect(panel()?.querySelectorAll('.confab-pinned-item')).toHaveLength(2));
    // Newest pin first.
    expect([...panel()!.querySelectorAll('.confab-pinned-text')].map((item) => item.textContent)).toEqual(['Lunch at noon?', excerpt(said[1]!.text)]);
    await settle(chat, () => fireEvent.click(within(panel()!).getByRole('button', { name: 'Unpin: Bo Svensson' })));
    await waitFor(() => expect(panel()?.querySelectorAll('.confab-pinned-item')).toHaveLength(1));
    expect(button(container)?.textContent).toBe('1 pinned message');
    await settle(chat, () => chat.server.actAs('chen', { type: 'message.delete', roomId: 'general', messageId: said[1]!.id }));
    await waitFor(() => expect(panel()?.textContent).toContain('No pinned messages yet.'));
    expect(button(container)?.textContent).toBe('0 pinned messages');
    await act(async () => fireEvent.keyDown(panel()!, { key: 'Escape' }));
    expect(button(container)).toBeNull();
  });
});

describe('pin, unpin and mark unread in the message actions', () => {
  it('an admin sees Pin (then Unpin) on messages; a member sees neither', async () => {
    await setup();
    const { container } = renderChat(ana, <MessageActions roomId="general" message={said[0]!} />);
    await settle(chat);
    const pin = container.querySelector<HTMLButtonElement>('[data-action="pin"]');
    expect(pin?.getAttribute('aria-label')).toBe('Pin');
    await settle(chat, () => fireEvent.click(pin!));
    expect(ana.store.getState().rooms['general']?.pinnedMessageIds).toEqual([said[1]!.id, said[0]!.id]);
    cleanup();
    const member = renderChat(bo, <MessageActions roomId="general" message={said[1]!} />);
    await settle(chat);
    expect(member.container.querySelector('[data-action="pin"], [data-action="unpin"]')).toBeNull();
  });

  it('offers Mark unread on others’ messages only, and it moves the reader’s cursor back', async () => {
    await setup();
    await bo.markRead('general');
    const own = renderChat(bo, <MessageActions roomId="general" message={said[0]!} />);
    await settle(chat);
    expect(own.container.querySelector('[data-action="mark-unread"]')).toBeNull();
    cleanup();
    const { container } = renderChat(bo, <MessageActions roomId="general" message={said[1]!} />);
    await settle(chat, () => fireEvent.click(container.querySelector('[data-action="mark-unread"]')!));
    expect(bo.store.getState().cursors['general']?.['bo']).toMatchObject({ sequence: said[1]!.sequence - 1, markedUnread: true });
  });
});

describe('excerpt', () => {
  it('keeps one line and cuts long text at a code point with an ellipsis', () => {
    expect(excerpt('a\n\n b')).toBe('a b');
    expect(excerpt('Meeting moved to 3pm', 10)).toBe('Meeting m…');
    expect(excerpt('😀'.repeat(5), 3)).toBe('😀😀…');
  });
});
