import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatProvider, type Transport, type TransportListener } from 'confab-chat';
import type { ReferenceServer } from 'confab-chat/server';
import { createTestChat } from 'confab-chat/testing';
import { createMemoryTransport, type MemoryTransport } from 'confab-chat/transports/memory';
import { Chat } from 'confab-chat/ui';
import { useState, type ReactNode } from 'react';

/**
 * A memory transport that can be pointed at another server, as a client sees a host restarted
 * with a wiped or restored store: the connection drops, then a session opens on the new history.
 */
function createReplaceableTransport(server: ReferenceServer, userId: string): Transport & { replace(next: ReferenceServer): void } {
  let inner: MemoryTransport = createMemoryTransport(server, { userId });
  let listener: TransportListener | null = null;
  // Only the current server's transport reaches the client; the old one's closing is not news.
  const forwardFrom = (source: MemoryTransport): TransportListener => ({
    onSession: (snapshot) => source === inner && listener?.onSession(snapshot),
    onEvent: (event) => source === inner && listener?.onEvent(event),
    onStatus: (status) => source === inner && listener?.onStatus(status),
  });
  return {
    open(next) {
      listener = next;
      inner.open(forwardFrom(inner));
    },
    request: (command) => inner.request(command),
    close() {
      inner.close();
      listener = null;
    },
    replace(next) {
      const old = inner;
      inner = createMemoryTransport(next, { userId });
      old.close();
      listener?.onStatus({ state: 'reconnecting', retryAt: Date.now() + 1500, attempt: 1 });
      const fresh = inner;
      setTimeout(() => fresh === inner && fresh.open(forwardFrom(fresh)), 1500);
    },
  };
}

/** A world whose room `general` holds `count` messages saying which server they are on. */
function world(label: string, count: number): ReferenceServer {
  const chat = createTestChat();
  chat.seedMessages('general', count, { text: (index) => `${label}: message #${index + 1}` });
  return chat.server;
}

/**
 * Ana reads `general`; press the button and the server is replaced by one with another history
 * (a new epoch): the list shows only the new server's messages, and whatever Ana typed while it
 * was down is sent there once.
 */
function ServerReplacedDemo(): ReactNode {
  const [transport] = useState(() => createReplaceableTransport(world('First server', 8), 'ana'));
  const [restarts, setRestarts] = useState(0);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <button
        type="button"
        style={{ alignSelf: 'start', margin: 8 }}
        onClick={() => {
          transport.replace(world(`Server after restart ${restarts + 1}`, 5 + restarts));
          setRestarts(restarts + 1);
        }}
      >
        Restart the server with another history
      </button>
      <div style={{ flex: 1, minHeight: 0 }}>
        <ChatProvider transport={transport}>
          <Chat defaultRoomId="general" />
        </ChatProvider>
      </div>
    </div>
  );
}

/** A client left open while its server is replaced by one with another history. */
const meta = {
  title: 'Chat/Server replaced',
  parameters: { confab: { layout: 'fill' } },
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const ServerReplaced: Story = { render: () => <ServerReplacedDemo /> };
