import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMessages } from 'confab-chat';
import { fixtures } from 'confab-chat/testing';
import { Chat, Message, ReadReceipts, RoomViewProvider } from 'confab-chat/ui';
import { Frame, readUpTo, seedHistory, withWorld, type World } from './support';

/** The room's last messages, each with the receipts of those whose reading stops there. */
function LastMessages({ count = 4 }: { count?: number }) {
  const { messages } = useMessages('general');
  return (
    <RoomViewProvider roomId="general">
      <div style={{ maxWidth: 720 }} data-testid="read-receipts-story">
        {messages.slice(-count).map((message) => (
          <div key={message.id}>
            <Message roomId="general" sequence={message.sequence} />
            <ReadReceipts roomId="general" sequence={message.sequence} />
          </div>
        ))}
      </div>
    </RoomViewProvider>
  );
}

const more = ['fay', 'gus', 'hana', 'ivo', 'jun'].map((id) => ({ id, name: `${id[0]?.toUpperCase()}${id.slice(1)} Example` }));

function readers(readersAt: Record<string, number>) {
  return (world: World) => {
    seedHistory(world, 'general', 10, { authorIds: ['ana', 'bo'] });
    for (const [userId, sequence] of Object.entries(readersAt)) readUpTo(world, userId, 'general', sequence);
  };
}

const meta = {
  title: 'ReadReceipts',
  component: ReadReceipts,
  args: { roomId: 'general', sequence: 10 },
  render: () => <LastMessages />,
} satisfies Meta<typeof ReadReceipts>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Chen read everything, Dara stopped two messages earlier. */
export const TwoReaders: Story = { decorators: [withWorld({ setup: readers({ chen: 10, dara: 8 }) })] };

/** Nine people read to the end: five avatars and "+4". */
export const ManyReaders: Story = {
  decorators: [
    withWorld({
      users: [...fixtures.people, ...more],
      setup: readers({ bo: 10, chen: 10, dara: 10, eli: 10, fay: 10, gus: 10, hana: 10, ivo: 10, jun: 10 }),
    }),
  ],
};

/**
 * In the chat, 390 px wide: Ana's last message was read by Chen and Dara ("Read by 2 of 5"); the
 * count is a button that shows who, and every avatar (there and under "Seen by") opens the person's
 * profile card, from the keyboard too (Tab to it, Enter).
 */
export const WhoReadItNarrow: Story = {
  parameters: { confab: { layout: 'fill' } },
  decorators: [
    withWorld({
      setup: (world) => {
        seedHistory(world, 'general', 6, { authorIds: ['bo', 'chen'] });
        // Said now, after everyone joined: a member counts for "read by" from the messages after they joined.
        world.chat.say('ana', 'general', 'Lunch at noon? The new place on the corner.');
        readUpTo(world, 'ana', 'general');
        readUpTo(world, 'chen', 'general');
        readUpTo(world, 'dara', 'general');
        readUpTo(world, 'bo', 'general', 6);
      },
    }),
  ],
  render: () => (
    <Frame width={390} height={640}>
      <Chat defaultRoomId="general" />
    </Frame>
  ),
  play: async ({ canvasElement }) => {
    for (let tries = 0; tries < 100; tries++) {
      const count = canvasElement.querySelector<HTMLElement>('.confab-message-status-count');
      if (count) return count.click();
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error('WhoReadItNarrow: no "Read by" button');
  },
};
