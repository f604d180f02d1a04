// The playground's world: the reference server running in the page, seeded with a dozen people
// (generated avatars), public rooms, a private room and direct messages, several thousand messages
// of history spread over the past days, threads, reactions and read cursors.
//
// The server's clock is ours: pinned to moments in the past while seeding, so history carries
// real dates, then following Date.now() for everything live.
import { createReferenceServer, type ReferenceServer } from 'confab-chat/server';
import type { Command, Message } from 'confab-chat/protocol';
import { avatarUrl, type AvatarSpec } from './avatars';
import { between, chance, createRandom, pick, type Random } from './random';
import { composeMessage, composeReply, REACTIONS } from './text';

/** A clock that can be pinned (while seeding) and otherwise follows the real one. */
export interface WorldClock {
  now(): number;
  /** Pins the clock to a time; `null` lets it follow `base` (Date.now by default) again. */
  set(at: number | null): void;
}

export function createWorldClock(base: () => number = Date.now): WorldClock {
  let pinned: number | null = null;
  return {
    now: () => pinned ?? base(),
    set: (at) => {
      pinned = at;
    },
  };
}

/** A person of the playground. */
export interface Person {
  id: string;
  name: string;
  avatar: AvatarSpec;
  /** Custom fields shown on their profile card. */
  profile?: Record<string, string>;
}

export const PEOPLE: readonly Person[] = [
  { id: 'ana', name: 'Ana Lima', avatar: { initials: 'AL', color: 0, pattern: 'rings' } },
  { id: 'bo', name: 'Bo Svensson', avatar: { initials: 'BS', color: 2, pattern: 'stripes' }, profile: { title: 'Product designer', team: 'Design systems', timezone: 'Europe/Stockholm' } },
  { id: 'chen', name: 'Chen Wei', avatar: { initials: 'CW', color: 1, pattern: 'dots' }, profile: { title: 'Staff engineer', team: 'Platform' } },
  { id: 'dara', name: 'Dara Okafor', avatar: { initials: 'DO', color: 3, pattern: 'plain' }, profile: { title: 'Launch lead', pronouns: 'she/her' } },
  { id: 'eli', name: 'Eli Novak', avatar: { initials: 'EN', color: 4, pattern: 'rings' } },
  { id: 'fatima', name: 'Fatima Haddad', avatar: { initials: 'FH', color: 5, pattern: 'stripes' } },
  { id: 'gus', name: 'Gus Moreau', avatar: { initials: 'GM', color: 6, pattern: 'dots' } },
  { id: 'hana', name: 'Hana Sato', avatar: { initials: 'HS', color: 7, pattern: 'plain' } },
  { id: 'ivan', name: 'Ivan Petrov', avatar: { initials: 'IP', color: 8, pattern: 'rings' } },
  { id: 'jules', name: 'Jules Martin', avatar: { initials: 'JM', color: 9, pattern: 'stripes' } },
  { id: 'kofi', name: 'Kofi Mensah', avatar: { initials: 'KM', color: 10, pattern: 'dots' } },
  { id: 'lena', name: 'Lena Fischer', avatar: { initials: 'LF', color: 11, pattern: 'plain' } },
];

const EVERYONE = PEOPLE.map((person) => person.id);

interface RoomPlan {
  id: string;
  name: string;
  kind: 'public' | 'private';
  createdBy: string;
  memberIds: readonly string[];
  messages: number;
}

/** The rooms, with how much history each carries at scale 1. */
export const ROOMS: readonly RoomPlan[] = [
  { id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: EVERYONE, messages: 3000 },
  { id: 'random', name: 'random', kind: 'public', createdBy: 'bo', memberIds: EVERYONE, messages: 600 },
  { id: 'design', name: 'design', kind: 'public', createdBy: 'chen', memberIds: ['ana', 'bo', 'chen', 'fatima', 'hana', 'jules', 'lena'], messages: 1500 },
  { id: 'launch-plans', name: 'launch-plans', kind: 'private', createdBy: 'dara', memberIds: ['ana', 'bo', 'dara', 'ivan', 'kofi'], messages: 150 },
  // Public rooms Ana and Bo are not in, to find with "Browse rooms".
  { id: 'music', name: 'music', kind: 'public', createdBy: 'eli', memberIds: ['eli', 'gus', 'hana', 'kofi'], messages: 80 },
  { id: 'book-club', name: 'book-club', kind: 'public', createdBy: 'hana', memberIds: ['hana', 'ivan', 'lena'], messages: 40 },
];

/** Pairs who have a direct room, with how many messages (at scale 1). */
export const DIRECT_MESSAGES: readonly (readonly [string, string, number])[] = [
  ['ana', 'bo', 80],
  ['ana', 'chen', 25],
  ['ana', 'fatima', 6],
  ['bo', 'dara', 30],
  ['bo', 'eli', 12],
  ['chen', 'hana', 4],
];

/** Options of {@link createWorld}. */
export interface WorldOptions {
  /** The seed of the history's randomness. Default 1. */
  seed?: number;
  /** Multiplies every room's message count (tests use small worlds). Default 1. */
  scale?: number;
  /** The real clock the world follows after seeding. Default Date.now. */
  now?: () => number;
  /** Make `blob:` avatars (needs URL.createObjectURL). Default true. */
  avatars?: boolean;
  /**
   * The server's `invitations` option: with `'accept'`, adding people invites them, and Dara has
   * invited Ana and Bo to a private #launch-retro. Default `'direct'`.
   */
  invitations?: 'direct' | 'accept';
}

/** The seeded world. */
export interface World {
  readonly server: ReferenceServer;
  readonly clock: WorldClock;
  readonly people: readonly Person[];
  readonly rooms: readonly { id: string; name: string; kind: 'public' | 'private' | 'direct' }[];
  /** The direct room of two people, if they have one. */
  directRoomId(a: string, b: string): string | undefined;
  /** How many messages were seeded and how long it took, in ms. */
  readonly stats: { messages: number; ms: number };
  /**
   * Writes `count` messages into a room at once, by its members other than `exclude` (the humans).
   * More than the server replays on resume (100) cuts the timeline of a viewer who is offline.
   */
  burst(roomId: string, count: number, exclude?: readonly string[]): number;
  /** Revokes the avatars' blob: URLs. */
  dispose(): void;
}

const pairKey = (a: string, b: string) => [a, b].sort().join('|');

/**
 * Builds and seeds the world. Synchronous: the whole history takes a few hundred milliseconds.
 *
 * @example
 * const world = createWorld();
 * world.server.connect('ana', console.log);
 */
export function createWorld(options: WorldOptions = {}): World {
  const started = performance.now();
  const random = createRandom(options.seed ?? 1);
  const scale = options.scale ?? 1;
  const base = options.now ?? Date.now;
  const clock = createWorldClock(base);
  const server = createReferenceServer({ now: clock.now, invitations: options.invitations ?? 'direct' });
  const urls: string[] = [];
  const makeAvatars = options.avatars ?? typeof URL.createObjectURL === 'function';

  const end = base();
  const plans = [
    ...ROOMS.map((plan) => ({ ...plan, kind: plan.kind as 'public' | 'private' | 'direct' })),
    ...DIRECT_MESSAGES.map(([a, b, messages]) => ({ id: '', name: '', kind: 'direct' as const, createdBy: a, memberIds: [a, b], messages })),
  ].map((plan) => ({ ...plan, times: planTimes(random, Math.max(1, Math.round(plan.messages * scale)), end) }));
  // Rooms and people exist an hour before the oldest message.
  clock.set(Math.min(...plans.map((plan) => plan.times[0] as number)) - 3600_000);
  for (const person of PEOPLE) {
    const url = makeAvatars ? avatarUrl(person.avatar) : undefined;
    if (url) urls.push(url);
    server.upsertUser({ id: person.id, name: person.name, ...(url ? { avatarUrl: url } : {}), ...(person.profile ? { customData: person.profile } : {}) });
  }

  const direct = new Map<string, string>();
  for (const plan of plans) {
    if (plan.kind === 'direct') {
      const [a, b] = plan.memberIds as [string, string];
      const opened = server.actAs(a, { type: 'direct.open', userId: b });
      if (!opened.ok) throw opened.error;
      plan.id = opened.value.id;
      direct.set(pairKey(a, b), opened.value.id);
      continue;
    }
    // The server adds at most `maxMembersPerRequest` people per request, as Chatkit did.
    const perRequest = server.limits.maxMembersPerRequest;
    const others = plan.memberIds.filter((id) => id !== plan.createdBy);
    server.createRoom({ id: plan.id, name: plan.name, kind: plan.kind, createdBy: plan.createdBy, memberIds: others.slice(0, perRequest) });
    for (let from = perRequest; from < others.length; from += perRequest) {
      // As the app's backend (seeding), so that people are added even where adding invites them.
      const added = server.actAsSystem({ type: 'room.addMembers', roomId: plan.id, userIds: others.slice(from, from + perRequest) });
      if (!added.ok) throw added.error;
    }
  }

  let seeded = 0;
  for (const plan of plans) seeded += seedRoom(server, clock, random, plan, plan.times, end);
  if (options.invitations === 'accept') {
    const invited = server.actAs('dara', { type: 'room.create', name: 'launch-retro', kind: 'private', memberIds: ['ana', 'bo'] });
    if (!invited.ok) throw invited.error;
  }
  clock.set(null);
  seedModeration(server);
  seedPolls(server);

  return {
    server,
    clock,
    people: PEOPLE,
    rooms: plans.map(({ id, name, kind }) => ({ id, name, kind })),
    directRoomId: (a, b) => direct.get(pairKey(a, b)),
    stats: { messages: seeded, ms: Math.round(performance.now() - started) },
    burst(roomId, count, exclude = []) {
      const room = server.getRoom(roomId);
      const authors = PEOPLE.filter((person) => !exclude.includes(person.id) && room?.members.some((member) => member.userId === person.id));
      let written = 0;
      for (let index = 0; index < count && authors.length > 0; index++) {
        const author = pick(random, authors);
        const said = composeMessage(random, authors.filter((person) => person.id !== author.id));
        const outcome = server.actAs(author.id, {
          type: 'message.send',
          roomId,
          clientId: seedId(),
          text: said.text,
          ...(said.mentions.length > 0 ? { mentions: said.mentions } : {}),
        });
        if (outcome.ok) written++;
      }
      return written;
    },
    dispose() {
      for (const url of urls.splice(0)) URL.revokeObjectURL(url);
    },
  };
}

/**
 * When each of `count` messages was written, oldest first, backwards from a few minutes before
 * `end`: bursts of talk a minute or two apart, with quiet hours now and then.
 */
function planTimes(random: Random, count: number, end: number): number[] {
  const times: number[] = new Array(count);
  let at = end - between(random, 60_000, 4 * 60_000);
  for (let index = count - 1; index >= 0; index--) {
    times[index] = at;
    at -= chance(random, 0.01) ? between(random, 2 * 3600_000, 9 * 3600_000) : between(random, 10_000, 4 * 60_000);
  }
  return times;
}

let seedCounter = 0;
const seedId = () => `seed_${(++seedCounter).toString(36)}`;

/**
 * Seeds `count` messages into a room, ending a couple of minutes before `end`: bursts of talk with
 * quiet nights between, runs by one author (grouped in the list), a thread now and then, reactions,
 * and read cursors near the end so that unread badges show small numbers.
 */
function seedRoom(
  server: ReferenceServer,
  clock: WorldClock,
  random: Random,
  room: { id: string; memberIds: readonly string[] },
  times: readonly number[],
  end: number,
): number {
  const count = times.length;
  const members = PEOPLE.filter((person) => room.memberIds.includes(person.id));
  let author = pick(random, members);
  let written = 0;
  let last: Message | undefined;
  const send = (authorId: string, time: number, said: { text: string; mentions: string[] }, parentId?: string): Message => {
    clock.set(time);
    const outcome = server.actAs(authorId, {
      type: 'message.send',
      roomId: room.id,
      clientId: seedId(),
      text: said.text,
      ...(said.mentions.length > 0 ? { mentions: said.mentions } : {}),
      ...(parentId !== undefined ? { parentId } : {}),
    });
    if (!outcome.ok) throw outcome.error;
    written++;
    return outcome.value;
  };
  const topLevel: Message[] = [];
  for (let index = 0; index < count; index++) {
    if (!chance(random, 0.35)) author = pick(random, members);
    const time = times[index] as number;
    const others = members.filter((person) => person.id !== author.id);
    last = send(author.id, time, composeMessage(random, others));
    topLevel.push(last);
    if (chance(random, 0.08)) {
      const reactors = between(random, 1, Math.min(4, others.length));
      for (let r = 0; r < reactors; r++) {
        const emoji = pick(random, REACTIONS);
        server.actAs(pick(random, others).id, { type: 'reaction.toggle', roomId: room.id, messageId: last.id, emoji });
      }
    }
    // A thread now and then, in rooms with several people.
    if (members.length > 2 && chance(random, 0.015)) {
      const parentId = last.id;
      const next = times[index + 1] ?? end;
      const replies = between(random, 2, 6);
      for (let r = 0; r < replies; r++) {
        const replyTime = Math.min(next - 1, time + (r + 1) * between(random, 5_000, 40_000));
        send(pick(random, others).id, Math.max(time + 1, replyTime), composeReply(random), parentId);
      }
    }
  }
  // Group rooms have a couple of pinned messages (by their admin), so the header's pinned list shows.
  const admin = server.getRoom(room.id)?.members.find((member) => member.role === 'admin');
  if (admin && members.length > 2) {
    for (const pinned of [topLevel[Math.floor(count / 3)], topLevel[count - 15]]) {
      if (pinned) server.actAs(admin.userId, { type: 'message.pin', roomId: room.id, messageId: pinned.id });
    }
  }
  // Everyone has read most of it; the last few are unread for some.
  const lastSequence = server.getRoom(room.id)?.lastSequence ?? 0;
  clock.set(end - 30_000);
  for (const person of members) {
    const behind = chance(random, 0.5) ? between(random, 0, 12) : 0;
    const sequence = Math.max(0, lastSequence - behind);
    if (sequence > 0) server.actAs(person.id, { type: 'cursor.set', roomId: room.id, sequence });
  }
  return written;
}

/**
 * Moderation to try (issue #13): Lena is a site moderator (she may mute, ban and delete in any
 * public room, and sees every report), and #general, Ana's room, has an open report of a recent
 * message, so its header shows the moderation shield with a count.
 */
function seedModeration(server: ReferenceServer): void {
  server.actAsSystem({ type: 'user.setRole', userId: 'lena', role: 'moderator' });
  const page = server.actAsSystem({ type: 'message.history', roomId: 'general', limit: 30 });
  const reported = page.ok ? [...page.value.messages].reverse().find((message) => message.authorId !== 'chen' && message.authorId !== 'ana' && !message.system) : undefined;
  if (reported) server.actAs('chen', { type: 'report.create', roomId: 'general', messageId: reported.id, reason: 'spam', note: 'Looks like an ad to me.' });
}

/**
 * A topic on #general and two polls there with votes: one with named voters, one anonymous (slash
 * commands and polls, issue #14). New polls get votes from the simulated people.
 */
function seedPolls(server: ReferenceServer): void {
  const run = (userId: string, command: Command) => {
    const outcome = server.actAs(userId, command);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  };
  run('ana', { type: 'room.update', roomId: 'general', topic: 'Release 2.4 ships Friday · type / for commands' });
  const lunch = run('chen', { type: 'poll.create', roomId: 'general', clientId: 'seed-poll-lunch', question: 'Team lunch on Friday: where?', options: ['Pizza place', 'Sushi bar', 'Taco truck', 'The usual café'] }) as Message;
  for (const [userId, option] of [['bo', 'o1'], ['dara', 'o2'], ['eli', 'o1'], ['fatima', 'o3'], ['gus', 'o1']] as const) {
    run(userId, { type: 'poll.vote', roomId: 'general', messageId: lunch.id, optionIds: [option] });
  }
  const mood = run('bo', { type: 'poll.create', roomId: 'general', clientId: 'seed-poll-mood', question: 'How was this sprint for you?', options: ['Great', 'Fine', 'Rough'], anonymous: true }) as Message;
  for (const [userId, option] of [['chen', 'o2'], ['hana', 'o1'], ['ivan', 'o2']] as const) {
    run(userId, { type: 'poll.vote', roomId: 'general', messageId: mood.id, optionIds: [option] });
  }
}
