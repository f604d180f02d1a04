import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatProvider } from 'confab-chat';
import { createTestChat } from 'confab-chat/testing';
import { createMemoryTransport } from 'confab-chat/transports/memory';
import { ConnectionBanner } from 'confab-chat/ui';
import { useState, type ReactNode } from 'react';
import { withWorld } from './support';

/** Ana's simulated network is off from the start: the banner says messages wait until it is back. */
function Offline(): ReactNode {
  const [transport] = useState(() => createMemoryTransport(createTestChat().server, { userId: 'ana', startOffline: true }));
  return (
    <ChatProvider transport={transport}>
      <ConnectionBanner />
    </ChatProvider>
  );
}

/** Connection status for the reader: nothing while online; connecting, reconnecting in N s, or offline. */
const meta = {
  title: 'ConnectionBanner',
  component: ConnectionBanner,
} satisfies Meta<typeof ConnectionBanner>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Online: the status region is there for screen readers, and empty. */
export const Online: Story = { decorators: [withWorld()] };
export const OfflineNetwork: Story = { render: () => <Offline /> };
