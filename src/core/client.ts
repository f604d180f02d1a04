import {
  ChatError,
  toChatError,
  type Attachment,
  type CommandOf,
  type CommandType,
  type CustomData,
  type Message,
  type MessageSearchPage,
  type PollInput,
  type ResultOf,
  type RoomSearchPage,
  type UserSearchPage,
  type Role,
  type Room,
  type RoomSettings,
  type SequenceRange,
  type ServerEvent,
  type SessionSnapshot,
  type User,
} from '../protocol';
import { updateState, type ClientContext } from './clientContext';
import { HistoryLoader } from './historyLoader';
import { clearFocus, jumpToMessage } from './jumpToMessage';
import { loadAround } from './loadAround';
import { MemberPages } from './memberPages';
import { createModeration, type Moderation } from './moderation';
import { createMemoryOutbox, type OutboxStorage } from './outbox';
import { DeliveryReports } from './deliveryReports';
import { PollActions } from './polls';
import { ReadCursors } from './readCursors';
import { setRoomSettings, type RoomSettingsPatch } from './roomSettings';
import { SendQueue } from './sendQueue';
import { runSlashCommand, type SlashInvocation, type SlashOutcome } from './slashCommands';
import {
  applyEvent,
  applySnapshot,
  checkCustomDataSize,
  checkRoomName,
  createChatStore,
  forgetHistory,
  readonlyStore,
  roomsWithForeignHistory,
  selectTimeline,
  validateMessage,
  withRoom,
  withBlockedUserIds,
  withUser,
  withoutInvitation,
  type ChatState,
  type ChatStore,
  type PendingMessage,
  type ReadonlyChatStore,
} from './store';
import { forgetRoom } from './store/events';
import type { ConnectionStatus, Transport } from './transport';
import { StreamedMessages } from './streamedMessages';
import { TypingNotices } from './typingNotices';

/**
 * Options of {@link createChatClient}.
 *
 * @example
 * const client = createChatClient({ transport, typingThrottleMs: 3000, onError: console.warn });
 */
export interface ChatClientOptions {
  transport: Transport;
  /** Where unsent messages wait. Default: in memory. */
  outbox?: OutboxStorage;
  /** The clock, for typing expiry and pending timestamps. Default `Date.now`. */
  now?: () => number;
  /** At most one typing notice per room this often, in ms. Default 2000 (notices last 5000). */
  typingThrottleMs?: number;
  /** Messages per history page. Default 50. */
  pageSize?: number;
  /** Makes idempotency keys for sends. Default: 128 random bits. */
  createClientId?: () => string;
  /** Failures of background work (resume, outbox, read cursors) that no caller awaits. */
  onError?: (error: ChatError) => void;
  /** At most one delivery report (`cursor.delivered`) per room this often, in ms. Default 1000. */
  deliveryThrottleMs?: number;
}

/**
 * Which page of the public room directory to ask for (`room.listPublic`).
 *
 * @example
 * const next = await client.listPublicRooms({ afterId: rooms.at(-1)?.id, limit: 20, nameContains: 'design' });
 */
export interface PublicRoomsQuery {
  /** The page after this room id (ids ascending); the first page without it. */
  afterId?: string;
  /** Rooms a page; the server gives at most 100 (and 100 when absent). */
  limit?: number;
  /** Only rooms whose name contains this, ignoring case. */
  nameContains?: string;
}

/**
 * What a person writes. Only `text` (or an attachment) is required.
 *
 * @example
 * await client.sendMessage('general', { text: 'See you at 3?', mentions: ['bo'] });
 */
export interface SendMessageInput {
  text: string;
  attachments?: Attachment[];
  mentions?: string[];
  /** Makes this a reply in the thread of that message. */
  parentId?: string;
  /** Quotes that message. */
  quotedId?: string;
  customData?: CustomData;
  /** `action` sends an emote (`/me waves` shows as "* Ana waves"). */
  kind?: 'action';
}

/**
 * A framework-free chat client: commands go out through the transport, server events fold into
 * `store`, and anything (React hooks, another framework, a test) reads the store.
 *
 * @example
 * const client = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
 * await client.connect();
 * await client.loadOlder('general');
 * await client.sendMessage('general', { text: 'Hello' });
 * client.store.getState().timelines;
 */
export interface ChatClient {
  /** Everything the client knows; read-only (only the client writes to it). */
  readonly store: ReadonlyChatStore;
  /** Opens the transport; resolves when the first session is open. */
  connect(): Promise<void>;
  /** Closes the transport and stops every timer. */
  close(): void;

  /** Sends optimistically: the message shows as `sending` at once and resolves with the server's copy. */
  sendMessage(roomId: string, input: SendMessageInput): Promise<Message>;
  /** Sends a failed message again with the same client id. */
  retrySend(clientId: string): Promise<Message>;
  /** Drops a pending or failed message that was not confirmed. */
  discardPending(clientId: string): void;
  editMessage(roomId: string, messageId: string, input: { text: string; mentions?: string[]; customData?: CustomData }): Promise<Message>;
  deleteMessage(roomId: string, messageId: string): Promise<Message>;
  toggleReaction(roomId: string, messageId: string, emoji: string): Promise<Message>;
  /** Stops a streamed message being written (for the person who asked for it, or a room admin). */
  stopStreaming(roomId: string, messageId: string): Promise<Message>;
  /** Moves the signed-in user's read cursor forward to `sequence` (default: the room's newest). */
  markRead(roomId: string, sequence?: number): Promise<void>;
  /**
   * Moves the signed-in user's read cursor back to just before this message: it and everything
   * after it are unread again (on every device of theirs), and the cursor is flagged `markedUnread`
   * until they read on.
   */
  markUnread(roomId: string, messageId: string): Promise<void>;
  /** Pins a message in a room (room admins; either person of a direct room). */
  pinMessage(roomId: string, messageId: string): Promise<Message>;
  unpinMessage(roomId: string, messageId: string): Promise<Message>;
  /** The room's pinned messages, newest pin first. */
  listPinnedMessages(roomId: string): Promise<Message[]>;
  /** Tells the room the user is typing; throttled, so call it on every keystroke. */
  notifyTyping(roomId: string): void;
  stopTyping(roomId: string): void;

  /** Loads the page before the oldest held message (the newest page when none is held). */
  loadOlder(roomId: string): Promise<void>;
  /** Loads the page after the newest held message. */
  loadNewer(roomId: string): Promise<void>;
  /** Loads one page into a gap (the oldest gap by default). */
  fillGap(roomId: string, gap?: SequenceRange): Promise<void>;
  /** Loads the pages before and from `sequence` (e.g. the first unread), to open a room there. */
  loadAround(roomId: string, sequence: number): Promise<void>;
  /**
   * Takes the reader to a message: loads the pages around it if needed and asks the list to
   * scroll there and mark it (`state.focus`); `<Chat>` opens its room. `sequence` is a hint.
   */
  jumpToMessage(roomId: string, messageId: string, sequence?: number): Promise<void>;
  /** Lets the focus request with this token go (the list calls it once it has scrolled). */
  clearFocus(token: number): void;
  /** Loads a thread's newest replies, or the page before those held. */
  loadThread(roomId: string, parentId: string): Promise<void>;

  createRoom(input: { name: string; kind: 'public' | 'private'; memberIds?: string[]; customData?: CustomData }): Promise<Room>;
  updateRoom(roomId: string, patch: { name?: string; customData?: CustomData; topic?: string }): Promise<Room>;
  deleteRoom(roomId: string): Promise<void>;
  joinRoom(roomId: string): Promise<Room>;
  leaveRoom(roomId: string): Promise<void>;
  addMembers(roomId: string, userIds: string[]): Promise<Room>;
  removeMembers(roomId: string, userIds: string[]): Promise<Room>;
  setRole(roomId: string, userId: string, role: Role): Promise<Room>;
  /**
   * A page of public rooms by id (at most 100; see {@link PublicRoomsQuery}); fewer than `limit`
   * means it was the last.
   */
  listPublicRooms(query?: PublicRoomsQuery): Promise<Room[]>;
  /** Accepts an invitation to a room: the user joins it. */
  acceptInvitation(roomId: string): Promise<Room>;
  /** Declines an invitation to a room. */
  declineInvitation(roomId: string): Promise<void>;
  /** Takes back someone's pending invitation to a room (the inviter, or an admin). */
  withdrawInvitation(roomId: string, userId: string): Promise<Room>;
  /**
   * Loads the next page of a crowd's members (the first when none is loaded) into
   * `memberPages`, their profiles into `users`. A crowd's view lists only its admins (its
   * `memberCount` says how many there are); a small room's view lists everyone and needs no call.
   */
  loadMembers(roomId: string): Promise<void>;
  /** Finds or creates the direct room with one person. */
  openDirectRoom(userId: string): Promise<Room>;

  /** Finds messages by their words, newest first, in one room or every room of the user (`before`: the `next` of the page before). */
  searchMessages(query: string, options?: { roomId?: string; before?: string; limit?: number }): Promise<MessageSearchPage>;
  /** Finds people by part of their name or id (`after`: the `next` of the page before). */
  searchPeople(query: string, options?: { after?: string; limit?: number }): Promise<UserSearchPage>;
  /** Finds public rooms by part of their name (`after`: the `next` of the page before). */
  searchPublicRooms(query: string, options?: { after?: string; limit?: number }): Promise<RoomSearchPage>;

  blockUser(userId: string): Promise<void>;
  unblockUser(userId: string): Promise<void>;
  updateProfile(patch: { name?: string; avatarUrl?: string; customData?: CustomData }): Promise<User>;
  getUsers(userIds: string[]): Promise<User[]>;

  /** Mutes, bans and reports (issue #13); the server decides who may. */
  readonly moderation: Moderation;
  /** Sets the signed-in person's own settings of a room (muted, notification level); shown at once, confirmed by the server. */
  setRoomSettings(roomId: string, patch: RoomSettingsPatch): Promise<RoomSettings>;
  /**
   * Calls `listener` with every server event after it is folded into the store (e.g. to notify of
   * new messages); answers the function that stops it.
   */
  subscribeEvents(listener: (event: ServerEvent) => void): () => void;

  /** Sends any command as is; the escape hatch for what has no method yet. */
  request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>>;

  // Slash commands and polls (issue #14)
  /** Runs a slash command in a room (a built-in here, a bot's on the server); refuses unknown names and sends nothing then. */
  runCommand(roomId: string, invocation: SlashInvocation): Promise<SlashOutcome>;
  /** Creates a poll (checked first: 2–10 distinct options); resolves with its message. */
  createPoll(roomId: string, input: PollInput): Promise<Message>;
  /** Sets one's vote in a poll ([] takes it back); the counts and one's own vote update at once. */
  votePoll(roomId: string, messageId: string, optionIds: readonly string[]): Promise<Message>;
  /** Closes a poll (its author or a room admin). */
  closePoll(roomId: string, messageId: string): Promise<Message>;
  /** One's own vote in a poll, asked of the server once and then kept in `ownPollVotes`. */
  loadOwnPollVote(roomId: string, messageId: string): Promise<readonly string[]>;
}

function randomClientId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `c_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** Throws the problem a pure check found, if any: one copy of each rule lives in the store's checks. */
function orThrow(problem: ChatError | null): void {
  if (problem) throw problem;
}

/**
 * Creates a chat client over a transport.
 *
 * @example
 * const client = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
 * await client.connect();
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  return new DefaultChatClient(options);
}

/**
 * The client wires its parts together: the send queue (outbox and retries), the history loader,
 * read cursors and typing notices each live in their own file and share one context.
 */
class DefaultChatClient implements ChatClient {
  private readonly writableStore: ChatStore = createChatStore();
  readonly store: ReadonlyChatStore = readonlyStore(this.writableStore);
  private readonly transport: Transport;
  private readonly outbox: OutboxStorage;
  private readonly now: () => number;
  private readonly createClientId: () => string;
  private readonly reportError: (error: ChatError) => void;
  private readonly sends: SendQueue;
  private readonly history: HistoryLoader;
  private readonly reads: ReadCursors;
  private readonly deliveries: DeliveryReports;
  private readonly typing: TypingNotices;
  private readonly members: MemberPages;
  private readonly streamed: StreamedMessages;
  readonly moderation: Moderation;
  private readonly polls: PollActions;
  private online = false;
  private closed = false;
  private sessions = 0;
  private connecting: Promise<void> | null = null;
  private readonly eventListeners = new Set<(event: ServerEvent) => void>();
  private readonly context: ClientContext;

  constructor(options: ChatClientOptions) {
    this.transport = options.transport;
    this.outbox = options.outbox ?? createMemoryOutbox();
    this.now = options.now ?? Date.now;
    this.createClientId = options.createClientId ?? randomClientId;
    this.reportError = options.onError ?? (() => {});
    const context: ClientContext = {
      transport: this.transport,
      store: this.writableStore,
      now: this.now,
      reportError: this.reportError,
      isOnline: () => this.online,
      isClosed: () => this.closed,
      sessionCount: () => this.sessions,
    };
    this.context = context;
    this.sends = new SendQueue(context, this.outbox);
    this.history = new HistoryLoader(
      context,
      options.pageSize ?? 50,
      (message) => this.sends.confirmed(message),
      (roomId) => this.reloadRoom(roomId),
    );
    this.reads = new ReadCursors(context);
    this.deliveries = new DeliveryReports(context, options.deliveryThrottleMs ?? 1000);
    this.typing = new TypingNotices(context, options.typingThrottleMs ?? 2000);
    this.members = new MemberPages(context);
    this.streamed = new StreamedMessages(context);
    this.moderation = createModeration(context);
    this.polls = new PollActions(context, this.createClientId);
  }

  private get state(): ChatState {
    return this.writableStore.getState();
  }

  private update(change: (state: ChatState) => Partial<ChatState>): void {
    updateState(this.writableStore, change);
  }

  connect(): Promise<void> {
    if (this.connecting) return this.connecting;
    this.connecting = (async () => {
      this.sends.restore(await this.outbox.load());
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        this.transport.open({
          onSession: (snapshot) => {
            this.handleSession(snapshot);
            if (!settled) {
              settled = true;
              resolve();
            }
          },
          onEvent: (event) => this.handleEvent(event),
          onStatus: (status) => {
            this.handleStatus(status);
            if (!settled && (status.state === 'closed' || status.state === 'offline')) {
              settled = true;
              const error = status.error ? ChatError.fromPayload(status.error) : new ChatError('unavailable', status.reason ?? 'Could not connect.');
              reject(error);
            }
          },
        });
      });
    })();
    return this.connecting;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.online = false;
    this.transport.close();
    this.sends.stop();
    this.typing.stopTimers();
    this.deliveries.stopTimers();
  }

  private handleStatus(status: ConnectionStatus): void {
    this.online = status.state === 'online';
    this.update(() => ({ connection: status }));
  }

  private handleSession(snapshot: SessionSnapshot): void {
    this.online = true;
    this.sessions += 1;
    const now = this.now();
    // Rooms whose held copy is from another history (a new epoch, or sequences the server does not
    // have) are dropped in the same update that applies the snapshot, so nothing stale shows.
    const foreign = roomsWithForeignHistory(this.state, snapshot);
    const held = foreign.filter((roomId) => selectTimeline(this.state, roomId).covered.length > 0);
    this.update((state) => ({ ...applySnapshot({ ...state, ...forgetHistory(state, foreign) }, snapshot, now), connection: { state: 'online' } }));
    this.typing.schedulePrune();
    this.forgetRoomParts(foreign);
    // A dropped room is asked for before the outbox is resent, so its history lands first and the
    // resent messages follow it as new ones (a list sees them appended, not history prepended).
    for (const roomId of held) void this.history.reload(roomId);
    // The outbox goes first among sends, in order, so that nothing sent later can overtake it on the wire.
    this.sends.resume();
    void this.history.resume();
    this.streamed.resync();
    // The snapshot brought each room's newest sequence to this device: that much was delivered.
    for (const room of snapshot.rooms) if (room.lastSequence > 0) this.deliveries.received(room.id, room.lastSequence);
  }

  /**
   * A room's history does not match the copy held (`room.resume` answered `conflict`): throw the
   * copy away, keeping the pending sends, and load the room again.
   */
  private reloadRoom(roomId: string): void {
    this.update((state) => {
      const { timelines, threads, previews } = forgetHistory(state, [roomId]);
      return { timelines, threads, previews };
    });
    this.forgetRoomParts([roomId]);
    void this.history.reload(roomId);
  }

  /** What the parts remember about rooms whose copy was thrown away; their sends show again. */
  private forgetRoomParts(roomIds: readonly string[]): void {
    const { messagePlaces } = this.state;
    for (const roomId of roomIds) {
      this.history.forgetRoom(roomId);
      this.reads.forgetRoom(roomId);
      this.deliveries.forgetRoom(roomId);
      messagePlaces.forgetRoom(roomId);
      this.sends.showRoom(roomId);
    }
  }

  private handleEvent(event: ServerEvent): void {
    if (event.type === 'message.appended') {
      this.streamed.fold(event);
      return;
    }
    const now = this.now();
    this.update((state) => applyEvent(state, event, now));
    if (event.type === 'message.created' && event.message.authorId === this.state.me) this.sends.confirmed(event.message);
    else if (event.type === 'message.created') this.deliveries.received(event.message.roomId, event.message.sequence);
    if (event.type === 'typing.started' || event.type === 'message.created') this.typing.schedulePrune();
    for (const listener of [...this.eventListeners]) {
      // One listener's failure must not keep the event from the others, nor from the store.
      try {
        listener(event);
      } catch (error) {
        this.reportError(toChatError(error));
      }
    }
  }

  subscribeEvents(listener: (event: ServerEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  setRoomSettings(roomId: string, patch: RoomSettingsPatch): Promise<RoomSettings> {
    return setRoomSettings(this.context, roomId, patch);
  }

  sendMessage(roomId: string, input: SendMessageInput): Promise<Message> {
    try {
      const state = this.state;
      orThrow(validateMessage(state, roomId, input, 'send'));
      const pending: PendingMessage = {
        clientId: this.createClientId(),
        roomId,
        authorId: state.me as string,
        text: input.text,
        attachments: input.attachments ?? [],
        mentions: input.mentions ?? [],
        createdAt: this.now(),
        status: 'sending',
        ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
        ...(input.quotedId !== undefined ? { quotedId: input.quotedId } : {}),
        ...(input.customData !== undefined ? { customData: input.customData } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
      };
      this.typing.messageSent(roomId);
      return this.sends.enqueue(pending);
    } catch (error) {
      return Promise.reject(toChatError(error));
    }
  }

  retrySend(clientId: string): Promise<Message> {
    return this.sends.retry(clientId);
  }

  discardPending(clientId: string): void {
    this.sends.discard(clientId);
  }

  request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>> {
    return this.transport.request(command);
  }

  private keepMessage(message: Message): Message {
    this.update((state) => applyEvent(state, { type: 'message.updated', message }, this.now()));
    return message;
  }

  async editMessage(roomId: string, messageId: string, input: { text: string; mentions?: string[]; customData?: CustomData }): Promise<Message> {
    orThrow(validateMessage(this.state, roomId, input, 'edit'));
    return this.keepMessage(await this.transport.request({ type: 'message.edit', roomId, messageId, ...input }));
  }

  async deleteMessage(roomId: string, messageId: string): Promise<Message> {
    return this.keepMessage(await this.transport.request({ type: 'message.delete', roomId, messageId }));
  }

  async toggleReaction(roomId: string, messageId: string, emoji: string): Promise<Message> {
    return this.keepMessage(await this.transport.request({ type: 'reaction.toggle', roomId, messageId, emoji }));
  }

  async stopStreaming(roomId: string, messageId: string): Promise<Message> {
    return this.keepMessage(await this.transport.request({ type: 'message.stop', roomId, messageId }));
  }

  markRead(roomId: string, sequence?: number): Promise<void> {
    return this.reads.markRead(roomId, sequence);
  }

  markUnread(roomId: string, messageId: string): Promise<void> {
    return this.reads.markUnread(roomId, messageId);
  }

  async pinMessage(roomId: string, messageId: string): Promise<Message> {
    return this.keepMessage(await this.transport.request({ type: 'message.pin', roomId, messageId }));
  }

  async unpinMessage(roomId: string, messageId: string): Promise<Message> {
    return this.keepMessage(await this.transport.request({ type: 'message.unpin', roomId, messageId }));
  }

  listPinnedMessages(roomId: string): Promise<Message[]> {
    return this.transport.request({ type: 'message.listPinned', roomId });
  }

  notifyTyping(roomId: string): void {
    this.typing.notify(roomId);
  }

  stopTyping(roomId: string): void {
    this.typing.stop(roomId);
  }

  loadOlder(roomId: string): Promise<void> {
    return this.history.loadOlder(roomId);
  }

  loadNewer(roomId: string): Promise<void> {
    return this.history.loadNewer(roomId);
  }

  fillGap(roomId: string, gap?: SequenceRange): Promise<void> {
    return this.history.fillGap(roomId, gap);
  }

  loadAround(roomId: string, sequence: number): Promise<void> {
    // Under the key of loadOlder: a first-page load asked at the same time joins this one.
    const host = { store: this.writableStore, pageSize: this.history.pageSize, request: this.transport.request.bind(this.transport), fold: this.history.foldPage.bind(this.history) };
    return this.history.run(`older:${roomId}`, roomId, () => loadAround(host, roomId, sequence));
  }

  async jumpToMessage(roomId: string, messageId: string, sequence?: number): Promise<void> {
    const host = { store: this.writableStore, request: this.transport.request.bind(this.transport), loadAround: (room: string, at: number) => this.loadAround(room, at) };
    await jumpToMessage(host, roomId, messageId, sequence);
  }

  clearFocus(token: number): void {
    clearFocus(this.writableStore, token);
  }

  loadThread(roomId: string, parentId: string): Promise<void> {
    return this.history.loadThread(roomId, parentId);
  }

  private keepRoom(room: Room): Room {
    this.update((state) => ({ rooms: withRoom(state.rooms, room) }));
    return room;
  }

  private checkRoomPatch(patch: { name?: string; customData?: CustomData }): void {
    const { limits } = this.state;
    if (patch.name !== undefined) orThrow(checkRoomName(patch.name, limits));
    orThrow(checkCustomDataSize(patch.customData, limits));
  }

  async createRoom(input: { name: string; kind: 'public' | 'private'; memberIds?: string[]; customData?: CustomData }): Promise<Room> {
    this.checkRoomPatch(input);
    return this.keepRoom(await this.transport.request({ type: 'room.create', ...input }));
  }

  async updateRoom(roomId: string, patch: { name?: string; customData?: CustomData; topic?: string }): Promise<Room> {
    this.checkRoomPatch(patch);
    return this.keepRoom(await this.transport.request({ type: 'room.update', roomId, ...patch }));
  }

  async deleteRoom(roomId: string): Promise<void> {
    await this.transport.request({ type: 'room.delete', roomId });
    this.update((state) => forgetRoom(state, roomId));
  }

  async joinRoom(roomId: string): Promise<Room> {
    return this.keepRoom(await this.transport.request({ type: 'room.join', roomId }));
  }

  async leaveRoom(roomId: string): Promise<void> {
    await this.transport.request({ type: 'room.leave', roomId });
    this.update((state) => forgetRoom(state, roomId));
  }

  async addMembers(roomId: string, userIds: string[]): Promise<Room> {
    return this.keepRoom(await this.transport.request({ type: 'room.addMembers', roomId, userIds }));
  }

  async removeMembers(roomId: string, userIds: string[]): Promise<Room> {
    const room = this.keepRoom(await this.transport.request({ type: 'room.removeMembers', roomId, userIds }));
    this.members.removed(roomId, userIds);
    return room;
  }

  async setRole(roomId: string, userId: string, role: Role): Promise<Room> {
    return this.keepRoom(await this.transport.request({ type: 'room.setRole', roomId, userId, role }));
  }

  listPublicRooms(query: PublicRoomsQuery = {}): Promise<Room[]> {
    return this.transport.request({ type: 'room.listPublic', ...query });
  }

  async acceptInvitation(roomId: string): Promise<Room> {
    const room = await this.transport.request({ type: 'invitation.accept', roomId });
    this.update((state) => ({ invitations: withoutInvitation(state.invitations, roomId) }));
    return this.keepRoom(room);
  }

  async declineInvitation(roomId: string): Promise<void> {
    await this.transport.request({ type: 'invitation.decline', roomId });
    this.update((state) => ({ invitations: withoutInvitation(state.invitations, roomId) }));
  }

  async withdrawInvitation(roomId: string, userId: string): Promise<Room> {
    return this.keepRoom(await this.transport.request({ type: 'invitation.withdraw', roomId, userId }));
  }

  loadMembers(roomId: string): Promise<void> {
    return this.members.loadMore(roomId);
  }

  async openDirectRoom(userId: string): Promise<Room> {
    return this.keepRoom(await this.transport.request({ type: 'direct.open', userId }));
  }

  searchMessages(query: string, options: { roomId?: string; before?: string; limit?: number } = {}): Promise<MessageSearchPage> {
    return this.transport.request({ type: 'message.search', query, ...options });
  }

  searchPeople(query: string, options: { after?: string; limit?: number } = {}): Promise<UserSearchPage> {
    return this.transport.request({ type: 'user.search', query, ...options });
  }

  searchPublicRooms(query: string, options: { after?: string; limit?: number } = {}): Promise<RoomSearchPage> {
    return this.transport.request({ type: 'room.searchPublic', query, ...options });
  }

  async blockUser(userId: string): Promise<void> {
    const { blockedUserIds } = await this.transport.request({ type: 'user.block', userId });
    this.update((state) => withBlockedUserIds(state, blockedUserIds));
  }

  async unblockUser(userId: string): Promise<void> {
    const { blockedUserIds } = await this.transport.request({ type: 'user.unblock', userId });
    this.update((state) => withBlockedUserIds(state, blockedUserIds));
    // Their messages were never sent here: the newest of each held room come again, merged in place.
    for (const roomId of Object.keys(this.state.timelines)) if (selectTimeline(this.state, roomId).covered.length > 0) void this.history.reload(roomId);
  }

  async updateProfile(patch: { name?: string; avatarUrl?: string; customData?: CustomData }): Promise<User> {
    orThrow(checkCustomDataSize(patch.customData, this.state.limits));
    const user = await this.transport.request({ type: 'user.update', ...patch });
    this.update((state) => withUser(state, user));
    return user;
  }

  async getUsers(userIds: string[]): Promise<User[]> {
    const users = await this.transport.request({ type: 'user.get', userIds });
    this.update((state) => {
      let next: Partial<ChatState> = {};
      for (const user of users) next = { ...next, ...withUser({ ...state, ...next }, user) };
      return next;
    });
    return users;
  }

  runCommand(roomId: string, invocation: SlashInvocation): Promise<SlashOutcome> {
    return runSlashCommand(this, roomId, invocation);
  }

  createPoll(roomId: string, input: PollInput): Promise<Message> {
    return this.polls.create(roomId, input);
  }

  votePoll(roomId: string, messageId: string, optionIds: readonly string[]): Promise<Message> {
    return this.polls.vote(roomId, messageId, optionIds);
  }

  closePoll(roomId: string, messageId: string): Promise<Message> {
    return this.polls.close(roomId, messageId);
  }

  loadOwnPollVote(roomId: string, messageId: string): Promise<readonly string[]> {
    return this.polls.ownVote(roomId, messageId);
  }
}
