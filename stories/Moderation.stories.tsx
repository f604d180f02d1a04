import type { Meta, StoryObj } from '@storybook/react-vite';
import { Chat, ModerationPanel, ReportDialog } from 'confab-chat/ui';
import { seedConversation, withPeople, withWorld, type World } from './support';

const ignore = () => {};

/**
 * #general with a conversation, Bo muted for ten minutes, and two open reports (one of Bo's
 * message by Chen, one about Eli by Dara) for Ana, its admin. Signed in as `userId`.
 */
function seedModeration(world: World) {
  seedConversation(world, 'general');
  const server = world.chat.server;
  const spam = world.chat.say('bo', 'general', 'Cheap watches at example.com, DM me!!!');
  world.chat.say('chen', 'general', 'Please stop posting that here.');
  const steps = [
    server.actAs('chen', { type: 'report.create', roomId: 'general', messageId: spam.id, reason: 'spam', note: 'Third time today.' }),
    server.actAs('dara', { type: 'report.create', roomId: 'general', userId: 'eli', reason: 'harassment', note: 'Keeps messaging me after I asked him to stop.' }),
    server.actAs('ana', { type: 'member.mute', roomId: 'general', userId: 'bo', durationMs: 10 * 60_000, reason: 'Spam' }),
  ];
  for (const step of steps) if (!step.ok) throw new Error(`seedModeration: ${step.error.message}`);
}

const online = (world: World) => withPeople(world, ['bo', 'chen'], () => {});

/**
 * Moderation (issue #13): Ana, an admin of #general, has a shield in the room header with the
 * count of open reports; it opens the queue, where each report shows the message among its
 * neighbours with Dismiss, Delete message, Mute author and Ban author. The members panel offers
 * Mute…, Ban… and Unmute. Bo, muted, sees why he cannot write. Any member reports a message from its
 * actions ("Report").
 */
const meta = {
  title: 'Moderation',
  component: Chat,
  decorators: [withWorld({ setup: seedModeration, scenario: online })],
  parameters: { confab: { layout: 'fill' } },
  render: (args) => <Chat {...args} />,
  args: { defaultRoomId: 'general' },
} satisfies Meta<typeof Chat>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Ana, the room's admin: the shield in the header shows 2 open reports; the members panel lets her mute and ban. */
export const AsRoomAdmin: Story = {};

/** The queue itself, open: two reports with their context and actions. */
export const Queue: Story = {
  render: () => (
    <div style={{ minHeight: 640 }}>
      <ModerationPanel roomId="general" onClose={ignore} />
    </div>
  ),
};

/** Bo, muted for ten minutes: the composer says until when, in his clock and language. */
export const AsMutedMember: Story = {
  decorators: [withWorld({ setup: seedModeration, scenario: online, userId: 'bo' })],
};

/** The report form, as Chen opens it from a message's actions. */
export const ReportForm: Story = {
  decorators: [withWorld({ setup: seedModeration, userId: 'chen' })],
  render: () => (
    <div style={{ minHeight: 520 }}>
      <ReportDialog roomId="general" target={{ userId: 'eli', name: 'Eli Novak' }} onClose={ignore} />
    </div>
  ),
};

/** At 390 px wide, as a phone shows it. */
export const Narrow: Story = {
  render: (args) => (
    <div style={{ width: 390, height: 720 }}>
      <Chat {...args} />
    </div>
  ),
};
