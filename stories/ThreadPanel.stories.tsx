import type { Meta, StoryObj } from '@storybook/react-vite';
import { RoomViewProvider, ThreadPanel } from 'confab-chat/ui';
import { seedConversation, seedHistory, useWorld, withWorld } from './support';

/** The thread of the conversation's question (its id is the server's, noted by the setup). */
function Thread() {
  const world = useWorld();
  const parentId = world.ids.thread ?? '';
  return (
    <RoomViewProvider roomId="general" threadParentId={parentId}>
      <div style={{ width: 380, height: '100%', display: 'flex', flexDirection: 'column' }} data-testid="thread-story">
        <ThreadPanel roomId="general" parentId={parentId} onClose={() => {}} />
      </div>
    </RoomViewProvider>
  );
}

const meta = {
  title: 'ThreadPanel',
  component: ThreadPanel,
  parameters: { confab: { layout: 'fill' } },
  args: { roomId: 'general', parentId: '', onClose: () => {} },
  render: () => <Thread />,
} satisfies Meta<typeof ThreadPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The parent message and three replies, with a composer for the thread. */
export const WithReplies: Story = { decorators: [withWorld({ setup: (world) => seedConversation(world, 'general', 5) })] };

/** A long thread of 60 replies. */
export const LongThread: Story = {
  decorators: [
    withWorld({
      setup: (world) => {
        seedConversation(world, 'general', 5);
        seedHistory(world, 'general', 60, { parentId: world.ids.thread ?? '', spacingMs: 60_000 });
      },
    }),
  ],
};

/** Dark theme. */
export const Dark: Story = { globals: { theme: 'dark' }, decorators: WithReplies.decorators };
