import {
  ChatError,
  DEFAULT_LIMITS,
  parseCommand,
  toChatError,
  type Command,
  type CommandOf,
  type CommandType,
  type CustomData,
  type Limits,
  type Message,
  type ModerationSettings,
  type Outcome,
  type ResultOf,
  type Room,
  type RoomSettings,
  type ServerEvent,
  type SessionSnapshot,
  type User,
} from '../protocol';
import { cloneJson } from './clone';
import { ServerContext, type ServerRules } from './context';
import { pendingInvitations } from './invitations';
import { FLOOD_LIMITED, handlers, READ_LIMITED, READ_ONLY, SYSTEM_ACTOR_ID, SYSTEM_COMMANDS } from './dispatch';
import { createFloodGate, DEFAULT_FLOOD_LIMIT, DEFAULT_READ_LIMIT, type FloodGate } from './flood';
import { effectiveSettings, MODERATION_SETTINGS_KEY } from './moderation';
import { announce, type Announcement } from './announce';
import { andThen, attempt, now as immediate, type MaybePromise } from './maybe';
import { assertPersonId, removePerson, tombstonePage, type DeletedUser } from './people';
import { expireTyping } from './receipts';
import { createRoomRecord, type NewRoom } from './rooms';
import { roomSettingsFor, roomSettingsOf } from './roomSettings';
import { createMemoryStorage, type Delivery, type DeliveryCause, type StorageEngine, type StoredRoom, type StoredUser } from './storage';
import { randomId } from './ids';
import { exportRecords, importRecords, type ExportRecord, type ExportScope, type ImportSummary } from './transfer';
import { createTypingTracker, stageTyping } from './typing';
import { DEFAULT_STREAM_IDLE_MS, sweepStreams } from './streaming';
import type {
  ChatServer,
  ChatServerOptions,
  ChatServerSession,
  ReferenceServer,
  ReferenceServerOptions,
  ServerSession,
} from './types';
import { listBotCommands } from './slashCommands';
import { announceUser } from './users';
import { assertCustomData, isValidId, storableCustomData } from './validate';
import { messageView, roomCursorViews, userView } from './views';
import { createTextFilter } from './wordFilter';

function resolveLimits(overrides: Partial<Limits> | undefined): Readonly<Limits> {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const value = overrides?.[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) throw new ChatError('invalid', `The limit ${key} must be a whole number of at least 0.`);
    limits[key] = value;
  }
  return Object.freeze(limits);
}

/** How far back a preview looks past messages from people the reader blocks. */
const PREVIEW_LOOKBACK = 50;

function lastVisibleTopLevel(ctx: ServerContext, room: StoredRoom, blocked: ReadonlySet<string>): Message | undefined {
  // Most rooms' newest message is visible: ask for one first, and look further back only when it is not.
  const newest = ctx.tx.topLevelBefore(room.id, room.lastSequence + 1, 1);
  const candidates = newest.length === 1 && blocked.has((newest[0] as Message).authorId) ? ctx.tx.topLevelBefore(room.id, room.lastSequence + 1, PREVIEW_LOOKBACK) : newest;
  for (let index = candidates.length - 1; index >= 0; index--) {
    const message = candidates[index] as Message;
    if (!blocked.has(message.authorId)) return message;
  }
  return undefined;
}

function snapshotFor(ctx: ServerContext, userId: string, typing: ServerRules['typing'], epoch: string): SessionSnapshot {
  const record = ctx.tx.getUser(userId);
  if (!record) throw new ChatError('unauthorized', `There is no user with id "${userId}".`);
  const at = ctx.now();
  const blocked = new Set(record.blocked);
  const rooms: StoredRoom[] = [];
  for (const roomId of ctx.tx.roomIdsOf(userId)) {
    const room = ctx.tx.getRoom(roomId);
    if (room) rooms.push(room);
  }
  const typingNow: SessionSnapshot['typing'] = [];
  for (const room of rooms) {
    for (const { userId: typistId, expiresAt } of typing.active(room.id, at)) {
      if (typistId !== userId && !blocked.has(typistId)) typingNow.push({ roomId: room.id, userId: typistId, ttlMs: expiresAt - at });
    }
  }
  const lastMessages: Message[] = [];
  for (const room of rooms) {
    const last = lastVisibleTopLevel(ctx, room, blocked);
    if (last) lastMessages.push(messageView(last));
  }
  const views = rooms.map((room) => ctx.roomView(room));
  // The people the client shows: everyone of its rooms that are not crowds, and of the crowds only
  // those their views name, the authors of their previews and who is typing in them.
  const shown = new Set(ctx.audienceOf(userId));
  for (const view of views) for (const member of view.members) shown.add(member.userId);
  for (const message of lastMessages) shown.add(message.authorId);
  for (const notice of typingNow) shown.add(notice.userId);
  return {
    me: userView(record.user),
    users: ctx.tx.getUsers([...shown].sort()).map(userView),
    lastMessages,
    commands: listBotCommands(ctx),
    rooms: views,
    // A crowd's read cursors are the reader's own: everyone else's are asked for (cursor.list).
    cursors: rooms.flatMap((room) => roomCursorViews(room, userId).filter((cursor) => !ctx.isCrowd(room) || cursor.userId === userId)),
    blockedUserIds: [...record.blocked],
    typing: typingNow,
    limits: { ...ctx.limits },
    serverTime: at,
    epoch,
    invitations: pendingInvitations(ctx, userId),
    roomSettings: roomSettingsOf(ctx, userId, new Set(rooms.map((room) => room.id))),
  };
}

interface UserInput {
  id: string;
  name: string;
  avatarUrl?: string;
  customData?: CustomData;
  /** A program rather than a person: it may register slash commands. */
  bot?: boolean;
}

interface RoomInput {
  id?: string;
  name: string;
  kind: 'public' | 'private';
  createdBy: string;
  memberIds?: string[];
  customData?: CustomData;
}

/** The token buckets people's sessions spend from. */
interface Gates {
  readonly writes: FloodGate;
  readonly reads: FloodGate;
}

/** One open connection on this host. */
interface SessionRecord {
  readonly userId: string;
  open: boolean;
  readonly listener: (event: ServerEvent) => void;
}

/** A session whose answers come now or later, depending on the storage. */
interface CoreSession {
  readonly userId: string;
  readonly closed: boolean;
  snapshot(): MaybePromise<SessionSnapshot>;
  handle(command: unknown): MaybePromise<Outcome<ResultOf<CommandType>>>;
  close(): MaybePromise<void>;
}

/** Rooms with more members are crowds unless the server says otherwise (ReferenceServerOptions.crowdSize). */
const DEFAULT_CROWD_SIZE = 100;

/** People the presence sweep reads per transaction. */
const PRESENCE_SWEEP_PAGE = 500;

/** The one implementation behind both façades: every method answers now or later, as the storage does. */
interface ServerCore {
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
  subscribe(listener: (deliveries: readonly Delivery[]) => void): () => void;
  deleteUser(userId: string): Promise<DeletedUser>;
  announce(input: Announcement): MaybePromise<Message[]>;
  exportData(scope: ExportScope): AsyncGenerator<ExportRecord>;
  importData(lines: AsyncIterable<string> | Iterable<string>): Promise<ImportSummary>;
}

function checkUserInput(input: UserInput): void {
  if (typeof input !== 'object' || input === null || !isValidId(input.id)) {
    throw new ChatError('invalid', 'A user needs an id of letters, digits and _ . : @ ~ - (at most 128 characters).');
  }
  assertPersonId(input.id);
  if (typeof input.name !== 'string') throw new ChatError('invalid', 'A user needs a name, as a string.');
  // Trusted: the host app's backend vouches for the avatar URL it gives (people's own go through checkAvatarUrl in user.update).
  if (input.avatarUrl !== undefined && typeof input.avatarUrl !== 'string') throw new ChatError('invalid', 'An avatar URL must be a string.');
  if (input.customData !== undefined) assertCustomData(input.customData);
  if (input.bot !== undefined && typeof input.bot !== 'boolean') throw new ChatError('invalid', 'bot must be true or false.');
}

function checkRoomInput(input: RoomInput): NewRoom {
  if (input.id !== undefined && !isValidId(input.id)) {
    throw new ChatError('invalid', 'A room id may contain only letters, digits and _ . : @ ~ - (at most 128 characters).');
  }
  if (typeof input.name !== 'string') throw new ChatError('invalid', 'A room name must be a string.');
  if (input.kind !== 'public' && input.kind !== 'private') throw new ChatError('invalid', 'A room is public or private; direct rooms open with direct.open.');
  if (input.memberIds !== undefined && (!Array.isArray(input.memberIds) || !input.memberIds.every(isValidId))) {
    throw new ChatError('invalid', 'memberIds must be an array of user ids.');
  }
  if (input.customData !== undefined) assertCustomData(input.customData);
  const newRoom: NewRoom = { name: input.name, kind: input.kind, createdBy: input.createdBy };
  if (input.id !== undefined) newRoom.id = input.id;
  if (input.memberIds !== undefined) newRoom.memberIds = input.memberIds;
  if (input.customData !== undefined) newRoom.customData = input.customData;
  return newRoom;
}

function createServerCore(options: Omit<ReferenceServerOptions, 'storage'>, storage: StorageEngine): ServerCore {
  const clock = options.now ?? (() => Date.now());
  const limits = resolveLimits(options.limits);
  const moderationDefaults: ModerationSettings = {
    words: [...(options.wordFilter?.words ?? [])],
    floodLimit: options.floodLimit === false ? false : { ...(options.floodLimit ?? DEFAULT_FLOOD_LIMIT) },
  };
  // Mutable: the moderation settings (the admin API) replace the filter and the flood gate on this host without a restart.
  const rules: { -readonly [K in keyof ServerRules]: ServerRules[K] } = {
    moderationDefaults,
    limits,
    now: clock,
    filterText: createTextFilter(options.wordFilter),
    generateId: options.generateId ?? randomId,
    typing: createTypingTracker(),
    allowHttpUrls: options.allowHttpUrls === true,
    directMessages: options.directMessages ?? 'anyone',
    invitations: options.invitations ?? 'direct',
    crowdSize: options.crowdSize ?? DEFAULT_CROWD_SIZE,
    streamIdleMs: options.streamIdleMs ?? DEFAULT_STREAM_IDLE_MS,
  };
  const flood = createFloodGate(options.floodLimit, clock);
  const reads = createFloodGate(options.readLimit, clock, DEFAULT_READ_LIMIT, 'read limit');
  /** The buckets a person's session spends from: writes and history reads, each its own. */
  const gates: { writes: FloodGate; reads: FloodGate } = { writes: flood, reads };
  /** The settings last applied, so that an unchanged flood limit keeps everyone's buckets. */
  let appliedSettings = moderationDefaults;
  function applySettings(settings: ModerationSettings): void {
    if (JSON.stringify(settings) === JSON.stringify(appliedSettings)) return;
    const before = appliedSettings;
    appliedSettings = settings;
    rules.filterText = createTextFilter({ ...options.wordFilter, words: settings.words });
    if (JSON.stringify(before.floodLimit) !== JSON.stringify(settings.floodLimit)) gates.writes = createFloodGate(settings.floodLimit, clock);
  }
  /**
   * Stored settings are read once, before the first command this host runs; later changes, through
   * any host of the storage, arrive as a `moderation.settings.updated` delivery and apply at once.
   */
  let settingsReady = false;
  let settingsLoad: Promise<void> | null = null;
  /** Settings changes heard so far: a read that started before one must not undo it. */
  let settingsHeard = 0;
  function loadSettings(): MaybePromise<void> {
    if (settingsReady) return;
    if (settingsLoad) return settingsLoad;
    const heardBefore = settingsHeard;
    const loaded = andThen(run((ctx) => effectiveSettings(ctx.tx.getRecord(...MODERATION_SETTINGS_KEY), moderationDefaults), true), (settings) => {
      settingsReady = true;
      if (settingsHeard === heardBefore) applySettings(settings);
    });
    // A failed read (a database away) is tried again by the next command.
    if (loaded instanceof Promise) settingsLoad = loaded.finally(() => (settingsLoad = null));
    return settingsLoad ?? undefined;
  }
  const epoch = options.epoch ?? storage.epoch;
  /** This host's open sessions, by person. */
  const sessions = new Map<string, Set<SessionRecord>>();
  let importing = false;

  // Deliveries of committed transactions, in order; a listener that runs a command from inside
  // delivery has that command's events queued behind the ones already here.
  let queue: Delivery[] = [];
  let delivering = false;
  function deliver(deliveries: readonly Delivery[]): void {
    for (const delivery of deliveries) queue.push(delivery);
    if (delivering) return;
    delivering = true;
    try {
      for (let index = 0; index < queue.length; index++) {
        const delivery = queue[index] as Delivery;
        if (delivery.event.type === 'moderation.settings.updated') {
          settingsHeard++;
          settingsReady = true;
          applySettings(delivery.event.settings);
          continue;
        }
        const event = delivery.event;
        for (const userId of delivery.userIds) {
          for (const session of sessions.get(userId) ?? []) {
            if (!session.open) continue;
            try {
              session.listener(cloneJson(event));
            } catch {
              // A faulty listener is its transport's problem; it must not undo a command that already happened.
            }
          }
        }
      }
    } finally {
      queue = [];
      delivering = false;
    }
  }
  storage.subscribe(deliver);

  /** Runs `work` in one storage transaction and publishes the events it caused with it. */
  function run<T>(work: (ctx: ServerContext) => T, readOnly = false, trusted = false, cause?: DeliveryCause): MaybePromise<T> {
    // An engine may run the work again from the start (PostgreSQL, once it has loaded what the
    // work missed). Ids drawn by an earlier attempt are drawn again, in order, so the rerun asks
    // storage the same questions (`getMessage(room, id)` for a fresh id) and finds them answered.
    const drawn: string[] = [];
    // Typing notices live on this host, outside storage: each attempt stages its changes, and
    // the attempt that committed applies them, once (a rerun or a rollback changes nothing).
    let typing: ReturnType<typeof stageTyping> | undefined;
    const result = storage.transaction(
      (tx) => {
        let nextDrawn = 0;
        const generateId = (kind: 'room' | 'message'): string => {
          if (nextDrawn === drawn.length) drawn.push(rules.generateId(kind));
          return drawn[nextDrawn++]!;
        };
        typing = stageTyping(rules.typing);
        const ctx = new ServerContext(tx, { ...rules, generateId, typing }, trusted);
        const value = work(ctx);
        const outbox = ctx.takeOutbox();
        if (cause) for (const delivery of outbox) delivery.cause = cause;
        if (outbox.length > 0) tx.publish(outbox);
        return value;
      },
      { readOnly },
    ) as MaybePromise<T>;
    return andThen(result, (value) => {
      typing?.commit();
      return value;
    });
  }

  function failure(error: unknown): Outcome<never> {
    return { ok: false, error: error instanceof ChatError ? error : toChatError(error) };
  }

  /** Parses and runs one untrusted command as `userId`; never throws: every failure, a bug included, is an Outcome error. */
  function runCommand(userId: string, input: unknown, limits: Gates | undefined): MaybePromise<Outcome<ResultOf<CommandType>>> {
    return attempt(
      () =>
        andThen(loadSettings(), () => {
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
        andThen(loadSettings(), () => {
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

  function announcePresence(ctx: ServerContext, user: User): void {
    ctx.sendTo(ctx.audienceOf(user.id), { type: 'presence.changed', userId: user.id, presence: { ...user.presence } });
  }

  function closeSession(record: SessionRecord): MaybePromise<void> {
    const local = sessions.get(record.userId);
    local?.delete(record);
    if (local?.size === 0) sessions.delete(record.userId);
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
    const record: SessionRecord = { userId, open: true, listener };
    let local = sessions.get(userId);
    if (!local) sessions.set(userId, (local = new Set()));
    local.add(record);
    return {
      userId,
      get closed() {
        return !record.open;
      },
      snapshot: () => run((ctx) => snapshotFor(ctx, userId, rules.typing, epoch), true),
      handle: (command) => {
        if (!record.open) return { ok: false, error: new ChatError('unavailable', 'This session is closed; connect again.') };
        return runCommand(userId, command, gates);
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
      for (const record of sessions.get(userId) ?? []) record.open = false;
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

    async sweepPresence() {
      // Candidates in read-only pages (cheap: nobody is usually left online), then each one checked
      // again and changed in a transaction of its own, which counts sessions under the person's lock.
      let swept = 0;
      for (let afterId: string | undefined; ; ) {
        const page = await run((ctx) => {
          const ids = ctx.tx.listOnlineUsers({ ...(afterId !== undefined ? { afterId } : {}), limit: PRESENCE_SWEEP_PAGE });
          return { ids, orphans: ids.filter((userId) => ctx.tx.countSessions(userId) === 0) };
        }, true);
        for (const userId of page.orphans) {
          const changed = await run((ctx) => {
            const stored = ctx.tx.getUser(userId);
            if (!stored || stored.user.presence.state !== 'online' || ctx.tx.countSessions(userId) > 0) return false;
            stored.user.presence = { state: 'offline', lastSeenAt: ctx.now() };
            ctx.tx.putUser(stored.user);
            announcePresence(ctx, stored.user);
            return true;
          });
          if (changed) swept++;
        }
        if (page.ids.length < PRESENCE_SWEEP_PAGE) return swept;
        afterId = page.ids.at(-1);
      }
    },

    sweepStreams: () => sweepStreams(run),

    tick() {
      const expired = rules.typing.expired(clock());
      if (expired.length === 0) return;
      return run((ctx) => expireTyping(ctx, expired), true);
    },
  };
}

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
    subscribe: (listener) => server.subscribe(listener),
    deleteUser: (userId) => server.deleteUser(userId),
    announce: (input) => settle(() => server.announce(input)),
    exportData: (scope) => server.exportData(scope),
    importData: (lines) => server.importData(lines),
  };
}
