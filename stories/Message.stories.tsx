import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { useMessages, type PendingMessage } from 'confab-chat';
import { Message, RoomViewProvider } from 'confab-chat/ui';
import { act, readUpTo, sayAt, seedConversation, withPeople, withWorld } from './support';

/**
 * Shows the messages of the room whose text matches, once the room's newest page is loaded (a
 * `Message` reads its message from the store by sequence, as the list's rows do).
 */
function Messages({ match, roomId = 'general', children }: { match: (text: string) => boolean; roomId?: string; children?: ReactNode }) {
  const { messages } = useMessages(roomId);
  const shown = messages.filter((message) => match(message.text));
  return (
    <RoomViewProvider roomId={roomId}>
      <div style={{ maxWidth: 720 }} data-testid="message-story">
        {shown.map((message) => (
          <Message key={message.id} roomId={roomId} sequence={message.sequence} />
        ))}
        {children}
      </div>
    </RoomViewProvider>
  );
}

const contains = (part: string) => (text: string) => text.includes(part);

const meta = {
  title: 'Message',
  component: Message,
  decorators: [withWorld({ setup: (world) => seedConversation(world, 'general', 10), scenario: (world) => withPeople(world, ['bo'], () => {}) })],
  args: { roomId: 'general', sequence: 1 },
} satisfies Meta<typeof Message>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Someone else's message with bold text and a link. */
export const Default: Story = { render: () => <Messages match={contains('release notes')} /> };

/** Italic, inline code, strike-through and a code block quoting another message. */
export const Formatting: Story = { render: () => <Messages match={(text) => text.includes('migration') || text.includes('~~') || text.includes('```')} /> };

/** One's own message with reactions (and who reacted in each reaction's label). */
export const OwnWithReactions: Story = { render: () => <Messages match={contains('before lunch')} /> };

/** A message that mentions the reader, with three replies in its thread. */
export const MentionWithReplies: Story = { render: () => <Messages match={contains('@Ana Lima')} /> };

/** Edited, deleted (a tombstone), emoji only (large) and a picture. */
export const EditedDeletedEmojiPicture: Story = {
  render: () => <Messages match={(text) => text.includes('staging') || text === '' || text.startsWith('🎉') || text.includes('Screenshot')} />,
};

const sending: PendingMessage = {
  clientId: 'story_sending',
  roomId: 'general',
  authorId: 'ana',
  text: 'On its way to the server…',
  attachments: [],
  mentions: [],
  createdAt: Date.now(),
  status: 'sending',
};
const failed: PendingMessage = {
  ...sending,
  clientId: 'story_failed',
  text: 'The server refused this one.',
  status: 'failed',
  error: { code: 'forbidden', message: 'You can no longer write in this room.' },
};

/** One's own sends: on their way, and refused (with Retry and Discard). */
export const SendingAndFailed: Story = {
  render: () => (
    <RoomViewProvider roomId="general">
      <div style={{ maxWidth: 720 }}>
        <Message roomId="general" pending={sending} />
        <Message roomId="general" pending={failed} />
      </div>
    </RoomViewProvider>
  ),
};

/**
 * An announcement the server sent through the admin API (a centered notice, no avatar), between
 * people's messages; and a deleted person's old message, signed "Deleted user".
 */
export const AnnouncementAndDeletedUser: Story = {
  decorators: [
    withWorld({
      setup: (world) => {
        seedConversation(world, 'general', 10);
        sayAt(world, 3 * 60_000, 'eli', 'general', 'See you all at the offsite!');
        world.chat.server.announce({ text: 'Scheduled maintenance: **Saturday 22:00 UTC**, about 10 minutes. Details at https://status.example.com', roomIds: ['general'] });
        sayAt(world, 60_000, 'bo', 'general', 'Thanks for the heads-up.');
        void world.chat.server.deleteUser('eli');
      },
    }),
  ],
  render: () => <Messages match={(text) => text === '' || text.includes('maintenance') || text.includes('heads-up')} />,
};

/**
 * Delivery status of one's own messages: one tick when the server has it, two when it reached a
 * device of every other member, two in the accent colour when all of them read it; in a group,
 * "Read by N of M" until everyone has.
 */
export const DeliveryStatus: Story = {
  decorators: [
    withWorld({
      rooms: [
        { id: 'pair', name: 'pair', kind: 'public', createdBy: 'ana', memberIds: ['ana', 'bo'] },
        { id: 'team', name: 'team', kind: 'public', createdBy: 'ana', memberIds: ['ana', 'bo', 'chen', 'dara'] },
      ],
      // Said now, not back-dated: a member counts for a message only if they were in the room when it was sent.
      setup: (world) => {
        world.chat.say('ana', 'pair', 'Read: Bo has read this one.');
        readUpTo(world, 'bo', 'pair');
        world.chat.say('ana', 'pair', 'Delivered: it reached Bo’s phone.');
        act(world, 'bo', { type: 'cursor.delivered', roomId: 'pair', sequence: 2 });
        world.chat.say('ana', 'pair', 'Sent: the server has it, Bo’s devices do not yet.');
        world.chat.say('ana', 'team', 'Group: read by some of the team so far.');
        readUpTo(world, 'bo', 'team');
        readUpTo(world, 'chen', 'team');
      },
    }),
  ],
  render: () => (
    <>
      <Messages roomId="pair" match={() => true} />
      <Messages roomId="team" match={() => true} />
    </>
  ),
};

/** A pinned message carries a "Pinned" mark beside its time. */
export const Pinned: Story = {
  decorators: [
    withWorld({
      setup: (world) => {
        seedConversation(world, 'general', 10);
        const notice = sayAt(world, 60_000, 'bo', 'general', 'Deploy freeze from Friday 18:00.');
        act(world, 'ana', { type: 'message.pin', roomId: 'general', messageId: notice.id });
      },
    }),
  ],
  render: () => <Messages match={contains('Deploy freeze')} />,
};
