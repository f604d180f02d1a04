import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { useRooms } from 'confab-chat';
import { Chat, InvitationList, MembersPanel } from 'confab-chat/ui';
import { Frame, act, withWorld, type World } from './support';

const ignore = () => {};

/** Bo invited Ana to #plans and Chen to #trip-2027; on this server invitations wait for an answer. */
function setup(world: World) {
  act(world, 'bo', { type: 'room.create', name: 'plans', kind: 'private', memberIds: ['ana', 'dara'] });
  act(world, 'chen', { type: 'room.create', name: 'trip-2027', kind: 'public', memberIds: ['ana'] });
}

/**
 * A server started with `invitations: 'accept'` (`confab-server --invitations accept`): adding
 * someone to a room invites them. The invitee sees "Bo invited you to plans" with Accept and
 * Decline, in the room list and after a reload (the session snapshot carries them).
 */
const meta = {
  title: 'Invitations',
  component: InvitationList,
  decorators: [withWorld({ server: { invitations: 'accept' }, setup })],
  args: { onAccepted: ignore },
  render: (args) => (
    <div style={{ maxWidth: 320 }}>
      <InvitationList {...args} />
    </div>
  ),
} satisfies Meta<typeof InvitationList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Two invitations waiting for Ana. */
export const Pending: Story = {};

/** In the room list of a chat 390 px wide: Accept opens the room. */
export const InChatNarrow: Story = {
  parameters: { confab: { layout: 'fill' } },
  render: () => (
    <Frame width={390} height={640}>
      <Chat />
    </Frame>
  ),
};

/** What the inviter sees: Bo's members panel of #plans lists Ana and Dara as invited, with Withdraw. */
export const InvitersView: Story = {
  decorators: [withWorld({ server: { invitations: 'accept' }, setup, userId: 'bo' })],
  render: () => <PlansPanel />,
};

function PlansPanel() {
  return (
    <div style={{ maxWidth: 380 }}>
      <RoomIdOf name="plans">{(roomId) => <MembersPanel roomId={roomId} onClose={ignore} />}</RoomIdOf>
    </div>
  );
}

/** Renders its child with the id of the signed-in person's room of that name, once known. */
function RoomIdOf({ name, children }: { name: string; children: (roomId: string) => ReactNode }): ReactNode {
  const room = useRooms().find((item) => item.name === name);
  return room ? children(room.id) : null;
}
