import type { CommandOf, CommandType, Outcome, ResultOf, SessionSnapshot } from '../protocol';
import { createServerCore, type CoreSession } from './core';
import { now as immediate, type MaybePromise } from './maybe';
import { createMemoryStorage } from './storage';
import type { ChatServer, ChatServerOptions, ChatServerSession, ReferenceServer, ReferenceServerOptions, ServerSession } from './types';

// The public façades over the one core (core.ts): the in-page server answers now, the host's
// server answers with promises. Each method only adapts the answer's timing.

/** The in-page façade: a synchronous storage, so every answer is immediate. */
class Session implements ServerSession {
  constructor(private readonly core: CoreSession) {}

  get userId(): string {
    return this.core.userId;
  }

  get closed(): boolean {
    return this.core.closed;
  }

  snapshot(): SessionSnapshot {
    return immediate(this.core.snapshot());
  }

  handle<T extends CommandType>(command: CommandOf<T>): Outcome<ResultOf<T>>;
  handle(command: unknown): Outcome<ResultOf<CommandType>>;
  handle(command: unknown): Outcome<ResultOf<CommandType>> {
    return immediate(this.core.handle(command));
  }

  close(): void {
    immediate(this.core.close());
  }
}

/**
 * Creates the reference server over a synchronous storage (memory by default): a pure state
 * machine over the protocol, with no I/O and no timers. Give it a fake clock in tests and call
 * `tick()` to expire typing notices.
 *
 * @example
 * let clock = 0;
 * const server = createReferenceServer({ now: () => clock });
 * server.upsertUser({ id: 'ana', name: 'Ana' });
 * server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana' });
 * const session = server.connect('ana', (event) => console.log(event.type));
 * session.handle({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'Hello' });
 */
export function createReferenceServer(options: ReferenceServerOptions = {}): ReferenceServer {
  const storage = options.storage ?? createMemoryStorage();
  if (storage.mode !== 'sync') throw new TypeError('createReferenceServer needs a synchronous storage; use createChatServer for this one.');
  const core = createServerCore(options, storage);
  return {
    limits: core.limits,
    epoch: core.epoch,
    upsertUser: (input) => immediate(core.upsertUser(input)),
    getUser: (userId) => immediate(core.getUser(userId)),
    listUsers: (page) => immediate(core.listUsers(page)),
    createRoom: (input) => immediate(core.createRoom(input)),
    getRoom: (roomId) => immediate(core.getRoom(roomId)),
    getRoomSettings: (userId, roomId) => immediate(core.getRoomSettings(userId, roomId)),
    actAs: ((userId: string, command: unknown) => immediate(core.actAs(userId, command))) as ReferenceServer['actAs'],
    actAsSystem: ((command: unknown) => immediate(core.actAsSystem(command))) as ReferenceServer['actAsSystem'],
    connect: (userId, listener) => new Session(immediate(core.connect(userId, listener))),
    tick: () => immediate(core.tick()),
    sweepPresence: () => core.sweepPresence(),
    sweepStreams: () => core.sweepStreams(),
    sweepCrowdCounts: () => core.sweepCrowdCounts(),
    subscribe: (listener) => core.subscribe(listener),
    deleteUser: (userId) => core.deleteUser(userId),
    announce: (input) => immediate(core.announce(input)),
    exportData: (scope) => core.exportData(scope),
    importData: (lines) => core.importData(lines),
  };
}

/** The host's façade: any storage, every answer a promise. */
class AsyncSession implements ChatServerSession {
  constructor(private readonly core: CoreSession) {}

  get userId(): string {
    return this.core.userId;
  }

  get closed(): boolean {
    return this.core.closed;
  }

  async snapshot(): Promise<SessionSnapshot> {
    return this.core.snapshot();
  }

  handle<T extends CommandType>(command: CommandOf<T>): Promise<Outcome<ResultOf<T>>>;
  handle(command: unknown): Promise<Outcome<ResultOf<CommandType>>>;
  async handle(command: unknown): Promise<Outcome<ResultOf<CommandType>>> {
    return this.core.handle(command);
  }

  async close(): Promise<void> {
    return this.core.close();
  }
}

/**
 * Creates the server's rules over any storage engine, with promise answers: what a host runs.
 * Over a memory or SQLite storage the work is done before the promise is made; over PostgreSQL
 * it is done when the transaction commits. Nothing is answered before it is stored.
 *
 * @example
 * const server = createChatServer({ storage: createMemoryStorage() });
 * await server.upsertUser({ id: 'ana', name: 'Ana' });
 * const session = await server.connect('ana', (event) => console.log(event.type));
 * await session.handle({ type: 'room.listPublic' });
 */
export function createChatServer(options: ChatServerOptions): ChatServer {
  const core = createServerCore(options, options.storage);
  const settle = async <T>(work: () => MaybePromise<T>): Promise<T> => work();
  return {
    answersLater: true,
    limits: core.limits,
    epoch: core.epoch,
    upsertUser: (input) => settle(() => core.upsertUser(input)),
    getUser: (userId) => settle(() => core.getUser(userId)),
    listUsers: (page) => settle(() => core.listUsers(page)),
    createRoom: (input) => settle(() => core.createRoom(input)),
    getRoom: (roomId) => settle(() => core.getRoom(roomId)),
    getRoomSettings: (userId, roomId) => settle(() => core.getRoomSettings(userId, roomId)),
    actAs: ((userId: string, command: unknown) => settle(() => core.actAs(userId, command))) as ChatServer['actAs'],
    actAsSystem: ((command: unknown) => settle(() => core.actAsSystem(command))) as ChatServer['actAsSystem'],
    connect: async (userId, listener) => new AsyncSession(await core.connect(userId, listener)),
    tick: () => settle(() => core.tick()),
    sweepPresence: () => core.sweepPresence(),
    sweepStreams: () => core.sweepStreams(),
    sweepCrowdCounts: () => core.sweepCrowdCounts(),
    subscribe: (listener) => core.subscribe(listener),
    deleteUser: (userId) => core.deleteUser(userId),
    announce: (input) => settle(() => core.announce(input)),
    exportData: (scope) => core.exportData(scope),
    importData: (lines) => core.importData(lines),
  };
}

/**
 * A {@link ChatServer} over an existing in-page {@link ReferenceServer}: the same server, answering
 * with promises, for a host (or a test) that was handed a reference server.
 *
 * @example
 * const server = createReferenceServer();
 * const host = createHost({ server: toChatServer(server), secret });
 */
export function toChatServer(server: ReferenceServer): ChatServer {
  const settle = async <T>(work: () => T): Promise<T> => work();
  return {
    answersLater: true,
    limits: server.limits,
    epoch: server.epoch,
    upsertUser: (input) => settle(() => server.upsertUser(input)),
    getUser: (userId) => settle(() => server.getUser(userId)),
    listUsers: (page) => settle(() => server.listUsers(page)),
    createRoom: (input) => settle(() => server.createRoom(input)),
    getRoom: (roomId) => settle(() => server.getRoom(roomId)),
    getRoomSettings: (userId, roomId) => settle(() => server.getRoomSettings(userId, roomId)),
    actAs: ((userId: string, command: CommandOf<CommandType>) => settle(() => server.actAs(userId, command))) as ChatServer['actAs'],
    actAsSystem: ((command: CommandOf<CommandType>) => settle(() => server.actAsSystem(command))) as ChatServer['actAsSystem'],
    connect: async (userId, listener) => {
      const session = server.connect(userId, listener);
      return new AsyncSession({
        userId,
        get closed() {
          return session.closed;
        },
        snapshot: () => session.snapshot(),
        handle: (command) => session.handle(command),
        close: () => session.close(),
      });
    },
    tick: () => settle(() => server.tick()),
    sweepPresence: () => server.sweepPresence(),
    sweepStreams: () => server.sweepStreams(),
    sweepCrowdCounts: () => server.sweepCrowdCounts(),
    subscribe: (listener) => server.subscribe(listener),
    deleteUser: (userId) => server.deleteUser(userId),
    announce: (input) => settle(() => server.announce(input)),
    exportData: (scope) => server.exportData(scope),
    importData: (lines) => server.importData(lines),
  };
}
