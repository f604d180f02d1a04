import type { Meta, StoryObj } from '@storybook/react-vite';
import { Avatar } from 'confab-chat/ui';
import { fixtures } from 'confab-chat/testing';
import { brokenImageUrl, pngBlobUrl, withPeople, withWorld } from './support';

/** People with a picture (a PNG made in the page), an unsafe URL, a picture that fails to decode, and none. */
const people = [
  ...fixtures.people,
  { id: 'pic', name: 'Pia Costa', avatarUrl: pngBlobUrl('#2f5fd0') },
  { id: 'js', name: 'Jo Script', avatarUrl: 'javascript:window.__confabPwned=true' },
  { id: 'broken', name: 'Bruno Broken', avatarUrl: brokenImageUrl() },
  { id: 'emoji', name: '🦊 Fox' },
];

const meta = {
  title: 'Avatar',
  component: Avatar,
  decorators: [withWorld({ users: people, scenario: (world) => withPeople(world, ['bo'], () => {}) })],
  args: { userId: 'ana' },
} satisfies Meta<typeof Avatar>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Initials: Story = {};

export const Sizes: Story = {
  render: () => (
    <div style={{ display: 'flex', gap: 12, alignItems: 'center' }} data-testid="avatar-sizes">
      {(['xs', 'sm', 'md', 'lg'] as const).map((size) => (
        <Avatar key={size} userId="chen" size={size} />
      ))}
    </div>
  ),
};

export const WithPresence: Story = {
  render: () => (
    <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
      <Avatar userId="bo" size="lg" showPresence />
      <Avatar userId="dara" size="lg" showPresence />
    </div>
  ),
};

/** A picture, an unsafe URL and a picture that fails to load: the last two fall back to initials. */
export const PicturesAndFallbacks: Story = {
  render: () => (
    <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
      <Avatar userId="pic" size="lg" />
      <Avatar userId="js" size="lg" />
      <Avatar userId="broken" size="lg" />
      <Avatar userId="emoji" size="lg" />
      <Avatar userId="nobody-knows-me" size="lg" />
    </div>
  ),
};
