import { useState, type ReactNode } from 'react';
import type { ChatClientOptions } from '../core';
import { ChatProvider } from '../react';
import { createTestChat, type TestChat, type TestChatOptions } from './chat';

/**
 * Props of {@link TestChatProvider}.
 *
 * @example
 * <TestChatProvider userId="bo" chat={chat}>…</TestChatProvider>
 */
export interface TestChatProviderProps {
  /** Who is signed in. Default `ana`. */
  userId?: string;
  /** The chat world to join; share one to drive the other people from the test. Default: a new `createTestChat(options)`. */
  chat?: TestChat;
  /** Options of the chat created when `chat` is not given. */
  options?: TestChatOptions;
  /** Options of the client the provider creates. */
  clientOptions?: Omit<ChatClientOptions, 'transport'>;
  children?: ReactNode;
}

/**
 * A {@link ChatProvider} over an in-memory reference server, signed in as one person: for
 * component tests, stories and demos. It creates its transport (and the chat, if none is given)
 * once, and its client closes when it unmounts.
 *
 * @example
 * const chat = createTestChat();
 * render(
 *   <TestChatProvider chat={chat} userId="ana">
 *     <MessageList roomId="general" />
 *   </TestChatProvider>,
 * );
 * chat.say('bo', 'general', 'Hi Ana');
 * expect(await screen.findByText('Hi Ana')).toBeTruthy();
 */
export function TestChatProvider({ userId = 'ana', chat, options, clientOptions, children }: TestChatProviderProps): ReactNode {
  const [transport] = useState(() => (chat ?? createTestChat(options)).transport(userId));
  return (
    <ChatProvider transport={transport} {...(clientOptions ? { clientOptions } : {})}>
      {children}
    </ChatProvider>
  );
}
