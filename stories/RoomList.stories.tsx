import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { RoomList } from 'confab-chat/ui';
import { fixtures } from 'confab-chat/testing';
import { hostile, readUpTo, sayAt, seedHistory, withPeople, withWorld, type World } from './support';

const rooms = [
  ...fixtures.rooms,
  { id: 'design', name: 'design-reviews', kind: 'private' as const, createdBy: 'ana' },
  { id: 'launch', name: 'launch-2024-q3-cross-team-coordination-and-planning', kind: 'public' as const, createdBy: 'chen' },
];

function setup(world: World) {
  seedHistory(world, 'general', 30);
  readUpTo(world, 'ana', 'general', 27);
  seedHistory(world, 'random', 8, { spacingMs: 26 * 60 * 60_000 });
  readUpTo(world, 'ana', 'random');
  sayAt(world, 3 * 24 * 60 * 60_000, 'dara', 'design', 'New mocks for the composer are in the folder.');
  seedHistory(world, 'launch', 140, { spacingMs: 60_000 });
  const dm = world.chat.directRoomId('ana', 'bo');
  sayAt(world, 90_000, 'bo', dm, 'Are you around? I have a question about the unread counts');
  const dm2 = world.chat.directRoomId('ana', 'chen');
  sayAt(world, 2 * 60 * 60_000, 'ana', dm2, 'Thanks for the review!');
  readUpTo(world, 'ana', dm2);
}

/** The room list, selecting rooms as a host app would. */
function Controlled() {
  const [selected, setSelected] = useState<string | null>('general');
  return (
    <div style={{ width: 320, height: 560, display: 'flex', flexDirection: 'column' }}>
      <RoomList selectedRoomId={selected} onSelectRoom={setSelected} />
    </div>
  );
}

const meta = {
  title: 'RoomList',
  component: RoomList,
  decorators: [withWorld({ rooms, setup, scenario: (world) => withPeople(world, ['bo'], () => {}) })],
  render: () => <Controlled />,
} satisfies Meta<typeof RoomList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Unread badges, last-message previews and times, a direct message with Bo online, a very long room name. */
export const Default: Story = {};

/** No rooms at all. */
export const Empty: Story = {
  decorators: [withWorld({ rooms: [], directMessages: [] })],
};

/** Room names and previews carrying markup and bidi overrides render as text. */
export const HostileNames: Story = {
  decorators: [
    withWorld({
      rooms: [
        { id: 'h1', name: hostile.script.slice(0, 60), kind: 'public', createdBy: 'ana' },
        { id: 'h2', name: hostile.img.slice(0, 60), kind: 'public', createdBy: 'ana' },
        { id: 'h3', name: hostile.rtlOverride, kind: 'public', createdBy: 'ana' },
      ],
      directMessages: [],
      setup: (world) => {
        sayAt(world, 60_000, 'bo', 'h1', hostile.img);
        sayAt(world, 50_000, 'bo', 'h2', hostile.javascriptLink);
        sayAt(world, 40_000, 'bo', 'h3', hostile.combining);
      },
    }),
  ],
};

export const HideActions: Story = {
  render: () => (
    <div style={{ width: 320, height: 480, display: 'flex', flexDirection: 'column' }}>
      <RoomList hideActions />
    </div>
  ),
};
