import type { Meta, StoryObj } from '@storybook/react-vite';
import { TypingIndicator } from 'confab-chat/ui';
import { keepTyping, withWorld } from './support';

const typing = (userIds: string[]) => withWorld({ scenario: (world) => keepTyping(world, 'general', userIds) });

const meta = {
  title: 'TypingIndicator',
  component: TypingIndicator,
  args: { roomId: 'general' },
} satisfies Meta<typeof TypingIndicator>;
export default meta;
type Story = StoryObj<typeof meta>;

/** "Bo Svensson is typing…" */
export const OnePerson: Story = { decorators: [typing(['bo'])] };

/** "Bo Svensson and Chen Wei are typing…" */
export const TwoPeople: Story = { decorators: [typing(['bo', 'chen'])] };

/** "Several people are typing…" */
export const ManyPeople: Story = { decorators: [typing(['bo', 'chen', 'dara', 'eli'])] };

/** Nobody typing: renders nothing. */
export const Nobody: Story = { decorators: [withWorld({})] };
