import {
  ChatError,
  DEFAULT_LIMITS,
  type CommandOf,
  type CommandType,
  type Limits,
  type Message,
  type Outcome,
  type ResultOf,
  type ServerEvent,
  type SessionSnapshot,
  type User,
} from '../protocol';
import { ServerContext } from './context';
import { runCommand } from './dispatch';
import { createFloodGate, type FloodGate } from './flood';
import { expireTyping } from './receipts';
import { createRoomRecord, type NewRoom } from './rooms';
import { cursorView, messageView, roomView, userView, type RoomRecord, type SessionRecord, type UserRecord } from './state';
import type { ReferenceServer, ReferenceServerOptions, ServerSession } from './types';
import { announceUser } from './users';
import { assertCustomData, isValidId, storableCustomData } from './validate';
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

/** A random name for a fresh history: 16 bytes of the platform's CSPRNG as hex (works in browsers and Node). */
export function randomEpoch(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function counterIds(): (kind: 'room' | 'message') => string {
  let next = 0;
  return (kind) => `${kind === 'room' ? 'room' : 'msg'}_${(++next).toString(36)}`;
}

/** Runs trusted seeding code with the same all-or-nothing event rule as commands, but throwing. */
function trusted<T>(ctx: ServerContext, work: () => T): T {
  try {
    const result = work();
    ctx.flush();
    return result;
  } catch (error) {
    ctx.discard();
    throw error;
  }
}

class Session implements ServerSession {
  constructor(
    private readonly ctx: ServerContext,
    private readonly record: SessionRecord,
    private readonly flood: FloodGate,
    private readonly onClose: (record: SessionRecord) => void,
    private readonly epoch: string,
  ) {}

  get userId(): string {
    return this.record.userId;
  }

  get closed(): boolean {
    return !this.record.open;
  }

  snapshot(): SessionSnapshot {
    return snapshotFor(this.ctx, this.record.userId, this.epoch);
  }

  handle<T extends CommandType>(command: CommandOf<T>): Outcome<ResultOf<T>>;
  handle(command: unknown): Outcome<ResultOf<CommandType>>;
  handle(command: unknown): Outcome<ResultOf<CommandType>> {
    if (!this.record.open) return { ok: false, error: new ChatError('unavailable', 'This session is closed; connect again.') };
    return runCommand(this.ctx, this.record.userId, command, this.flood);
  }

  close(): void {
    if (!this.record.open) return;
    this.record.open = false;
    this.onClose(this.record);
  }
}

/** How far back a preview looks past messages from people the reader blocks. */
const PREVIEW_LOOKBACK = 50;

function lastVisibleTopLevel(room: RoomRecord, blocked: ReadonlySet<string>): Message | undefined {
  for (let index = room.topLevel.length - 1; index >= Math.max(0, room.topLevel.length - PREVIEW_LOOKBACK); index--) {
    const message = room.messages[(room.topLevel[index] as number) - 1];
    if (message && !blocked.has(message.authorId)) return message;
  }
  return undefined;
}

function snapshotFor(ctx: ServerContext, userId: string, epoch: string): SessionSnapshot {
  const record = ctx.state.users.get(userId);
  if (!record) throw new ChatError('unauthorized', `There is no user with id "${userId}".`);
  const now = ctx.now();
  const rooms: RoomRecord[] = [];
  for (const roomId of record.rooms) {
    const room = ctx.state.rooms.get(roomId);
    if (room) rooms.push(room);
  }
  const users: User[] = [];
  for (const id of ctx.audienceOf(userId)) {
    const user = ctx.state.users.get(id)?.user;
    if (user) users.push(userView(user));
  }
  const typing: SessionSnapshot['typing'] = [];
  for (const room of rooms) {
    for (const [typistId, expiresAt] of room.typing) {
      if (expiresAt > now && typistId !== userId && !record.blocked.has(typistId)) typing.push({ roomId: room.id, userId: typistId, ttlMs: expiresAt - now });
    }
  }
  const lastMessages: Message[] = [];
  for (const room of rooms) {
    const last = lastVisibleTopLevel(room, record.blocked);
    if (last) lastMessages.push(messageView(last));
  }
  return {
    me: userView(record.user),
    users,
    lastMessages,
    rooms: rooms.map(roomView),
    cursors: rooms.flatMap((room) => [...room.cursors.values()].map(cursorView)),
    blockedUserIds: [...record.blocked],
    typing,
    limits: { ...ctx.limits },
    serverTime: now,
    epoch,
  };
}

/**
 * Creates the in-memory reference server: a pure state machine over the protocol, with no I/O and
 * no timers. Give it a fake clock in tests and call `tick()` to expire typing notices.
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
  const now = options.now ?? (() => Date.now());
  const limits = resolveLimits(options.limits);
  const ctx = new ServerContext(limits, now, createTextFilter(options.wordFilter), options.generateId ?? counterIds());
  const flood = createFloodGate(options.floodLimit, now);
  const epoch = options.epoch ?? randomEpoch();
  const { users, rooms } = ctx.state;

  function announcePresence(record: UserRecord): void {
    const { id, presence } = record.user;
    for (const userId of ctx.audienceOf(id)) ctx.send(userId, { type: 'presence.changed', userId: id, presence: { ...presence } });
  }

  function closeSession(session: SessionRecord): void {
    const record = users.get(session.userId);
    if (!record) return;
    record.sessions.delete(session);
    if (record.sessions.size > 0) return;
    trusted(ctx, () => {
      // Nobody is typing from a closed tab.
      for (const roomId of record.rooms) {
        const room = rooms.get(roomId);
        if (room) ctx.stopTyping(room, record.user.id);
      }
      record.user.presence = { state: 'offline', lastSeenAt: now() };
      announcePresence(record);
    });
  }

  return {
    limits,

    upsertUser(input) {
      if (typeof input !== 'object' || input === null || !isValidId(input.id)) {
        throw new ChatError('invalid', 'A user needs an id of letters, digits and _ . : @ ~ - (at most 128 characters).');
      }
      if (typeof input.name !== 'string') throw new ChatError('invalid', 'A user needs a name, as a string.');
      if (input.avatarUrl !== undefined && typeof input.avatarUrl !== 'string') throw new ChatError('invalid', 'An avatar URL must be a string.');
      if (input.customData !== undefined) assertCustomData(input.customData);
      const customData = input.customData === undefined ? undefined : storableCustomData(ctx, input.customData, 'user');
      return trusted(ctx, () => {
        const existing = users.get(input.id);
        const user: User = { id: input.id, name: input.name, presence: existing?.user.presence ?? { state: 'offline' } };
        if (input.avatarUrl !== undefined) user.avatarUrl = input.avatarUrl;
        if (customData !== undefined) user.customData = customData;
        if (existing) {
          existing.user = user;
          announceUser(ctx, existing);
        } else {
          users.set(user.id, { user, sessions: new Set(), blocked: new Set(), rooms: new Set() });
        }
        return userView(user);
      });
    },

    getUser(userId) {
      const record = users.get(userId);
      return record ? userView(record.user) : undefined;
    },

    listUsers() {
      return [...users.values()].map((record) => userView(record.user));
    },

    createRoom(input) {
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
      return trusted(ctx, () => roomView(createRoomRecord(ctx, newRoom)));
    },

    getRoom(roomId) {
      const room = rooms.get(roomId);
      return room ? roomView(room) : undefined;
    },

    actAs<T extends CommandType>(userId: string, command: CommandOf<T>): Outcome<ResultOf<T>> {
      return runCommand(ctx, userId, command, undefined) as Outcome<ResultOf<T>>;
    },

    connect(userId: string, listener: (event: ServerEvent) => void): ServerSession {
      const record = users.get(userId);
      if (!record) throw new ChatError('unauthorized', `There is no user with id "${userId}"; the host app must create them before they connect.`);
      if (typeof listener !== 'function') throw new ChatError('invalid', 'connect needs a listener function for events.');
      if (record.sessions.size === 0) {
        // Announced before the new session exists: it learns its own presence from its snapshot.
        trusted(ctx, () => {
          record.user.presence = { state: 'online' };
          announcePresence(record);
        });
      }
      const session: SessionRecord = { userId, open: true, listener };
      record.sessions.add(session);
      return new Session(ctx, session, flood, closeSession, epoch);
    },

    tick() {
      trusted(ctx, () => expireTyping(ctx));
    },
  };
}
