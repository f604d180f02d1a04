import type { Meta, StoryObj } from '@storybook/react-vite';
import type { Command, Message } from 'confab-chat/protocol';
import { fixtures } from 'confab-chat/testing';
import { MessageList, RoomViewProvider } from 'confab-chat/ui';
import { readUpTo, sayAt, seedHistory, withWorld, type World } from './support';

/** The list fills the story, as it would in an app. */
function FullList() {
  return (
    <RoomViewProvider roomId="general">
      <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }} data-testid="streaming-story">
        <MessageList roomId="general" />
      </div>
    </RoomViewProvider>
  );
}

const ASSISTANT = { id: 'assistant', name: 'Assistant' };
const PEOPLE = [...fixtures.people, ASSISTANT];

const ANSWER = [
  'Sure! Streaming a reply from any async iterator takes one line:',
  '',
  '```ts',
  'onMention: (message, reply) => reply.stream(model.stream(message.text)),',
  '```',
  '',
  'The message grows in front of everyone, and **Stop** ends it where it is.',
].join('\n');

function run(world: World, userId: string, command: Command): Message {
  const outcome = world.chat.server.actAs(userId, command);
  if (!outcome.ok) throw outcome.error;
  return outcome.value as Message;
}

/** The Assistant starts an answer to Ana (empty, "thinking"). */
function startAnswer(world: World, clientId: string): Message {
  return run(world, ASSISTANT.id, { type: 'message.send', roomId: 'general', clientId, text: '', streaming: { requestedBy: 'ana' } });
}

/** Appends the answer's first `length` characters, in pieces of a few words. */
function writeUpTo(world: World, message: Message, length: number): void {
  const words = ANSWER.slice(0, length).split(/(?<=\s)/);
  let offset = 0;
  for (let index = 0; index < words.length; index += 3) {
    const piece = words.slice(index, index + 3).join('');
    const appended = world.chat.server.actAs(ASSISTANT.id, { type: 'message.append', roomId: 'general', messageId: message.id, offset, piece });
    if (!appended.ok) throw appended.error;
    offset = appended.value.length;
  }
}

/** A little history, Ana's question, and what `then` does with the Assistant's answer. */
function conversation(then: (world: World, answer: Message) => void) {
  return (world: World) => {
    seedHistory(world, 'general', 6, { authorIds: ['ana', 'bo', 'chen'] });
    sayAt(world, 20_000, 'ana', 'general', '@Assistant how do I stream a reply?', { mentions: [ASSISTANT.id] });
    const answer = startAnswer(world, 'answer');
    world.ids['answer'] = answer.id;
    // Ana just asked: she is at the bottom of the room, where the answer grows.
    readUpTo(world, 'ana', 'general');
    then(world, answer);
  };
}

const meta = {
  title: 'Streaming',
  component: MessageList,
  parameters: { confab: { layout: 'fill' } },
  args: { roomId: 'general' },
  render: () => <FullList />,
} satisfies Meta<typeof MessageList>;
export default meta;
type Story = StoryObj<typeof meta>;

/**
 * The Assistant's answer growing piece by piece in front of Ana, who asked: "Generating…" and a
 * Stop button under it, the code block shown as a block while its fence is still open, and the
 * list kept at the bottom. It finishes, and a new answer starts a few seconds later.
 */
export const Growing: Story = {
  decorators: [
    withWorld({
      users: PEOPLE,
      setup: conversation(() => {}),
      scenario: (world) => {
        const timers: ReturnType<typeof setTimeout>[] = [];
        let messageId = world.ids['answer'] as string;
        let offset = 0;
        let words = ANSWER.split(/(?<=\s)/);
        let round = 0;
        const later = (ms: number, work: () => void) => void timers.push(setTimeout(work, ms));
        const tick = () => {
          const piece = words.splice(0, 2).join('');
          if (piece === '') {
            world.chat.server.actAs(ASSISTANT.id, { type: 'message.finish', roomId: 'general', messageId });
            // A new answer a few seconds later, so the story keeps showing one grow.
            later(3000, () => {
              messageId = startAnswer(world, `again-${++round}`).id;
              offset = 0;
              words = ANSWER.split(/(?<=\s)/);
              later(900, tick);
            });
            return;
          }
          const appended = world.chat.server.actAs(ASSISTANT.id, { type: 'message.append', roomId: 'general', messageId, offset, piece });
          // Stopped (Ana pressed Stop): this answer is over; the next one starts later.
          if (appended.ok) offset = appended.value.length;
          else words = [];
          later(140, tick);
        };
        later(900, tick);
        return () => timers.forEach(clearTimeout);
      },
    }),
  ],
};

/** An answer Ana stopped halfway, inside its code block: the text so far stays, marked "Stopped". */
export const Stopped: Story = {
  decorators: [
    withWorld({
      users: PEOPLE,
      setup: conversation((world, answer) => {
        writeUpTo(world, answer, ANSWER.indexOf('message.text'));
        run(world, 'ana', { type: 'message.stop', roomId: 'general', messageId: answer.id });
      }),
    }),
  ],
};

/** A finished answer: a normal message, with its code block, not marked edited and with no Stop. */
export const Finished: Story = {
  decorators: [
    withWorld({
      users: PEOPLE,
      setup: conversation((world, answer) => {
        writeUpTo(world, answer, ANSWER.length);
        run(world, ASSISTANT.id, { type: 'message.finish', roomId: 'general', messageId: answer.id });
      }),
    }),
  ],
};
