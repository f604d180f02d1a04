// @vitest-environment jsdom
import { cleanup } from '@testing-library/react';
import type { ChatClient } from '../../src/react';
import { createTestChat, type TestChat } from '../../src/testing';
import { Message, type MessageProps } from '../../src/ui/Message';
import { MessageList } from '../../src/ui/MessageList';
import { countingPart, renderChat, settle, stubScrolling } from './messageHelpers';

stubScrolling();

let chat: TestChat;
let ana: ChatClient;

afterEach(() => {
  cleanup();
  chat?.close();
});

const statusOf = (container: HTMLElement, sequence: number) => {
  const status = container.querySelector(`.confab-message[data-sequence="${sequence}"] .confab-message-status`);
  return { state: status?.getAttribute('data-status'), label: status?.getAttribute('title') };
};

/** Ana and Bo alone in "pair"; Ana wrote two messages. */
async function pair(): Promise<void> {
  chat = createTestChat({ rooms: [{ id: 'pair', name: 'pair', kind: 'public', createdBy: 'ana', memberIds: ['ana', 'bo'] }] });
  ana = await chat.connect('ana');
  chat.say('ana', 'pair', 'first');
  chat.say('ana', 'pair', 'second');
}

describe('delivery ticks on one’s own messages', () => {
  it('go from one tick (sent) to two (delivered) to read, each with a spoken label', async () => {
    await pair();
    const { container } = renderChat(ana, <MessageList roomId="pair" />, { roomId: 'pair' });
    await settle(chat);
    expect(statusOf(container, 2)).toMatchObject({ state: 'sent', label: 'Sent' });
    expect(container.querySelector('.confab-message[data-sequence="2"]')?.getAttribute('data-status')).toBe('sent');
    // Bo's device receives the messages (a delivery report), then Bo reads the first.
    await settle(chat, () => chat.server.actAs('bo', { type: 'cursor.delivered', roomId: 'pair', sequence: 2 }));
    expect(statusOf(container, 2)).toMatchObject({ state: 'delivered', label: 'Delivered' });
    expect(container.querySelector('.confab-message[data-sequence="2"] .confab-icon-checkDouble')).not.toBeNull();
    await settle(chat, () => chat.server.actAs('bo', { type: 'cursor.set', roomId: 'pair', sequence: 1 }));
    expect(statusOf(container, 1)).toMatchObject({ state: 'read', label: 'Read' });
    expect(statusOf(container, 2)).toMatchObject({ state: 'delivered' });
  });

  it('a real second client reports delivery by itself once the messages reach it', async () => {
    await pair();
    const { container } = renderChat(ana, <MessageList roomId="pair" />, { roomId: 'pair' });
    await settle(chat);
    await settle(chat, async () => {
      await chat.connect('bo', { deliveryThrottleMs: 10 });
      await new Promise((resolve) => setTimeout(resolve, 40));
    });
    expect(statusOf(container, 2).state).toBe('delivered');
  });

  it('in a group, say how many of the others read it until all have', async () => {
    chat = createTestChat({ rooms: [{ id: 'team', name: 'team', kind: 'public', createdBy: 'ana', memberIds: ['ana', 'bo', 'chen', 'dara'] }] });
    ana = await chat.connect('ana');
    chat.say('ana', 'team', 'hello team');
    const { container } = renderChat(ana, <MessageList roomId="team" />, { roomId: 'team' });
    await settle(chat);
    await settle(chat, () => chat.server.actAs('bo', { type: 'cursor.set', roomId: 'team', sequence: 1 }));
    expect(statusOf(container, 1).label).toBe('Sent, Read by 1 of 3');
    expect(container.querySelector('.confab-message-status-count')?.textContent).toBe('Read by 1 of 3');
    for (const who of ['chen', 'dara']) await settle(chat, () => chat.server.actAs(who, { type: 'cursor.set', roomId: 'team', sequence: 1 }));
    expect(statusOf(container, 1)).toMatchObject({ state: 'read', label: 'Read' });
    expect(container.querySelector('.confab-message-status-count')).toBeNull();
  });

  it('others’ messages carry no ticks', async () => {
    await pair();
    chat.say('bo', 'pair', 'from bo');
    const { container } = renderChat(ana, <MessageList roomId="pair" />, { roomId: 'pair' });
    await settle(chat);
    expect(container.querySelector('.confab-message[data-sequence="3"] .confab-message-status')).toBeNull();
  });

  it('a delivery or read update re-renders only the rows whose ticks change', async () => {
    chat = createTestChat({ rooms: [{ id: 'pair', name: 'pair', kind: 'public', createdBy: 'ana', memberIds: ['ana', 'bo'] }, { id: 'other', name: 'other', kind: 'public', createdBy: 'bo' }] });
    ana = await chat.connect('ana');
    // Bo's 1 and 2 (his cursor is at 2), then Ana's 3 to 10.
    for (let i = 1; i <= 10; i++) chat.say(i <= 2 ? 'bo' : 'ana', 'pair', `message ${i}`);
    const key = (props: MessageProps) => `s${props.sequence}`;
    const counted = countingPart(Message, key);
    const { container } = renderChat(ana, <MessageList roomId="pair" />, { roomId: 'pair', components: { Message: counted.Part } });
    await settle(chat);
    expect(container.querySelectorAll('.confab-message')).toHaveLength(10);
    const changedSince = (before: Map<string, number>) =>
      [...counted.counts]
        .filter(([rowKey, count]) => before.get(rowKey) !== count)
        .map(([rowKey]) => rowKey)
        .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));

    // Bo reads up to 6: Ana's 3 to 6 turn read, and nothing else re-renders.
    let before = new Map(counted.counts);
    await settle(chat, () => chat.server.actAs('bo', { type: 'cursor.set', roomId: 'pair', sequence: 6 }));
    expect(changedSince(before)).toEqual(['s3', 's4', 's5', 's6']);
    // Bo's device received up to 10: Ana's 7 to 10 turn delivered.
    before = new Map(counted.counts);
    await settle(chat, () => chat.server.actAs('bo', { type: 'cursor.delivered', roomId: 'pair', sequence: 10 }));
    expect(changedSince(before)).toEqual(['s7', 's8', 's9', 's10']);
    expect(statusOf(container, 10).state).toBe('delivered');
    // Reading on to 8 turns 7 and 8 read.
    before = new Map(counted.counts);
    await settle(chat, () => chat.server.actAs('bo', { type: 'cursor.set', roomId: 'pair', sequence: 8 }));
    expect(changedSince(before)).toEqual(['s7', 's8']);
    // Cursors moving in another room re-render no row here.
    before = new Map(counted.counts);
    await settle(chat, () => {
      chat.say('bo', 'other', 'elsewhere');
      chat.server.actAs('chen', { type: 'cursor.set', roomId: 'other', sequence: 1 });
    });
    expect(changedSince(before)).toEqual([]);
  });
});
