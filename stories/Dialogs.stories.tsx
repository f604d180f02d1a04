import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { useRoom, type Room } from 'confab-chat';
import { AddPeopleDialog, CreateRoomDialog, DirectMessageDialog, RenameRoomDialog } from 'confab-chat/ui';
import { withWorld } from './support';

const ignore = () => {};

/** The shell's dialogs, open on their own: create a room, message someone, add people to a room, rename it. */
const meta = {
  title: 'Dialogs',
  component: CreateRoomDialog,
  decorators: [withWorld()],
  args: { onClose: ignore, onCreated: ignore },
} satisfies Meta<typeof CreateRoomDialog>;
export default meta;
type Story = StoryObj<typeof meta>;

export const CreateRoom: Story = {};

/** Everyone Ana knows, filtered by the search box; picking one opens (or finds) the direct room. */
export const DirectMessage: Story = {
  render: () => <DirectMessageDialog onClose={ignore} onOpened={ignore} />,
};

/** The room whose dialog a story shows, once the world's connection has it. */
function WithRoom({ roomId, children }: { roomId: string; children: (room: Room) => ReactNode }) {
  const room = useRoom(roomId);
  return room ? children(room) : null;
}

/** Adding people to a private room Ana runs: only people not in it yet are offered. */
export const AddPeople: Story = {
  decorators: [withWorld({ setup: (world) => void world.chat.server.createRoom({ id: 'design', name: 'design', kind: 'private', createdBy: 'ana', memberIds: ['bo'] }) })],
  render: () => <WithRoom roomId="design">{(room) => <AddPeopleDialog room={room} roomName={room.name} onClose={ignore} />}</WithRoom>,
};

/** Renaming a room: the field starts with its name. */
export const RenameRoom: Story = {
  render: () => <WithRoom roomId="general">{(room) => <RenameRoomDialog room={room} onClose={ignore} />}</WithRoom>,
};
