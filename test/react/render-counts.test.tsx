// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { useRef } from 'react';
import { ChatProvider, useMessage, useMessages, useTyping, type ChatClient } from '../../src/react';
import { createTestChat, type TestChat } from '../../src/testing';
import { settle } from './helpers';

/** Counts renders of each named component. */
function counter() {
  const counts = new Map<string, number>();
  return {
    counts,
    hit(name: string) {
      counts.set(name, (counts.get(name) ?? 0) + 1);
    },
    of(name: string) {
      return counts.get(name) ?? 0;
    },
  };
}

let chat: TestChat;
let ana: ChatClient;
let bo: ChatClient;

beforeEach(async () => {
  chat = createTestChat({ messages: { general: 3, random: 2 } });
  [ana, bo] = await Promise.all([chat.connect('ana'), chat.connect('bo')]);
  await Promise.all([ana.loadOlder('general'), ana.loadOlder('random')]);
});
afterEach(() => {
  cleanup(); // unmount before the sessions close, so no update lands outside act
  chat.close();
});

describe('render counts', () => {
  it('a room’s message list does not re-render for an event in another room', async () => {
    const renders = counter();
    function GeneralMessages() {
      renders.hit('general');
      const { messages } = useMessages('general');
      return <p data-testid="general">{messages.length}</p>;
    }
    render(
      <ChatProvider client={ana}>
        <GeneralMessages />
      </ChatProvider>,
    );
    await settle(chat);
    const before = renders.of('general');

    await settle(chat, () => bo.sendMessage('random', { text: 'over in random' }));
    const firstInRandom = ana.store.getState().timelines['random']!.messages.at(0)!;
    await settle(chat, () => bo.toggleReaction('random', firstInRandom.id, '🎉'));
    await settle(chat, () => bo.markRead('random'));
    expect(ana.store.getState().timelines['random']!.messages.size).toBe(3);
    expect(renders.of('general')).toBe(before);

    // It does re-render for its own room.
    await settle(chat, () => bo.sendMessage('general', { text: 'over in general' }));
    await waitFor(() => expect(screen.getByTestId('general').textContent).toBe('4'));
    expect(renders.of('general')).toBe(before + 1);
  });

  it('a typing notice re-renders the typing indicator, not the message list', async () => {
    const renders = counter();
    function List() {
      renders.hit('list');
      const { messages } = useMessages('general');
      return <p>{messages.length}</p>;
    }
    function Typing() {
      renders.hit('typing');
      const { users } = useTyping('general');
      return <p data-testid="typing">{users.map((user) => user.name).join(', ')}</p>;
    }
    render(
      <ChatProvider client={ana}>
        <List />
        <Typing />
      </ChatProvider>,
    );
    await settle(chat);
    const list = renders.of('list');
    const typing = renders.of('typing');

    await settle(chat, () => bo.notifyTyping('general'));
    await waitFor(() => expect(screen.getByTestId('typing').textContent).toBe('Bo Svensson'));
    expect(renders.of('typing')).toBe(typing + 1);
    expect(renders.of('list')).toBe(list);

    await settle(chat, () => bo.stopTyping('general'));
    await waitFor(() => expect(screen.getByTestId('typing').textContent).toBe(''));
    expect(renders.of('list')).toBe(list);
  });

  it('a reaction re-renders the row of its message only', async () => {
    const renders = counter();
    function Row({ sequence }: { sequence: number }) {
      renders.hit(`row${sequence}`);
      const message = useMessage('general', sequence);
      const reactions = message?.reactions.map((reaction) => `${reaction.emoji}${reaction.userIds.length}`).join(' ');
      return <li data-testid={`row${sequence}`}>{`${message?.text ?? ''} ${reactions ?? ''}`}</li>;
    }
    render(
      <ChatProvider client={ana}>
        <Row sequence={1} />
        <Row sequence={2} />
        <Row sequence={3} />
      </ChatProvider>,
    );
    await settle(chat);
    const before = [1, 2, 3].map((sequence) => renders.of(`row${sequence}`));
    const second = ana.store.getState().timelines['general']!.messages.get(2)!;

    await settle(chat, () => bo.toggleReaction('general', second.id, '👍'));
    await waitFor(() => expect(screen.getByTestId('row2').textContent).toContain('👍1'));
    expect(renders.of('row2')).toBe(before[1]! + 1);
    expect(renders.of('row1')).toBe(before[0]);
    expect(renders.of('row3')).toBe(before[2]);
  });

  it('a row keeps its renders flat as new messages arrive below it', async () => {
    const renders = { count: 0 };
    function Row() {
      const count = useRef(0);
      count.current++;
      renders.count = count.current;
      const message = useMessage('general', 1);
      return <li>{message?.text}</li>;
    }
    render(
      <ChatProvider client={ana}>
        <Row />
      </ChatProvider>,
    );
    await settle(chat);
    const before = renders.count;
    for (let i = 0; i < 5; i++) await settle(chat, () => bo.sendMessage('general', { text: `new ${i}` }));
    expect(renders.count).toBe(before);
  });
});
