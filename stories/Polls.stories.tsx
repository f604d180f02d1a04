import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { useMessages } from 'confab-chat';
import type { Chat } from 'confab-chat/ui';
import { CreatePollDialog, Message } from 'confab-chat/ui';
import { act, chatInGeneral, PADDED, seedConversation, useWorld, type World } from './support';

/** Posts a poll as `authorId` in #general and returns its message id. */
function poll(world: World, authorId: string, clientId: string, question: string, options: string[], extra: { multiple?: boolean; anonymous?: boolean } = {}): string {
  const outcome = world.chat.server.actAs(authorId, { type: 'poll.create', roomId: 'general', clientId, question, options, ...extra });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value.id;
}

function vote(world: World, userId: string, messageId: string, optionIds: string[]) {
  act(world, userId, { type: 'poll.vote', roomId: 'general', messageId, optionIds });
}

/** Three polls: single choice with named voters, multiple choice, and anonymous; a few votes in each. */
function setup(world: World) {
  seedConversation(world, 'general', 10);
  const lunch = poll(world, 'bo', 'poll-lunch', 'Lunch on Friday?', ['Pizza', 'Sushi', 'Tacos', 'Salad bar']);
  vote(world, 'bo', lunch, ['o1']);
  vote(world, 'chen', lunch, ['o2']);
  vote(world, 'dara', lunch, ['o1']);
  world.ids.lunch = lunch;
  const days = poll(world, 'chen', 'poll-days', 'Which days work for the offsite?', ['Monday', 'Tuesday', 'Wednesday', 'Thursday'], { multiple: true });
  vote(world, 'chen', days, ['o1', 'o2']);
  vote(world, 'eli', days, ['o2', 'o4']);
  world.ids.days = days;
  const mood = poll(world, 'ana', 'poll-mood', 'How did the release go for you?', ['Smoothly', 'Some bumps', 'Rough'], { anonymous: true });
  vote(world, 'bo', mood, ['o2']);
  vote(world, 'eli', mood, ['o1']);
  world.ids.mood = mood;
}

/** Someone votes every few seconds in the lunch poll, so the bars move while you watch. */
function liveVotes(world: World) {
  const people = ['eli', 'bo', 'chen', 'dara'];
  let turn = 0;
  const timer = setInterval(() => {
    const messageId = world.ids.lunch;
    if (messageId === undefined) return;
    const userId = people[turn % people.length] as string;
    const option = `o${1 + ((turn * 7) % 4)}`;
    turn += 1;
    world.chat.server.actAs(userId, { type: 'poll.vote', roomId: 'general', messageId, optionIds: [option] });
  }, 2500);
  return () => clearInterval(timer);
}

/** The message of one of the world's polls, once loaded. */
function PollMessage({ id }: { id: string | undefined }): ReactNode {
  const { messages } = useMessages('general');
  const message = messages.find((candidate) => candidate.id === id);
  return message ? <Message roomId="general" message={message} /> : null;
}

function PollsOnly(): ReactNode {
  const world = useWorld();
  return (
    <div style={{ maxWidth: 560 }}>
      <PollMessage id={world.ids.lunch} />
      <PollMessage id={world.ids.days} />
      <PollMessage id={world.ids.mood} />
    </div>
  );
}

/**
 * Polls: a message kind with a question and 2–10 options, single or multiple choice, anonymous or
 * not. Votes are counted on the server and show live; your own vote is marked; the author or a
 * room admin closes a poll. Create one with the composer's poll button or `/poll Question?`.
 */
const meta = { title: 'Polls', ...chatInGeneral({ setup, scenario: liveVotes }) } satisfies Meta<typeof Chat>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The whole chat, with polls in #general and someone voting every few seconds. */
export const InChat: Story = {};

/** The three kinds side by side: named voters, multiple choice, anonymous (Ana's own poll, so she may close it). */
export const Cards: Story = {
  parameters: PADDED,
  render: () => <PollsOnly />,
};

/** The form that creates a poll. */
export const CreateDialog: Story = {
  parameters: PADDED,
  render: () => <CreatePollDialog roomId="general" question="Where should the offsite be?" onClose={() => {}} onCreated={() => {}} />,
};
