import { act } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ChatProvider, type ChatClient } from '../../src/react';
import { createTestChat, type TestChat, type TestChatOptions } from '../../src/testing';

/** A test chat, Ana's connected client and a wrapper that provides it. `close()` after each test. */
export async function setupAna(options: TestChatOptions = {}): Promise<{
  chat: TestChat;
  ana: ChatClient;
  wrapper: (props: { children?: ReactNode }) => ReactNode;
}> {
  const chat = createTestChat(options);
  const ana = await chat.connect('ana');
  await chat.settle();
  const wrapper = ({ children }: { children?: ReactNode }) => <ChatProvider client={ana}>{children}</ChatProvider>;
  return { chat, ana, wrapper };
}

/** Lets everything on the simulated wire arrive, inside act. */
export async function settle(chat: TestChat, work?: () => unknown): Promise<void> {
  await act(async () => {
    await work?.();
    await chat.settle();
  });
}
