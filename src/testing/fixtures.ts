import type { ChatError, CustomData, Message } from '../protocol';
import type { ReferenceServer } from '../server';

/**
 * A person to create on a test server.
 *
 * @example
 * const ana: PersonFixture = { id: 'ana', name: 'Ana Lima' };
 */
export interface PersonFixture {
  id: string;
  name: string;
  avatarUrl?: string;
  customData?: CustomData;
}

/**
 * A room to create on a test server. `memberIds` defaults to everyone.
 *
 * @example
 * const design: RoomFixture = { id: 'design', name: 'design', kind: 'private', createdBy: 'ana', memberIds: ['ana', 'bo'] };
 */
export interface RoomFixture {
  id: string;
  name: string;
  kind: 'public' | 'private';
  createdBy: string;
  memberIds?: string[];
  customData?: CustomData;
}

/** Options of {@link seedMessages}. */
export interface SeedOptions {
  /** Who writes them, in turn. Default: the room's members in turn. */
  authorIds?: readonly string[];
  /** The text of the i-th message (0-based). Default: a numbered sample sentence. */
  text?: (index: number) => string;
  /** Makes the seeded messages replies in this message's thread. */
  parentId?: string;
}

const PEOPLE: readonly PersonFixture[] = Object.freeze([
  { id: 'ana', name: 'Ana Lima' },
  { id: 'bo', name: 'Bo Svensson' },
  { id: 'chen', name: 'Chen Wei' },
  { id: 'dara', name: 'Dara Okafor' },
  { id: 'eli', name: 'Eli Novak' },
]);

const ROOMS: readonly RoomFixture[] = Object.freeze([
  { id: 'general', name: 'general', kind: 'public', createdBy: 'ana' },
  { id: 'random', name: 'random', kind: 'public', createdBy: 'bo' },
]);

const DIRECT: readonly (readonly [string, string])[] = Object.freeze([['ana', 'bo'] as const]);

const SENTENCES = [
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
];

/** A numbered sample sentence, deterministic so tests can find it. */
export function sampleText(index: number): string {
  return `${SENTENCES[index % SENTENCES.length] as string} (#${index + 1})`;
}

let seeded = 0;

/**
 * Seeds `count` messages into a room straight through the server (`actAs`: no session, no flood
 * limit, no client), so even thousands take milliseconds. Connected clients receive them as events.
 *
 * @example
 * const messages = seedMessages(server, 'general', 500, { authorIds: ['bo', 'chen'] });
 */
export function seedMessages(server: ReferenceServer, roomId: string, count: number, options: SeedOptions = {}): Message[] {
  const room = server.getRoom(roomId);
  if (!room) throw new Error(`seedMessages: there is no room "${roomId}" on this server.`);
  const authors = options.authorIds ?? room.members.map((member) => member.userId);
  if (authors.length === 0) throw new Error(`seedMessages: room "${roomId}" has no members to write messages.`);
  const text = options.text ?? sampleText;
  const messages: Message[] = [];
  for (let index = 0; index < count; index++) {
    const authorId = authors[index % authors.length] as string;
    const outcome = server.actAs(authorId, {
      type: 'message.send',
      roomId,
      clientId: `seed_${(++seeded).toString(36)}`,
      text: text(index),
      ...(options.parentId !== undefined ? { parentId: options.parentId } : {}),
    });
    if (!outcome.ok) throw failure('seedMessages', outcome.error);
    messages.push(outcome.value);
  }
  return messages;
}

export function failure(helper: string, error: ChatError): Error {
  return new Error(`${helper}: the server refused: ${error.code}: ${error.message}`, { cause: error });
}

/**
 * Ready-made people, rooms and a message generator for tests, stories and the playground.
 *
 * - `people`: Ana Lima, Bo Svensson, Chen Wei, Dara Okafor, Eli Novak (ids `ana`, `bo`, `chen`, `dara`, `eli`).
 * - `rooms`: `general` (public, by Ana) and `random` (public, by Bo), everyone a member.
 * - `directMessages`: Ana and Bo.
 *
 * @example
 * const server = createReferenceServer();
 * for (const person of fixtures.people) server.upsertUser(person);
 * fixtures.seedMessages(server, 'general', 200);
 */
export const fixtures = Object.freeze({
  people: PEOPLE,
  rooms: ROOMS,
  directMessages: DIRECT,
  sampleText,
  seedMessages,
});
