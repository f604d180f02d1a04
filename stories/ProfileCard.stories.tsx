import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { fixtures } from 'confab-chat/testing';
import { Chat, ProfileCard } from 'confab-chat/ui';
import { Frame, sayAt, withPeople, withWorld, type World } from './support';

const ignore = () => {};

/** The fixture people, Bo with a title, a team and a note that tries to be markup (shown as text). */
const people = fixtures.people.map((person) =>
  person.id === 'bo' ? { ...person, customData: { title: 'Product designer', team: 'Design systems', timezone: 'Europe/Stockholm', note: '<b>not bold</b>' } } : person,
);

/** Dara was here an hour ago, so her card says when she was last seen. */
function setup(world: World) {
  world.clock.set(Date.now() - 60 * 60_000);
  world.chat.server.connect('dara', () => {}).close();
  world.clock.set(null);
  sayAt(world, 30 * 60_000, 'bo', 'general', 'The new icons are in the kit 🎨');
  sayAt(world, 20 * 60_000, 'dara', 'general', 'Looks great.');
}

const Box = ({ children }: { children?: ReactNode }) => <div style={{ maxWidth: 320 }}>{children}</div>;

/**
 * A person at a glance: avatar, name, presence or when they were last seen, their custom fields as
 * text, and "Message", "Block" and "Report". In a chat it opens from any avatar or name (messages, the members
 * panel, a direct room's header); here it stands alone.
 */
const meta = {
  title: 'ProfileCard',
  component: ProfileCard,
  decorators: [withWorld({ users: people, setup, scenario: (world) => withPeople(world, ['bo'], () => {}) })],
  args: { userId: 'bo', onClose: ignore, onShowBlockedPeople: ignore, onReport: ignore },
  render: (args) => (
    <Box>
      <ProfileCard {...args} />
    </Box>
  ),
} satisfies Meta<typeof ProfileCard>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Bo is online, with four custom fields (the last one, markup, stays text). */
export const Someone: Story = {};

/** Dara went offline an hour ago. */
export const LastSeen: Story = { args: { userId: 'dara' } };

/** Ana blocks Chen: no "Message", an "Unblock", and the list of blocked people. */
export const Blocked: Story = {
  decorators: [withWorld({ users: people, setup: (world) => void world.chat.server.actAs('ana', { type: 'user.block', userId: 'chen' }) })],
  args: { userId: 'chen' },
};

/** One's own card: no actions on oneself, only the list of blocked people. */
export const Own: Story = { args: { userId: 'ana' } };

/**
 * In the chat, 390 px wide: click Bo's name on his message (or his avatar) to open his card; Escape
 * closes it and puts focus back on the name. "Message" opens your direct room with him.
 */
export const InChatNarrow: Story = {
  parameters: { confab: { layout: 'fill' } },
  render: () => (
    <Frame width={390} height={640}>
      <Chat defaultRoomId="general" />
    </Frame>
  ),
  play: async ({ canvasElement }) => {
    const name = await waitForElement(canvasElement, '[data-author-id="bo"] .confab-message-author-button');
    name.click();
  },
};

/**
 * Report a person, 390 px wide: Bo's card's "Report" opens the report form for him (the same form
 * as for a message), sent to the moderators of the room the card was opened in.
 */
export const ReportNarrow: Story = {
  parameters: { confab: { layout: 'fill' } },
  render: () => (
    <Frame width={390} height={640}>
      <Chat defaultRoomId="general" />
    </Frame>
  ),
  play: async ({ canvasElement }) => {
    (await waitForElement(canvasElement, '[data-author-id="bo"] .confab-message-author-button')).click();
    (await waitForElement(canvasElement.ownerDocument.body, '.confab-profile-card [data-action="report"]')).click();
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
