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

const FIRST = ['Amara', 'Bruno', 'Chloé', 'Dmitri', 'Emeka', 'Fatima', 'Goran', 'Hana', 'Ines', 'Jonas', 'Kenji', 'Leila', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zoltan'];
const LAST = ['Adeyemi', 'Berg', 'Castro', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen'];

/** A public #town-hall of 250 (Ana its admin, then 249 people in join order) on a server whose crowds start past 50. */
function seedTownHall(world: World) {
  const { server } = world.chat;
  const ids = Array.from({ length: 249 }, (_, index) => `guest${index + 1}`);
  ids.forEach((id, index) => server.upsertUser({ id, name: `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]}` }));
  server.createRoom({ id: 'town-hall', name: 'town-hall', kind: 'public', createdBy: 'ana' });
  for (const id of ids) {
    const outcome = server.actAs(id, { type: 'room.join', roomId: 'town-hall' });
    if (!outcome.ok) throw new Error(`seedTownHall: ${outcome.error.message}`);
  }
}

/**
 * A crowd: #town-hall has 250 members on a server with `crowdSize: 50`, so its view lists only its
 * admin and the panel loads the others 50 at a time (online people first among those loaded;
 * "Show more members" loads the next page). Five of the first page are online.
 */
export const Crowd: Story = {
  args: { roomId: 'town-hall' },
  decorators: [
    withWorld({
      server: { crowdSize: 50, limits: { maxMembersPerRoom: 500 } },
      setup: seedTownHall,
      scenario: (world) => withPeople(world, ['guest3', 'guest8', 'guest21', 'guest34', 'guest40'], () => {}),
    }),
  ],
  render: (args) => (
    <div style={{ minHeight: 560 }}>
      <RoomHeader roomId={args.roomId} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const count = await waitForElement(canvasElement, '.confab-room-header-member-count');
    count.click();
    const more = await waitForElement(canvasElement, '[data-action="show-more-members"]:not([disabled])');
    more.click();
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
