import type { Meta, StoryObj } from '@storybook/react-vite';
import { Chat, RoomDirectory } from 'confab-chat/ui';
import { Frame, withWorld, type World } from './support';

const ignore = () => {};

const TOPICS = ['design', 'design-reviews', 'engineering', 'frontend', 'backend', 'music', 'books', 'running', 'coffee', 'random-links', 'announcements', 'hiring', 'support', 'marketing', 'release-notes'];

/** Fifteen public rooms with a few people each (and a private one, never listed). */
function setup(world: World) {
  const people = ['bo', 'chen', 'dara', 'eli'];
  TOPICS.forEach((name, index) => {
    world.chat.server.createRoom({ id: name, name, kind: 'public', createdBy: people[index % people.length] as string, memberIds: people.slice(0, 1 + (index % people.length)) });
  });
  world.chat.server.createRoom({ id: 'leadership', name: 'leadership', kind: 'private', createdBy: 'bo', memberIds: ['chen'] });
}

/**
 * "Browse rooms": the server's public rooms a page at a time (here 6), each with its member count
 * and Join (Open for a room one is in); the box finds rooms by a part of their name. Joining opens
 * the room.
 */
const meta = {
  title: 'RoomDirectory',
  component: RoomDirectory,
  decorators: [withWorld({ setup })],
  args: { onClose: ignore, onOpened: ignore, pageSize: 6 },
} satisfies Meta<typeof RoomDirectory>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Directory: Story = {};

/**
 * The whole flow in a chat 390 px wide: "Browse rooms" in the room list, Join, the room opens;
 * "Leave room" in its header (it asks once more), and the chat shows another room.
 */
export const InChatNarrow: Story = {
  parameters: { confab: { layout: 'fill' } },
  render: () => (
    <Frame width={390} height={640}>
      <Chat />
    </Frame>
  ),
};
