import type { Meta, StoryObj } from '@storybook/react-vite';
import { JumpToLatestButton, JumpToUnreadButton, NewMessagesPill } from 'confab-chat/ui';

/** Shown while the reader is scrolled up: how many arrived below, and a jump to the newest. */
const meta = {
  title: 'NewMessagesPill',
  component: NewMessagesPill,
  args: { count: 3, onClick: () => {} },
} satisfies Meta<typeof NewMessagesPill>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Three: Story = {};
export const One: Story = { args: { count: 1 } };
/** Its sibling for the other direction: back up to the first unread message. */
export const JumpToUnread: Story = { render: () => <JumpToUnreadButton onClick={() => {}} /> };
/** When nothing new has arrived to count: back down to the newest message. */
export const JumpToLatest: Story = { render: () => <JumpToLatestButton onClick={() => {}} /> };
