// @vitest-environment jsdom
import { cleanup } from '@testing-library/react';
import { selectMessages } from '../../src/core';
import { SYSTEM_USER_ID } from '../../src/protocol';
import type { ChatClient } from '../../src/react';
import { createTestChat, fixtures, type TestChat } from '../../src/testing';
import { MessageList } from '../../src/ui/MessageList';
import { RoomList } from '../../src/ui/RoomList';
import { renderChat, settle, stubScrolling } from './messageHelpers';

stubScrolling();

let chat: TestChat;
const clients: ChatClient[] = [];

afterEach(() => {
  cleanup();
  for (const client of clients.splice(0)) client.close();
  chat?.close();
});

describe('system messages', () => {
  it("reach two rooms' members and render as a centered notice without avatar or author", async () => {
    chat = createTestChat({
      users: fixtures.people,
      rooms: [
        { id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] },
        { id: 'ops', name: 'ops', kind: 'private', createdBy: 'chen', memberIds: ['dara'] },
      ],
    });
    chat.say('bo', 'general', 'Morning!');
    const ana = await chat.connect('ana');
    const dara = await chat.connect('dara');
    clients.push(ana, dara);
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);

    await settle(chat, () => chat.server.announce({ text: 'Maintenance on **Saturday** at https://status.example.com', roomIds: ['general', 'ops'] }));
    expect(selectMessages(ana.store.getState(), 'general').at(-1)).toMatchObject({ authorId: SYSTEM_USER_ID, system: true });
    expect(selectMessages(dara.store.getState(), 'ops').at(-1)).toMatchObject({ authorId: SYSTEM_USER_ID, system: true });

    const notice = container.querySelector<HTMLElement>('.confab-system-notice')!;
    expect(notice).not.toBeNull();
    expect(notice.dataset.system).toBe('');
    expect(notice.getAttribute('aria-label')).toBe('Announcement');
    expect(notice.textContent).toContain('Maintenance on Saturday');
    expect(notice.querySelector('strong')?.textContent).toBe('Saturday');
    expect(notice.querySelector('a')?.getAttribute('href')).toBe('https://status.example.com/');
    // A notice, not a person's message: no avatar, no author name, no actions.
    expect(notice.querySelector('.confab-avatar, .confab-message-author, .confab-message-actions')).toBeNull();
    expect(notice.closest('.confab-message')).toBeNull();
    // People's messages around it are still messages.
    expect(container.querySelector('.confab-message .confab-message-author')?.textContent).toBe('Bo Svensson');
    expect(container.querySelector('.confab-message .confab-avatar')).not.toBeNull();

    // The room list previews it as the server's words, with no author before them.
    const list = renderChat(ana, <RoomList />);
    await settle(chat);
    const preview = list.container.querySelector('.confab-room-list-item-preview');
    expect(preview?.textContent).toBe('Maintenance on Saturday at https://status.example.com');
  });

  it('sign a deleted person\'s old messages "Deleted user"', async () => {
    chat = createTestChat({ users: fixtures.people, rooms: [{ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] }] });
    chat.say('bo', 'general', 'I am leaving the company');
    const ana = await chat.connect('ana');
    clients.push(ana);
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    expect(container.querySelector('.confab-message-author')?.textContent).toBe('Bo Svensson');
    await settle(chat, () => chat.server.deleteUser('bo'));
    const row = container.querySelector<HTMLElement>('.confab-message[data-deleted]')!;
    expect(row.querySelector('.confab-message-author')?.textContent).toBe('Deleted user');
    expect(row.textContent).not.toContain('leaving the company');
  });
});
