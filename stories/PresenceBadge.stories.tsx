import type { Meta, StoryObj } from '@storybook/react-vite';
import { PresenceBadge } from 'confab-chat/ui';
import { withPeople, withWorld } from './support';

/** Bo is connected (online); Dara is not (offline). */
const meta = {
  title: 'PresenceBadge',
  component: PresenceBadge,
  decorators: [withWorld({ scenario: (world) => withPeople(world, ['bo'], () => {}) })],
  args: { userId: 'bo' },
} satisfies Meta<typeof PresenceBadge>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Online: Story = {};
export const Offline: Story = { args: { userId: 'dara' } };
