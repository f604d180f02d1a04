import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { Composer, EmojiPicker, RoomViewProvider } from 'confab-chat/ui';
import { withWorld } from './support';

/** A button that opens the picker; emoji-mart and its data (the decorator's `emojiMart` source) load on the first open only. */
function PickerButton() {
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  return (
    <div style={{ position: 'relative', minHeight: 480 }}>
      <button type="button" className="confab-button" aria-expanded={open} onClick={() => setOpen((value) => !value)} data-testid="open-picker">
        Pick an emoji
      </button>
      <output style={{ marginInlineStart: 12 }} aria-label="Picked">
        {picked.join(' ')}
      </output>
      {open && (
        <EmojiPicker
          onSelect={(emoji) => setPicked((previous) => [...previous, emoji])}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}

const meta = {
  title: 'EmojiPicker',
  component: EmojiPicker,
  decorators: [withWorld({})],
  args: { onSelect: () => {}, onClose: () => {} },
  render: () => <PickerButton />,
} satisfies Meta<typeof EmojiPicker>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Closed: nothing of emoji-mart is loaded until the button is pressed. */
export const Closed: Story = {};

/** Opened: emoji-mart and its data load now, from this site (no CDN). */
export const Open: Story = {
  play: async ({ canvasElement }) => {
    canvasElement.querySelector<HTMLButtonElement>('[data-testid="open-picker"]')?.click();
  },
};

/**
 * Without an emoji source (an app that did not install emoji-mart, or passed no `emoji`): the
 * picker says emoji are unavailable, and the console tells the developer how to add them.
 */
export const WithoutEmojiSource: Story = {
  parameters: { confab: { emoji: false } },
  play: async ({ canvasElement }) => {
    canvasElement.querySelector<HTMLButtonElement>('[data-testid="open-picker"]')?.click();
  },
};

/** The composer's emoji button, closed. */
export const InComposer: Story = {
  render: () => (
    <RoomViewProvider roomId="general">
      <div style={{ maxWidth: 720, paddingBlockStart: 440 }}>
        <Composer roomId="general" />
      </div>
    </RoomViewProvider>
  ),
};
