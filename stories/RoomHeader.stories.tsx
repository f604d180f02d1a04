import type { Meta, StoryObj } from '@storybook/react-vite';
import { useRooms } from 'confab-chat';
import { RoomHeader, type RoomHeaderProps } from 'confab-chat/ui';
import { withPeople, withWorld } from './support';

/** The header of the first direct room (its id is the server's). */
function DirectHeader(props: RoomHeaderProps) {
  const direct = useRooms().find((room) => room.kind === 'direct');
  return direct ? <RoomHeader {...props} roomId={direct.id} /> : null;
}

const meta = {
  title: 'RoomHeader',
  component: RoomHeader,
  decorators: [withWorld({ scenario: (world) => withPeople(world, ['bo', 'chen'], () => {}) })],
  args: { roomId: 'general' },
} satisfies Meta<typeof RoomHeader>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Name, member count and the member list (Bo and Chen online). */
export const Room: Story = {};

/** A direct room shows the other person and their presence. */
export const DirectMessage: Story = {
  decorators: [
    withWorld({
      scenario: (world) => withPeople(world, ['bo'], () => {}),
      setup: (world) => void world.chat.directRoomId('ana', 'bo'),
    }),
  ],
  render: (args) => <DirectHeader {...args} />,
};

/** With a back button, as in the narrow layout, and an extra action. */
export const WithBackAndActions: Story = {
  args: {
    onBack: () => {},
    actions: (
      <button type="button" className="confab-button">
        Call
      </button>
    ),
  },
};
