import { createContext, useContext, useRef, useState, type ReactNode } from 'react';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect';
import { createRequiredContext } from './requiredContext';
import { useStore } from 'zustand';
import { createChatClient, type ChatClient, type ChatClientOptions, type ChatState, type Transport } from '../core';
import { toChatError, type ChatError } from '../protocol';

const ClientContext = createRequiredContext<ChatClient>(
  'ChatProvider',
  'wrap your chat components in <ChatProvider client={client}> (or <ChatProvider transport={transport}>).',
);
/** Why `connect()` rejected, if it did. Its own context, so a failure re-renders only useConnection. */
const ConnectErrorContext = createContext<ChatError | null>(null);

/**
 * Props of {@link ChatProvider}: either a client you created once (outside React, or in
 * `useState`), or a transport from which the provider creates one client for its lifetime.
 *
 * @example
 * <ChatProvider client={client}>…</ChatProvider>
 * <ChatProvider transport={transport} clientOptions={{ pageSize: 30 }}>…</ChatProvider>
 */
export type ChatProviderProps =
  | { client: ChatClient; transport?: never; clientOptions?: never; children?: ReactNode }
  | { transport: Transport; clientOptions?: Omit<ChatClientOptions, 'transport'>; client?: never; children?: ReactNode };

/**
 * Makes a chat client available to the hooks below it and connects it once.
 *
 * - With `client`, you own the client: the provider connects it but never closes it.
 * - With `transport`, the provider creates the client on first render (later changes of
 *   `transport` or `clientOptions` are ignored, as with TanStack Query's client) and closes it
 *   when it unmounts.
 *
 * `connect()` is called once per client (StrictMode's double effects included); if it fails,
 * {@link useConnection} reports the error.
 *
 * @example
 * const client = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
 *
 * function App() {
 *   return (
 *     <ChatProvider client={client}>
 *       <RoomList />
 *     </ChatProvider>
 *   );
 * }
 */
export function ChatProvider(props: ChatProviderProps): ReactNode {
  const { client: given, transport, clientOptions, children } = props;
  const [owned] = useState<ChatClient | null>(() => {
    if (given) return null;
    if (!transport) throw new Error('<ChatProvider> needs a `client` (created once with createChatClient) or a `transport` to create one from.');
    return createChatClient({ ...clientOptions, transport });
  });
  const client = given ?? (owned as ChatClient);
  const [failure, setFailure] = useState<{ client: ChatClient; error: ChatError } | null>(null);
  // StrictMode runs effects, their cleanups and the effects again at once; the owned client's close
  // waits a microtask so that the second run can cancel it.
  const pendingClose = useRef<{ cancelled: boolean } | null>(null);

  // A layout effect, not a passive one: passive effects run after the first paint, and the
  // connection (then the first page of history) would wait a frame for a screen with nothing on it.
  useIsomorphicLayoutEffect(() => {
    if (pendingClose.current) pendingClose.current.cancelled = true;
    pendingClose.current = null;
    let active = true;
    client.connect().catch((error: unknown) => {
      if (active) setFailure({ client, error: toChatError(error) });
    });
    return () => {
      active = false;
      if (client !== owned) return;
      const token = { cancelled: false };
      pendingClose.current = token;
      queueMicrotask(() => {
        if (!token.cancelled) client.close();
      });
    };
  }, [client, owned]);

  const connectError = failure && failure.client === client ? failure.error : null;
  return (
    <ClientContext.Provider value={client}>
      <ConnectErrorContext.Provider value={connectError}>{children}</ConnectErrorContext.Provider>
    </ClientContext.Provider>
  );
}

/**
 * The ChatClient of the nearest {@link ChatProvider}, for commands the hooks do not wrap
 * (`client.createRoom`, `client.blockUser`, …). Throws a {@link ConfabContextError} when there is no provider above.
 *
 * @example
 * function NewRoomButton() {
 *   const client = useChatClient();
 *   return <button onClick={() => client.createRoom({ name: 'design', kind: 'public' })}>New room</button>;
 * }
 */
export function useChatClient(): ChatClient {
  return useClientFor('useChatClient');
}

/** The provider's client, or a {@link ConfabContextError} that names the hook the developer actually called. */
export function useClientFor(hook: string): ChatClient {
  return ClientContext.use(hook);
}

/** Why the provider's `connect()` rejected, or null. */
export function useConnectError(): ChatError | null {
  return useContext(ConnectErrorContext);
}

/**
 * Selects from the chat store of the nearest provider; re-renders when the selected value changes
 * (by `Object.is`). The selector must return stable values: a core selector, a primitive, or an
 * object from the store itself.
 *
 * @example
 * const name = useChatStore((state) => state.users['ana']?.name);
 */
export function useChatStore<T>(selector: (state: ChatState) => T): T {
  return useStore(useClientFor('useChatStore').store, selector);
}
