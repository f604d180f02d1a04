// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import type { ChatClient } from '../../src/react';
import { createTestChat, type TestChat } from '../../src/testing';
import { Message } from '../../src/ui/Message';
import { RoomHeader } from '../../src/ui/RoomHeader';
import { RoomList } from '../../src/ui/RoomList';
import { renderChat, settle, stubScrolling } from './messageHelpers';

stubScrolling();

let chat: TestChat;
let ana: ChatClient;
afterEach(() => {
  cleanup();
  chat?.close();
});

describe('an action message (/me)', () => {
  it('reads "* Name text" and says data-kind="action"', async () => {
    chat = createTestChat();
    const sent = chat.server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: 'm', text: 'waves <b>hi</b>', kind: 'action' });
    if (!sent.ok) throw sent.error;
    ana = await chat.connect('ana');
    await ana.connect();
    await ana.loadOlder('general');
    const { container } = renderChat(ana, <Message roomId="general" sequence={sent.value.sequence} />);
    await settle(chat);
    expect(container.querySelector('.confab-message')?.getAttribute('data-kind')).toBe('action');
    expect(container.querySelector('.confab-message-text')?.textContent).toBe('* Bo Svensson waves <b>hi</b>');
    expect(container.querySelector('b')).toBeNull();
  });
});

describe('the room list preview of an action message', () => {
  it('reads "* Name text", for one’s own too', async () => {
    chat = createTestChat();
    chat.server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: 'm', text: 'waves', kind: 'action' });
    chat.server.actAs('ana', { type: 'message.send', roomId: 'random', clientId: 'n', text: 'shrugs', kind: 'action' });
    ana = await chat.connect('ana');
    await ana.connect();
    const { container } = renderChat(ana, <RoomList />);
    await settle(chat);
    const previews = [...container.querySelectorAll('.confab-room-list-item-preview')].map((preview) => preview.textContent);
    expect(previews).toEqual(expect.arrayContaining(['* Bo Svensson waves', '* Ana Lima shrugs']));
  });
});

describe('the room header', () => {
  it('shows the room topic and follows its changes', async () => {
    chat = createTestChat();
    ana = await chat.connect('ana');
    await ana.connect();
    renderChat(ana, <RoomHeader roomId="general" />);
    await settle(chat);
    expect(document.querySelector('.confab-room-header-topic')).toBeNull();
    await settle(chat, () => ana.updateRoom('general', { topic: 'Release on Friday' }));
    expect(screen.getByLabelText('Topic: Release on Friday').textContent).toBe('Release on Friday');
    await settle(chat, () => ana.updateRoom('general', { topic: '' }));
    expect(document.querySelector('.confab-room-header-topic')).toBeNull();
  });
});
