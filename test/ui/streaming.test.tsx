// @vitest-environment jsdom
import { cleanup, fireEvent, within } from '@testing-library/react';
import type { ChatClient } from '../../src/react';
import type { Message as ChatMessage } from '../../src/protocol';
import { createTestChat, type TestChat } from '../../src/testing';
import { Message, type MessageProps } from '../../src/ui/Message';
import { MessageList } from '../../src/ui/MessageList';
import { countingPart, renderChat, settle, stubScrolling } from './messageHelpers';

stubScrolling();

let chat: TestChat;
let ana: ChatClient;
let bo: ChatClient;

afterEach(() => {
  cleanup();
  chat?.close();
});

async function setup(): Promise<void> {
  chat = createTestChat({ messages: { general: 10 } });
  [ana, bo] = await Promise.all([chat.connect('ana'), chat.connect('bo')]);
}

/** chen (the "bot" here) starts an answer to ana, and appends pieces to it. */
function botAnswer() {
  const started = chat.server.actAs('chen', { type: 'message.send', roomId: 'general', clientId: `a${Math.random()}`, text: '', streaming: { requestedBy: 'ana' } });
  if (!started.ok) throw started.error;
  const message: ChatMessage = started.value;
  let length = 0;
  return {
    message,
    append(piece: string) {
      const outcome = chat.server.actAs('chen', { type: 'message.append', roomId: 'general', messageId: message.id, offset: length, piece });
      if (!outcome.ok) throw outcome.error;
      length = outcome.value.length;
    },
    finish() {
      const outcome = chat.server.actAs('chen', { type: 'message.finish', roomId: 'general', messageId: message.id });
      if (!outcome.ok) throw outcome.error;
    },
  };
}

const messageKey = (props: MessageProps) => (props.sequence !== undefined ? `s${props.sequence}` : `x`);
const row = (container: HTMLElement, sequence: number) => container.querySelector(`[data-sequence="${sequence}"]`) as HTMLElement;

describe('a streamed message in the list', () => {
  it('re-renders only its own row per piece, shows Thinking… then Generating…, and ends looking like any message', async () => {
    await setup();
    const counted = countingPart(Message, messageKey);
    const { container } = renderChat(bo, <MessageList roomId="general" />, { components: { Message: counted.Part } });
    await settle(chat);
    const answer = botAnswer();
    await settle(chat);
    const key = `s${answer.message.sequence}`;
    const streamed = row(container, answer.message.sequence);
    expect(streamed.dataset['streaming']).toBe('generating');
    expect(within(streamed).getByRole('status').textContent).toBe('Thinking…');

    const before = new Map(counted.counts);
    for (const piece of ['Here ', 'is ', 'the ', 'answer.']) await settle(chat, () => answer.append(piece));
    const changed = [...counted.counts].filter(([name, count]) => before.get(name) !== count);
    // Four pieces: the streamed row rendered four more times (once per piece), no other row at all.
    expect(changed).toEqual([[key, (before.get(key) ?? 0) + 4]]);
    expect(row(container, answer.message.sequence).textContent).toContain('Here is the answer.');
    expect(within(row(container, answer.message.sequence)).getByRole('status').textContent).toBe('Generating…');
    // bo did not ask: no Stop button for him.
    expect(within(row(container, answer.message.sequence)).queryByRole('button', { name: 'Stop generating' })).toBeNull();

    await settle(chat, () => answer.finish());
    const ended = row(container, answer.message.sequence);
    expect(ended.dataset['streaming']).toBe('complete');
    expect(ended.querySelector('.confab-streaming')).toBeNull();
    expect(ended.hasAttribute('data-edited')).toBe(false);
    expect(ended.textContent).not.toContain('edited');
  });

  it('offers Stop to the person who asked; pressing it stops the answer for everyone', async () => {
    await setup();
    const anaView = renderChat(ana, <MessageList roomId="general" />);
    await settle(chat);
    const answer = botAnswer();
    await settle(chat, () => answer.append('Partial answer'));
    const stop = within(row(anaView.container, answer.message.sequence)).getByRole('button', { name: 'Stop generating' });
    await settle(chat, () => fireEvent.click(stop));
    const stopped = row(anaView.container, answer.message.sequence);
    expect(stopped.dataset['streaming']).toBe('stopped');
    expect(stopped.querySelector('.confab-streaming')?.textContent).toBe('Stopped');
    expect(stopped.textContent).toContain('Partial answer');
    expect(bo.store.getState().timelines['general']?.messages.get(answer.message.sequence)?.streaming?.state).toBe('stopped');
  });

  it('renders an unclosed code fence as a code block while it streams, and keeps the same element when it closes', async () => {
    await setup();
    const { container } = renderChat(bo, <MessageList roomId="general" />);
    await settle(chat);
    const answer = botAnswer();
    await settle(chat, () => answer.append('Try this:\n```ts\nconst a'));
    const block = row(container, answer.message.sequence).querySelector('pre.confab-code-block') as HTMLElement;
    expect(block).not.toBeNull();
    expect(block.dataset['language']).toBe('ts');
    expect(block.textContent).toBe('const a');
    expect(row(container, answer.message.sequence).textContent).not.toContain('```');
    await settle(chat, () => answer.append(' = 1;\n```\nDone.'));
    const closed = row(container, answer.message.sequence).querySelector('pre.confab-code-block') as HTMLElement;
    expect(closed).toBe(block);
    expect(closed.textContent).toBe('const a = 1;');
  });
});

describe('a stopped streamed message', () => {
  it('shows a code block cut off by Stop as a code block, not as backticks', async () => {
    await setup();
    const { container } = renderChat(bo, <MessageList roomId="general" />);
    await settle(chat);
    const answer = botAnswer();
    await settle(chat, () => answer.append('```js\nlet x'));
    await settle(chat, () => ana.stopStreaming('general', answer.message.id));
    const stopped = row(container, answer.message.sequence);
    expect(stopped.dataset['streaming']).toBe('stopped');
    expect(stopped.querySelector('pre.confab-code-block')?.textContent).toBe('let x');
    expect(stopped.textContent).not.toContain('```');
  });
});
