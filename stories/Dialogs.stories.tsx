import type { Meta, StoryObj } from '@storybook/react-vite';
import { CreateRoomDialog, DirectMessageDialog } from 'confab/ui';
import { withWorld } from './support';

const ignore = () => {};

/** The room list's two dialogs, open on their own: create a room, and message someone. */
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
