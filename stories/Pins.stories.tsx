import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { Chat, PinnedMessages, RoomHeader } from 'confab-chat/ui';
import { act, Frame, sayAt, seedConversation, seedHistory, useWorld, withWorld, type World } from './support';

/** A room with three pinned messages: a long one, one with a picture only, and a short one. */
function pinThree(world: World): void {
  seedConversation(world, 'general', 30);
  const minutes = (n: number) => n * 60_000;
  const rules = sayAt(world, minutes(2.5), 'bo', 'general', 'House rules: **be kind**, keep threads on topic, and post release blockers in #releases with a link to the ticket. <script>alert(1)</script> stays text.');
  const wifi = sayAt(world, minutes(2), 'chen', 'general', 'Office wifi: confab-guest / pass: tea-and-biscuits');
  const standup = sayAt(world, minutes(1), 'dara', 'general', 'Stand-up moved to 9:45 from Monday.');
  for (const message of [rules, wifi, standup]) act(world, 'ana', { type: 'message.pin', roomId: 'general', messageId: message.id });
  world.ids.pinned = standup.id;
}

function JumpLog() {
  const world = useWorld();
  const [jumps, setJumps] = useState<string[]>([]);
  return (
    <div style={{ maxWidth: 520 }}>
      <PinnedMessages roomId="general" onJump={(message) => setJumps((list) => [...list, message.text.slice(0, 30)])} />
      <p data-testid="pins-jumps">{jumps.length === 0 ? 'Choose a pinned message.' : `Jumped to: ${jumps.join(' | ')}`}</p>
      <p>World: {world.chat.server.getRoom('general')?.pinnedMessageIds?.length ?? 0} pins on the server.</p>
    </div>
  );
}

const meta = {
  title: 'Pins',
  component: PinnedMessages,
  decorators: [withWorld({ setup: pinThree })],
  args: { roomId: 'general', onJump: () => {} },
} satisfies Meta<typeof PinnedMessages>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The room header with its pinned count; open it to see author, time and an excerpt of each pin. */
export const InRoomHeader: Story = { render: () => <RoomHeader roomId="general" /> };

/** The list on its own, with a jump log: choosing a pin calls `onJump` with the message. */
export const JumpToPin: Story = { render: () => <JumpLog /> };

/** As a member (Bo): the list without Unpin, and no Pin in the message actions. */
export const AsMember: Story = { decorators: [withWorld({ setup: pinThree, userId: 'bo' })], render: () => <RoomHeader roomId="general" /> };

/** The whole chat at 390 px: the pinned count under the room name, the pinned mark on messages, jumping from the list. */
export const InChatNarrow: Story = {
  render: () => (
    <Frame width={390} height={640}>
      <Chat defaultRoomId="general" />
    </Frame>
  ),
};

/** Nothing pinned: the header shows no pinned count at all. */
export const NothingPinned: Story = {
  decorators: [withWorld({ setup: (world) => void seedHistory(world, 'general', 5) })],
  render: () => <RoomHeader roomId="general" />,
};
