// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ChatClient } from '../../../src/react';
import { createTestChat, type TestChat } from '../../../src/testing';
import { Message } from '../../../src/ui/Message';
import { pollRows } from '../../../src/ui/polls';
import { renderChat, settle, stubScrolling } from '../messageHelpers';

stubScrolling();

let chat: TestChat;
let ana: ChatClient;
afterEach(() => {
  cleanup();
  chat?.close();
});

/** A poll by `authorId` in general, and Ana's client with it loaded. */
async function pollWorld(options: { multiple?: boolean; anonymous?: boolean; authorId?: string } = {}) {
  chat = createTestChat();
  const created = chat.server.actAs(options.authorId ?? 'bo', {
    type: 'poll.create',
    roomId: 'general',
    clientId: 'p1',
    question: 'Lunch?',
    options: ['Pizza', 'Sushi', 'Salad'],
    multiple: options.multiple ?? false,
    anonymous: options.anonymous ?? false,
  });
  if (!created.ok) throw created.error;
  ana = await chat.connect('ana');
  await ana.connect();
  await ana.loadOlder('general');
  const rendered = renderChat(ana, <Message roomId="general" sequence={created.value.sequence} />);
  await settle(chat);
  return { ...rendered, poll: created.value };
}

function optionRow(name: string): HTMLElement {
  return screen.getByText(name).closest('.confab-poll-option') as HTMLElement;
}

describe('PollCard', () => {
  it('is a radio group for a single choice; a vote is counted on the server and marked as one’s own', async () => {
    const { poll } = await pollWorld();
    const group = screen.getByRole('radiogroup', { name: 'Lunch?' });
    expect(within(group).getAllByRole('radio')).toHaveLength(3);
    expect(screen.getByText('Choose one')).toBeTruthy();
    chat.server.actAs('chen', { type: 'poll.vote', roomId: 'general', messageId: poll.id, optionIds: ['o1'] });
    await settle(chat);
    await settle(chat, () => fireEvent.click(screen.getByRole('radio', { name: /Sushi/ })));
    await waitFor(() => expect((screen.getByRole('radio', { name: /Sushi/ }) as HTMLInputElement).checked).toBe(true));
    expect(optionRow('Sushi').hasAttribute('data-chosen')).toBe(true);
    expect(optionRow('Pizza').hasAttribute('data-chosen')).toBe(false);
    expect(optionRow('Sushi').textContent).toContain('50% · 1 vote');
    expect(optionRow('Pizza').textContent).toContain('Voted by Chen Wei');
    expect(optionRow('Sushi').textContent).toContain('Voted by Ana Lima');
    expect(screen.getByText('2 people voted')).toBeTruthy();
    const stored = chat.server.actAs('bo', { type: 'message.history', roomId: 'general' });
    expect(stored.ok && stored.value.messages[0]?.poll?.counts.map((count) => count.votes)).toEqual([1, 1, 0]);
  });

  it('is a group of checkboxes for multiple choice, toggling each option', async () => {
    await pollWorld({ multiple: true });
    expect(screen.getByRole('group', { name: 'Lunch?' })).toBeTruthy();
    await settle(chat, () => fireEvent.click(screen.getByRole('checkbox', { name: /Pizza/ })));
    await settle(chat, () => fireEvent.click(screen.getByRole('checkbox', { name: /Salad/ })));
    await waitFor(() => expect(screen.getAllByRole('checkbox').map((box) => (box as HTMLInputElement).checked)).toEqual([true, false, true]));
    await settle(chat, () => fireEvent.click(screen.getByRole('checkbox', { name: /Pizza/ })));
    await waitFor(() => expect(screen.getAllByRole('checkbox').map((box) => (box as HTMLInputElement).checked)).toEqual([false, false, true]));
  });

  it('shows an anonymous poll’s counts without names, and one’s own vote after a reload', async () => {
    const { poll, unmount } = await pollWorld({ anonymous: true });
    chat.server.actAs('ana', { type: 'poll.vote', roomId: 'general', messageId: poll.id, optionIds: ['o3'] });
    chat.server.actAs('chen', { type: 'poll.vote', roomId: 'general', messageId: poll.id, optionIds: ['o3'] });
    await settle(chat);
    expect(screen.getByText('Choose one · Anonymous poll')).toBeTruthy();
    expect(optionRow('Salad').textContent).toContain('100% · 2 votes');
    expect(document.querySelector('.confab-poll-voters')).toBeNull();
    unmount();
    // A fresh client (a reload) asks the server for Ana's own choice alone.
    const again = await chat.connect('ana');
    await again.connect();
    await again.loadOlder('general');
    renderChat(again, <Message roomId="general" sequence={poll.sequence} />);
    await settle(chat);
    await waitFor(() => expect((screen.getByRole('radio', { name: /Salad/ }) as HTMLInputElement).checked).toBe(true));
  });

  it('lets its author close it; a closed poll shows its results and takes no votes', async () => {
    await pollWorld({ authorId: 'ana' });
    await settle(chat, () => fireEvent.click(screen.getByRole('button', { name: 'Close poll' })));
    await waitFor(() => expect(screen.getByText('Poll closed')).toBeTruthy());
    expect(document.querySelector('.confab-poll')?.hasAttribute('data-closed')).toBe(true);
    expect(screen.getAllByRole('radio').every((radio) => (radio as HTMLInputElement).disabled)).toBe(true);
    expect(screen.queryByRole('button', { name: 'Close poll' })).toBeNull();
  });

  it('offers Close only to the author or an admin', async () => {
    await pollWorld({ authorId: 'chen' });
    // Ana created general, so she is its admin; Bo is not.
    expect(screen.getByRole('button', { name: 'Close poll' })).toBeTruthy();
    cleanup();
    chat.close();
    chat = createTestChat();
    const created = chat.server.actAs('chen', { type: 'poll.create', roomId: 'general', clientId: 'x', question: 'Q?', options: ['a', 'b'] });
    if (!created.ok) throw created.error;
    const bo = await chat.connect('bo');
    await bo.connect();
    await bo.loadOlder('general');
    renderChat(bo, <Message roomId="general" sequence={created.value.sequence} />);
    await settle(chat);
    expect(screen.getByRole('radiogroup', { name: 'Q?' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Close poll' })).toBeNull();
  });
});

describe('pollRows', () => {
  it('gives each option its share of the people who voted, and marks one’s own choice', () => {
    const rows = pollRows(
      {
        question: 'Q',
        multiple: true,
        anonymous: true,
        voterCount: 3,
        options: [
          { id: 'o1', text: 'a' },
          { id: 'o2', text: 'b' },
        ],
        counts: [
          { optionId: 'o1', votes: 3 },
          { optionId: 'o2', votes: 1 },
        ],
      },
      ['o2'],
    );
    expect(rows.map((row) => [row.percent, row.chosen])).toEqual([
      [100, false],
      [33, true],
    ]);
  });
});
