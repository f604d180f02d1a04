import type { Meta, StoryObj } from '@storybook/react-vite';
import { Chat, SearchDialog } from 'confab-chat/ui';
import { sampleText } from 'confab-chat/testing';
import { seedHistory, withWorld, type World } from './support';

const ignore = () => {};

/** Long histories where "lunch" comes up now and then, some of it far older than what a room loads first. */
function setup(world: World) {
  const lunch = ['Lunch at noon? The new ramen place.', 'Who is in for lunch on Friday?', 'Crème brûlée for dessert at lunch, obviously', 'Lunchtime demo moved to 1pm'];
  seedHistory(world, 'general', 400, { text: (index) => (index % 37 === 5 ? (lunch[index % lunch.length] as string) : sampleText(index)) });
  seedHistory(world, 'random', 120, { text: (index) => (index % 29 === 3 ? 'Photos from the team lunch are up' : sampleText(index)) });
}

/** Types into the search box, as a person would (React sees an input event). */
function typeSearch(root: HTMLElement, text: string): void {
  const input = root.querySelector<HTMLInputElement>('.confab-search-input');
  if (!input) throw new Error('typeSearch: no search box in the story');
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Waits until the story shows something matching a selector. */
async function waitFor(root: HTMLElement, selector: string): Promise<HTMLElement> {
  for (let waited = 0; waited < 5000; waited += 50) {
    const found = root.querySelector<HTMLElement>(selector);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`waitFor: nothing matched ${selector}`);
}

const meta = {
  title: 'Search',
  component: SearchDialog,
  decorators: [withWorld({ setup })],
  args: { onClose: ignore, onOpenRoom: ignore },
} satisfies Meta<typeof SearchDialog>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Open, nothing typed yet: a hint. */
export const Empty: Story = {};

/** Every room: people who match (a press opens a conversation), then messages with their room, author, time and the words marked. */
export const AllRooms: Story = {
  play: async ({ canvasElement }) => {
    typeSearch(canvasElement, 'lunch');
    await waitFor(canvasElement, '.confab-search-hit');
  },
};

/** From a room header: this room first, all rooms one press away. */
export const ThisRoom: Story = {
  args: { roomId: 'general' },
  play: async ({ canvasElement }) => {
    typeSearch(canvasElement, 'creme lunch');
    await waitFor(canvasElement, '.confab-search-hit');
  },
};

/** Nothing matches. */
export const NoResults: Story = {
  play: async ({ canvasElement }) => {
    typeSearch(canvasElement, 'zebra');
    await waitFor(canvasElement, '.confab-search-status[role="status"]:not(:has(.confab-spinner))');
  },
};

/** People by name: "bo" finds Bo Svensson; choosing him opens the direct conversation. */
export const People: Story = {
  play: async ({ canvasElement }) => {
    typeSearch(canvasElement, 'bo');
    await waitFor(canvasElement, '.confab-search-person');
  },
};

function ChatStory({ width }: { width?: number }) {
  return (
    <div style={{ width: width ?? '100%', maxWidth: '100%', height: 700, maxHeight: '100vh', display: 'flex', flexDirection: 'column', boxSizing: 'border-box', border: width ? '1px solid #dfe2e7' : undefined }}>
      <Chat defaultRoomId="random" />
    </div>
  );
}

/**
 * The whole walk: in `random`, search all rooms from the room list (Ctrl/Cmd+K), choose an old
 * message of `general`: the room opens there, loaded around it, the message marked for a moment.
 */
export const JumpFromChat: Story = {
  render: () => <ChatStory />,
  parameters: { confab: { layout: 'fill' } },
  play: async ({ canvasElement }) => {
    (await waitFor(canvasElement, '.confab-room-list .confab-search-button')).click();
    await waitFor(canvasElement, '.confab-search-input');
    typeSearch(canvasElement, 'ramen');
    await waitFor(canvasElement, '.confab-search-hit');
    // The oldest of them: far above the newest page of general, which is all that room loaded.
    const hits = canvasElement.querySelectorAll<HTMLElement>('.confab-search-hit');
    hits[hits.length - 1]?.click();
    await waitFor(canvasElement, '.confab-message-row[data-highlighted]');
  },
};

/** The same at 390 px: one pane at a time, the dialog full width. */
export const JumpFromChatPhone: Story = {
  render: () => <ChatStory width={390} />,
  parameters: { confab: { layout: 'fill' } },
  play: JumpFromChat.play,
};

/** <Chat> at 390 px with nothing done yet: for a person (or test/browser/search.e2e.mjs) to walk through search by hand. */
export const InChatPhone: Story = {
  render: () => <ChatStory width={390} />,
  parameters: { confab: { layout: 'fill' } },
};
