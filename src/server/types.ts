import type {
  Command,
  CommandOf,
  CommandType,
  CustomData,
  Limits,
  Message,
  Outcome,
  ResultOf,
  Room,
  RoomSettings,
  ServerEvent,
  SessionSnapshot,
  User,
} from '../protocol';
import type { Announcement } from './announce';
import type { DeletedUser } from './people';
import type { Delivery, StorageEngine, SyncStorage } from './storage';
import type { ExportRecord, ExportScope, ImportSummary } from './transfer';

/**
 * A token bucket per user: `capacity` commands at once, refilled at `refillPerSecond`.
 *
 * @example
 * createReferenceServer({ floodLimit: { capacity: 5, refillPerSecond: 1 } });
 */
export interface FloodLimit {
  capacity: number;
  refillPerSecond: number;
}

/**
 * Words the server refuses (`reject`, an `invalid` error) or masks with asterisks (`mask`).
 * Matching ignores case and respects word boundaries.
 *
 * @example
 * createReferenceServer({ wordFilter: { words: ['darn'], action: 'mask' } });
 */
export interface WordFilter {
  words: string[];
  action?: 'reject' | 'mask';
}

/**
 * Options of the reference server. Everything has a default; nothing reads a real clock or timer
 * unless you pass one.
 *
 * @example
 * let now = 0;
 * const server = createReferenceServer({ now: () => now, limits: { maxMembersPerRoom: 10 } });
 */
export interface ReferenceServerOptions {
  /** The clock. Default `Date.now`. Tests inject a fake one. */
  now?: () => number;
  /** Overrides of Chatkit's default limits. */
  limits?: Partial<Limits>;
  /** Per-user flood limit on writes; `false` turns it off. Default 20 at once, 5 a second. */
  floodLimit?: FloodLimit | false;
  /**
   * Per-user limit on history reads (`message.history`, `thread.history`, `room.resume`), separate
   * from the write flood limit; `false` turns it off. Default 40 at once, 10 a second.
   */
  readLimit?: FloodLimit | false;
  /**
   * Accept http:// avatar URLs from any host (an in-page server in development). Default false:
   * avatars are absolute https:// URLs, or http:// on localhost.
   */
  allowHttpUrls?: boolean;
  /**
   * Who may open a direct conversation with whom: `'anyone'` (default), or `'shared-room'`: only
   * people who already share a room (a workspace where strangers cannot message you). Direct
   * rooms that exist stay open either way.
   */
  directMessages?: 'anyone' | 'shared-room';
  /**
   * What adding people to a room does (`room.addMembers`, `room.create` with `memberIds`):
   * `'direct'` (default) makes them members at once; `'accept'` sends them invitations they
   * accept or decline (`invitation.accept`, `invitation.decline`), and only then are they in.
   * The host app's backend (admin API, `createRoom`) always adds directly.
   */
  invitations?: 'direct' | 'accept';
  /**
   * Rooms with more members than this are crowds: their views carry only their admins and
   * `memberCount` (clients page the rest with `room.members`), reads are told only to the reader's
   * own devices, and presence and profile changes reach only the people one shares a smaller room
   * with. What keeps a 1,000-member room's snapshot and fan-out proportional to what a client
   * shows. Default 100 (Chatkit's member limit, so only servers that raise `maxMembersPerRoom` have
   * crowds).
   */
  crowdSize?: number;
  /**
   * Streamed messages: how long, in ms, one may go without a piece (`message.append`) before
   * {@link ReferenceServer.sweepStreams} ends it as stopped, keeping the text so far (its author, a
   * bot, crashed or hung). Default 60 000.
   */
  streamIdleMs?: number;
  /** An optional word filter on message text and room names. */
  wordFilter?: WordFilter;
  /**
   * Makes ids for rooms and messages. Default: a prefix and 128 random bits (`room_…`, `msg_…`),
   * so ids cannot be guessed. Tests that want fixed ids pass a counter.
   */
  generateId?: (kind: 'room' | 'message') => string;
  /**
   * The name of this server's history, sent in every snapshot (see `SessionSnapshot.epoch`).
   * Default: the storage's epoch (random for a new memory storage, kept by durable ones).
   */
  epoch?: string;
  /** Where the server keeps what it knows. Default: a new memory storage. */
  storage?: SyncStorage;
}

/**
 * Options of {@link createChatServer}: the reference server's, over any storage engine.
 *
 * @example
 * const server = createChatServer({ storage: createSqliteStorage({ directory: './confab-data' }) });
 */
export interface ChatServerOptions extends Omit<ReferenceServerOptions, 'storage'> {
  storage: StorageEngine;
}

/**
 * One open connection of one person. Events for it are pushed to the listener given to
 * `connect`, synchronously, before `handle` returns; the transport decides when to deliver them.
 *
 * @example
 * const session = server.connect('ana', (event) => queue.push(event));
 * const outcome = session.handle({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'Hi' });
 */
export interface ServerSession {
  readonly userId: string;
  /** What this person sees now: profile, rooms, users, cursors, blocks, typing, limits. */
  snapshot(): SessionSnapshot;
  /** Validates and runs one command as this person. Untrusted input is fine: it is parsed first. */
  handle<T extends CommandType>(command: CommandOf<T>): Outcome<ResultOf<T>>;
  handle(command: unknown): Outcome<ResultOf<CommandType>>;
  /** Ends the session; the person goes offline when their last session closes. */
  close(): void;
  readonly closed: boolean;
}

/**
 * The in-memory reference server: a pure state machine over the protocol.
 *
 * @example
 * const server = createReferenceServer();
 * server.upsertUser({ id: 'ana', name: 'Ana' });
 * const room = server.createRoom({ name: 'general', kind: 'public', createdBy: 'ana' });
 * const session = server.connect('ana', console.log);
 */
export interface ReferenceServer {
  readonly limits: Readonly<Limits>;
  /** The name of this server's history (see `SessionSnapshot.epoch`). */
  readonly epoch: string;
  /** Creates or updates a person. Trusted: this is the host app's backend speaking. */
  upsertUser(input: { id: string; name: string; avatarUrl?: string; customData?: CustomData; bot?: boolean }): User;
  getUser(userId: string): User | undefined;
  /** People by id, a page at a time (default: the first 1,000). */
  listUsers(page?: { afterId?: string; limit?: number }): User[];
  /** Creates a room on behalf of `createdBy` (who becomes its admin). Trusted, for seeding. */
  createRoom(input: { id?: string; name: string; kind: 'public' | 'private'; createdBy: string; memberIds?: string[]; customData?: CustomData }): Room;
  getRoom(roomId: string): Room | undefined;
  /** A person's own settings of a room (muted, notification level), or undefined for the defaults. Trusted: for the host's pushes. */
  getRoomSettings(userId: string, roomId: string): RoomSettings | undefined;
  /** Runs a command as a person without a session and without the flood limit. Trusted, for seeding and simulations. */
  actAs<T extends CommandType>(userId: string, command: CommandOf<T>): Outcome<ResultOf<T>>;
  /**
   * Runs a room-management command (update, delete, add or remove members, set roles), a
   * moderator's message delete, or a history read as the host app's backend: on any room, without
   * being in it. The room's own rules (limits, the last admin) still apply. Trusted: never expose
   * it to people.
   */
  actAsSystem<T extends CommandType>(command: CommandOf<T>): Outcome<ResultOf<T>>;
  /** Opens a session. Throws ChatError `unauthorized` for an unknown user. */
  connect(userId: string, listener: (event: ServerEvent) => void): ServerSession;
  /** Ends typing notices whose time has passed on the injected clock, telling the rooms. */
  tick(): void;
  /**
   * Marks offline, with their audience told, the people stored as online who have no session open
   * on any live host: those whose host died (or a single host that was killed and restarted).
   * Hosts run it at start and now and then. Answers how many it changed.
   */
  sweepPresence(): Promise<number>;
  /**
   * Ends as stopped (the text so far kept, every member told) the streamed messages still
   * generating that were abandoned: no piece for `streamIdleMs`, or none for a few seconds while
   * their author has no session on any live host. Hosts run it at start and with the presence
   * sweep. Answers how many it ended.
   */
  sweepStreams(): Promise<number>;
  /**
   * Tells every member of a crowd its new `memberCount` when plain members joined or left it since
   * the last sweep (each join or leave reaches only the crowd's admins at once). Hosts run it with
   * the presence sweep. Answers how many rooms it told.
   */
  sweepCrowdCounts(): Promise<number>;
  /**
   * Receives the events of every committed change, on every host of the storage, in commit order
   * (for webhooks, file clean-up, metrics), including host events (`HostEvent`, to no session,
   * such as a change of the moderation settings). Returns a function that stops it.
   */
  subscribe(listener: (deliveries: readonly Delivery[]) => void): () => void;
  /**
   * Deletes a person: their messages become tombstones of the "deleted user" placeholder (text and
   * attachments gone), they leave every room (an admin's role passes on as when anyone leaves),
   * their profile and blocks go, and this host's sessions of theirs close. Trusted: the host app's
   * backend. Asynchronous even here: it runs a transaction per page of messages.
   */
  deleteUser(userId: string): Promise<DeletedUser>;
  /** Sends one system message (an announcement) to each of these rooms, all or none. Trusted. */
  announce(input: Announcement): Message[];
  /** Streams an export (NDJSON records, one storage page at a time). Trusted. */
  exportData(scope: ExportScope): AsyncIterable<ExportRecord>;
  /** Imports an export into this server, which must be empty; all or nothing. Trusted. */
  importData(lines: AsyncIterable<string> | Iterable<string>): Promise<ImportSummary>;
}

/**
 * One open connection of one person to a {@link ChatServer}: the same as {@link ServerSession},
 * with answers that arrive once storage has them.
 *
 * @example
 * const session = await server.connect('ana', (event) => socket.send(JSON.stringify(event)));
 * const outcome = await session.handle(command);
 */
export interface ChatServerSession {
  readonly userId: string;
  snapshot(): Promise<SessionSnapshot>;
  handle<T extends CommandType>(command: CommandOf<T>): Promise<Outcome<ResultOf<T>>>;
  handle(command: unknown): Promise<Outcome<ResultOf<CommandType>>>;
  close(): Promise<void>;
  readonly closed: boolean;
}

/**
 * The reference server's rules over any storage engine, as a host runs them: the same methods as
 * {@link ReferenceServer}, answering with promises, so durable and shared storage (SQLite,
 * PostgreSQL) can stand behind it.
 *
 * @example
 * const server = createChatServer({ storage });
 * await server.upsertUser({ id: 'ana', name: 'Ana' });
 * const session = await server.connect('ana', console.log);
 */
export interface ChatServer {
  /** Tells a ChatServer from a {@link ReferenceServer}: every answer here is a promise. */
  readonly answersLater: true;
  readonly limits: Readonly<Limits>;
  readonly epoch: string;
  upsertUser(input: { id: string; name: string; avatarUrl?: string; customData?: CustomData; bot?: boolean }): Promise<User>;
  getUser(userId: string): Promise<User | undefined>;
  listUsers(page?: { afterId?: string; limit?: number }): Promise<User[]>;
  createRoom(input: { id?: string; name: string; kind: 'public' | 'private'; createdBy: string; memberIds?: string[]; customData?: CustomData }): Promise<Room>;
  getRoom(roomId: string): Promise<Room | undefined>;
  /** See {@link ReferenceServer.getRoomSettings}. */
  getRoomSettings(userId: string, roomId: string): Promise<RoomSettings | undefined>;
  actAs<T extends CommandType>(userId: string, command: CommandOf<T>): Promise<Outcome<ResultOf<T>>>;
  /** See {@link ReferenceServer.actAsSystem}. */
  actAsSystem<T extends CommandType>(command: CommandOf<T>): Promise<Outcome<ResultOf<T>>>;
  connect(userId: string, listener: (event: ServerEvent) => void): Promise<ChatServerSession>;
  tick(): Promise<void>;
  /** See {@link ReferenceServer.sweepPresence}. */
  sweepPresence(): Promise<number>;
  /** See {@link ReferenceServer.sweepStreams}. */
  sweepStreams(): Promise<number>;
  /** See {@link ReferenceServer.sweepCrowdCounts}. */
  sweepCrowdCounts(): Promise<number>;
  /** See {@link ReferenceServer.subscribe}. */
  subscribe(listener: (deliveries: readonly Delivery[]) => void): () => void;
  /** See {@link ReferenceServer.deleteUser}. */
  deleteUser(userId: string): Promise<DeletedUser>;
  /** See {@link ReferenceServer.announce}. */
  announce(input: Announcement): Promise<Message[]>;
  /** See {@link ReferenceServer.exportData}. */
  exportData(scope: ExportScope): AsyncIterable<ExportRecord>;
  /** See {@link ReferenceServer.importData}. */
  importData(lines: AsyncIterable<string> | Iterable<string>): Promise<ImportSummary>;
}

export type { Command };
