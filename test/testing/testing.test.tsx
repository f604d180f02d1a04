// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { selectMessages } from '../../src/core';
import { useChatClient, useCurrentUser, useMessages, useRooms } from '../../src/react';
import { createTestChat, fixtures, sampleText, seedMessages, TestChatProvider, type TestChat } from '../../src/testing';

let chat: TestChat;
afterEach(() => {
  cleanup();
  chat?.close();
});

describe('createTestChat', () => {
  it('makes the fixture people, rooms and direct room', () => {
    chat = createTestChat();
    expect(chat.server.listUsers().map((user) => user.id)).toEqual(['ana', 'bo', 'chen', 'dara', 'eli']);
    expect(Object.keys(chat.people)).toEqual(fixtures.people.map((person) => person.id));
    expect(chat.rooms['general']).toMatchObject({ name: 'general', kind: 'public', createdBy: 'ana' });
    expect(chat.rooms['general']?.members.map((member) => member.userId).sort()).toEqual(['ana', 'bo', 'chen', 'dara', 'eli']);
    const dm = chat.directRoomId('ana', 'bo');
    expect(chat.rooms[dm]).toMatchObject({ kind: 'direct' });
    expect(chat.directRoomId('bo', 'ana')).toBe(dm);
  });

  it('seeds messages through the server, quickly, and clients read them', async () => {
    chat = createTestChat({ messages: { general: 1000 } });
    expect(chat.rooms['general']?.lastSequence).toBe(1000);
    const ana = await chat.connect('ana');
    await ana.loadOlder('general');
    const held = selectMessages(ana.store.getState(), 'general');
    expect(held).toHaveLength(50);
    expect(held.at(-1)).toMatchObject({ sequence: 1000, text: sampleText(999) });
  });

  it('takes custom people and rooms, and seeds threads', () => {
    chat = createTestChat({
      users: [
        { id: 'x', name: 'X' },
        { id: 'y', name: 'Y' },
      ],
      rooms: [{ id: 'ops', name: 'ops', kind: 'private', createdBy: 'x' }],
      directMessages: [],
    });
    const parent = chat.say('x', 'ops', 'deploy?');
    const replies = chat.seedMessages('ops', 3, { parentId: parent.id, authorIds: ['y'], text: (i) => `reply ${i}` });
    expect(replies.map((reply) => [reply.authorId, reply.text, reply.parentId])).toEqual([
      ['y', 'reply 0', parent.id],
      ['y', 'reply 1', parent.id],
      ['y', 'reply 2', parent.id],
    ]);
    expect(() => seedMessages(chat.server, 'nowhere', 1)).toThrow('seedMessages: there is no room "nowhere" on this server.');
    expect(() => chat.say('x', 'ops', '')).toThrow(/^say: the server refused: invalid/);
  });

  it('delivers between clients, and close() ends every session', async () => {
    chat = createTestChat({ latencyMs: 5 });
    const [ana, bo] = await Promise.all([chat.connect('ana'), chat.connect('bo')]);
    await ana.sendMessage('general', { text: 'hi Bo' });
    await chat.settle();
    expect(selectMessages(bo.store.getState(), 'general').map((message) => message.text)).toEqual(['hi Bo']);
    chat.close();
    expect(chat.server.getUser('ana')?.presence.state).toBe('offline');
    expect(chat.server.getUser('bo')?.presence.state).toBe('offline');
  });
});

describe('TestChatProvider', () => {
  function Inbox() {
    const { profile } = useCurrentUser();
    const rooms = useRooms();
    const { messages } = useMessages('general');
    return (
      <div>
        <h1>{profile?.name}</h1>
        <p data-testid="rooms">{rooms.length}</p>
        <ul>
          {messages.map((message) => (
            <li key={message.id}>{message.text}</li>
          ))}
        </ul>
      </div>
    );
  }

  it('signs one person in over a shared chat the test drives', async () => {
    chat = createTestChat({ messages: { general: 2 } });
    render(
      <TestChatProvider chat={chat} userId="bo">
        <Inbox />
      </TestChatProvider>,
    );
    expect(await screen.findByText('Bo Svensson')).toBeTruthy();
    expect(screen.getByTestId('rooms').textContent).toBe('3');
    await screen.findByText(sampleText(1));
    chat.say('chen', 'general', 'Hello Bo');
    expect(await screen.findByText('Hello Bo')).toBeTruthy();
  });

  it('makes its own chat when none is given, and closes its client on unmount', async () => {
    let client: ReturnType<typeof useChatClient> | undefined;
    function Grab() {
      client = useChatClient();
      return null;
    }
    const view = render(
      <TestChatProvider options={{ messages: { general: 1 } }}>
        <Inbox />
        <Grab />
      </TestChatProvider>,
    );
    expect(await screen.findByText('Ana Lima')).toBeTruthy();
    view.unmount();
    await waitFor(() => expect(client?.store.getState().connection.state).toBe('closed'));
  });
});
