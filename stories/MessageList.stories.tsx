import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect } from 'react';
import { useChatClient, useMessages } from 'confab-chat';
import { fixtures } from 'confab-chat/testing';
import { MessageList, RoomViewProvider } from 'confab-chat/ui';
import { Frame, hostile, keepTyping, once, readUpTo, sayAt, seedConversation, seedHistory, useWorld, withWorld, type World } from './support';

/** The list fills the story (the page's height), as it would in an app. */
function FullList({ roomId = 'general' }: { roomId?: string }) {
  return (
    <RoomViewProvider roomId={roomId}>
      <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }} data-testid="message-list-story">
        <MessageList roomId={roomId} />
      </div>
    </RoomViewProvider>
  );
}

/** For the browser suite: the oldest message held, so it can tell when an older page has come in. */
function OldestLoaded({ roomId }: { roomId: string }) {
  const { messages } = useMessages(roomId);
  return <span hidden data-testid="oldest-loaded" data-oldest={messages[0]?.sequence ?? ''} />;
}

const meta = {
  title: 'MessageList',
  component: MessageList,
  parameters: { confab: { layout: 'fill' } },
  args: { roomId: 'general' },
  render: (args) => <FullList roomId={args.roomId} />,
} satisfies Meta<typeof MessageList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A conversation with formatting, mentions, a link, reactions, a quote, a thread, an edit, a deletion, a picture, and someone typing. */
export const Conversation: Story = {
  decorators: [withWorld({ setup: (world) => seedConversation(world), scenario: (world) => keepTyping(world, 'general', ['bo']) })],
};

/** A room nobody has written in yet. */
export const EmptyRoom: Story = {
  decorators: [withWorld({})],
};

/**
 * 10,000 messages over two weeks, all read: the list opens at the bottom with a screenful of rows
 * in the DOM, and loads older pages at the top keeping the first visible message in place. The
 * browser suite checks both (test/browser/stories.test.mjs). Latency 40 ms, as on a fast network.
 */
export const TenThousandMessages: Story = {
  render: (args) => (
    <>
      <OldestLoaded roomId={args.roomId} />
      <FullList roomId={args.roomId} />
    </>
  ),
  decorators: [
    withWorld({
      latencyMs: 40,
      setup: (world: World) => {
        seedHistory(world, 'general', 10_000, { spacingMs: 2 * 60_000 });
        readUpTo(world, 'ana', 'general');
      },
    }),
  ],
};

/** Unread messages below a "New" line; the list opens there. */
export const UnreadSeparator: Story = {
  decorators: [
    withWorld({
      setup: (world) => {
        seedHistory(world, 'general', 200, { spacingMs: 20 * 60_000 });
        readUpTo(world, 'ana', 'general', 190);
      },
    }),
  ],
};

const longName = { id: 'long', name: 'Maximiliana Alexandrina Konstantinopoulou-Vanderberghe-Oyelaran' };

/** A word far wider than the list, a 5 KB message, a long URL and a very long name: nothing overflows. */
export const LongWordsAndTexts: Story = {
  decorators: [
    withWorld({
      users: [...fixtures.people, longName],
      setup: (world) => {
        seedHistory(world, 'general', 5);
        sayAt(world, 300_000, 'bo', 'general', hostile.longWord);
        sayAt(world, 240_000, 'long', 'general', `A long one. ${'All work and no play makes a long message. '.repeat(110)}`.slice(0, 5000));
        sayAt(world, 180_000, 'chen', 'general', `https://example.com/${'very-long-path-segment/'.repeat(30)}?query=${'x'.repeat(200)}`);
        sayAt(world, 120_000, 'ana', 'general', `${'🙂'.repeat(200)}`);
        readUpTo(world, 'ana', 'general');
      },
    }),
  ],
};

/** Sends the messages of a story as the signed-in person once (StrictMode mounts twice). */
function SendOnMount({ texts }: { texts: string[] }) {
  const client = useChatClient();
  useEffect(() => {
    if (!once(client, texts.join('\n'))) return;
    for (const text of texts) void client.sendMessage('general', { text }).catch(() => {});
  }, [client, texts]);
  return null;
}

const failing = ['This one is fine.', 'This one mentions the forbiddenword and the server refuses it.'];

/** One of Ana's sends refused by the server (a word filter): failed, with Retry and Discard. */
export const FailedSend: Story = {
  decorators: [
    withWorld({
      server: { wordFilter: { words: ['forbiddenword'], action: 'reject' } },
      setup: (world) => {
        seedHistory(world, 'general', 12);
        readUpTo(world, 'ana', 'general');
      },
    }),
  ],
  render: (args) => (
    <>
      <SendOnMount texts={failing} />
      <FullList roomId={args.roomId} />
    </>
  ),
};

const hostilePeople = [
  ...fixtures.people,
  { id: 'mallory', name: '<img src=x onerror="window.__confabPwned=1">Mallory', customData: { bio: '<script>window.__confabPwned=1</script>' } },
  { id: 'trudy', name: `Trudy ${hostile.rtlOverride}` },
  { id: 'zalgo', name: hostile.combining.slice(0, 200) },
];

/**
 * Script tags, `javascript:` and `data:` links, `<img onerror>` in names, file names and custom
 * data, right-to-left override characters and 500 combining marks: all inert text. The browser
 * suite checks no script ran, no element has an inline handler and every link is http(s)/mailto.
 */
export const HostileInputs: Story = {
  decorators: [
    withWorld({
      users: hostilePeople,
      setup: (world) => {
        sayAt(world, 600_000, 'mallory', 'general', hostile.script);
        sayAt(world, 540_000, 'mallory', 'general', hostile.img);
        sayAt(world, 480_000, 'mallory', 'general', `Click ${hostile.javascriptLink} or JAVASCRIPT:alert(1) or ${hostile.dataLink}`);
        sayAt(world, 420_000, 'mallory', 'general', '[totally safe](javascript:alert(1)) <a href="javascript:alert(1)">link</a> vbscript:msgbox(1)');
        sayAt(world, 360_000, 'trudy', 'general', `Please open ${hostile.rtlOverride} from the shared drive`);
        sayAt(world, 300_000, 'zalgo', 'general', hostile.combining);
        sayAt(world, 240_000, 'mallory', 'general', 'Custom data too', { customData: { html: hostile.img, script: hostile.script } });
        sayAt(world, 180_000, 'mallory', 'general', 'Files:', {
          attachments: [
            { id: 'h1', name: '<img src=x onerror="window.__confabPwned=1">.png', type: 'text/html', size: 120, url: 'javascript:window.__confabPwned=1' },
            { id: 'h2', name: `report${'\u202E'}fdp.exe`, type: 'application/octet-stream', size: 4096, url: 'data:text/html,<script>window.__confabPwned=1</script>' },
          ],
        });
        sayAt(world, 120_000, 'bo', 'general', 'Safe ones still link: https://example.com and mailto:team@example.com');
        readUpTo(world, 'ana', 'general');
      },
    }),
  ],
};

/** In a right-to-left page, with Arabic and Hebrew text mixed with Latin. */
export const RightToLeft: Story = {
  globals: { dir: 'rtl' },
  decorators: [
    withWorld({
      setup: (world) => {
        sayAt(world, 400_000, 'bo', 'general', 'مرحبا بالجميع! الإصدار 2.4 جاهز.');
        sayAt(world, 300_000, 'chen', 'general', 'שלום! בדקתי את ה-build והכול עובד.');
        sayAt(world, 200_000, 'ana', 'general', 'Mixed: النص العربي with English and 123 numbers.');
        sayAt(world, 100_000, 'dara', 'general', '👍');
        readUpTo(world, 'ana', 'general');
      },
    }),
  ],
};

/** Dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  decorators: Conversation.decorators,
};

/** The list in a small fixed box, as in a widget. */
export const SmallBox: Story = {
  parameters: { confab: { layout: 'padded' } },
  decorators: Conversation.decorators,
  render: (args) => (
    <Frame width={360} height={420}>
      <FullList roomId={args.roomId} />
    </Frame>
  ),
};

/**
 * 300 messages of which Ana has read 50: the list opens at the first unread (the page before and
 * after it loaded), under the "New" line, offers "Jump to latest", and moves Ana's cursor only as
 * far as she reads. The browser suite (test/browser/messageList.e2e.mjs) checks the server's cursor.
 */
export const TwoHundredFiftyUnread: Story = {
  decorators: [
    withWorld({
      setup: (world) => {
        seedHistory(world, 'general', 300, { spacingMs: 3 * 60_000 });
        readUpTo(world, 'ana', 'general', 50);
      },
    }),
  ],
};

/** In a 390 px column the toolbar keeps to one line (no quick reactions) and leaves the name room. */
export const NarrowColumn: Story = {
  parameters: { confab: { layout: 'padded' } },
  decorators: Conversation.decorators,
  render: (args) => (
    <Frame width={390} height={640}>
      <FullList roomId={args.roomId} />
    </Frame>
  ),
};

/** A direct room opens with "This is the beginning of" and the other person's name. */
export const DirectRoom: Story = {
  args: { roomId: 'direct' },
  decorators: [
    withWorld({
      setup: (world) => {
        const roomId = world.chat.directRoomId('ana', 'bo');
        world.ids.direct = roomId;
        sayAt(world, 120_000, 'bo', roomId, 'Hi Ana, got a minute?');
        readUpTo(world, 'ana', roomId);
      },
    }),
  ],
  render: () => <DirectList />,
};

function DirectList() {
  const roomId = useWorld().ids['direct'] as string;
  return <FullList roomId={roomId} />;
}
