import { ChatError, type Limits, type ServerEvent, type SessionSnapshot } from '../protocol';
import type { Transport } from '../core';
import type { ChatServer, ReferenceServer } from '../server';

/**
 * The seeding side of the backend a transport under test reaches: what the suite needs to set up
 * people, rooms and history, as an app's own backend would. A reference server is one, and so is
 * a {@link ChatServer} over any storage (the suite waits for each answer).
 *
 * @example
 * const backend: ConformanceBackend = createReferenceServer();
 */
export type ConformanceBackend = Pick<ReferenceServer, 'upsertUser' | 'createRoom' | 'actAs'> | Pick<ChatServer, 'upsertUser' | 'createRoom' | 'actAs'>;

/**
 * What a transport under test provides: the backend behind it (for seeding), a way to make a
 * transport for a person, and a way to stop it all after each test.
 *
 * @example
 * const harness: ConformanceHarness = {
 *   server,
 *   transport: (userId) => createMemoryTransport(server, { userId }),
 *   close: () => {},
 * };
 */
export interface ConformanceHarness {
  server: ConformanceBackend;
  transport(userId: string): Transport | Promise<Transport>;
  close(): Promise<void> | void;
}

/**
 * Makes a fresh harness for one test, with the reference server's limits overridden where given
 * (tests of the limits pass small ones).
 *
 * @example
 * const factory: ConformanceHarnessFactory = async ({ limits }) => {
 *   const server = createReferenceServer({ floodLimit: false, ...(limits ? { limits } : {}) });
 *   return { server, transport: (userId) => createMemoryTransport(server, { userId }), close: () => {} };
 * };
 */
export type ConformanceHarnessFactory = (options: { limits?: Partial<Limits> }) => Promise<ConformanceHarness>;

/**
 * The test runner's functions the suite registers its tests with: Vitest's, Jest's, Mocha's (or
 * `node:test`'s) `describe`, `it` and `afterEach` all fit.
 *
 * @example
 * import { afterEach, describe, it } from 'vitest';
 * const api: ConformanceTestApi = { describe, it, afterEach };
 */
export interface ConformanceTestApi {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
  afterEach(body: () => Promise<void>): unknown;
}

/**
 * A contract the transport broke: what was checked, what was expected and what came.
 *
 * @example
 * try { await test(); } catch (error) { if (error instanceof ConformanceError) console.log(error.message); }
 */
export class ConformanceError extends Error {
  override name = 'ConformanceError';
}

/** How long an expected event may take to arrive. */
const EVENT_TIMEOUT_MS = 3000;

function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Whether `actual` has every property of `expected`, recursively (arrays: the same length and items). */
function matches(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return Object.is(actual, expected);
  if (actual === null || typeof actual !== 'object') return false;
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((item, index) => matches(actual[index], item));
  return Object.entries(expected).every(([key, value]) => matches((actual as Record<string, unknown>)[key], value));
}

/** Deep equality of plain data (what crosses the wire). */
function equal(actual: unknown, expected: unknown): boolean {
  return matches(actual, expected) && matches(expected, actual);
}

function check(condition: boolean, what: string, actual?: unknown): void {
  if (!condition) throw new ConformanceError(arguments.length > 2 ? `${what} (got ${show(actual)})` : what);
}

const checkEqual = (actual: unknown, expected: unknown, what: string) => check(equal(actual, expected), `${what}: expected ${show(expected)}`, actual);
const checkMatch = (actual: unknown, expected: unknown, what: string) => check(matches(actual, expected), `${what}: expected at least ${show(expected)}`, actual);

/** Awaits a request that must fail, and checks it failed with a ChatError of `code` and a sentence. */
async function checkRefused(request: Promise<unknown>, code: string, what: string): Promise<ChatError> {
  const outcome = await request.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new ConformanceError(`${what}: expected a ChatError "${code}", but it succeeded with ${show(outcome.value)}`);
  const { error } = outcome;
  check(error instanceof ChatError, `${what}: expected a ChatError "${code}"`, error);
  const chatError = error as ChatError;
  check(chatError.code === code, `${what}: expected the code "${code}"`, chatError.code);
  return chatError;
}

interface OpenClient {
  transport: Transport;
  snapshot: SessionSnapshot;
  events: ServerEvent[];
  waitForEvent<T extends ServerEvent['type']>(type: T, match?: (event: Extract<ServerEvent, { type: T }>) => boolean): Promise<Extract<ServerEvent, { type: T }>>;
}

async function open(harness: ConformanceHarness, userId: string): Promise<OpenClient> {
  const transport = await harness.transport(userId);
  const events: ServerEvent[] = [];
  const waiters = new Set<() => void>();
  const snapshot = await new Promise<SessionSnapshot>((resolve, reject) => {
    transport.open({
      onSession: resolve,
      onEvent: (event) => {
        events.push(event);
        for (const waiter of [...waiters]) waiter();
      },
      onStatus: (status) => {
        if (status.state === 'closed') reject(new ConformanceError(`${userId}'s transport closed before its session opened: ${status.reason ?? 'no reason given'}`));
      },
    });
  });
  return {
    transport,
    snapshot,
    events,
    waitForEvent(type, match) {
      const find = () => events.find((event) => event.type === type && (!match || match(event as never))) as never;
      return new Promise((resolve, reject) => {
        const found = find();
        if (found) return resolve(found);
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new ConformanceError(`${userId} never received the ${type} event expected (within ${EVENT_TIMEOUT_MS} ms); got ${events.map((event) => event.type).join(', ') || 'no events'}`));
        }, EVENT_TIMEOUT_MS);
        const look = () => {
          const event = find();
          if (!event) return;
          clearTimeout(timer);
          waiters.delete(look);
          resolve(event);
        };
        waiters.add(look);
      });
    },
  };
}

/** The runner's functions as globals (Vitest with `globals`, Jest, Mocha), or an error that says what to pass. */
function globalTestApi(): ConformanceTestApi {
  const scope = globalThis as Partial<ConformanceTestApi>;
  if (typeof scope.describe !== 'function' || typeof scope.it !== 'function' || typeof scope.afterEach !== 'function') {
    throw new ChatError('invalid', 'runConformanceSuite found no global describe, it and afterEach: pass them as its third argument, e.g. { describe, it, afterEach } from vitest.');
  }
  return { describe: scope.describe, it: scope.it, afterEach: scope.afterEach };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

/**
 * The contract every transport keeps, as tests registered with your test runner: sessions and
 * snapshots, sends with sequences and idempotent retries, history pages, resume (and cut
 * timelines), typing, read cursors, presence, and typed errors for bad input. Written against the
 * `Transport` interface only, so Confab's memory and WebSocket transports and any you write are held
 * to the same behaviour. Each test gets a fresh harness with people `ana`, `bo` and `chen` and a
 * public room `general` (ana and bo in it).
 *
 * @param name - Names the group of tests (`conformance: <name>`).
 * @param createHarness - Makes a fresh backend and transports for each test.
 * @param api - The runner's `describe`, `it` and `afterEach`; default: the global ones.
 *
 * @example
 * // my-transport.test.ts
 * import { afterEach, describe, it } from 'vitest';
 * import { createReferenceServer } from 'confab-chat/server';
 * import { runConformanceSuite } from 'confab-chat/testing';
 * import { createMyTransport } from './my-transport';
 *
 * runConformanceSuite('my transport', async ({ limits }) => {
 *   const server = createReferenceServer({ floodLimit: false, ...(limits ? { limits } : {}) });
 *   return { server, transport: (userId) => createMyTransport(server, userId), close: () => {} };
 * }, { describe, it, afterEach });
 */
export function runConformanceSuite(name: string, createHarness: ConformanceHarnessFactory, api: ConformanceTestApi = globalTestApi()): void {
  const { describe, it, afterEach } = api;
  describe(`conformance: ${name}`, () => {
    let harness: ConformanceHarness | undefined;
    const opened: Transport[] = [];

    async function start(limits?: Partial<Limits>): Promise<ConformanceHarness> {
      const started = await createHarness(limits ? { limits } : {});
      harness = started;
      for (const [id, userName] of [
        ['ana', 'Ana'],
        ['bo', 'Bo'],
        ['chen', 'Chen'],
      ] as const)
        await started.server.upsertUser({ id, name: userName });
      await started.server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
      return started;
    }

    async function client(userId: string): Promise<OpenClient> {
      if (!harness) throw new ConformanceError('start() first');
      const result = await open(harness, userId);
      opened.push(result.transport);
      return result;
    }

    afterEach(async () => {
      for (const transport of opened.splice(0)) transport.close();
      await harness?.close();
      harness = undefined;
    });

    it('opens a session with a snapshot of the person, their rooms and the limits', async () => {
      await start();
      const ana = await client('ana');
      checkMatch(ana.snapshot.me, { id: 'ana', name: 'Ana', presence: { state: 'online' } }, 'snapshot.me');
      checkEqual(
        ana.snapshot.rooms.map((room) => room.id),
        ['general'],
        'the rooms in the snapshot',
      );
      checkEqual(ana.snapshot.limits.maxTextBytes, 5120, 'snapshot.limits.maxTextBytes');
    });

    it('sends: the sender gets the message with a sequence, and the other member receives it as an event', async () => {
      await start();
      const ana = await client('ana');
      const bo = await client('bo');
      const message = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'hello' });
      checkMatch(message, { roomId: 'general', authorId: 'ana', text: 'hello', sequence: 1, clientId: 'c1' }, 'the sent message');
      const received = await bo.waitForEvent('message.created');
      checkEqual(received.message, message, "the message in the other member's event");
      const echo = await ana.waitForEvent('message.created');
      checkEqual(echo.message.id, message.id, "the sender's own message.created event");
    });

    it('is idempotent on the client id: a retried send yields the same message and no second event', async () => {
      await start();
      const ana = await client('ana');
      const bo = await client('bo');
      const first = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'same', text: 'once' });
      const again = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'same', text: 'once' });
      checkEqual(again, first, 'a send retried with the same client id');
      await bo.waitForEvent('message.created');
      await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'next', text: 'twice' });
      await bo.waitForEvent('message.created', (event) => event.message.clientId === 'next');
      checkEqual(
        bo.events.flatMap((event) => (event.type === 'message.created' ? [event.message.sequence] : [])),
        [1, 2],
        'the sequences of the message.created events the other member got',
      );
    });

    it('pages history backwards and forwards in sequence order, at most 100 a page', async () => {
      const { server } = await start();
      for (let index = 1; index <= 250; index++) await server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `h${index}`, text: `${index}` });
      const ana = await client('ana');
      const newest = await ana.transport.request({ type: 'message.history', roomId: 'general', limit: 500 });
      checkEqual(
        newest.messages.map((m) => m.sequence),
        range(151, 100),
        'the newest page asked with limit 500',
      );
      checkEqual(newest.hasMore, true, 'hasMore of the newest page');
      const older = await ana.transport.request({ type: 'message.history', roomId: 'general', before: 151, limit: 100 });
      checkEqual(
        older.messages.map((m) => m.sequence),
        range(51, 100),
        'the page before 151',
      );
      const oldest = await ana.transport.request({ type: 'message.history', roomId: 'general', before: 51, limit: 100 });
      checkEqual(
        oldest.messages.map((m) => m.sequence),
        range(1, 50),
        'the page before 51',
      );
      checkEqual(oldest.hasMore, false, 'hasMore of the oldest page');
      const after = await ana.transport.request({ type: 'message.history', roomId: 'general', after: 240, limit: 5 });
      checkEqual(
        after.messages.map((m) => m.sequence),
        [241, 242, 243, 244, 245],
        'the page after 240',
      );
      checkEqual(after.hasMore, true, 'hasMore of the page after 240');
    });

    it('resumes after a sequence: replays up to 100, and says the timeline is cut beyond that', async () => {
      const { server } = await start();
      for (let index = 1; index <= 150; index++) await server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `r${index}`, text: `${index}` });
      const ana = await client('ana');
      const near = await ana.transport.request({ type: 'room.resume', roomId: 'general', afterSequence: 50 });
      checkEqual(near.cut, false, 'cut, resuming 100 messages back');
      checkEqual(
        near.messages.map((m) => m.sequence),
        range(51, 100),
        'the messages replayed after 50',
      );
      const far = await ana.transport.request({ type: 'room.resume', roomId: 'general', afterSequence: 49 });
      checkEqual(far.cut, true, 'cut, resuming 101 messages back');
      checkEqual(
        far.messages.map((m) => m.sequence),
        range(51, 100),
        'the newest 100 messages replayed after a cut',
      );
      checkEqual(far.room.lastSequence, 150, 'room.lastSequence after a cut');
    });

    it('passes typing notices to the other members', async () => {
      await start();
      const ana = await client('ana');
      const bo = await client('bo');
      await ana.transport.request({ type: 'typing.start', roomId: 'general' });
      const started = await bo.waitForEvent('typing.started');
      checkMatch(started, { roomId: 'general', userId: 'ana', ttlMs: 5000 }, 'the typing.started event');
      await ana.transport.request({ type: 'typing.stop', roomId: 'general' });
      await bo.waitForEvent('typing.stopped', (event) => event.userId === 'ana');
    });

    it('moves read cursors forward only, and tells the room', async () => {
      const { server } = await start();
      for (let index = 1; index <= 5; index++) await server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: `c${index}`, text: `${index}` });
      const ana = await client('ana');
      const bo = await client('bo');
      const cursor = await bo.transport.request({ type: 'cursor.set', roomId: 'general', sequence: 4 });
      checkMatch(cursor, { roomId: 'general', userId: 'bo', sequence: 4 }, 'the cursor set');
      const seen = await ana.waitForEvent('cursor.updated', (event) => event.cursor.userId === 'bo');
      checkEqual(seen.cursor.sequence, 4, 'the cursor in the cursor.updated event');
      const back = await bo.transport.request({ type: 'cursor.set', roomId: 'general', sequence: 2 });
      checkEqual(back.sequence, 4, 'a cursor set backwards');
    });

    it('shows presence: online while connected, offline with a last-seen time after', async () => {
      await start();
      const ana = await client('ana');
      const bo = await client('bo');
      checkEqual(ana.snapshot.users.find((user) => user.id === 'bo')?.presence.state, 'offline', "Bo's presence before he connects");
      await ana.waitForEvent('presence.changed', (event) => event.userId === 'bo' && event.presence.state === 'online');
      checkEqual(bo.snapshot.users.find((user) => user.id === 'ana')?.presence.state, 'online', "Ana's presence in Bo's snapshot");
      bo.transport.close();
      const offline = await ana.waitForEvent('presence.changed', (event) => event.userId === 'bo' && event.presence.state === 'offline');
      check(typeof offline.presence.lastSeenAt === 'number', 'an offline presence carries lastSeenAt', offline.presence);
    });

    it('answers bad input with a typed error and a human sentence, and keeps serving', async () => {
      await start({ maxTextBytes: 10 });
      const ana = await client('ana');
      const chen = await client('chen');
      const tooLarge = await checkRefused(
        ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'big', text: '12345678901' }),
        'too_large',
        'a text over maxTextBytes',
      );
      check(/\w+ .*\./.test(tooLarge.message), 'the error says what is wrong in a sentence', tooLarge.message);
      await checkRefused(ana.transport.request({ type: 'message.send', roomId: 'nowhere', clientId: 'x', text: 'hi' }), 'not_found', 'a send to a room that does not exist');
      await checkRefused(chen.transport.request({ type: 'message.send', roomId: 'general', clientId: 'x', text: 'hi' }), 'forbidden', 'a send by a non-member');
      await checkRefused(chen.transport.request({ type: 'message.history', roomId: 'general' }), 'forbidden', 'history read by a non-member');
      await checkRefused(ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'x', text: 42 } as never), 'invalid', 'a send whose text is a number');
      await checkRefused(ana.transport.request({ type: 'no.such.command' } as never), 'invalid', 'an unknown command');
      const fine = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'ok', text: 'still ok' });
      checkEqual(fine.sequence, 1, 'the sequence of the first accepted message after the refusals');
    });
  });
}
