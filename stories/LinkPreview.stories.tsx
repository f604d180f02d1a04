import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMessages } from 'confab-chat';
import type { LinkPreview } from 'confab-chat/protocol';
import { watchLinkPreviews, type LinkUnfurler } from 'confab-chat/server';
import { Message, RoomViewProvider } from 'confab-chat/ui';
import { sayAt, withPeople, withWorld, type World } from './support';

/** A picture made in the page (an SVG blob): stories reach no other site, as previews on a real host never let browsers do. */
function pictureUrl(label: string, color: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630"><rect width="1200" height="630" fill="${color}"/><text x="600" y="340" font-size="96" font-family="sans-serif" text-anchor="middle" fill="white">${label}</text></svg>`;
  return URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
}

/** The fake unfurler of the stories and the playground's kind: what a page could say about a few links. */
function storyUnfurler(): LinkUnfurler {
  return {
    async unfurl(url) {
      await new Promise((resolve) => setTimeout(resolve, 400)); // a site takes a moment
      if (url.includes('/releases/')) {
        return { url, title: 'Confab 2.4 release notes', description: 'Link previews, faster history, and a new thread panel.', siteName: 'Confab Blog', image: { url: pictureUrl('2.4', '#2f5fd0'), width: 1200, height: 630 } };
      }
      return null;
    },
  };
}

const HOSTILE: Omit<LinkPreview, 'url'> = {
  // Markup, an event handler and a script in every text field, a 200-character title with no
  // space to wrap at, and an image URL that is a script: all of it must stay text.
  title: `<img src=x onerror="alert('title')">${'W'.repeat(200 - 34)}`,
  description: `<script>alert('description')</script> javascript:alert(1) ${'Long description. '.repeat(27)}`.slice(0, 500),
  siteName: '<b onmouseover="alert(1)">evil.example</b>',
  image: { url: 'javascript:alert(1)', width: 100, height: 100 },
};

/** Sends the story's messages and attaches their previews as the host would (a system command). */
function seedPreviews(world: World): void {
  const minutes = (n: number) => n * 60_000;
  const attach = (message: { id: string }, preview: LinkPreview) => world.chat.server.actAsSystem({ type: 'message.setPreview', roomId: 'general', messageId: message.id, preview });
  const article = sayAt(world, minutes(30), 'bo', 'general', 'The write-up is out: https://blog.example.test/releases/2.4');
  attach(article, { url: 'https://blog.example.test/releases/2.4', title: 'Confab 2.4 release notes', description: 'Link previews, faster history, and a new thread panel.', siteName: 'Confab Blog', image: { url: pictureUrl('2.4', '#2f5fd0'), width: 1200, height: 630 } });
  const plain = sayAt(world, minutes(20), 'chen', 'general', 'Docs for the host flags: https://docs.example.test/host#previews');
  attach(plain, { url: 'https://docs.example.test/host#previews', title: 'Running the host', description: 'Every confab-server flag, with its default.', siteName: 'docs.example.test' });
  const mine = sayAt(world, minutes(10), 'ana', 'general', 'My notes: https://notes.example.test/ana/standup');
  attach(mine, { url: 'https://notes.example.test/ana/standup', title: 'Stand-up notes (Thursday)', description: 'What we shipped, what is next. You sent this one: the × takes its preview off.', siteName: 'Notes', image: { url: pictureUrl('Notes', '#17743a'), width: 600, height: 600 } });
  const hostile = sayAt(world, minutes(5), 'dara', 'general', 'Totally safe: https://evil.example.test/og');
  attach(hostile, { url: 'https://evil.example.test/og', ...HOSTILE });
}

/** The messages of the general room that carry a link. */
function Messages() {
  const { messages } = useMessages('general');
  return (
    <RoomViewProvider roomId="general">
      <div style={{ maxWidth: 720 }} data-testid="link-preview-story">
        {messages
          .filter((message) => message.text.includes('https://'))
          .map((message) => (
            <Message key={message.id} roomId="general" sequence={message.sequence} />
          ))}
      </div>
    </RoomViewProvider>
  );
}

const meta = {
  title: 'LinkPreview',
  decorators: [withWorld({ setup: seedPreviews })],
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

/**
 * Previews as the host attaches them: with a picture, without one, one's own (with ×), and a
 * hostile page's (markup, a script URL as the image, a title with nowhere to wrap) that stays inert.
 */
export const Previews: Story = { render: () => <Messages /> };

/** At phone width: the card and its picture shrink with the message, the title clamps to two lines. */
export const Narrow: Story = {
  render: () => (
    <div style={{ width: 390 }}>
      <Messages />
    </div>
  ),
};

/**
 * A send unfurled in the background by a fake unfurler (the in-page server cannot fetch other
 * sites): Bo's message appears at once, and its preview follows a moment later.
 */
export const Live: Story = {
  decorators: [
    withWorld({
      scenario: (world) => {
        const stop = watchLinkPreviews({ server: world.chat.server, unfurler: storyUnfurler() });
        const people = withPeople(world, ['bo'], (clients) => {
          const timer = setTimeout(() => void clients['bo']?.sendMessage('general', { text: 'Release notes: https://blog.example.test/releases/2.4' }).catch(() => {}), 300);
          return () => clearTimeout(timer);
        });
        return () => {
          people();
          stop();
        };
      },
    }),
  ],
  render: () => <Messages />,
};
