// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ChatClient, Message } from '../../../src/react';
import type { TestChat } from '../../../src/testing';
import { ChatUIProvider } from '../../../src/ui/config';
import { MessageActions } from '../../../src/ui/MessageActions';
import { connectAna, settle } from '../shell-helpers';

let chat: TestChat;
let ana: ChatClient;
let Wrapper: Awaited<ReturnType<typeof connectAna>>['Wrapper'];

beforeEach(async () => {
  ({ chat, ana, Wrapper } = await connectAna());
});
afterEach(() => {
  cleanup();
  chat.close();
});

function actionsFor(message: Message) {
  return render(
    <ChatUIProvider>
      <MessageActions roomId="general" message={message} />
    </ChatUIProvider>,
    { wrapper: Wrapper },
  );
}

describe('Block in the message toolbar', () => {
  it('blocks the author of someone else’s message after a second press', async () => {
    const message = chat.say('bo', 'general', 'Buy cheap watches');
    await settle(chat);
    actionsFor(message);
    const block = screen.getByRole('button', { name: 'Block Bo Svensson' });
    fireEvent.click(block);
    expect(ana.store.getState().blockedUserIds).toEqual([]);
    expect(block.getAttribute('aria-label')).toBe('Block Bo Svensson? Their messages will be hidden from you.');
    expect(block.hasAttribute('data-confirming')).toBe(true);
    // Moving away disarms it.
    fireEvent.blur(block);
    expect(block.hasAttribute('data-confirming')).toBe(false);
    fireEvent.click(block);
    await settle(chat, () => fireEvent.click(block));
    expect(ana.store.getState().blockedUserIds).toEqual(['bo']);
    expect(chat.server.getUser('bo')).toBeTruthy();
  });

  it('is not offered on one’s own messages', async () => {
    const own = await ana.sendMessage('general', { text: 'mine' });
    await settle(chat);
    actionsFor(own);
    expect(screen.queryByRole('button', { name: /^Block/ })).toBeNull();
  });
});
