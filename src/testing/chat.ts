import { createChatClient, type ChatClient, type ChatClientOptions, type SendMessageInput } from '../core';
import type { Message, Room } from '../protocol';
import { createReferenceServer, type ReferenceServer, type ReferenceServerOptions } from '../server';
import { createMemoryTransport, type MemoryTransport } from '../transports/memory';
import { failure, fixtures, seedMessages, type PersonFixture, type RoomFixture, type SeedOptions } from './fixtures';

/**
 * Options of {@link createTestChat}. Everything defaults to {@link fixtures}.
 *
 * @example
 * const chat = createTestChat({ messages: { general: 120 }, latencyMs: 50 });
 */
export interface TestChatOptions {
  /** People to create. Default: `fixtures.people` (ana, bo, chen, dara, eli). */
  users?: readonly PersonFixture[];
  /** Rooms to create (members default to everyone). Default: `fixtures.rooms` (general, random). */
  rooms?: readonly RoomFixture[];
  /** Pairs who get a direct room. Default: `fixtures.directMessages` (ana and bo). */
  directMessages?: readonly (readonly [string, string])[];
  /** Messages to seed before anyone connects: room id → how many. Default none. */
  messages?: Readonly<Record<string, number>>;
  /** One-way latency of every transport, in ms. Default 0 (delivery on the next microtask). */
  latencyMs?: number;
  /** Options of the reference server. The flood limit is off unless given here. */
  server?: ReferenceServerOptions;
}

/**
 * A reference server with people and rooms, and clients over memory transports to it.
 *
 * @example
 * const chat = createTestChat();
 * const ana = await chat.connect('ana');
 * chat.say('bo', 'general', 'Hi Ana');
 * await chat.settle();
 * selectMessages(ana.store.getState(), 'general');
 */
export interface TestChat {
  readonly server: ReferenceServer;
  /** The people created, by id. */
  readonly people: Readonly<Record<string, PersonFixture>>;
  /** The rooms created (direct ones included), by id, as the server made them. */
  readonly rooms: Readonly<Record<string, Room>>;
  /** The id of the direct room of two people (opened on the server if it was not yet). */
  directRoomId(userId: string, otherUserId: string): string;
  /** A new memory transport for a person, with the chat's latency. */
  transport(userId: string): MemoryTransport;
  /** A new client for a person over a new memory transport, not connected yet. `close()` closes it. */
  client(userId: string, options?: Omit<ChatClientOptions, 'transport'>): ChatClient;
  /** A new client for a person, connected. */
  connect(userId: string, options?: Omit<ChatClientOptions, 'transport'>): Promise<ChatClient>;
  /** Seeds messages straight through the server (see {@link seedMessages}). */
  seedMessages(roomId: string, count: number, options?: SeedOptions): Message[];
  /** Sends one message as a person straight through the server, without a client. */
  say(userId: string, roomId: string, text: string, extra?: Omit<SendMessageInput, 'text'>): Message;
  /** Waits until everything on the simulated wire has been delivered (at the chat's latency). */
  settle(): Promise<void>;
  /** Closes every client and transport this chat made. */
  close(): void;
}

let said = 0;

/**
 * A ready chat world for tests, stories and the playground: a reference server with the fixture
 * people and rooms (or yours), and clients for any of them over in-process memory transports.
 *
 * @example
 * const chat = createTestChat({ messages: { general: 60 } });
 * const ana = await chat.connect('ana');
 * await ana.loadOlder('general');
 * chat.say('bo', 'general', 'Hello from Bo');
 * await chat.settle();
 * chat.close();
 */
export function createTestChat(options: TestChatOptions = {}): TestChat {
  const latencyMs = options.latencyMs ?? 0;
  const server = createReferenceServer({ floodLimit: false, ...options.server });
  const users = options.users ?? fixtures.people;
  const people: Record<string, PersonFixture> = {};
  for (const person of users) {
    server.upsertUser(person);
    people[person.id] = person;
  }
  const rooms: Record<string, Room> = {};
  for (const room of options.rooms ?? fixtures.rooms) {
    const memberIds = room.memberIds ?? users.map((person) => person.id);
    rooms[room.id] = server.createRoom({ ...room, memberIds });
  }

  function directRoomId(userId: string, otherUserId: string): string {
    const outcome = server.actAs(userId, { type: 'direct.open', userId: otherUserId });
    if (!outcome.ok) throw failure('directRoomId', outcome.error);
    rooms[outcome.value.id] = outcome.value;
    return outcome.value.id;
  }
  for (const [a, b] of options.directMessages ?? fixtures.directMessages) directRoomId(a, b);

  for (const [roomId, count] of Object.entries(options.messages ?? {})) {
    seedMessages(server, roomId, count);
    const room = server.getRoom(roomId);
    if (room) rooms[roomId] = room;
  }

  const clients: ChatClient[] = [];
  const transports: MemoryTransport[] = [];

  const chat: TestChat = {
    server,
    people,
    rooms,
    directRoomId,
    transport(userId) {
      const transport = createMemoryTransport(server, { userId, latencyMs });
      transports.push(transport);
      return transport;
    },
    client(userId, clientOptions = {}) {
      const client = createChatClient({ ...clientOptions, transport: chat.transport(userId) });
      clients.push(client);
      return client;
    },
    async connect(userId, clientOptions) {
      const client = chat.client(userId, clientOptions);
      await client.connect();
      return client;
    },
    seedMessages(roomId, count, seedOptions) {
      return seedMessages(server, roomId, count, seedOptions);
    },
    say(userId, roomId, text, extra = {}) {
      const { attachments, mentions, parentId, quotedId, customData } = extra;
      const outcome = server.actAs(userId, {
        type: 'message.send',
        roomId,
        clientId: `say_${(++said).toString(36)}`,
        text,
        ...(attachments !== undefined ? { attachments } : {}),
        ...(mentions !== undefined ? { mentions } : {}),
        ...(parentId !== undefined ? { parentId } : {}),
        ...(quotedId !== undefined ? { quotedId } : {}),
        ...(customData !== undefined ? { customData } : {}),
      });
      if (!outcome.ok) throw failure('say', outcome.error);
      return outcome.value;
    },
    async settle() {
      // Latency 0 delivers on microtasks, which all run before the next timer; with latency, wait
      // for a request, its answer and the events it caused.
      await new Promise((resolve) => setTimeout(resolve, latencyMs === 0 ? 0 : latencyMs * 3 + 5));
    },
    close() {
      for (const client of clients.splice(0)) client.close();
      for (const transport of transports.splice(0)) transport.close();
    },
  };
  return chat;
}
