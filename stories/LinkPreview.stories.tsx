import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMessages } from 'confab-chat';
import type { LinkPreview } from 'confab-chat/protocol';
import { watchLinkPreviews, type LinkUnfurler } from 'confab-chat/server';
import { Message, RoomViewProvider } from 'confab-chat/ui';
import { sayAt, withPeople, withWorld, type World } from './support';

/** A picture made in the page (an SVG blob): stories reach no other site, as previews on a real host never let browsers do. */
function picture(label: string, color: string, width = 1200, height = 630): { url: string; width: number; height: number } {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="${color}"/><text x="${width / 2}" y="${height / 2 + 32}" font-size="96" font-family="sans-serif" text-anchor="middle" fill="white">${label}</text></svg>`;
  return { url: URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })), width, height };
}

/** The fake unfurler of the stories and the playground's kind: what a page could say about a few links. */
function storyUnfurler(): LinkUnfurler {
  return {
    async unfurl(url) {
      await new Promise((resolve) => setTimeout(resolve, 400)); // a site takes a moment
      if (url.includes('/releases/')) {
        return { url, title: 'Confab 2.4 release notes', description: 'Link previews, faster history, and a new thread panel.', siteName: 'Confab Blog', image: picture('2.4', '#2f5fd0') };
      }
      return null;
    },
  };
}

const HOSTILE: Omit<LinkPreview, 'url'> = {
  // Markup, an event handler and a script in every text field, a 200-character title with no
  // space to wrap at, and an image URL that is a script: all of it must stay text.
  title: `<img src=x onerror="alert('title')">`.padEnd(200, 'W'),
  description: `<script>alert('description')</script> javascript:alert(1) ${'Long description. '.repeat(27)}`.slice(0, 500),
  siteName: '<b onmouseover="alert(1)">evil.example</b>',
  image: { url: 'javascript:alert(1)', width: 100, height: 100 },
};

/** Sends the story's messages and attaches their previews as the host would (a system command). */
function seedPreviews(world: World): void {
  const minutes = (n: number) => n * 60_000;
  const attach = (message: { id: string }, preview: LinkPreview) => {
    const outcome = world.chat.server.actAsSystem({ type: 'message.setPreview', roomId: 'general', messageId: message.id, preview });
    if (!outcome.ok) throw outcome.error;
  };
  const article = sayAt(world, minutes(30), 'ana', 'general', 'The write-up is out: https://blog.example.test/releases/2.4');
  attach(article, { url: 'https://blog.example.test/releases/2.4', title: 'Confab 2.4 release notes', description: 'Link previews, faster history, and a new thread panel.', siteName: 'Confab Blog', image: picture('2.4', '#2f5fd0') });
  const plain = sayAt(world, minutes(20), 'chen', 'general', 'Docs for the host flags: https://docs.example.test/host#previews');
  attach(plain, { url: 'https://docs.example.test/host#previews', title: 'Running the host', description: 'Every confab-server flag, with its default.', siteName: 'docs.example.test' });
  const mine = sayAt(world, minutes(10), 'bo', 'general', 'My notes: https://notes.example.test/bo/standup');
  attach(mine, { url: 'https://notes.example.test/bo/standup', title: 'Stand-up notes (Thursday)', description: 'What we shipped, what is next. You sent this one: the × takes its preview off.', siteName: 'Notes', image: picture('Notes', '#17743a', 600, 600) });
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
  // Seen by Bo, who is no admin: the × shows on his own message only.
  decorators: [withWorld({ userId: 'bo', setup: seedPreviews })],
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
 * sites): Chen's message appears at once, and its preview follows a moment later.
 */
export const Live: Story = {
  decorators: [
    withWorld({
      scenario: (world) => {
        const stop = watchLinkPreviews({ server: world.chat.server, unfurler: storyUnfurler() });
        const people = withPeople(world, ['chen'], (clients) => {
          const timer = setTimeout(() => void clients['chen']?.sendMessage('general', { text: 'Release notes: https://blog.example.test/releases/2.4' }).catch(() => {}), 300);
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
