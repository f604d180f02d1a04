// @vitest-environment jsdom
import { act, cleanup, fireEvent, waitFor, within } from '@testing-library/react';
import { createChatClient, type ChatClient } from '../../src/react';
import { ChatError } from '../../src/protocol';
import { createTestChat, type TestChat } from '../../src/testing';
import { Message, type MessageProps } from '../../src/ui/Message';
import { MessageList } from '../../src/ui/MessageList';
import { TypingIndicator } from '../../src/ui/TypingIndicator';
import { countingPart, loadAll, renderChat, settle, stubScrolling } from './messageHelpers';

stubScrolling();

let chat: TestChat;
let ana: ChatClient;
let bo: ChatClient;

afterEach(() => {
  cleanup(); // unmount before the sessions close, so no update lands outside act
  chat?.close();
});

async function setup(messages = 3, options: Parameters<typeof createTestChat>[0] = {}): Promise<void> {
  chat = createTestChat({ messages: { general: messages }, ...options });
  [ana, bo] = await Promise.all([chat.connect('ana'), chat.connect('bo')]);
}

const rows = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('.confab-message')];
const messageKey = (props: MessageProps) => (props.sequence !== undefined ? `s${props.sequence}` : props.pending ? `p${props.pending.clientId}` : `m${props.message?.id}`);

describe('MessageList', () => {
  it('shows the room’s messages with names, times and a date separator, and a polite log', async () => {
    await setup(3);
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    expect(rows(container)).toHaveLength(3);
    expect(container.querySelector('.confab-date-separator')).not.toBeNull();
    expect(container.textContent).toContain('Morning all! (#1)');
    expect(container.textContent).toContain('Ana Lima');
    expect(container.querySelector('[role="log"][aria-live="polite"]')).not.toBeNull();
    const scroller = container.querySelector('.confab-message-list-scroller');
    expect(scroller?.getAttribute('tabindex')).toBe('0');
    expect(scroller?.getAttribute('aria-label')).toBe('Messages');
    expect(rows(container).map((row) => row.dataset['sequence'])).toEqual(['1', '2', '3']);
  });

  it('shows the empty state in a room without messages', async () => {
    await setup(0);
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    expect(container.querySelector('.confab-message-list')?.getAttribute('data-state')).toBe('empty');
    expect(container.textContent).toContain('No messages yet. Say hello!');
  });

  it('in a 10,000-message room holds only about a screenful of rows', async () => {
    await setup(10_000);
    await loadAll(ana, 'general');
    expect(ana.store.getState().timelines['general']?.messages.size).toBe(10_000);
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const count = rows(container).length;
    // 600 px of 40 px rows is 15; Virtuoso's extra top margin adds a few.
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(40);
    // The newest message is in view.
    expect(rows(container).at(-1)?.dataset['sequence']).toBe('10000');
  });

  it('an incoming message renders exactly one new Message and re-renders no other', async () => {
    await setup(20);
    const counted = countingPart(Message, messageKey);
    const { container } = renderChat(ana, <MessageList roomId="general" />, { components: { Message: counted.Part } });
    await settle(chat);
    expect(rows(container).length).toBeGreaterThan(5);
    const before = new Map(counted.counts);

    await settle(chat, () => chat.say('bo', 'general', 'A new one'));
    expect(container.textContent).toContain('A new one');
    const changed = [...counted.counts].filter(([key, count]) => before.get(key) !== count);
    expect(changed).toEqual([['s21', 1]]);
  });

  it('a typing notice re-renders no message, and the indicator says who types', async () => {
    await setup(5);
    const counted = countingPart(Message, messageKey);
    const { container } = renderChat(ana, <MessageList roomId="general" />, { components: { Message: counted.Part } });
    await settle(chat);
    const before = counted.total();
    await settle(chat, () => bo.notifyTyping('general'));
    expect(container.querySelector('.confab-typing-indicator')?.textContent).toBe('Bo Svensson is typing…');
    expect(container.querySelector('.confab-typing-indicator')?.getAttribute('data-state')).toBe('typing');
    expect(counted.total()).toBe(before);
  });

  it('a reaction re-renders one message', async () => {
    await setup(5);
    const counted = countingPart(Message, messageKey);
    const { container } = renderChat(ana, <MessageList roomId="general" />, { components: { Message: counted.Part } });
    await settle(chat);
    const before = new Map(counted.counts);
    const third = ana.store.getState().timelines['general']!.messages.get(3)!;
    await settle(chat, () => bo.toggleReaction('general', third.id, '🎉'));
    const changed = [...counted.counts].filter(([key, count]) => before.get(key) !== count).map(([key]) => key);
    expect(changed).toEqual(['s3']);
    const row = container.querySelector('[data-sequence="3"]') as HTMLElement;
    const reaction = within(row).getByRole('button', { name: '🎉1' });
    expect(reaction.getAttribute('title')).toBe('\u2068Bo Svensson\u2069 reacted with 🎉');
  });

  it('groups consecutive messages by one author, with the avatar and name on the first only', async () => {
    chat = createTestChat();
    chat.say('bo', 'general', 'one');
    chat.say('bo', 'general', 'two');
    chat.say('ana', 'general', 'three');
    ana = await chat.connect('ana');
    bo = await chat.connect('bo');
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const [first, second, third] = rows(container);
    expect(first?.hasAttribute('data-grouped')).toBe(false);
    expect(second?.hasAttribute('data-grouped')).toBe(true);
    expect(second?.querySelector('.confab-message-author')).toBeNull();
    expect(third?.hasAttribute('data-grouped')).toBe(false);
    expect(third?.hasAttribute('data-own')).toBe(true);
  });

  it('puts the unread line before the first message the reader had not read, and keeps it there', async () => {
    await setup(10);
    await act(() => ana.markRead('general', 6));
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const list = container.querySelector('.confab-message-list-scroller') as HTMLElement;
    const separator = container.querySelector('.confab-unread-separator');
    expect(separator).not.toBeNull();
    expect((separator?.parentElement?.nextElementSibling as HTMLElement | null)?.querySelector('.confab-message')?.getAttribute('data-sequence')).toBe('7');
    // Reading on (the list is in focus and at the bottom) moves the cursor, not the line.
    list.focus();
    await settle(chat);
    await waitFor(() => expect(ana.store.getState().cursors['general']?.['ana']?.sequence).toBe(10));
    expect(container.querySelector('.confab-unread-separator')).not.toBeNull();
  });

  it('opens at the unread line and marks read only what comes into view', async () => {
    chat = createTestChat();
    chat.seedMessages('general', 100, { authorIds: ['bo', 'chen'] });
    ana = await chat.connect('ana');
    await act(() => ana.markRead('general', 70));
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const scroller = container.querySelector('.confab-message-list-scroller') as HTMLElement;
    scroller.focus();
    await settle(chat);
    const sequences = rows(container).map((row) => Number(row.dataset['sequence']));
    expect(sequences).toContain(71);
    expect(sequences).not.toContain(100);
    const read = ana.store.getState().cursors['general']?.['ana']?.sequence ?? 0;
    expect(read).toBeGreaterThan(70);
    expect(read).toBeLessThan(100);
    expect(container.querySelector('.confab-jump-to-unread')).toBeNull();
    // (Scrolling itself, the jump back and the new-messages pill need layout: the browser tests cover them.)
  });

  it('opens a room with 250 unread at the first unread, with the pages around it, and leaves the server’s cursor where the reader is', async () => {
    chat = createTestChat();
    chat.seedMessages('general', 300, { authorIds: ['bo', 'chen'] });
    chat.server.actAs('ana', { type: 'cursor.set', roomId: 'general', sequence: 50 });
    ana = await chat.connect('ana');
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    (container.querySelector('.confab-message-list-scroller') as HTMLElement).focus();
    await settle(chat);
    const separator = container.querySelector('.confab-unread-separator');
    expect((separator?.parentElement?.nextElementSibling as HTMLElement | null)?.querySelector('.confab-message')?.getAttribute('data-sequence')).toBe('51');
    expect(ana.store.getState().timelines['general']?.covered).toEqual([{ from: 1, to: 100 }]);
    const shown = rows(container).map((row) => Number(row.dataset['sequence']));
    const outcome = chat.server.actAs('ana', { type: 'cursor.list', roomId: 'general' });
    const cursor = outcome.ok ? outcome.value.find((entry) => entry.userId === 'ana')?.sequence : undefined;
    expect(cursor).toBeGreaterThan(50);
    expect(cursor).toBeLessThanOrEqual(Math.max(...shown));
    expect(container.querySelector('.confab-jump-to-latest')).not.toBeNull();
  });

  it('names the other person at the beginning of a direct room', async () => {
    chat = createTestChat();
    const roomId = chat.directRoomId('ana', 'bo');
    chat.say('bo', roomId, 'Hi Ana');
    ana = await chat.connect('ana');
    const { container } = renderChat(ana, <MessageList roomId={roomId} />, { roomId });
    await settle(chat);
    expect(container.querySelector('.confab-message-list-header')?.textContent).toContain('This is the beginning of Bo Svensson.');
  });

  it('announces a message from someone else in the live region, and not the history', async () => {
    await setup(3);
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const log = container.querySelector('[role="log"]') as HTMLElement;
    expect(log.textContent).toBe('');
    await settle(chat, () => chat.say('bo', 'general', 'Hello Ana'));
    expect(log.textContent).toBe('Bo Svensson: Hello Ana');
  });

  it('shows a failed send with Retry, which resends it, and Discard', async () => {
    chat = createTestChat({ messages: { general: 2 } });
    let refuse = true;
    const transport = chat.transport('ana');
    const flaky = new Proxy(transport, {
      get(target, key, receiver) {
        if (key !== 'request') return Reflect.get(target, key, receiver) as unknown;
        return (command: { type: string }) => {
          if (command.type === 'message.send' && refuse) return Promise.reject(new ChatError('forbidden', 'Not now.'));
          return target.request(command as never);
        };
      },
    });
    ana = createChatClient({ transport: flaky });
    await ana.connect();
    bo = await chat.connect('bo');
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    await settle(chat, () => ana.sendMessage('general', { text: 'first try' }).catch(() => {}));
    const failed = container.querySelector('.confab-message[data-status="failed"]') as HTMLElement;
    expect(failed).not.toBeNull();
    expect(failed.textContent).toContain('first try');
    expect(within(failed).getByText('Not sent.')).toBeTruthy();
    refuse = false;
    await settle(chat, () => fireEvent.click(within(failed).getByRole('button', { name: 'Retry' })));
    await waitFor(() => expect(container.querySelector('.confab-message[data-status="failed"]')).toBeNull());
    const sent = [...rows(container)].find((row) => row.textContent?.includes('first try'));
    expect(sent?.dataset['sequence']).toBe('3');
    expect(chat.server.getRoom('general')?.lastSequence).toBe(3);

    // Discard drops another failed send.
    refuse = true;
    await settle(chat, () => ana.sendMessage('general', { text: 'second try' }).catch(() => {}));
    const second = container.querySelector('.confab-message[data-status="failed"]') as HTMLElement;
    await settle(chat, () => fireEvent.click(within(second).getByRole('button', { name: 'Discard' })));
    expect(container.textContent).not.toContain('second try');
  });

  it('shows the tombstone of a deleted message, without actions, and the edited mark', async () => {
    await setup(3);
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const state = () => ana.store.getState().timelines['general']!.messages;
    // Message 2 is Bo's (the fixtures take turns): he edits it, then deletes message... his own too.
    const second = state().get(2)!;
    expect(second.authorId).toBe('bo');
    await settle(chat, () => bo.editMessage('general', second.id, { text: 'Edited text' }));
    const edited = container.querySelector('[data-sequence="2"]') as HTMLElement;
    expect(edited.hasAttribute('data-edited')).toBe(true);
    expect(edited.textContent).toContain('Edited text');
    expect(edited.querySelector('.confab-message-edited')?.textContent?.trim()).toBe('(edited)');

    await settle(chat, () => bo.deleteMessage('general', second.id));
    const deleted = container.querySelector('[data-sequence="2"]') as HTMLElement;
    expect(deleted.hasAttribute('data-deleted')).toBe(true);
    expect(deleted.textContent).toContain('This message was deleted.');
    expect(deleted.textContent).not.toContain('Edited text');
    fireEvent.mouseEnter(deleted);
    expect(deleted.querySelector('[role="toolbar"]')).toBeNull();
  });

  it('toggles the reader’s reaction from the reactions and the action bar', async () => {
    await setup(2);
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const row = () => container.querySelector('[data-sequence="2"]') as HTMLElement;
    fireEvent.mouseEnter(row());
    const toolbar = within(row()).getByRole('toolbar', { name: 'Message actions' });
    await settle(chat, () => fireEvent.click(within(toolbar).getByRole('button', { name: 'React with 👍' })));
    const reaction = within(row()).getByRole('button', { name: '👍1' });
    expect(reaction.getAttribute('title')).toBe('You reacted with 👍');
    expect(reaction.hasAttribute('data-own')).toBe(true);
    expect(reaction.getAttribute('aria-pressed')).toBe('true');
    await settle(chat, () => fireEvent.click(reaction));
    expect(row().querySelector('.confab-reaction')).toBeNull();
    expect(chat.server.getRoom('general')).toBeDefined();
  });

  it('opens the thread from the reply count through the room view', async () => {
    await setup(0);
    const parent = chat.say('ana', 'general', 'a question');
    chat.say('bo', 'general', 'a reply', { parentId: parent.id });
    chat.say('chen', 'general', 'another', { parentId: parent.id });
    const rendered = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const row = rendered.container.querySelector(`[data-sequence="${parent.sequence}"]`) as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: '2 replies' }));
    expect(rendered.threadChanges).toEqual([parent.id]);
    // Replies stay out of the main list.
    expect(rendered.container.textContent).not.toContain('a reply');
  });

  it('moves focus between messages with Up and Down, and Escape goes to the composer', async () => {
    await setup(5);
    const rendered = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const scroller = rendered.container.querySelector('.confab-message-list-scroller') as HTMLElement;
    scroller.focus();
    fireEvent.keyDown(scroller, { key: 'ArrowUp' });
    await settle(chat);
    expect(document.activeElement?.getAttribute('data-sequence')).toBe('5');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowUp' });
    await settle(chat);
    expect(document.activeElement?.getAttribute('data-sequence')).toBe('4');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowDown' });
    await settle(chat);
    expect(document.activeElement?.getAttribute('data-sequence')).toBe('5');
    // Focus shows the action bar.
    expect(within(document.activeElement as HTMLElement).getByRole('toolbar')).toBeTruthy();
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Escape' });
    expect(rendered.composer.focused).toBe(1);
  });

  it('shows read receipts under the last message each person has read', async () => {
    // Everyone has read their own messages (the server moves a sender's cursor); Chen reads on.
    await setup(0);
    chat.say('ana', 'general', 'one');
    chat.say('ana', 'general', 'two');
    chat.say('ana', 'general', 'three');
    const chen = await chat.connect('chen');
    const { container } = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const receiptsAt = () =>
      [...container.querySelectorAll('.confab-read-receipts')].map((element) => [
        element.closest('.confab-message-row')?.querySelector('.confab-message')?.getAttribute('data-sequence'),
        element.getAttribute('aria-label'),
      ]);
    expect(receiptsAt()).toEqual([]);
    await settle(chat, () => chen.markRead('general', 2));
    expect(receiptsAt()).toEqual([['2', 'Seen by \u2068Chen Wei\u2069']]);
    // Own messages read by some of the others say how many; "read" waits for all of them.
    expect(container.querySelector('[data-sequence="2"]')?.getAttribute('data-status')).toBe('sent');
    expect(container.querySelector('[data-sequence="2"] .confab-message-status')?.getAttribute('title')).toMatch(/^Sent, Read by 1 of \d+$/);
    expect(container.querySelector('[data-sequence="3"] .confab-message-status')?.getAttribute('title')).toBe('Sent');
    // Reading on moves the receipt down.
    await settle(chat, () => chen.markRead('general', 3));
    expect(receiptsAt()).toEqual([['3', 'Seen by \u2068Chen Wei\u2069']]);
  });
});

describe('TypingIndicator', () => {
  it('names one, two, or says several, and keeps an empty live region when nobody types', async () => {
    await setup(0);
    const [chen, dara] = await Promise.all([chat.connect('chen'), chat.connect('dara')]);
    const { container } = renderChat(ana, <TypingIndicator roomId="general" />);
    await settle(chat);
    const line = container.querySelector('.confab-typing-indicator') as HTMLElement;
    expect(line.getAttribute('aria-live')).toBe('polite');
    expect(line.textContent).toBe('');
    await settle(chat, () => bo.notifyTyping('general'));
    expect(line.textContent).toBe('Bo Svensson is typing…');
    expect(line.querySelector('bdi')?.textContent).toBe('Bo Svensson');
    await settle(chat, () => chen.notifyTyping('general'));
    expect(line.textContent).toBe('Bo Svensson and Chen Wei are typing…');
    await settle(chat, () => dara.notifyTyping('general'));
    expect(line.textContent).toBe('Several people are typing…');
  });
});

