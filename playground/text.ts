// What the people of the playground say: varied, realistic chat text with the formatting Confab
// renders (bold, italic, strike, inline code, code blocks), links, mentions, emoji-only messages
// and long paragraphs. All of it is our own constant text; nothing comes from outside the page.
import { chance, pick, weighted, type Random } from './random';

/** A message to send: its text and whom it mentions (ids; the text carries `@Name`). */
export interface Said {
  text: string;
  mentions: string[];
}

/** Someone who can be mentioned. */
export interface Mentionable {
  id: string;
  name: string;
}

const SHORT = [
  'Morning all!',
  'Has anyone seen the new build?',
  'Looks good to me 👍',
  'Can we move the sync to 3pm?',
  'Sure, works for me.',
  'I pushed a fix for the login bug.',
  'Thanks! Testing it now.',
  'Lunch? 🍜',
  'Back in 10.',
  'The deploy finished without errors.',
  'Anyone up for coffee?',
  'On it.',
  'That was quick, nice work!',
  'Heads up: the staging database restarts at noon.',
  'Which branch should I review first?',
  'I can take that one.',
  'Done ✅',
  'Let me check and get back to you.',
  'Running a bit late, start without me.',
  'Does anyone have the link to the roadmap?',
  'Great question, I was wondering the same.',
  'Yes, exactly that.',
  'I will write up the notes after the meeting.',
  'Just merged it.',
  'Oops, wrong channel 🙈',
  'Who is on call this week?',
  'The flaky test is back 😩',
  'Ship it! 🚀',
];

const FORMATTED = [
  'This is **really** important: the release is on _Thursday_, not Friday.',
  'Please use `npm ci` in CI, not `npm install`.',
  'The old flow is ~~deprecated~~ gone as of today.',
  '**Reminder:** retro at 4pm. Bring *one* thing that went well and one that did not.',
  'Renamed `useRoomList` to `useRooms`; the old name still works for now.',
  'Both are fine, but _please_ pick one and stick to it.',
  '**Status:** green. **Blockers:** none. **Next:** the thread panel.',
];

const LINKS = [
  'The spec is here: https://example.com/specs/chat-v2',
  'Found this on reading receipts: https://example.org/blog/read-receipts-done-right',
  'Design review notes: https://example.com/design/review-42 (comments welcome)',
  'Mail the vendor at mailto:support@example.com if the invoice is wrong.',
  'Status page says all good: https://status.example.com',
  'Useful read on virtualized lists: https://example.net/articles/virtual-lists',
];

const EMOJI_ONLY = ['🎉', '👍', '😂😂', '🔥🔥🔥', '❤️', '🙏', '👀', '🚀', '☕️', '🥳🎉'];

const CODE = [
  'Here is the fix:\n```ts\nconst unread = rooms.filter((room) => room.lastSequence > (cursors[room.id] ?? 0));\nreturn unread.length;\n```',
  'Repro:\n```sh\nnpm run server -- --dev\ncurl -X POST http://127.0.0.1:8787/dev/token\n```',
  'The store update is just\n```ts\nstore.setState((state) => applyEvent(state, event, now));\n```\nnothing fancy.',
];

const LONG = [
  'Quick summary of where we are with the onboarding flow. The first screen now asks for a display name only, the avatar step moved to settings, and the invite step is optional. Early numbers look promising: more people finish the flow, and nobody complained about the missing avatar step so far. Next week we want to try a version that skips the invite step entirely for people who arrive through an invitation link, since they already have a room to land in.',
  'Long one, sorry. I looked into why the list jumps when older messages load. It turns out we measured the first row before the images above it had their final size, so the scroll position was restored against the wrong height. Giving every image its width and height up front fixes it, and the list stays put now even on slow connections. I also added a test that loads three pages in a row and checks the first visible message does not move by more than two pixels.',
  'Notes from the customer call: they love the drop-in chat, but they need right-to-left layouts for their Arabic and Hebrew users, a dark theme that follows the system setting, and a way to replace the avatar component with their own. All three are already on our list. They also asked whether messages survive a page reload while offline; with the IndexedDB outbox they do.',
];

const QUESTIONS = [
  'what do you think about the new layout?',
  'can you take a look at my pull request when you have a minute?',
  'are you joining the planning session?',
  'did the upload work on your side?',
  'could you double-check the numbers in the report?',
  'you around? Quick question about the release.',
];

const REPLIES = [
  'Good point, agreed.',
  'Makes sense to me.',
  'I think so too 👍',
  'Not sure, let me look.',
  'Done, take another look.',
  'Ha, yes 😄',
  '+1',
  'Thanks for flagging!',
  'I would keep it as it is for now.',
];

const DIRECT_REPLIES = [
  'Hey! Sure, give me a minute.',
  'Sounds good 👍',
  'Yes, I saw it. Looks great!',
  'Let me check and get back to you.',
  'Ha, thanks 😄',
  'Sure thing. Anything else?',
  'Can we talk about it after lunch?',
];

/** Reactions people put on messages. */
export const REACTIONS = ['👍', '❤️', '😂', '🎉', '👀', '🙏', '🔥', '✅'] as const;

/**
 * Something a person says in a room. Sometimes it mentions one of `others` (its id goes in
 * `mentions`, the text says `@Name`, as the composer would send it).
 */
export function composeMessage(random: Random, others: readonly Mentionable[] = []): Said {
  const kind = weighted(random, [
    ['short', 50],
    ['formatted', 10],
    ['link', 7],
    ['emoji', 8],
    ['code', 3],
    ['long', 4],
    ['mention', 12],
  ] as const);
  switch (kind) {
    case 'short':
      return plain(pick(random, SHORT));
    case 'formatted':
      return plain(pick(random, FORMATTED));
    case 'link':
      return plain(pick(random, LINKS));
    case 'emoji':
      return plain(pick(random, EMOJI_ONLY));
    case 'code':
      return plain(pick(random, CODE));
    case 'long':
      return plain(pick(random, LONG));
    case 'mention':
      return others.length > 0 ? mentioning(random, pick(random, others)) : plain(pick(random, SHORT));
  }
}

/** A message that asks `person` something, mentioning them. */
export function mentioning(random: Random, person: Mentionable): Said {
  return { text: `@${person.name} ${pick(random, QUESTIONS)}`, mentions: [person.id] };
}

/** A short answer in a thread. */
export function composeReply(random: Random): Said {
  return plain(chance(random, 0.2) ? pick(random, EMOJI_ONLY) : pick(random, REPLIES));
}

/** An answer to someone who wrote directly or mentioned the person. */
export function composeDirectReply(random: Random): Said {
  return plain(pick(random, DIRECT_REPLIES));
}

function plain(text: string): Said {
  return { text, mentions: [] };
}
