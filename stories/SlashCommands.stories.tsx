import type { Meta, StoryObj } from '@storybook/react-vite';
import type { Chat } from 'confab-chat/ui';
import { ChatUIProvider, Composer, RoomViewProvider } from 'confab-chat/ui';
import { startTestBot } from 'confab-chat/testing';
import { act, chatInGeneral, PADDED, seedConversation, typeInto, type World } from './support';

const CITIES: Readonly<Record<string, string>> = { lisbon: '☀️ 24 °C', oslo: '🌧 6 °C', tokyo: '⛅ 17 °C' };

/** A weather bot in #general, answering /weather <city> in the room. */
function weatherBot(world: World) {
  return startTestBot(world.chat.server, {
    id: 'weatherbot',
    name: 'Weather bot',
    rooms: ['general'],
    commands: [
      { name: 'weather', description: 'Today’s weather in a city', args: '<city>' },
      { name: 'forecast', description: 'The next three days', args: '<city>' },
    ],
    reply: ({ name, args, userId }) => {
      const city = args.trim();
      if (city === '') return `@${userId}: tell me a city, e.g. /${name} Lisbon.`;
      const today = CITIES[city.toLowerCase()] ?? '🌤 19 °C';
      return name === 'weather' ? `${city}: ${today}` : `${city}: ${today}, then 🌤 20 °C, then 🌧 15 °C`;
    },
  });
}

/** A room with a topic and a few /me messages. */
function setup(world: World) {
  seedConversation(world, 'general', 20);
  act(world, 'ana', { type: 'room.update', roomId: 'general', topic: 'Release 2.4 on Friday · retro at 4pm' });
  act(world, 'bo', { type: 'message.send', roomId: 'general', clientId: 'me-1', text: 'is brewing coffee for everyone', kind: 'action' });
  act(world, 'chen', { type: 'message.send', roomId: 'general', clientId: 'shrug-1', text: 'no idea why staging is slow ¯\\_(ツ)_/¯' });
}

function ComposerFrame() {
  return (
    <ChatUIProvider>
      <RoomViewProvider roomId="general">
        <div style={{ maxWidth: 720, paddingBlockStart: 360 }}>
          <Composer roomId="general" />
        </div>
      </RoomViewProvider>
    </ChatUIProvider>
  );
}

/**
 * Slash commands: type `/` in the composer for the built-ins (/me, /shrug, /poll, /topic,
 * /invite, /leave, /mute, /unmute) and the weather bot's commands, each with its help. Try
 * `/weather Lisbon`, `/me waves`, `/topic …`, or a mistyped `/wether`: it is refused and stays in
 * the composer. `//text` sends text that starts with a slash.
 */
const meta = { title: 'Slash commands', ...chatInGeneral({ setup, scenario: weatherBot }) } satisfies Meta<typeof Chat>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The whole chat: the topic in the header, /me messages, and the bot to talk to. */
export const InChat: Story = {};

/** The composer alone, with `text` typed into it once it is there (and sent, with `submit`). */
function composerWith(text: string, { submit = false } = {}): Story {
  return {
    parameters: PADDED,
    render: () => <ComposerFrame />,
    play: async ({ canvasElement }) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      typeInto(canvasElement, text);
      if (submit) canvasElement.querySelector('form')?.requestSubmit();
    },
  };
}

/** The suggestions after `/`, with argument help and what each command does. */
export const Suggestions: Story = composerWith('/');

/** A command nobody knows: the composer says so and keeps the text. */
export const UnknownCommand: Story = composerWith('/wether Lisbon', { submit: true });
