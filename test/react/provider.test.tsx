// @vitest-environment jsdom
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { ChatProvider, ConfabContextError, useChatClient, useConnection, useCurrentUser, useMessages, type Transport } from '../../src/react';
import { createTestChat, type TestChat } from '../../src/testing';

let chat: TestChat;
beforeEach(() => {
  chat = createTestChat();
});
afterEach(() => {
  cleanup(); // unmount before the sessions close, so no update lands outside act
  chat.close();
});

function Status() {
  const { status, isOnline, error } = useConnection();
  const { profile } = useCurrentUser();
  return (
    <p data-testid="status">
      {status.state} {String(isOnline)} {profile?.name ?? '-'} {error ? `${error.code}: ${error.message}` : ''}
    </p>
  );
}

describe('useChatClient and the provider', () => {
  it('throws a clear error outside <ChatProvider>, naming the hook', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useChatClient())).toThrow('useChatClient must be used inside <ChatProvider>');
    expect(() => renderHook(() => useMessages('general'))).toThrow(/^useMessages must be used inside <ChatProvider>/);
    expect(() => renderHook(() => useChatClient())).toThrow(ConfabContextError);
  });

  it('refuses to start without a client or a transport', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const props = {} as Parameters<typeof ChatProvider>[0];
    expect(() => render(<ChatProvider {...props} />)).toThrow('<ChatProvider> needs a `client`');
  });

  it('connects a given client and leaves it open on unmount', async () => {
    const client = chat.client('ana');
    const connect = vi.spyOn(client, 'connect');
    const close = vi.spyOn(client, 'close');
    const view = render(
      <StrictMode>
        <ChatProvider client={client}>
          <Status />
        </ChatProvider>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('online true Ana Lima '));
    expect(connect).toHaveBeenCalled();
    view.unmount();
    await act(async () => {});
    expect(close).not.toHaveBeenCalled();
  });

  it('with a transport, creates one client, connects it once under StrictMode, and closes it on unmount', async () => {
    const transport = chat.transport('ana');
    const open = vi.spyOn(transport, 'open');
    const seen = new Set<unknown>();
    function Spy() {
      seen.add(useChatClient());
      return null;
    }
    const view = render(
      <StrictMode>
        <ChatProvider transport={transport} clientOptions={{ pageSize: 10 }}>
          <Status />
          <Spy />
        </ChatProvider>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('online true Ana Lima '));
    expect(open).toHaveBeenCalledTimes(1);
    expect(seen.size).toBe(1);
    // StrictMode's simulated unmount did not close it: it still works.
    const [client] = [...seen] as [ReturnType<typeof useChatClient>];
    await act(async () => {
      await client.sendMessage('general', { text: 'still open' });
    });
    expect(transport.online).toBe(true);

    view.unmount();
    await act(async () => {});
    expect(transport.online).toBe(false);
    expect(client.store.getState().connection.state).toBe('closed');
  });

  it('reports a failed connect through useConnection', async () => {
    const transport = chat.transport('zed'); // nobody by that id on the server
    await act(async () => {
      render(
        <ChatProvider transport={transport}>
          <Status />
        </ChatProvider>,
      );
    });
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^offline false - unavailable: .*"zed"/));
  });

  it('reports a connect that throws (not only a status) through useConnection', async () => {
    const transport: Transport = {
      open() {
        throw new Error('no network stack');
      },
      request: () => Promise.reject(new Error('unreachable')),
      close() {},
    };
    await act(async () => {
      render(
        <ChatProvider transport={transport}>
          <Status />
        </ChatProvider>,
      );
    });
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/internal: Unexpected failure: no network stack/));
  });
});
