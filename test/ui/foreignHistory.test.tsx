// @vitest-environment jsdom
import { act, cleanup, waitFor } from '@testing-library/react';
import { createChatClient, type ChatClient } from '../../src/react';
import { createReferenceServer, type ReferenceServer } from '../../src/server';
import { MessageList } from '../../src/ui/MessageList';
import { SwitchableTransport } from '../helpers/switchableTransport';
import { renderChat, stubScrolling } from './messageHelpers';

stubScrolling();

function serverWith(texts: readonly string[]): ReferenceServer {
  const server = createReferenceServer({ floodLimit: false });
  server.upsertUser({ id: 'ana', name: 'Ana' });
  server.upsertUser({ id: 'bo', name: 'Bo' });
  server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'bo', memberIds: ['ana'] });
  texts.forEach((text, index) => {
    const outcome = server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `seed_${index}`, text });
    if (!outcome.ok) throw outcome.error;
  });
  return server;
}

const shown = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('.confab-message')].map((row) => row.querySelector('.confab-message-text')?.textContent ?? row.textContent);

let client: ChatClient | undefined;
afterEach(() => {
  cleanup();
  client?.close();
});

describe('a message list left open while the server is replaced by one with another history', () => {
  it('shows exactly what the new server has, with the message typed while it was down sent there once', async () => {
    const transport = new SwitchableTransport(serverWith(['old one', 'old two', 'old three']), 'ana');
    client = createChatClient({ transport });
    await client.connect();
    const { container } = renderChat(client, <MessageList roomId="general" />);
    await waitFor(() => expect(shown(container).join('|')).toMatch(/old one.*\|.*old two.*\|.*old three/));

    act(() => transport.kill());
    let sent: Promise<unknown> = Promise.resolve();
    act(() => {
      sent = client!.sendMessage('general', { text: 'typed while down' });
    });
    const fresh = serverWith(['new one', 'new two', 'new three', 'new four']);
    await act(async () => {
      transport.replaceWith(fresh);
      await sent;
    });
    await waitFor(() => {
      const texts = shown(container).join('|');
      expect(texts).not.toContain('old');
      expect(texts).toMatch(/new one.*\|.*new two.*\|.*new three.*\|.*new four.*\|.*typed while down/);
      expect(shown(container)).toHaveLength(5);
    });
    // Whatever the list scrolls to afterwards (jsdom renders only the rows its stubbed scroll shows), nothing old comes back.
    await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(container.textContent).not.toContain('old');
    const history = fresh.actAs('ana', { type: 'message.history', roomId: 'general', after: 0, limit: 100 });
    expect(history.ok && history.value.messages.filter((message) => message.text === 'typed while down')).toHaveLength(1);
  });
});
