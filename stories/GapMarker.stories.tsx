import type { Meta, StoryObj } from '@storybook/react-vite';
import { GapMarker } from 'confab-chat/ui';

/** Where a reconnect replayed only the newest messages: the missing range, and a button to load it. */
const meta = {
  title: 'GapMarker',
  component: GapMarker,
  args: { gap: { from: 101, to: 250 }, loading: false, onLoad: () => {} },
} satisfies Meta<typeof GapMarker>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Missing: Story = {};
export const Loading: Story = { args: { loading: true } };
