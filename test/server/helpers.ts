import { ChatError, type CommandOf, type CommandType, type ResultOf, type ServerEvent, type ServerEventOf, type ServerEventType } from '../../src/protocol';
import { createChatServer, createMemoryStorage, type ChatServerSession, type ReferenceServerOptions, type StorageEngine } from '../../src/server';
import { openTestStorage, testStorageKind } from '../support/storage';

/** A connected person with their event inbox and assertion helpers. */
export interface Person {
  id: string;
  session: ChatServerSession;
  events: ServerEvent[];
  /** Runs a command that must succeed and answers its value. */
  ok<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>>;
  /** Runs input that must fail and answers the error. */
  fail(command: unknown): Promise<ChatError>;
  /** Events of one type received since the last `clear`. */
  received<T extends ServerEventType>(type: T): ServerEventOf<T>[];
  clear(): void;
}

/** Options of {@link setup}: the server's, with the storage chosen by CONFAB_TEST_STORAGE. */
export type SetupOptions = Omit<ReferenceServerOptions, 'storage'>;

/**
 * A server on a fake clock (flood limit off unless given), over the storage engine this run
 * tests (CONFAB_TEST_STORAGE = memory, sqlite or postgres; see test/server/storage.ts), with a
 * helper to connect people. Every answer is a promise, whichever the engine.
 */
export async function setup(options: SetupOptions = {}) {
  const clock = { now: 1_700_000_000_000 };
  const storage: StorageEngine = testStorageKind() === 'memory' ? createMemoryStorage() : await openTestStorage();
  const server = createChatServer({ now: () => clock.now, floodLimit: false, ...options, storage });

  async function connect(id: string): Promise<Person> {
    const events: ServerEvent[] = [];
    const session = await server.connect(id, (event) => events.push(event));
    return {
      id,
      session,
      events,
      async ok(command) {
        const outcome = await session.handle(command);
        if (!outcome.ok) throw new Error(`${command.type} failed: ${outcome.error.code}: ${outcome.error.message}`);
        return outcome.value as never;
      },
      async fail(command) {
        const outcome = await session.handle(command);
        if (outcome.ok) throw new Error(`expected failure, got ${JSON.stringify(outcome.value).slice(0, 200)}`);
        expect(outcome.error).toBeInstanceOf(ChatError);
        return outcome.error;
      },
      received(type) {
        return events.filter((event) => event.type === type) as never;
      },
      clear() {
        events.length = 0;
      },
    };
  }

  /** Creates a person and opens a session for them. */
  async function person(id: string): Promise<Person> {
    await server.upsertUser({ id, name: id.toUpperCase() });
    return connect(id);
  }

  return { server, clock, person, connect, storage };
}

/**
 * How many messages a test that needs "many" sends: `count` on memory; on a durable engine
 * (a transaction per send, a disk or a database round trip each) `durableCount`, enough to cover
 * several pages and still keep the whole run in minutes.
 */
export function manyMessages(count: number, durableCount: number): number {
  return testStorageKind() === 'memory' ? count : durableCount;
}

/** A string of exactly `bytes` UTF-8 bytes made of two-byte 'é' (plus one 'a' when odd). */
export function textOfBytes(bytes: number): string {
  return 'é'.repeat(Math.floor(bytes / 2)) + (bytes % 2 ? 'a' : '');
}
