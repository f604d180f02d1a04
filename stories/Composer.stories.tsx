import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, type ReactNode } from 'react';
import { ChatError, useCurrentUser, useMessages } from 'confab-chat';
import type { UploadAdapter } from 'confab-chat/core';
import { Chat, ChatUIProvider, Composer, RoomViewProvider, useRoomView } from 'confab-chat/ui';
import { once, pickFiles, pngFile, seedConversation, seedHistory, typeInto, withWorld, type World } from './support';

/** Uploads that reach 42 % and stay there until removed: the progress bars hold still for a look. */
const stuckUploads: UploadAdapter = {
  upload(_roomId, file, options) {
    options?.onProgress?.(Math.round(file.size * 0.42), file.size);
    return new Promise((_resolve, reject) => {
      options?.signal?.addEventListener('abort', () => reject(new ChatError('unavailable', 'The upload was cancelled.')));
    });
  },
};

function Frame({ children, uploads }: { children?: ReactNode; uploads?: UploadAdapter }) {
  return (
    <ChatUIProvider {...(uploads ? { uploads } : {})}>
      <RoomViewProvider roomId="general">
        <div style={{ maxWidth: 720, paddingBlockStart: 320 }} data-testid="composer-story">
          {children}
        </div>
      </RoomViewProvider>
    </ChatUIProvider>
  );
}

/** Hands the signed-in person's newest message to the composer to edit (or quote), once. */
function Start({ mode }: { mode: 'edit' | 'quote' }) {
  const view = useRoomView();
  const { id: me } = useCurrentUser();
  const { messages } = useMessages('general');
  const target = mode === 'edit' ? messages.findLast((message) => message.authorId === me && message.text !== '') : messages.findLast((message) => message.authorId !== me && message.text !== '');
  useEffect(() => {
    if (view && target && once(view, `${mode}:${target.id}`)) (mode === 'edit' ? view.startEdit : view.startQuote)(target);
  }, [view, target, mode]);
  return null;
}

const meta = {
  title: 'Composer',
  component: Composer,
  decorators: [withWorld({ setup: (world) => seedConversation(world, 'general', 4) })],
  args: { roomId: 'general' },
  render: (args) => (
    <Frame uploads={stuckUploads}>
      <Composer {...args} />
    </Frame>
  ),
} satisfies Meta<typeof Composer>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Empty, with the attach and emoji buttons (the emoji picker loads only when opened). */
export const Default: Story = {};

/** Without an upload adapter there is no attach button. */
export const WithoutUploads: Story = {
  render: (args) => (
    <Frame>
      <Composer {...args} />
    </Frame>
  ),
};

/** A picture and a PDF on their way: thumbnails, file chips and progress bars, Send waiting for them. */
export const Uploading: Story = {
  play: async ({ canvasElement }) => {
    pickFiles(canvasElement, [pngFile('whiteboard.png'), new File(['%PDF-1.7 quarterly numbers'.repeat(2000)], 'q3-report.pdf', { type: 'application/pdf' })]);
    typeInto(canvasElement, 'Notes from today, with the board and the report.');
  },
};

/** Editing one's own last message: the bar says so and offers Cancel. */
export const EditMode: Story = {
  render: (args) => (
    <Frame uploads={stuckUploads}>
      <Start mode="edit" />
      <Composer {...args} />
    </Frame>
  ),
};

/** Quoting someone's message. */
export const QuoteMode: Story = {
  render: (args) => (
    <Frame uploads={stuckUploads}>
      <Start mode="quote" />
      <Composer {...args} />
    </Frame>
  ),
};

/** 4.6 KB of the 5 KB limit: the byte counter shows what is left. */
export const NearTheLimit: Story = {
  play: async ({ canvasElement }) => {
    typeInto(canvasElement, 'Long draft. '.repeat(392));
  },
};

/** Over the limit: the counter turns into a refusal and Send is disabled. */
export const OverTheLimit: Story = {
  play: async ({ canvasElement }) => {
    typeInto(canvasElement, 'Far too long. '.repeat(400));
  },
};

/** Typing "@" suggests the room's members. */
export const MentionSuggestions: Story = {
  play: async ({ canvasElement }) => {
    typeInto(canvasElement, 'Thanks @');
  },
};

/** Typing ":smi" suggests emoji by shortcode. */
export const EmojiShortcodeSuggestions: Story = {
  play: async ({ canvasElement }) => {
    typeInto(canvasElement, 'Great :smi');
  },
};

/** Two rooms with history, for the whole composer inside `<Chat>`. */
function twoRooms(world: World) {
  seedConversation(world, 'general', 30);
  seedHistory(world, 'random', 12, { spacingMs: 60 * 60_000 });
}

/**
 * The composer in a whole chat filling the viewport, with uploads: the emoji picker opens above
 * it (and "Add reaction" beside a message) as often as asked, fully on screen at any size; a draft
 * stays with its room when switching rooms and after a reload; after attaching a file, typing
 * goes on in the text. `test/browser/composer.e2e.mjs` drives it at 1280 × 800 and 390 × 844.
 */
export const InAChat: Story = {
  decorators: [withWorld({ setup: twoRooms })],
  parameters: { confab: { layout: 'fill' } },
  render: () => <Chat defaultRoomId="general" uploads={stuckUploads} />,
};
