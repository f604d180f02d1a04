import type { Meta, StoryObj } from '@storybook/react-vite';
import { Chat } from 'confab-chat/ui';
import { keepTyping, readUpTo, sayAt, seedConversation, seedHistory, withPeople, withWorld, type World } from './support';

/** The lively world most chat stories share: three rooms, a direct message, people online, someone typing. */
function setup(world: World) {
  seedConversation(world, 'general');
  seedHistory(world, 'random', 40, { spacingMs: 3 * 60 * 60_000 });
  readUpTo(world, 'ana', 'random', 35);
  const dm = world.chat.directRoomId('ana', 'bo');
  sayAt(world, 50 * 60_000, 'bo', dm, 'Got a minute to pair on the list?');
  sayAt(world, 45 * 60_000, 'ana', dm, 'Sure, after standup.');
  readUpTo(world, 'ana', dm);
  readUpTo(world, 'bo', dm);
}

function scenario(world: World) {
  const online = withPeople(world, ['bo', 'chen'], () => {});
  const typing = keepTyping(world, 'general', ['dara']);
  return () => {
    online();
    typing();
  };
}

const meta = {
  title: 'Chat',
  component: Chat,
  decorators: [withWorld({ setup, scenario })],
  parameters: { confab: { layout: 'fill' } },
  render: (args, { globals }) => <Chat {...args} theme={globals.theme === 'dark' ? 'dark' : 'light'} dir={globals.dir === 'rtl' ? 'rtl' : 'ltr'} />,
  args: { defaultRoomId: 'general' },
} satisfies Meta<typeof Chat>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const Dark: Story = { globals: { theme: 'dark' } };

export const RightToLeft: Story = { globals: { dir: 'rtl' } };

/** 375 px wide: one pane at a time, with a back button in the room header. */
export const PhoneWidth: Story = {
  decorators: [
    (Story) => (
      <div style={{ width: 375, height: 740, border: '1px solid #dfe2e7', display: 'flex', flexDirection: 'column' }} data-testid="phone-frame">
        <Story />
      </div>
    ),
  ],
};

/** Phone width with no room open: the room list fills the screen. */
export const PhoneWidthRoomList: Story = {
  args: { defaultRoomId: null },
  decorators: PhoneWidth.decorators,
};

/** Nobody has sent anything yet. */
export const EmptyWorld: Story = {
  decorators: [withWorld({})],
};
