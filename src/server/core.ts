import {
  ChatError,
  parseCommand,
  toChatError,
  type Command,
  type CommandType,
  type Limits,
  type Message,
  type Outcome,
  type ResultOf,
  type Room,
  type RoomSettings,
  type ServerEvent,
  type SessionSnapshot,
  type User,
} from '../protocol';
import { announce, type Announcement } from './announce';
import { checkRoomInput, checkUserInput, type RoomInput, type UserInput } from './backendInput';
import { FLOOD_LIMITED, handlers, READ_LIMITED, READ_ONLY, SYSTEM_ACTOR_ID, SYSTEM_COMMANDS } from './dispatch';
import type { ServerContext } from './context';
import { createLiveModeration, type Gates } from './liveModeration';
import { andThen, attempt, type MaybePromise } from './maybe';
import { removePerson, tombstonePage, type DeletedUser } from './people';
import { announcePresence, sweepPresence } from './presence';
import { sweepStreams } from './streaming';
import { sweepCrowdCounts } from './crowdCounts';
import { expireTyping } from './receipts';
import { createRoomRecord } from './rooms';
import { roomSettingsFor } from './roomSettings';
import { createServerRules } from './serverRules';
import { createSessionRegistry, type SessionRecord } from './sessions';
import { snapshotFor } from './snapshot';
import type { Delivery, StorageEngine, StoredUser } from './storage';
import { createTransactionRunner } from './transactions';
import { exportRecords, importRecords, type ExportRecord, type ExportScope, type ImportSummary } from './transfer';
import type { ReferenceServerOptions } from './types';
import { announceUser } from './users';
import { storableCustomData } from './validate';
import { userView } from './views';

/**
 * A session whose answers come now or later, depending on the storage. Internal to the server:
 * the façades in server.ts wrap it.
 *
 * @example
 * const session = await core.connect('ana', (event) => console.log(event.type));
 * await session.handle({ type: 'room.listPublic' });
 */
export interface CoreSession {
  readonly userId: string;
  readonly closed: boolean;
  snapshot(): MaybePromise<SessionSnapshot>;
  handle(command: unknown): MaybePromise<Outcome<ResultOf<CommandType>>>;
  close(): MaybePromise<void>;
}

/**
 * The one implementation behind both façades: every method answers now or later, as the storage
 * does. Internal to the server.
 *
 * @example
 * const core = createServerCore({}, createMemoryStorage());
 * now(core.upsertUser({ id: 'ana', name: 'Ana' }));
 */
export interface ServerCore {
  readonly limits: Readonly<Limits>;
  readonly epoch: string;
  readonly storage: StorageEngine;
  upsertUser(input: UserInput): MaybePromise<User>;
  getUser(userId: string): MaybePromise<User | undefined>;
  listUsers(page?: { afterId?: string; limit?: number }): MaybePromise<User[]>;
  createRoom(input: RoomInput): MaybePromise<Room>;
  getRoom(roomId: string): MaybePromise<Room | undefined>;
  getRoomSettings(userId: string, roomId: string): MaybePromise<RoomSettings | undefined>;
  actAs(userId: string, command: unknown): MaybePromise<Outcome<ResultOf<CommandType>>>;
  actAsSystem(command: unknown): MaybePromise<Outcome<ResultOf<CommandType>>>;
  connect(userId: string, listener: (event: ServerEvent) => void): MaybePromise<CoreSession>;
  tick(): MaybePromise<void>;
  sweepPresence(): Promise<number>;
  sweepStreams(): Promise<number>;
  sweepCrowdCounts(): Promise<number>;
  subscribe(listener: (deliveries: readonly Delivery[]) => void): () => void;
  deleteUser(userId: string): Promise<DeletedUser>;
  announce(input: Announcement): MaybePromise<Message[]>;
  exportData(scope: ExportScope): AsyncGenerator<ExportRecord>;
  importData(lines: AsyncIterable<string> | Iterable<string>): Promise<ImportSummary>;
}

/**
 * Builds the core over a storage engine: the rules from the options, this host's sessions, and
 * the moderation settings in force. Internal to the server.
 *
 * @example
 * const core = createServerCore({ now: () => clock }, createMemoryStorage());
 */
export function createServerCore(options: Omit<ReferenceServerOptions, 'storage'>, storage: StorageEngine): ServerCore {
  const rules = createServerRules(options);
  const clock = rules.now;
  const limits = rules.limits;
  const run = createTransactionRunner(storage, rules);
  const moderation = createLiveModeration(options, rules, run);
  const epoch = options.epoch ?? storage.epoch;
  const sessions = createSessionRegistry();
  storage.subscribe(sessions.deliver);
  storage.subscribe(moderation.hear);
  let importing = false;

  function failure(error: unknown): Outcome<never> {
    return { ok: false, error: error instanceof ChatError ? error : toChatError(error) };
  }

  /** Parses and runs one untrusted command as `userId`; never throws: every failure, a bug included, is an Outcome error. */
  function runCommand(userId: string, input: unknown, limits: Gates | undefined): MaybePromise<Outcome<ResultOf<CommandType>>> {
    return attempt(
      () =>
        andThen(moderation.load(), () => {
          const parsed = parseCommand(input);
          if (!parsed.ok) throw parsed.error;
          const command = parsed.value;
          if (limits && FLOOD_LIMITED.has(command.type)) {
            const retryAfterMs = limits.writes.take(userId);
            if (retryAfterMs > 0) throw new ChatError('rate_limited', `Too many changes too quickly; try again in ${retryAfterMs} ms.`, { retryAfterMs });
          }
          if (limits && READ_LIMITED.has(command.type)) {
            const retryAfterMs = limits.reads.take(userId);
            if (retryAfterMs > 0) throw new ChatError('rate_limited', `Too many history reads too quickly; try again in ${retryAfterMs} ms.`, { retryAfterMs });
          }
          // The parsed command's type picks its handler; TypeScript cannot correlate the two through the union.
          const handler = handlers[command.type] as (ctx: ServerContext, actor: StoredUser, command: Command) => ResultOf<CommandType>;
          return run((ctx) => {
            const actor = ctx.tx.getUser(userId);
            if (!actor) throw new ChatError('unauthorized', `There is no user with id "${userId}".`);
            return handler(ctx, actor, command);
          }, READ_ONLY.has(command.type), false, { command: command.type, actorId: userId });
        }),
      (value): Outcome<ResultOf<CommandType>> => ({ ok: true, value }),
      failure,
    );
  }

  /** Runs one room-management command as the host app's backend (see SYSTEM_COMMANDS). */
  function runSystemCommand(input: unknown): MaybePromise<Outcome<ResultOf<CommandType>>> {
    return attempt(
      () =>
        andThen(moderation.load(), () => {
          const parsed = parseCommand(input);
          if (!parsed.ok) throw parsed.error;
          const command = parsed.value;
          if (!SYSTEM_COMMANDS.has(command.type)) throw new ChatError('invalid', `The system cannot run ${command.type}; it manages rooms and edits or deletes messages.`);
          const handler = handlers[command.type] as (ctx: ServerContext, actor: StoredUser, command: Command) => ResultOf<CommandType>;
          const actor: StoredUser = { user: { id: SYSTEM_ACTOR_ID, name: 'System', presence: { state: 'offline' } }, blocked: [] };
          // A settings change reaches this host, as every other, by its moderation.settings.updated delivery (in commit order).
          return run((ctx) => handler(ctx, actor, command), READ_ONLY.has(command.type), true, { command: command.type, actorId: SYSTEM_ACTOR_ID });
        }),
      (value): Outcome<ResultOf<CommandType>> => ({ ok: true, value }),
      failure,
    );
  }

  function closeSession(record: SessionRecord): MaybePromise<void> {
    sessions.remove(record);
    return run((ctx) => {
      // Counted down first: the person may have been deleted meanwhile, and a new one with their id starts at 0.
      const open = ctx.tx.closeSession(record.userId);
      const stored = ctx.tx.getUser(record.userId);
      if (!stored || open > 0) return;
      // Nobody is typing from a closed tab.
      for (const roomId of ctx.tx.roomIdsOf(record.userId)) {
        const room = ctx.tx.getRoom(roomId);
        if (room) ctx.stopTyping(room, record.userId);
      }
      stored.user.presence = { state: 'offline', lastSeenAt: ctx.now() };
      ctx.tx.putUser(stored.user);
      announcePresence(ctx, stored.user);
    });
  }

  function openSession(userId: string, listener: (event: ServerEvent) => void): CoreSession {
    const record = sessions.add(userId, listener);
    return {
      userId,
      get closed() {
        return !record.open;
      },
      snapshot: () => run((ctx) => snapshotFor(ctx, userId, rules.typing, epoch), true),
      handle: (command) => {
        if (!record.open) return { ok: false, error: new ChatError('unavailable', 'This session is closed; connect again.') };
        return runCommand(userId, command, moderation.gates);
      },
      close: () => {
        if (!record.open) return;
        record.open = false;
        return closeSession(record);
      },
    };
  }

  return {
    limits,
    epoch,
    storage,

    upsertUser(input) {
      checkUserInput(input);
      return run((ctx) => {
        const customData = input.customData === undefined ? undefined : storableCustomData(ctx, input.customData, 'user');
        const existing = ctx.tx.getUser(input.id);
        const user: User = { id: input.id, name: input.name, presence: existing?.user.presence ?? { state: 'offline' } };
        // The site role is set through its own route, never reset by a profile update.
        if (existing?.user.role !== undefined) user.role = existing.user.role;
        if (input.avatarUrl !== undefined) user.avatarUrl = input.avatarUrl;
        if (customData !== undefined) user.customData = customData;
        if (input.bot === true) user.bot = true;
        ctx.tx.putUser(user);
        if (existing) announceUser(ctx, user);
        return userView(user);
      }, false, false, { command: 'user.upsert', actorId: SYSTEM_ACTOR_ID });
    },

    getUser: (userId) => run((ctx) => ctx.tx.getUser(userId)?.user, true),

    listUsers: (page = {}) =>
      run((ctx) => ctx.tx.listUsers({ ...(page.afterId !== undefined ? { afterId: page.afterId } : {}), limit: Math.max(1, Math.min(page.limit ?? 1000, 1000)) }), true),

    createRoom(input) {
      const newRoom = checkRoomInput(input);
      return run((ctx) => ctx.roomView(createRoomRecord(ctx, newRoom)), false, false, { command: 'room.create', actorId: newRoom.createdBy });
    },

    getRoom: (roomId) =>
      run((ctx) => {
        const room = ctx.tx.getRoom(roomId);
        return room ? ctx.roomView(room) : undefined;
      }, true),

    getRoomSettings: (userId, roomId) => run((ctx) => roomSettingsFor(ctx, userId, roomId), true),

    actAs: (userId, command) => runCommand(userId, command, undefined),
    actAsSystem: (command) => runSystemCommand(command),

    connect(userId, listener) {
      if (typeof listener !== 'function') throw new ChatError('invalid', 'connect needs a listener function for events.');
      const opened = run((ctx) => {
        const stored = ctx.tx.getUser(userId);
        if (!stored) throw new ChatError('unauthorized', `There is no user with id "${userId}"; the host app must create them before they connect.`);
        if (ctx.tx.openSession(userId) === 1) {
          // Announced before the new session exists: it learns its own presence from its snapshot.
          stored.user.presence = { state: 'online' };
          ctx.tx.putUser(stored.user);
          announcePresence(ctx, stored.user);
        }
      });
      return andThen(opened, () => openSession(userId, listener));
    },

    subscribe: (listener) => storage.subscribe(listener),

    async deleteUser(userId) {
      if ((await run((ctx) => ctx.tx.getUser(userId), true)) === undefined) throw new ChatError('not_found', `There is no user with id "${userId}".`);
      // A page of tombstones per transaction, then the rest in one: a deletion that stops half-way
      // (a crash) is finished by asking again, since tombstones no longer carry the person's id.
      let messages = 0;
      for (;;) {
        const changed = await run((ctx) => tombstonePage(ctx, userId), false, true);
        if (changed === 0) break;
        messages += changed;
      }
      const rooms = await run((ctx) => removePerson(ctx, userId), false, true);
      sessions.closeAllOf(userId);
      return { userId, rooms, messages };
    },

    announce: (input) => run((ctx) => announce(ctx, input), false, true),

    exportData: (scope) => exportRecords(storage, scope, { epoch, now: clock() }),

    async importData(lines) {
      if (importing) throw new ChatError('conflict', 'An import is already running on this server.');
      importing = true;
      try {
        return await importRecords(storage, lines);
      } finally {
        importing = false;
      }
    },

    sweepPresence: () => sweepPresence(run),
    sweepStreams: () => sweepStreams(run),
    sweepCrowdCounts: () => sweepCrowdCounts(run),

    tick() {
      const expired = rules.typing.expired(clock());
      if (expired.length === 0) return;
      return run((ctx) => expireTyping(ctx, expired), true);
    },
  };
}
