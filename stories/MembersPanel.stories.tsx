import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { useRooms } from 'confab-chat';
import { MembersPanel, RoomHeader, type MembersPanelProps } from 'confab-chat/ui';
import { withPeople, withWorld, type World } from './support';

const ignore = () => {};

/** A private #design: Ana is its admin, Chen a second admin; Bo, Dara and Eli members. */
function seedDesign(world: World) {
  world.chat.server.createRoom({ id: 'design', name: 'design', kind: 'private', createdBy: 'ana', memberIds: ['bo', 'chen', 'dara', 'eli'] });
  const outcome = world.chat.server.actAs('ana', { type: 'room.setRole', roomId: 'design', userId: 'chen', role: 'admin' });
  if (!outcome.ok) throw new Error(`seedDesign: ${outcome.error.message}`);
}

/** The panel of the first direct room (its id is the server's). */
function DirectPanel(props: MembersPanelProps) {
  const direct = useRooms().find((room) => room.kind === 'direct');
  return direct ? <MembersPanel {...props} roomId={direct.id} /> : null;
}

const Box = ({ children }: { children?: ReactNode }) => <div style={{ maxWidth: 380 }}>{children}</div>;

/**
 * Who is in a room, online people first, admins marked, and what the signed-in person may do: all of
 * it for an admin (add people, roles, remove, rename, leave, delete), less for a member, nothing in
 * a direct room. Bo and Chen are online.
 */
const meta = {
  title: 'MembersPanel',
  component: MembersPanel,
  decorators: [withWorld({ setup: seedDesign, scenario: (world) => withPeople(world, ['bo', 'chen'], () => {}) })],
  args: { roomId: 'design', onClose: ignore },
  render: (args) => (
    <Box>
      <MembersPanel {...args} />
    </Box>
  ),
} satisfies Meta<typeof MembersPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Ana is an admin of the private #design: every action, and per person the role and remove actions behind "…". */
export const Admin: Story = {
  play: async ({ canvasElement }) => {
    // Open Bo's actions, as an admin would to make him an admin or remove him.
    const more = await waitForElement(canvasElement, '[data-user-id="bo"] .confab-members-panel-more');
    more.click();
  },
};

/** Ana is a plain member of Bo's public #random: she may add people and leave, nothing more. */
export const Member: Story = {
  args: { roomId: 'random' },
};

/** A direct room: its two people, and no actions at all. */
export const DirectRoom: Story = {
  decorators: [withWorld({ setup: (world) => void world.chat.directRoomId('ana', 'bo'), scenario: (world) => withPeople(world, ['bo'], () => {}) })],
  render: (args) => (
    <Box>
      <DirectPanel {...args} />
    </Box>
  ),
};

/** In the room header: the member count opens the panel as a popover. */
export const InTheHeader: Story = {
  render: (args) => (
    <div style={{ minHeight: 560 }}>
      <RoomHeader roomId={args.roomId} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const count = await waitForElement(canvasElement, '.confab-room-header-member-count');
    count.click();
  },
};

/** Waits (up to 5 s) for an element the world's connection has yet to render. */
async function waitForElement(root: HTMLElement, selector: string): Promise<HTMLElement> {
  for (let tries = 0; tries < 100; tries++) {
    const found = root.querySelector<HTMLElement>(selector);
    if (found) return found;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`waitForElement: nothing matches ${selector}`);
}
